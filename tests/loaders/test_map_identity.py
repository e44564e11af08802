"""Mapping: deterministic IRIs, the assessment id policy, and shared nodes met by every document."""

from __future__ import annotations

from dataclasses import replace

from records import kawasaki_kaigo, second_document

from loaders.map import MappedAssessment, map_assessment
from pia_kg.iri import IriMinter, short_hash
from pia_kg.store.embedded import EmbeddedStore

BASE = "https://w3id.org/pia-kg/id/"


def subjects(nquads: bytes) -> set[str]:
    store = EmbeddedStore(None)
    store.replace_graph("urn:g", nquads)
    return {row["s"].value for row in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }").rows}


def all_subjects(mapped: MappedAssessment) -> set[str]:
    """Subjects of the document's quads and of its shared quads."""
    return subjects(mapped.nquads) | subjects(mapped.shared_nquads)


def test_same_record_maps_to_identical_quads() -> None:
    first = map_assessment(kawasaki_kaigo(), IriMinter())
    again = map_assessment(kawasaki_kaigo(), IriMinter())
    assert first.nquads == again.nquads
    assert first.triples == again.triples > 300


def test_assessment_id_is_municipality_number_and_publication_date() -> None:
    mapped = map_assessment(kawasaki_kaigo(), IriMinter())
    assert mapped.assessment_id == "川崎市-61-2025-06-06"
    assert mapped.assessment == BASE + "assessment/川崎市-61-2025-06-06"
    assert mapped.graph == IriMinter().graph("川崎市-61-2025-06-06")
    assert mapped.series == BASE + "assessment-series/川崎市-61"


def test_missing_date_uses_file_hash_and_missing_number_uses_title_hash() -> None:
    record = kawasaki_kaigo(published=None, sha256="0123456789abcdef" * 4)
    assert map_assessment(record, IriMinter()).assessment_id == "川崎市-61-h0123456789"
    unnumbered = replace(record, cover=replace(record.cover, number=None))
    expected = f"川崎市-n{short_hash(record.cover.title or '')}-h0123456789"
    assert map_assessment(unnumbered, IriMinter()).assessment_id == expected


def test_missing_date_is_reported() -> None:
    mapped = map_assessment(kawasaki_kaigo(published=None), IriMinter())
    assert any("公表日" in w.message for w in mapped.warnings)


def test_base_iri_is_configurable() -> None:
    mapped = map_assessment(kawasaki_kaigo(), IriMinter("https://example.org/kg"))
    assert mapped.assessment == "https://example.org/kg/assessment/川崎市-61-2025-06-06"
    assert mapped.reference_graph == "https://example.org/kg/graph/reference"
    assert all(s.startswith("https://example.org/kg/") for s in all_subjects(mapped))


def test_shared_nodes_are_the_same_in_two_documents() -> None:
    kawasaki = all_subjects(map_assessment(kawasaki_kaigo(), IriMinter()))
    kawaguchi = all_subjects(map_assessment(second_document(), IriMinter()))
    shared = kawasaki & kawaguchi
    for iri in (
        BASE + "law/425AC0000000027",
        BASE + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131",
        BASE + "law/425AC0000000027/article/9/paragraph/1/table/別表/table-item/100",
        BASE + "organization/富士通Japan株式会社",
        BASE + "system/intermediate-server",
    ):
        assert iri in shared
    assert any(iri.startswith(BASE + "body/") for iri in shared)
    # per-document nodes hang under each assessment and never meet
    assert not {iri for iri in shared if iri.startswith(BASE + "assessment/")}
    assert BASE + "local-government/川崎市" in kawasaki
    assert BASE + "local-government/川口市" in kawaguchi


def test_per_document_nodes_hang_under_the_assessment() -> None:
    mapped = map_assessment(kawasaki_kaigo(), IriMinter())
    nodes = subjects(mapped.nquads)
    a = mapped.assessment
    for path in (
        "/file/1",
        "/file/1/provision/2",
        "/file/1/provision/2/annex-row/12",
        "/file/1/transfer/1",
        "/file/1/outsourcing/1",
        "/system/3",
        "/risk/1",
        "/change/1",
        "/annex/Ⅱ-5別紙/row/12",
        "/citation/1",
        "/location/1",
    ):
        assert a + path in nodes, path
