"""The load pipeline on real corpus documents: bad files fail alone, reloads add nothing, versions link."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from loaders.extract import extract
from loaders.map import MappedAssessment, map_assessment
from loaders.pipeline import Pipeline, discover
from loaders.read import check_is_assessment, read_document
from loaders.report import Figures
from loaders.segment import segment
from pia_kg.iri import IriMinter
from pia_kg.namespaces import sparql_prologue
from pia_kg.settings import REPO_ROOT
from pia_kg.store.embedded import EmbeddedStore

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
KAWASAKI = CORPUS / "001_b80d6855a7643af9.txt"
KAWAGUCHI = CORPUS / "002_e85a03c2c6247dbf.txt"
pytestmark = pytest.mark.skipif(not KAWASAKI.is_file(), reason="corpus not found next to the repository")
MINTER = IriMinter()


def select(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    return [{k: v.value for k, v in row.items()} for row in store.select(sparql_prologue() + query).rows]


def quad_count(store: EmbeddedStore) -> int:
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return int(rows[0]["n"].value)


def assessment_graphs(store: EmbeddedStore) -> list[str]:
    others = (MINTER.ontology_graph, MINTER.reference_graph)
    return [g for g in store.graphs() if g.startswith(MINTER.base + "graph/") and g not in others]


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """One good corpus document, three bad files, and files a folder scan must skip."""
    shutil.copy(KAWASAKI, tmp_path / KAWASAKI.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "minutes.txt").write_text("会議録\n\n出席者: 山田、佐藤\n議題: 予算について\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a document\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    return tmp_path


def test_discover_skips_readme_hidden_and_other_suffixes(mixed_folder: Path) -> None:
    names = [p.name for p in discover([mixed_folder])]
    assert names == sorted([KAWASAKI.name, "binary.txt", "empty.txt", "minutes.txt"])


def test_bad_files_fail_alone_with_one_clear_reason(mixed_folder: Path) -> None:
    store = EmbeddedStore(None)
    report = Pipeline(store, MINTER).run([mixed_folder])
    by_name = {doc.name: doc for doc in report.documents}
    assert by_name[KAWASAKI.name].ok
    failed = {doc.name: (doc.failed_stage, doc.error) for doc in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt", "minutes.txt"}
    assert failed["minutes.txt"][0] == "check"
    assert "not an assessment" in (failed["minutes.txt"][1] or "")
    assert all(error and "\n" not in error for _, error in failed.values())
    assert all(doc.graph is None and doc.triples == 0 for doc in report.failed)
    assert assessment_graphs(store) == [by_name[KAWASAKI.name].graph]
    assert MINTER.ontology_graph in store.graphs()
    assert len(select(store, "SELECT ?a WHERE { ?a a pia:Assessment }")) == 1


def test_reloading_a_document_adds_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(None)
    pipeline = Pipeline(store, MINTER)
    first = pipeline.run([KAWASAKI]).documents[0]
    count = quad_count(store)
    again = pipeline.run([KAWASAKI]).documents[0]
    assert again.assessment_id == first.assessment_id
    assert again.triples == first.triples
    assert quad_count(store) == count
    assert len(assessment_graphs(store)) == 1
    assert MINTER.reference_graph in store.graphs()


ITEM_131 = MINTER.base + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"


def test_two_documents_citing_one_provision_store_its_triples_once() -> None:
    store = EmbeddedStore(None)
    report = Pipeline(store, MINTER).run([KAWASAKI, KAWAGUCHI])
    assert all(doc.ok for doc in report.documents)
    graphs = [doc.graph for doc in report.documents]
    values = " ".join(f"<{g}>" for g in graphs)
    common = select(
        store,
        f"""SELECT DISTINCT ?p WHERE {{ GRAPH <{graphs[0]}> {{ ?c pia:citesProvision ?p }}
              GRAPH <{graphs[1]}> {{ ?d pia:citesProvision ?p }} }}""",
    )
    provisions = {row["p"] for row in common}
    assert ITEM_131 in provisions and len(provisions) > 10
    for provision in sorted(provisions):
        holding = select(store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{provision}> rdfs:label ?l }} }}")
        assert holding == [{"g": MINTER.reference_graph}], provision
        assert len(select(store, f"SELECT ?l WHERE {{ <{provision}> rdfs:label ?l }}")) == 1, provision
    # no document graph describes a shared node, except to point at its own nodes (a department's head post)
    leaked = select(
        store,
        f"""SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}
              FILTER(STRSTARTS(STR(?s), "{MINTER.base}law/") || STRSTARTS(STR(?s), "{MINTER.base}body/")
                     || STRSTARTS(STR(?s), "{MINTER.base}system/") || STRSTARTS(STR(?s), "{MINTER.base}organization/")
                     || STRSTARTS(STR(?s), "{MINTER.base}local-government/"))
              FILTER(!STRSTARTS(STR(?o), "{MINTER.base}assessment/")) }}""",
    )
    assert leaked == []
    labels = select(store, f"SELECT ?l WHERE {{ <{MINTER.base}system/intermediate-server> rdfs:label ?l }}")
    assert len(labels) == 1


def test_a_later_version_links_to_the_earlier_one(tmp_path: Path) -> None:
    text = KAWAGUCHI.read_text(encoding="utf-8")
    later = text.replace("公表日\n\n令和7年6月6日", "公表日\n\n令和8年6月6日", 1)
    assert later != text
    (tmp_path / "later.txt").write_text(later, encoding="utf-8")
    store = EmbeddedStore(None)
    pipeline = Pipeline(store, MINTER)
    # the later version first: the chain does not depend on loading order
    newer = pipeline.load_document(tmp_path / "later.txt")
    older = pipeline.load_document(KAWAGUCHI)
    assert newer.ok and older.ok
    assert older.assessment_id.rsplit("-", 3)[0] == newer.assessment_id.rsplit("-", 3)[0]
    assert newer.assessment_id.endswith("2026-06-06")
    rows = select(store, "SELECT ?new ?old WHERE { ?new pia:previousVersion ?old . ?new prov:wasRevisionOf ?old }")
    assert rows == [{"new": MINTER.assessment(newer.assessment_id), "old": MINTER.assessment(older.assessment_id)}]
    assert len(select(store, "SELECT ?a WHERE { ?a a pia:Assessment }")) == 2
    assert older.previous_versions == []


CORPUS_FILES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def corpus_load() -> tuple[EmbeddedStore, dict[str, object]]:
    store = EmbeddedStore(None)
    report = Pipeline(store, MINTER).run(CORPUS_FILES)
    return store, {doc.name: doc for doc in report.documents}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_corpus_document_figures_match_the_records(path: Path, corpus_load) -> None:
    store, reports = corpus_load
    doc = reports[path.name]
    assert doc.ok, f"{doc.failed_stage}: {doc.error}"
    source = read_document(path)
    check_is_assessment(source)
    record = extract(segment(source))
    assert doc.figures == Figures.of(record, doc.figures.citations)
    a = MINTER.assessment(doc.assessment_id)
    graph = f"GRAPH <{doc.graph}>"

    def count(pattern: str) -> int:
        rows = select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {graph} {{ {pattern} }} }}")
        return int(rows[0]["n"])

    flows = [flow for file in record.files for flow in file.flows]
    listed = [flow for flow in flows if flow.annex_row is None]
    assert count(f"<{a}> pia:hasFile ?x") == len(record.files)
    assert count(f"<{a}> pia:hasSystemListing ?x") == (len(record.basic.systems) if record.basic else 0)
    assert count("?x a pia:DataProvision FILTER NOT EXISTS { ?x pia:fromAnnexRow ?r }") == sum(
        1 for f in listed if f.kind == "provision"
    )
    assert count("?x a pia:DataTransfer FILTER NOT EXISTS { ?x pia:fromAnnexRow ?r }") == sum(
        1 for f in listed if f.kind == "transfer"
    )
    assert count("?x pia:expandsFlow ?listed") == sum(1 for f in flows if f.annex_row is not None and f.annex)
    assert count("?x a pia:Outsourcing") == sum(len(file.outsourcing) for file in record.files)
    assert count("?x a pia:AnnexRow") == sum(len(annex.rows) for annex in record.annexes)
    assert count("?x a pia:Citation") == doc.figures.citations
    assert count(f"<{a}> pia:hasRisk ?x") == len(record.risks)
    assert count(f"<{a}> pia:hasChange ?x") == len(record.changes)
    unread = select(
        store,
        f"SELECT ?x WHERE {{ {graph} {{ ?x pia:inAssessment ?a FILTER NOT EXISTS {{ ?x pia:readFrom ?l }} }} }}",
    )
    assert unread == []


@pytest.mark.parametrize("stage", ["extract", "map_assessment"])
def test_a_crashing_stage_writes_nothing_for_that_document(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise KeyError("unexpected layout detail")

    monkeypatch.setattr(f"loaders.pipeline.{stage}", crash)
    store = EmbeddedStore(None)
    doc = Pipeline(store, MINTER).load_document(KAWASAKI)
    assert not doc.ok
    assert doc.failed_stage == stage.removesuffix("_assessment")
    assert doc.error == "KeyError: 'unexpected layout detail'"
    assert store.graphs() == []


def test_a_document_the_store_refuses_writes_neither_graph(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its own graph and its shared triples go in one transaction: a bad shared part leaves both untouched."""

    def broken_shared(record: object, minter: IriMinter, **kwargs: object) -> MappedAssessment:
        return replace(map_assessment(record, minter, **kwargs), shared_nquads=b"<https://e/x> not rdf .\n")

    store = EmbeddedStore(None)
    pipeline = Pipeline(store, MINTER)
    loaded = pipeline.load_document(KAWASAKI)
    assert loaded.ok
    before = quad_count(store)
    monkeypatch.setattr("loaders.pipeline.map_assessment", broken_shared)
    assert pipeline.load_document(KAWASAKI).failed_stage == "store"  # a reload: the stored version stays whole
    doc = pipeline.load_document(KAWAGUCHI)  # a new document: nothing of it is stored
    assert not doc.ok and doc.failed_stage == "store"
    assert quad_count(store) == before
    assert assessment_graphs(store) == [loaded.graph]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_the_load_report_names_a_publication_date_the_document_does_not_state(path: Path, corpus_load) -> None:
    """000, 001 and 003 print no 公表日 (001 and 003 print the label empty, 000 no cover fields): the date stays
    absent and the report says so; 002 states it."""
    _store, reports = corpus_load
    doc = reports[path.name]
    named = any("公表日" in warning.message for warning in doc.warnings)
    published = extract(segment(read_document(path))).cover.published
    assert named == (published is None)
    assert (published is None) == (path.name[:3] in ("000", "001", "003"))
