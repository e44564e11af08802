"""Mapping: provenance on every extracted node, the source file, the load activity and labels."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from records import kawasaki_kaigo, mapped_store, select

from loaders.map import map_assessment
from pia_kg.iri import IriMinter
from pia_kg.store.embedded import EmbeddedStore

A = "https://w3id.org/pia-kg/id/assessment/川崎市-61-2025-06-06"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return mapped_store(kawasaki_kaigo())


# The check: every node read from a document says where it was read. Returns no rows when all is well.
CHECK_READ_FROM = """
SELECT ?node WHERE {
  ?node pia:inAssessment ?a .
  FILTER NOT EXISTS { ?node pia:readFrom ?loc . ?loc a pia:DocumentLocation ; pia:sectionPath ?section ;
                      pia:lineStart ?start ; pia:lineEnd ?end ; pia:inSourceFile ?file }
}"""


def test_every_node_in_an_assessment_was_read_from_a_location(store: EmbeddedStore) -> None:
    assert select(store, CHECK_READ_FROM) == []
    assert len(select(store, "SELECT ?node WHERE { ?node pia:inAssessment ?a }")) > 20


def test_every_per_document_node_is_tied_to_its_assessment(store: EmbeddedStore) -> None:
    """Every node under the assessment IRI is extracted (pia:inAssessment) except locations and the load."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?node WHERE {{ ?node a ?class .
              FILTER(STRSTARTS(STR(?node), "{A}/"))
              FILTER NOT EXISTS {{ ?node pia:inAssessment <{A}> }}
              FILTER NOT EXISTS {{ ?node a pia:DocumentLocation }}
              FILTER NOT EXISTS {{ ?node a pia:LoadActivity }} }}""",
    )
    assert rows == []


def test_check_catches_a_node_without_location() -> None:
    store = EmbeddedStore(None)
    store.replace_graph("urn:g", f"<{A}/x> <https://w3id.org/pia-kg/ontology#inAssessment> <{A}> .\n".encode())
    assert select(store, CHECK_READ_FROM) == [{"node": A + "/x"}]


def test_location_of_a_flow(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?section ?start ?end ?name ?sha WHERE {{ <{A}/file/1/provision/1> pia:readFrom ?loc .
              ?loc pia:sectionPath ?section ; pia:lineStart ?start ; pia:lineEnd ?end ; pia:inSourceFile ?file .
              ?file a pia:SourceFile ; pia:fileName ?name ; pia:sha256 ?sha . <{A}> pia:sourceFile ?file }}""",
    )
    assert rows == [
        {
            "section": "Ⅱ/ファイル1/5/提供先1",
            "start": "260",
            "end": "267",
            "name": "001_b80d6855a7643af9.txt",
            "sha": "b8" * 32,
        }
    ]


def test_load_activity_without_and_with_time() -> None:
    plain = map_assessment(kawasaki_kaigo(), IriMinter())
    timed = map_assessment(kawasaki_kaigo(), IriMinter(), loaded_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert timed.triples == plain.triples + 1
    store = EmbeddedStore(None)
    store.replace_graph(timed.graph, timed.nquads, shared=timed.shared_nquads, shared_graph=timed.reference_graph)
    rows = select(
        store,
        """SELECT ?used ?generated ?t WHERE { ?load a pia:LoadActivity ; prov:used ?used ;
              prov:generated ?generated ; prov:endedAtTime ?t }""",
    )
    assert rows == [
        {
            "used": "https://w3id.org/pia-kg/id/source-file/" + "b8" * 32,
            "generated": A,
            "t": "2026-01-02T03:04:05Z",
        }
    ]


def test_nodes_a_person_sees_are_labelled_in_japanese(store: EmbeddedStore) -> None:
    rows = select(
        store,
        """SELECT DISTINCT ?node ?class WHERE { ?node a ?class .
              FILTER(?class NOT IN (pia:DocumentLocation, pia:LoadActivity))
              FILTER NOT EXISTS { ?node rdfs:label ?l FILTER(LANG(?l) = "ja") } }""",
    )
    assert rows == []
