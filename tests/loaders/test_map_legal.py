"""Mapping: citations, the provision chain, and legal bases straight from flows to provisions."""

from __future__ import annotations

import pytest
from records import kawasaki_kaigo, mapped_store, select

from pia_kg.store.embedded import EmbeddedStore

BASE = "https://w3id.org/pia-kg/id/"
ITEM_131 = BASE + "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    return mapped_store(kawasaki_kaigo())


def test_table_item_chain_up_to_the_law(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?level ?node WHERE {{
              <{ITEM_131}> pia:partOf* ?node . ?node pia:provisionLevel ?level }}""",
    )
    levels = {row["level"].rsplit("/", 1)[1]: row["node"] for row in rows}
    assert levels == {
        "table-item": ITEM_131,
        "table": BASE + "law/bango-19-8-order/article/2/table/第2条の表",
        "article": BASE + "law/bango-19-8-order/article/2",
    }
    top = select(store, f"SELECT ?law WHERE {{ <{BASE}law/bango-19-8-order/article/2> pia:partOf ?law }}")
    assert top == [{"law": BASE + "law/bango-19-8-order"}]
    laws = select(store, f"SELECT DISTINCT ?law WHERE {{ <{ITEM_131}> pia:partOf*/pia:inLaw ?law }}")
    assert laws == [{"law": BASE + "law/bango-19-8-order"}]


def test_provision_components_are_literals(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?a ?t ?ti ?label WHERE {{ <{ITEM_131}> pia:article ?a ; pia:table ?t ; pia:tableItem ?ti ;
              rdfs:label ?label }}""",
    )
    assert rows == [{"a": "2", "t": "第2条の表", "ti": "131", "label": "主務省令第2条の表の131の項"}]


def test_current_and_order_tables_are_different_nodes(store: EmbeddedStore) -> None:
    tables = {
        row["t"]
        for row in select(
            store, "SELECT DISTINCT ?t WHERE { ?t pia:provisionLevel ?l . FILTER(STRENDS(STR(?l), '/table')) }"
        )
    }
    assert tables == {
        BASE + "law/425AC0000000027/article/9/paragraph/1/table/別表",
        BASE + "law/bango-19-8-order/article/2/table/第2条の表",
    }


def test_flow_has_citation_node_and_direct_legal_basis(store: EmbeddedStore) -> None:
    rows = select(
        store,
        """SELECT ?text ?provision ?basis ?role WHERE {
              ?flow a pia:DataProvision ; pia:itemNumber 2 ; pia:hasCitation ?c ; dpv:hasLegalBasis ?basis .
              FILTER NOT EXISTS { ?flow pia:expandsFlow ?listed }
              ?c a pia:Citation ; pia:citedText ?text ; pia:citesProvision ?provision ; pia:citationRole ?role }""",
    )
    assert rows == [
        {
            "text": "番号法第19条第8号に基づく主務省令第2条の表の131の項",
            "provision": ITEM_131,
            "basis": ITEM_131,
            "role": "https://w3id.org/pia-kg/code/citation-role/flow-basis",
        }
    ]


def test_number_use_basis_and_network_basis(store: EmbeddedStore) -> None:
    use = select(store, "SELECT ?p WHERE { ?a pia:numberUseBasis/pia:citesProvision ?p }")
    assert use == [{"p": BASE + "law/425AC0000000027/article/9/paragraph/1/table/別表/table-item/100"}]
    affair_basis = select(store, "SELECT ?p WHERE { ?a pia:describesAffair/dpv:hasLegalBasis ?p }")
    assert affair_basis == use
    network = select(
        store,
        "SELECT ?p ?role WHERE { ?a pia:networkBasis ?c . ?c pia:citesProvision ?p ; pia:citationRole ?role }",
    )
    assert {row["p"] for row in network} == {
        ITEM_131,
        ITEM_131.replace("/131", "/132"),
        BASE + "law/425AC0000000027/article/19/item/8",
    }
    assert {row["role"].rsplit("/", 1)[1] for row in network} == {"network-query"}


def test_law_node(store: EmbeddedStore) -> None:
    rows = select(
        store,
        f"""SELECT ?id ?kind ?short WHERE {{ <{BASE}law/425AC0000000027> a pia:Law ; pia:eGovLawId ?id ;
              pia:lawKind ?kind ; skos:altLabel ?short }}""",
    )
    assert rows == [{"id": "425AC0000000027", "kind": "https://w3id.org/pia-kg/code/law-kind/act", "short": "番号法"}]
    ordinance = select(store, "SELECT ?law ?lg WHERE { ?law pia:enactedBy ?lg }")
    assert ordinance == [{"law": BASE + "law/ordinance-川崎市-番号利用条例", "lg": BASE + "local-government/川崎市"}]
