"""Every endpoint answers, and the embedded store and the Oxigraph server give the same answers."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

KAWASAKI = "川崎市-61-2025-06-06"
TAKASAKI = "高崎市-12-2019-03-01"
KAWAGUCHI = "川口市-5-2025-01-10"
ITEM_131 = "law/bango-19-8-order/article/2/table/第2条の表/table-item/131"

GET_URLS = [
    "/health",
    "/assessments",
    "/assessments?affair=介護保険",
    "/assessments?municipality=川口市",
    f"/assessments/{KAWASAKI}",
    f"/assessments/{KAWAGUCHI}",
    "/flows",
    "/flows?limit=3&offset=2",
    "/flows?affair=介護保険&kind=provision",
    "/flows?recipient=body/全国健康保険協会",
    "/flows?table_item=131",
    "/flows?law=bango-19-8-order",
    "/flows?method=network-system",
    f"/flows?assessment={KAWAGUCHI}",
    f"/flows?legal_basis={ITEM_131}",
    "/recipients",
    "/recipients?affair=介護保険",
    "/recipients?affair=Long-term care insurance",
    "/recipients?affair=国民健康保険&kind=provision",
    "/legal-bases",
    "/legal-bases?table_item=131",
    f"/legal-bases/{ITEM_131}",
    "/organizations",
    "/organizations?name=健康保険",
    "/organizations/body/全国健康保険協会",
    "/organizations/organization/富士通Japan株式会社",
    "/organizations/local-government/川崎市/department/高齢者事業推進課",
    "/systems",
    "/systems?name=中間",
    "/systems/system/中間サーバー",
    "/queries",
    "/queries/recipients-of-affair?affair=介護保険",
    "/queries/providers-to-recipient?recipient=全国健康保険協会",
    "/queries/flows-by-table-item?table_item=131",
    "/queries/vendors-by-affair",
    "/queries/systems-connected-to-hub?hub=情報提供ネットワークシステム",
    "/queries/pre-2024-citations",
    f"/queries/assessment-changes?assessment=https://w3id.org/pia-kg/id/assessment/{TAKASAKI}",
    "/queries/outsourcing-subcontracting?subcontracting=true",
    "/queries/assessments-overdue?as_of=2026-01-01",
    "/queries/risks-with-issues?rating=課題が残されている",
    "/queries/recipients-of-affair/sparql",
    "/sparql?query=" + quote("SELECT ?s WHERE { ?s a <https://w3id.org/pia-kg/ontology#Assessment> } ORDER BY ?s"),
    "/",
    f"/pages/assessments/{KAWASAKI}",
    "/pages/recipients?affair=介護保険",
]


def unordered_concatenations(answer: object) -> object:
    """GROUP_CONCAT leaves the order of its parts to the store: compare them as sorted lists."""
    if isinstance(answer, dict):
        return {k: unordered_concatenations(v) for k, v in answer.items()}
    if isinstance(answer, list):
        return [unordered_concatenations(v) for v in answer]
    if isinstance(answer, str) and ("、" in answer or ", " in answer):
        return sorted(re.split(r"、|, ", answer))
    return answer


@pytest.mark.server
@pytest.mark.parametrize("url", GET_URLS)
def test_both_stores_give_the_same_answer(both: tuple[TestClient, TestClient], url: str) -> None:
    embedded, server = (c.get(url) for c in both)
    assert embedded.status_code == server.status_code == 200, (embedded.text[:300], server.text[:300])
    if embedded.headers["content-type"].startswith("application/json"):
        assert unordered_concatenations(embedded.json()) == unordered_concatenations(server.json())
    else:
        assert embedded.text == server.text
    assert embedded.headers.get("x-total-count") == server.headers.get("x-total-count")


def test_assessment_list_has_the_cover_facts(client: TestClient) -> None:
    kawasaki = next(a for a in client.get("/assessments").json() if a["id"] == KAWASAKI)
    assert kawasaki == {
        "id": KAWASAKI,
        "iri": f"https://w3id.org/pia-kg/id/assessment/{KAWASAKI}",
        "kind": "full",
        "number": "61",
        "title": "介護保険法による介護保険に関する事務 全項目評価書",
        "agency": "神奈川県川崎市市長",
        "municipality": "川崎市",
        "prefecture": "神奈川県",
        "published": "2025-06-06",
        "form_version": "平成30年5月 様式4",
        "affair": {
            "iri": f"https://w3id.org/pia-kg/id/assessment/{KAWASAKI}/affair",
            "label": "介護保険法による介護保険に関する事務",
            "categories": [
                {
                    "iri": "https://w3id.org/pia-kg/code/affair-category/long-term-care-insurance",
                    "label": "介護保険",
                    "label_en": "Long-term care insurance",
                }
            ],
        },
        "source": {"document": "001_kawasaki_kaigo.txt", "sha256": "aaaa1111"},
    }
    assert [a["id"] for a in client.get("/assessments?affair=介護保険").json()] == [KAWASAKI, TAKASAKI]


def test_assessment_detail(client: TestClient) -> None:
    detail = client.get(f"/assessments/{KAWASAKI}").json()
    assert [(s["no"], s["name"], [c["label"] for c in s["connections"]]) for s in detail["systems"]] == [
        (1, "介護保険システム", ["中間サーバー"]),
        (2, "中間サーバー", ["情報提供ネットワークシステム"]),
    ]
    assert detail["files"] == [
        {
            "no": 1,
            "name": "介護保険情報ファイル",
            "iri": f"https://w3id.org/pia-kg/id/assessment/{KAWASAKI}/file/1",
            "declared": {"provision": 2, "transfer": 1, "outsourcing": 1},
            "listed": {"provision": 2, "transfer": 1, "outsourcing": 1},
        }
    ]
    assert [(b["article"], b["paragraph"]) for b in detail["number_use_legal_bases"]] == [("9", "1")]
    assert [b["table_item"] for b in detail["network_legal_bases"]] == ["131"]
    assert detail["changes"] == 0
    assert client.get(f"/assessments/{TAKASAKI}").json()["changes"] == 1


def test_listed_counts_use_effective_flows(client: TestClient) -> None:
    """川口市's (別紙参照) item is replaced by its annex row: 2 provisions listed, not 3."""
    files = client.get(f"/assessments/{KAWAGUCHI}").json()["files"]
    assert files[0]["listed"] == {"provision": 2, "transfer": 1, "outsourcing": 1}


