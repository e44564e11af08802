"""The headline questions on the real corpus, loaded by the pipeline (embedded store and Oxigraph server).

Expected answers come from reading the documents in ../shared/corpus:
- 001 (川崎市, 介護保険, 全項目): 提供先1 全国健康保険協会 on 第2条の表の2の項, 提供先2 健康保険組合 on the 3の項,
  提供先3 全国健康保険協会 on the 7の項; 委託事項1-2 富士通Japan株式会社 (再委託する), 委託事項4 株式会社 日立製作所.
- 002 (川口市, 国民健康保険, 全項目): 提供先1 says (Ⅱ-5別紙参照); the annex lists 全国健康保険協会 on items 二, 六
  and 七; 委託事項1 株式会社 日立システムズ.
- 003 (高崎市, 住民基本台帳, 全項目): 提供先1 points to 別紙1, whose rows include 全国健康保険協会 on items 2 and 7.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pia_kg.iri import IriMinter
from pia_kg.settings import REPO_ROOT
from pia_kg.store import GraphStore
from pia_kg.store.embedded import EmbeddedStore
from pia_kg.store.remote import RemoteStore

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the corpus folder ../shared/corpus is absent")


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    from loaders.pipeline import Pipeline

    store = EmbeddedStore(tmp_path_factory.mktemp("corpus-store"))
    report = Pipeline(store, IriMinter()).run([CORPUS])
    assert [d.status for d in report.documents] == ["loaded"] * 4, [d.error for d in report.documents]
    return store


@pytest.fixture(scope="session")
def corpus_server_store(corpus_store: GraphStore, tmp_path_factory) -> Iterator[GraphStore]:
    from store_conftest import running_oxigraph

    with running_oxigraph(tmp_path_factory.mktemp("corpus-oxigraph")) as server:
        remote = RemoteStore(server.query, update_endpoint=server.update, graph_store_endpoint=server.graph_store)
        for graph in corpus_store.graphs():
            remote.replace_graph(graph, corpus_store.dump("application/n-triples", graph))
        yield remote
        remote.close()


@pytest.fixture(scope="session", params=["embedded", "server"])
def corpus(request: pytest.FixtureRequest, make_settings) -> TestClient:
    store = request.getfixturevalue("corpus_store" if request.param == "embedded" else "corpus_server_store")
    return TestClient(create_app(make_settings(), store=store))


def _recipient(rows: list[dict], label: str) -> dict:
    found = [r for r in rows if r["recipient"]["label"] == label]
    assert found, f"{label} missing from {[r['recipient']['label'] for r in rows]}"
    return found[0]


def test_the_corpus_assessments(corpus: TestClient) -> None:
    found = {(a["municipality"], a["number"]): a for a in corpus.get("/assessments").json()}
    kawasaki = found[("川崎市", "61")]
    assert kawasaki["kind"] == "full"
    assert [c["label"] for c in kawasaki["affair"]["categories"]] == ["介護保険"]
    assert ("川口市", "13") in found
    assert any(m == "高崎市" for m, _ in found)


@pytest.mark.parametrize("affair", ["介護保険", "Long-term care insurance"])
def test_who_receives_kaigo_data(corpus: TestClient, affair: str) -> None:
    rows = corpus.get("/recipients", params={"affair": affair}).json()
    kyokai = _recipient(rows, "全国健康保険協会")
    assert kyokai["municipalities"] == ["川崎市"]
    assert "provision" in kyokai["kinds"]
    assert {"2", "7"} <= {b["table_item"] for b in kyokai["legal_bases"]}
    assert "3" in {b["table_item"] for b in _recipient(rows, "健康保険組合")["legal_bases"]}
    fujitsu = _recipient(rows, "富士通Japan株式会社")
    assert fujitsu["kinds"] == ["outsourcing"]
    assert all("国民健康保険" not in a for r in rows for a in r["affairs"])


def test_which_municipalities_provide_data_to_kyokai(corpus: TestClient) -> None:
    bodies = [o for o in corpus.get("/organizations?name=全国健康保険協会").json() if o["label"] == "全国健康保険協会"]
    assert len(bodies) == 1, "全国健康保険協会 should be one node shared by every document"
    organization = corpus.get(f"/organizations/{bodies[0]['id']}").json()
    assert {f["municipality"] for f in organization["flows"]} == {"川崎市", "川口市", "高崎市"}
    rows = corpus.get("/queries/providers-to-recipient?recipient=全国健康保険協会").json()["rows"]
    assert {r["municipality_label"] for r in rows} == {"川崎市", "川口市", "高崎市"}


def test_every_flow_resting_on_table_item_2(corpus: TestClient) -> None:
    flows = corpus.get("/flows?table_item=2&law=bango-19-8-order&limit=1000").json()
    assert all(any(b["table_item"] == "2" for b in f["legal_bases"]) for f in flows)
    to_kyokai = {
        (f["municipality"], f["via_annex"] is not None)
        for f in flows
        if f["recipient"] and f["recipient"]["label"] == "全国健康保険協会"
    }
    assert to_kyokai == {("川崎市", False), ("川口市", True), ("高崎市", True)}


def test_which_vendors_hold_data_of_which_affairs(corpus: TestClient) -> None:
    rows = corpus.get("/queries/vendors-by-affair").json()["rows"]
    pairs = {(r["vendor_label"].replace(" ", ""), r.get("category_ja"), r.get("municipality_label")) for r in rows}
    assert ("富士通Japan株式会社", "介護保険", "川崎市") in pairs
    assert ("株式会社日立製作所", "介護保険", "川崎市") in pairs
    assert ("株式会社日立システムズ", "国民健康保険", "川口市") in pairs
    # 000 (川崎市 生活保護) prints no assessing body on its cover: its 委託事項3 contractor has no municipality
    assert ("富士通Japan株式会社", "生活保護", None) in pairs
    fujitsu = [
        r for r in rows if r["vendor_label"] == "富士通Japan株式会社" and r.get("municipality_label") == "川崎市"
    ]
    assert all(r["subcontracting"] is True for r in fujitsu)


# ----------------------------------------------------------------------------- the index agrees with the queries
# The REST endpoints answer from the in-memory index (api/index.py); the named queries run live SPARQL. On the
# real corpus both must give the same answers, filter by filter.
FLOW_FILTERS = [
    {},
    {"affair": "介護保険"},
    {"affair": "Long-term care insurance"},
    {"affair": "国民健康保険", "kind": "provision"},
    {"municipality": "川崎市"},
    {"table_item": "2"},
    {"law": "bango-19-8-order"},
    {"law": "住民基本台帳法"},
    {"method": "network-system"},
    {"recipient": "https://w3id.org/pia-kg/id/body/kyokai-kenpo"},
    {"kind": "outsourcing", "affair": "介護"},
]


@pytest.mark.parametrize("filters", FLOW_FILTERS, ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()) or "all")
def test_flows_endpoint_agrees_with_the_named_query(corpus: TestClient, filters: dict[str, str]) -> None:
    named = corpus.get("/queries/flows", params=filters).json()["rows"]
    answer = corpus.get("/flows", params={**filters, "limit": 1000})
    flows = answer.json()
    assert int(answer.headers["X-Total-Count"]) == len(named) == len(flows)
    assert [f["iri"] for f in flows] == [r["flow"] for r in named]
    assert [(f["purpose"], f["frequency"], f["no"]) for f in flows] == [
        (r.get("purpose"), r.get("timing"), r.get("no")) for r in named
    ]
    if filters == {}:
        assert len(flows) > 200  # the whole corpus, not an empty answer agreeing with an empty answer


def test_legal_bases_endpoint_agrees_with_the_named_query(corpus: TestClient) -> None:
    named = corpus.get("/queries/legal-bases").json()["rows"]
    listed = corpus.get("/legal-bases").json()
    assert len(listed) == len(named) > 50
    assert [
        (r["iri"], r["flow_count"], r["assessment_count"], r["municipality_count"], r["table_item"]) for r in listed
    ] == [
        (r["provision"], r["flow_count"], r["assessment_count"], r["municipality_count"], r.get("table_item_no"))
        for r in named
    ]


def test_organizations_endpoint_agrees_with_the_named_query(corpus: TestClient) -> None:
    named = corpus.get("/queries/organizations").json()["rows"]
    listed = corpus.get("/organizations").json()
    assert {(r["iri"], r["flow_count"], r["assessment_count"]) for r in listed} == {
        (r["organization"], r["flow_count"], r["assessment_count"]) for r in named
    }
    assert any(r["flow_count"] > 5 for r in listed)


@pytest.mark.parametrize("filters", [{}, {"affair": "介護保険"}, {"municipality": "川崎市"}])
def test_assessments_endpoint_agrees_with_the_named_query(corpus: TestClient, filters: dict[str, str]) -> None:
    named = corpus.get("/queries/assessments", params=filters).json()["rows"]
    listed = corpus.get("/assessments", params=filters).json()
    assert [a["iri"] for a in listed] == list(dict.fromkeys(r["assessment"] for r in named))
    assert listed


def test_assessment_legal_bases_agree_with_the_named_query(corpus: TestClient) -> None:
    checked = 0
    for assessment in corpus.get("/assessments").json():
        detail = corpus.get(f"/assessments/{assessment['id']}").json()
        rows = corpus.get("/queries/assessment-legal-bases", params={"assessment": assessment["iri"]}).json()["rows"]
        for basis, key in (("number-use", "number_use_legal_bases"), ("network", "network_legal_bases")):
            named = {(r.get("provision"), r.get("cited_text")) for r in rows if r["basis"] == basis}
            listed = {b["iri"] for b in detail[key]}
            assert listed == {p or None for p, _ in named if p} | (
                {None} if any(p is None for p, _ in named) else set()
            )
            checked += len(listed)
    assert checked > 10


def test_systems_endpoint_agrees_with_the_named_query(corpus: TestClient) -> None:
    named = corpus.get("/queries/systems").json()["rows"]
    listed = corpus.get("/systems").json()
    assert [s["iri"] for s in listed] == list(dict.fromkeys(r["system"] for r in named))
    pairs = {
        (s["iri"], entry["listing"], c["iri"]) for s in listed for entry in s["listed_in"] for c in entry["connects_to"]
    }
    assert pairs == {(r["system"], r["listing"], r["connects_to"]) for r in named if r.get("connects_to")}
    assert pairs
