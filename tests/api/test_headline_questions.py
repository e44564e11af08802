"""The questions the project was commissioned to answer, on the hand-made fixture graph (both stores)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

KAIGO_RECIPIENTS = [
    # (recipient, kinds, municipalities, table items of its legal bases, flows)
    ("全国健康保険協会", ["provision"], ["川崎市", "高崎市"], {"131", "94"}, 2),
    ("国民健康保険団体連合会", ["provision"], ["川崎市"], {"2"}, 1),
    ("富士通Japan株式会社", ["outsourcing"], ["川崎市"], set(), 1),
    ("株式会社高崎情報センター", ["outsourcing"], ["高崎市"], set(), 1),
    ("長寿社会課", ["transfer"], ["高崎市"], set(), 1),
    ("高齢者事業推進課", ["transfer"], ["川崎市"], set(), 1),
]


def summary(recipients: list[dict]) -> list[tuple]:
    return [
        (
            r["recipient"]["label"],
            r["kinds"],
            r["municipalities"],
            {b["table_item"] for b in r["legal_bases"] if b["table_item"]},
            r["flow_count"],
        )
        for r in recipients
    ]


@pytest.mark.parametrize(
    "affair", ["介護保険", "Long-term care insurance", "long-term care insurance", "long-term-care-insurance", "介護"]
)
def test_who_receives_kaigo_data(client: TestClient, affair: str) -> None:
    """Japanese and English category names, the code and free text all find the same recipients,
    most widely used first (then provision before transfer before outsourcing, then by name)."""
    response = client.get("/recipients", params={"affair": affair})
    assert response.status_code == 200
    answer = summary(response.json())
    assert answer[0] == KAIGO_RECIPIENTS[0]
    assert sorted(answer, key=lambda r: r[0]) == sorted(KAIGO_RECIPIENTS, key=lambda r: r[0])


def test_recipients_of_national_health_insurance_do_not_mix_in_kaigo(client: TestClient) -> None:
    labels = [r["recipient"]["label"] for r in client.get("/recipients?affair=国民健康保険").json()]
    assert sorted(labels) == sorted(
        ["全国健康保険協会", "国民健康保険団体連合会", "国民健康保険課", "富士通Japan株式会社"]
    )


def test_named_query_agrees_with_the_recipients_endpoint(client: TestClient) -> None:
    rows = client.get("/queries/recipients-of-affair?affair=介護保険").json()["rows"]
    assert {(r["to_label"], r["flows"]) for r in rows} == {(r[0], r[4]) for r in KAIGO_RECIPIENTS}


def test_which_municipalities_provide_data_to_kyokai(client: TestClient) -> None:
    rows = client.get("/queries/providers-to-recipient?recipient=全国健康保険協会").json()["rows"]
    assert sorted((r["municipality_label"], r["affair_label"]) for r in rows) == [
        ("川口市", "国民健康保険に関する事務"),
        ("川崎市", "介護保険法による介護保険に関する事務"),
        ("高崎市", "介護保険に関する事務"),
    ]
    organization = client.get("/organizations/body/全国健康保険協会").json()
    assert sorted({f["municipality"] for f in organization["flows"]}) == ["川口市", "川崎市", "高崎市"]
    assert {a["role"] for a in organization["appears_in"]} == {"recipient"}


def test_every_flow_resting_on_a_table_item(client: TestClient) -> None:
    """Item 131 of the order's table: 川崎市's listed flow and 川口市's annex-expanded flow."""
    flows = client.get("/flows?table_item=131").json()
    assert sorted((f["municipality"], f["recipient"]["label"], f["via_annex"]) for f in flows) == [
        ("川口市", "全国健康保険協会", "Ⅱ-5別紙"),
        ("川崎市", "全国健康保険協会", None),
    ]
    assert all(any(b["table_item"] == "131" for b in f["legal_bases"]) for f in flows)
    detail = client.get("/legal-bases/law/bango-19-8-order/article/2/table/第2条の表/table-item/131").json()
    assert detail["flow_count"] == 2 and detail["municipality_count"] == 2 and detail["assessment_count"] == 2
    assert sorted(f["iri"] for f in detail["flows"]) == sorted(f["iri"] for f in flows)
    rows = client.get("/queries/flows-by-table-item?table_item=131").json()["rows"]
    assert sorted(r["flow"] for r in rows) == sorted(f["iri"] for f in flows)


