"""The benchmark corpus generator: deterministic, scales with N, keeps shared nodes shared. No timings here."""

from __future__ import annotations

import gzip
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.generate import Generator, municipality_name
from bench.seed import Seed, builtin_seed
from pia_kg.namespaces import PIA, RDF, XSD

SHARED_KINDS = ("law/", "body/", "system/", "organization/")
FLOW_TYPES = ("DataProvision", "DataTransfer", "Outsourcing")


@pytest.fixture(scope="module")
def seed() -> Seed:
    return builtin_seed()


def dataset(generator: Generator) -> list[ox.Quad]:
    return list(ox.parse(b"".join(generator.chunks()), format=ox.RdfFormat.N_QUADS))


def iris(quads: list[ox.Quad]) -> set[str]:
    return {t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}


def test_same_seed_and_n_give_byte_identical_output(seed: Seed, tmp_path: Path) -> None:
    first = Generator(seed, 12, random_seed=7).write(tmp_path / "a.nq.gz")
    second = Generator(seed, 12, random_seed=7).write(tmp_path / "b.nq.gz")
    assert (tmp_path / "a.nq.gz").read_bytes() == (tmp_path / "b.nq.gz").read_bytes()
    assert first == second
    plain = b"".join(Generator(seed, 12, random_seed=7).chunks())
    assert gzip.decompress((tmp_path / "a.nq.gz").read_bytes()) == plain


def test_another_random_seed_changes_dates_and_dropped_flows(seed: Seed) -> None:
    first, second = Generator(seed, 8, random_seed=1), Generator(seed, 8, random_seed=2)
    one = [first.copy(i)[0] for i in range(8)]
    two = [second.copy(i)[0] for i in range(8)]
    assert [r.assessment_id for r in one] != [r.assessment_id for r in two]
    assert [r.flows_dropped for r in one] != [r.flows_dropped for r in two]


def test_n_assessments_in_n_distinct_graphs(seed: Seed) -> None:
    quads = dataset(Generator(seed, 10))
    assessments = {
        q.subject.value for q in quads if q.predicate.value == RDF + "type" and q.object.value == PIA + "Assessment"
    }
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert len(assessments) == 10
    assert len(graphs) == 10 + 1  # one per assessment plus the shared reference graph


def test_size_grows_linearly_with_n(seed: Seed) -> None:
    small, large = Generator(seed, 40), Generator(seed, 160)
    small_quads = sum(small.copy(i)[0].quads for i in range(small.n))
    large_quads = sum(large.copy(i)[0].quads for i in range(large.n))
    assert 3.6 < large_quads / small_quads < 4.4


def test_shared_nodes_stay_shared_and_seed_municipalities_disappear(seed: Seed) -> None:
    base = seed.base
    seed_quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g.graph)) for g in seed.graphs for t in g.triples
    ]
    seed_shared = {i for i in iris(seed_quads) if i.startswith(tuple(base + k for k in SHARED_KINDS))}
    out = dataset(Generator(seed, 24))
    out_shared = {i for i in iris(out) if i.startswith(tuple(base + k for k in SHARED_KINDS))}
    assert out_shared <= seed_shared
    assert len(out_shared) > 0.9 * len(seed_shared)
    text = b"".join(Generator(seed, 24).chunks()).decode("utf-8")
    for name in ("川崎市", "川口市", "高崎市"):
        assert name not in text
    national_body = base + "body/jlis"
    graphs_citing_it = {q.graph_name.value for q in out if q.object == ox.NamedNode(national_body)}
    assert len(graphs_citing_it) > 12


def test_seed_municipality_becomes_one_synthetic_municipality_per_group(seed: Seed) -> None:
    generator = Generator(seed, 8)
    records = [generator.copy(i)[0] for i in range(8)]
    # seeds 0 and 1 are both 川崎市: in each group of four they share one synthetic municipality
    assert records[0].municipality == records[1].municipality
    assert records[4].municipality == records[5].municipality
    assert len({r.municipality for r in records}) == 6
    assert len({r.assessment_id for r in records}) == 8
    assert len({municipality_name(i) for i in range(5000)}) == 5000


def test_ids_dates_and_per_document_iris_are_rewritten_together(seed: Seed) -> None:
    generator = Generator(seed, 6)
    for index in range(6):
        record, data = generator.copy(index)
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        assert {q.graph_name.value for q in quads} == {record.graph}
        published = [
            q.object
            for q in quads
            if q.subject.value == record.assessment and q.predicate.value == PIA + "publicationDate"
        ]
        assert len(published) == 1
        assert published[0].datatype == ox.NamedNode(XSD + "date")
        assert record.assessment_id.endswith(published[0].value)
        per_document = {i for i in iris(quads) if i.startswith(seed.base + "assessment/")}
        assert all(i == record.assessment or i.startswith(record.assessment + "/") for i in per_document)


def test_dropped_flows_leave_no_dangling_per_document_node(seed: Seed) -> None:
    generator = Generator(seed, 8, drop_ratio=0.3)
    for index in range(8):
        record, data = generator.copy(index)
        quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        subjects = {q.subject.value for q in quads}
        referenced = {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}
        dangling = {i for i in referenced if i.startswith(record.assessment + "/")} - subjects
        assert not dangling
        assert record.flows_dropped > 0
        flows = {
            q.subject
            for q in quads
            if q.predicate.value == RDF + "type" and q.object.value in {PIA + t for t in FLOW_TYPES}
        }
        assert len(flows) == record.flows_kept


def test_no_drop_keeps_every_seed_quad(seed: Seed) -> None:
    generator = Generator(seed, len(seed.graphs), drop_ratio=0.0)
    for index, graph in enumerate(seed.graphs):
        record, _ = generator.copy(index)
        assert record.quads == len(graph.triples)
        assert record.flows_dropped == 0


def test_bulk_load_into_store_matches_the_written_file(seed: Seed, tmp_path: Path) -> None:
    store = ox.Store()
    records = Generator(seed, 5).load_into(store)
    assert len(store) == len(seed.shared) + sum(r.quads for r in records)
    assert len(list(store.named_graphs())) == 6


def test_seed_without_municipality_still_gives_distinct_assessments(seed: Seed) -> None:
    first = seed.graphs[0]
    anonymous = tuple(t for t in first.triples if t.predicate.value != PIA + "assessingBody")
    generator = Generator(Seed(seed.base, seed.source, (replace(first, triples=anonymous),), seed.shared), 3)
    records = [generator.copy(i)[0] for i in range(3)]
    assert len({r.assessment_id for r in records}) == 3
    assert len({r.graph for r in records}) == 3


def test_translate_maps_seed_examples_to_the_first_copy(seed: Seed) -> None:
    generator = Generator(seed, 4)
    record = generator.copy(1)[0]
    assert generator.translate(seed.graphs[1].assessment) == record.assessment
    assert generator.translate("番号法") == "番号法"
