"""Mapping: the split of a document's triples into its own graph and the one reference graph of shared nodes."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest
from records import kawasaki_kaigo, second_document

from loaders.map import MappedAssessment, map_assessment
from loaders.map.shared import is_reference_triple
from pia_kg.iri import IriMinter
from pia_kg.namespaces import PIA, RDFS
from pia_kg.store.embedded import EmbeddedStore

MINTER = IriMinter()
BASE = MINTER.base
A = BASE + "assessment/川崎市-61-2025-06-06"
ITEM_131 = BASE + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"
DEPARTMENT = BASE + "local-government/川崎市/department/健康福祉局長寿社会部介護保険課"


def quads(nquads: bytes) -> list[ox.Quad]:
    return list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def triple(subject: str, predicate: str, obj: str | ox.Literal) -> ox.Triple:
    target = obj if isinstance(obj, ox.Literal) else ox.NamedNode(obj)
    return ox.Triple(ox.NamedNode(subject), ox.NamedNode(predicate), target)


@pytest.mark.parametrize(
    ("iri", "shared", "per_document"),
    [
        (BASE + "law/425AC0000000027", True, False),
        (ITEM_131, True, False),
        (BASE + "body/mhlw", True, False),
        (BASE + "system/intermediate-server", True, False),
        (BASE + "system/local/x", True, False),
        (BASE + "local-government/川崎市", True, False),
        (DEPARTMENT, True, False),
        (BASE + "local-government/川崎市/assessing-body/神奈川県川崎市市長", True, False),
        (BASE + "organization/富士通Japan株式会社", True, False),
        (A, False, True),
        (A + "/file/1/provision/2", False, True),
        (BASE + "assessment-series/川崎市-61", False, True),
        (BASE + "source-file/" + "b8" * 32, False, True),
        ("https://w3id.org/pia-kg/code/rating/sufficient", False, False),
        ("https://example.org/other/law/1", False, False),
    ],
)
def test_iri_families(iri: str, shared: bool, per_document: bool) -> None:
    assert MINTER.is_shared(iri) is shared
    assert MINTER.is_per_document(iri) is per_document


def test_the_rule_by_subject_with_links_to_document_nodes_kept_in_the_document() -> None:
    label = ox.Literal("主務省令第2条の表の131の項", language="ja")
    assert is_reference_triple(MINTER, triple(ITEM_131, RDFS + "label", label))
    assert is_reference_triple(MINTER, triple(ITEM_131, PIA + "partOf", ITEM_131.rsplit("/table-item", 1)[0]))
    assert is_reference_triple(MINTER, triple(DEPARTMENT, PIA + "ofLocalGovernment", BASE + "local-government/川崎市"))
    # a per-document node's link to a shared node is the document's
    assert not is_reference_triple(MINTER, triple(A + "/citation/1", PIA + "citesProvision", ITEM_131))
    # a shared node's link to a per-document node is one document's claim
    assert not is_reference_triple(MINTER, triple(DEPARTMENT, PIA + "headPost", A + "/affair/head-post"))
    assert not is_reference_triple(MINTER, ox.Triple(ox.BlankNode(), ox.NamedNode(RDFS + "label"), label))


@pytest.fixture(scope="module")
def mapped() -> MappedAssessment:
    return map_assessment(kawasaki_kaigo(), MINTER)


def test_document_and_shared_quads_are_split_by_the_rule(mapped: MappedAssessment) -> None:
    own, shared = quads(mapped.nquads), quads(mapped.shared_nquads)
    assert (len(own), len(shared)) == (mapped.triples, mapped.shared_triples)
    assert mapped.reference_graph == BASE + "graph/reference"
    assert {q.graph_name.value for q in own} == {mapped.graph}
    assert {q.graph_name.value for q in shared} == {mapped.reference_graph}
    assert all(is_reference_triple(MINTER, q) for q in shared)
    assert not any(is_reference_triple(MINTER, q) for q in own)
    assert all(MINTER.is_per_document(q.subject.value) for q in own if q.predicate.value != PIA + "headPost")
    assert mapped.shared_triples > 50
    shared_subjects = {q.subject.value for q in shared}
    assert {ITEM_131, BASE + "law/425AC0000000027", BASE + "local-government/川崎市", DEPARTMENT} <= shared_subjects
    # links from the document to shared nodes stay in the document's graph
    assert any(q.predicate.value == PIA + "citesProvision" and q.object.value == ITEM_131 for q in own)


def test_head_post_is_the_documents_claim(mapped: MappedAssessment) -> None:
    own = quads(mapped.nquads)
    post = A + "/affair/head-post"
    assert ox.Quad(
        ox.NamedNode(DEPARTMENT), ox.NamedNode(PIA + "headPost"), ox.NamedNode(post), ox.NamedNode(mapped.graph)
    ) in set(own)
    about_post = {q.predicate.value: q.object for q in own if q.subject.value == post}
    assert about_post[RDFS + "label"].value == "介護保険課長"
    assert about_post[PIA + "inAssessment"].value == A
    assert not any(q.object.value == post or q.subject.value == post for q in quads(mapped.shared_nquads))


def test_two_documents_heads_of_one_department_stay_apart() -> None:
    first = map_assessment(kawasaki_kaigo(), MINTER)
    other = kawasaki_kaigo(published=None, sha256="0123456789abcdef" * 4)
    second = map_assessment(replace(other, basic=replace(other.basic, head_post="介護保険課担当課長")), MINTER)
    store = EmbeddedStore(None)
    for mapped in (first, second):
        store.replace_graph(
            mapped.graph, mapped.nquads, shared=mapped.shared_nquads, shared_graph=mapped.reference_graph
        )
    query = f"SELECT ?g ?title WHERE {{ GRAPH ?g {{ <{DEPARTMENT}> <{PIA}headPost> ?p . ?p <{RDFS}label> ?title }} }}"
    rows = {(row["g"].value, row["title"].value) for row in store.select(query).rows}
    assert rows == {(first.graph, "介護保険課長"), (second.graph, "介護保険課担当課長")}
    store.drop_graph(second.graph)
    assert {row["title"].value for row in store.select(query).rows} == {"介護保険課長"}


def test_two_documents_share_reference_triples_and_nothing_of_their_own() -> None:
    kawasaki, kawaguchi = map_assessment(kawasaki_kaigo(), MINTER), map_assessment(second_document(), MINTER)
    own = {(q.subject, q.predicate, q.object) for q in quads(kawasaki.nquads)}
    assert not own & {(q.subject, q.predicate, q.object) for q in quads(kawaguchi.nquads)}
    common = {q.subject.value for q in quads(kawasaki.shared_nquads)} & {
        q.subject.value for q in quads(kawaguchi.shared_nquads)
    }
    assert {ITEM_131, BASE + "law/425AC0000000027", BASE + "system/intermediate-server"} <= common