def test_assessment_graph_as_turtle_and_json_ld(client: TestClient) -> None:
    turtle = client.get(f"/assessments/{KAWASAKI}", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "介護保険情報ファイル" in turtle.text
    assert "国民健康保険ファイル" not in turtle.text  # only this assessment's graph
    jsonld = client.get(f"/assessments/{KAWASAKI}?format=jsonld")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert "介護保険情報ファイル" in jsonld.text


def test_flow_objects_carry_recipient_legal_basis_and_provenance(client: TestClient) -> None:
    flows = client.get(f"/flows?assessment={KAWASAKI}&kind=provision").json()
    first = flows[0]
    assert first["iri"].endswith("/file/1/provision/1")
    assert first["recipient"] == {
        "iri": "https://w3id.org/pia-kg/id/body/全国健康保険協会",
        "id": "body/全国健康保険協会",
        "label": "全国健康保険協会",
    }
    assert first["legal_bases"] == [
        {
            "iri": "https://w3id.org/pia-kg/id/" + ITEM_131,
            "id": ITEM_131,
            "label": "第2条の表の131の項",
            "law": "番号法第19条第8号に基づく利用特定個人情報の提供に関する命令",
            "law_iri": "https://w3id.org/pia-kg/id/law/bango-19-8-order",
            "article": "2",
            "paragraph": None,
            "item": None,
            "table": "第2条の表",
            "table_item": "131",
            "text": "番号法第19条第8号に基づく主務省令第2条の表の131の項",
        }
    ]
    assert first["methods"] == [
        {
            "iri": "https://w3id.org/pia-kg/code/method/network-system",
            "code": "network-system",
            "label": "情報提供ネットワークシステム",
        }
    ]
    assert first["frequency"] == "照会の都度"
    assert first["via_annex"] is None
    assert first["source"] == {
        "document": "001_kawasaki_kaigo.txt",
        "location": "Ⅱ/ファイル1/5/提供先1",
        "lines": [412, 420],
    }


def test_flows_paging_and_total(client: TestClient) -> None:
    everything = client.get("/flows?limit=1000")
    assert everything.headers["x-total-count"] == "11"
    page = client.get("/flows?limit=4&offset=4")
    assert page.headers["x-total-count"] == "11"
    assert [f["iri"] for f in page.json()] == [f["iri"] for f in everything.json()[4:8]]


def test_annex_expanded_flow_replaces_the_listed_one(client: TestClient) -> None:
    flows = client.get(f"/flows?assessment={KAWAGUCHI}&kind=provision").json()
    assert [(f["recipient"]["label"], f["via_annex"]) for f in flows] == [
        ("国民健康保険団体連合会", None),
        ("全国健康保険協会", "Ⅱ-5別紙"),
    ] or [(f["recipient"]["label"], f["via_annex"]) for f in flows] == [
        ("全国健康保険協会", "Ⅱ-5別紙"),
        ("国民健康保険団体連合会", None),
    ]
    assert all("別紙参照" not in (f["recipient_text"] or "") for f in flows)


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for url in (
        "/assessments/横浜市-1-2020-01-01",
        "/legal-bases/law/nothing",
        "/organizations/body/nobody",
        "/systems/system/none",
        "/queries/no-such-query",
        "/pages/assessments/横浜市-1-2020-01-01",
        "/no/such/page",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["message"], url


def test_bad_parameters_are_422_with_a_message(client: TestClient) -> None:
    for url in (
        "/flows?kind=gift",
        "/flows?limit=0",
        "/flows?limit=abc",
        "/recipients?kind=x",
        "/queries/recipients-of-affair",
        "/queries/flows?nonsense=1",
        "/queries/assessments-overdue?as_of=soon",
        "/assessments?format=pdf",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert response.json()["message"], url