def test_flows_inside_a_provision_are_found_from_the_table(client: TestClient) -> None:
    flows = client.get("/flows?legal_basis=law/bango-19-8-order/article/2/table/第2条の表").json()
    assert sorted(b["table_item"] for f in flows for b in f["legal_bases"]) == ["131", "131", "2", "2"]


def test_which_vendors_hold_data_of_which_affairs(client: TestClient) -> None:
    rows = client.get("/queries/vendors-by-affair").json()["rows"]
    assert sorted(
        (r["vendor_label"], r["category_ja"], r["municipality_label"], r["subcontracting"]) for r in rows
    ) == [
        ("富士通Japan株式会社", "介護保険", "川崎市", True),
        ("富士通Japan株式会社", "国民健康保険", "川口市", True),
        ("株式会社高崎情報センター", "介護保険", "高崎市", False),
    ]
    assert rows[0]["vendor_label"] == "富士通Japan株式会社"  # the vendor serving the most municipalities first
    kaigo = client.get("/queries/vendors-by-affair?affair=介護保険").json()["rows"]
    assert sorted(r["vendor_label"] for r in kaigo) == ["富士通Japan株式会社", "株式会社高崎情報センター"]


def test_sub_contracting(client: TestClient) -> None:
    rows = client.get("/queries/outsourcing-subcontracting?subcontracting=true").json()["rows"]
    assert sorted(r["municipality_label"] for r in rows) == ["川口市", "川崎市"]
    rows = client.get("/queries/outsourcing-subcontracting?subcontracting=false").json()["rows"]
    assert [r["vendor_label"] for r in rows] == ["株式会社高崎情報センター"]


def test_systems_connected_to_the_hub(client: TestClient) -> None:
    rows = client.get("/queries/systems-connected-to-hub?hub=情報提供ネットワークシステム").json()["rows"]
    assert sorted((r["system_label"], r["municipality_label"]) for r in rows) == [
        ("中間サーバー", "川口市"),
        ("中間サーバー", "川崎市"),
    ]


def test_pre_2024_citations_and_overdue_assessments(client: TestClient) -> None:
    rows = client.get("/queries/pre-2024-citations").json()["rows"]
    assert [(r["municipality_label"], r["table"], r["table_item"]) for r in rows] == [("高崎市", "別表第二", "94")]
    overdue = client.get("/queries/assessments-overdue?as_of=2026-01-01").json()["rows"]
    assert [(r["municipality_label"], r["due"]) for r in overdue] == [("高崎市", "2024-03-01")]
    assert client.get("/queries/assessments-overdue?as_of=2024-02-29").json()["rows"] == []
    assert len(client.get("/queries/assessments-overdue?as_of=2031-01-11&years=5").json()["rows"]) == 3


def test_risks_with_issues_and_changes(client: TestClient) -> None:
    risks = client.get("/queries/risks-with-issues?rating=課題が残されている").json()["rows"]
    assert [(r["municipality_label"], r["description"]) for r in risks] == [("川崎市", "不正な提供が行われるリスク")]
    assert client.get("/queries/risks-with-issues?rating=Issues remain").json()["rows"] == risks
    changes = client.get("/queries/assessment-changes").json()["rows"]
    assert [(r["old_text"], r["new_text"]) for r in changes] == [
        ("番号法第19条第7号 別表第二の93の項", "番号法第19条第7号 別表第二の94の項")
    ]
