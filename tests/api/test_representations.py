"""CSV tables, OpenAPI examples on every endpoint, and the HTML pages."""

from __future__ import annotations

import csv
import io
import re

import pytest
import rdflib
from fastapi.testclient import TestClient

TABLES = ["/assessments", "/flows", "/recipients?affair=介護保険", "/legal-bases", "/organizations", "/systems"]


@pytest.mark.parametrize("url", TABLES)
def test_tables_as_csv(client: TestClient, url: str) -> None:
    as_json = client.get(url).json()
    by_accept = client.get(url, headers={"Accept": "text/csv"})
    by_format = client.get(url + ("&" if "?" in url else "?") + "format=csv")
    assert by_accept.status_code == by_format.status_code == 200
    assert by_accept.headers["content-type"].startswith("text/csv")
    assert by_accept.text == by_format.text
    rows = list(csv.DictReader(io.StringIO(by_accept.text)))
    assert len(rows) == len(as_json)
    first = as_json[0]
    key = "iri" if "iri" in first else "recipient.iri"
    assert rows[0][key] == (first.get("iri") or first["recipient"]["iri"])


def test_recipients_csv_flattens_nested_fields(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/recipients?affair=介護保険&format=csv").text)))
    assert rows[0]["recipient.label"] == "全国健康保険協会"
    assert rows[0]["municipalities"] == "川崎市 | 高崎市"
    assert rows[0]["flow_count"] == "2"


def test_named_query_as_csv(client: TestClient) -> None:
    response = client.get("/queries/flows-by-table-item?table_item=131", headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted(r["municipality_label"] for r in rows) == ["川口市", "川崎市"]
    sparql_json = client.get("/queries/flows-by-table-item?table_item=131&format=sparql-json").json()
    assert len(sparql_json["results"]["bindings"]) == 2


def test_every_endpoint_has_an_example_in_openapi(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operations = [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]
    assert len(operations) >= 17
    for path, method, operation in operations:
        content = operation["responses"]["200"]["content"] if "200" in operation["responses"] else {}
        examples = [m for m in content.values() if "example" in m or "examples" in m]
        assert examples, f"{method.upper()} {path} has no response example"
        assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def test_named_queries_are_listed_with_their_parameters(client: TestClient) -> None:
    listed = {q["name"]: q for q in client.get("/queries").json()}
    for name in (
        "recipients-of-affair",
        "providers-to-recipient",
        "flows-by-table-item",
        "vendors-by-affair",
        "systems-connected-to-hub",
        "pre-2024-citations",
        "assessment-changes",
        "outsourcing-subcontracting",
        "assessments-overdue",
        "risks-with-issues",
    ):
        assert name in listed
    recipients = listed["recipients-of-affair"]
    assert recipients["title"] == {"ja": "事務のデータの受け手", "en": "Who receives an affair's data"}
    assert recipients["parameters"][0]["name"] == "affair" and recipients["parameters"][0]["required"]
    assert client.get(recipients["example_url"]).json()["count"] == 6
    text = client.get("/queries/recipients-of-affair/sparql")
    assert text.headers["content-type"].startswith("application/sparql-query")
    assert text.text.startswith("# @title-ja")


def test_pages_are_readable_html_without_external_assets(client: TestClient) -> None:
    for url in (
        "/",
        "/pages/assessments/川崎市-61-2025-06-06",
        "/pages/recipients?affair=介護保険",
        "/pages/recipients",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert '<html lang="ja">' in response.text
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', response.text)
        assert external == [], external
    assert "text/css" in client.get("/static/style.css").headers["content-type"]


def test_home_page_shows_counts_and_affairs(client: TestClient) -> None:
    page = client.get("/").text
    assert "介護保険" in page and "国民健康保険" in page
    assert "/pages/assessments/%E5%B7%9D%E5%B4%8E%E5%B8%82-61-2025-06-06" in page
    assert re.search(r"<span>3</span>評価書", page)


def test_assessment_page_draws_the_flows(client: TestClient) -> None:
    page = client.get("/pages/assessments/川崎市-61-2025-06-06").text
    svg = page[page.index("<svg") : page.index("</svg>")]
    for recipient in ("全国健康保険協会", "国民健康保険団体連合会", "高齢者事業推進課", "富士通Japan株式会社"):
        assert recipient in svg
    assert "項131" in svg
    assert "中間サーバー" in page and "介護保険情報ファイル" in page
    assert "番号の利用等に関する法律 第9条第2項" in page  # a basis with no citation text, told by law and place
    assert "id/law/425AC0000000027" not in page


def test_recipients_page_has_a_search_box_and_escapes_input(client: TestClient) -> None:
    page = client.get("/pages/recipients", params={"affair": '<script>alert("x")</script>'}).text
    assert '<form class="search"' in page
    assert "<script>" not in page
    assert "全国健康保険協会" in client.get("/pages/recipients?affair=介護保険").text


def test_assessment_as_turtle_is_self_contained(client: TestClient) -> None:
    """The Turtle view of one assessment carries the labels of the shared provisions it cites."""
    response = client.get("/assessments/川崎市-61-2025-06-06", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    provision = rdflib.URIRef(
        "https://w3id.org/pia-kg/id/law/bango-19-8-order/article/2/table/第2条の表/table-item/131"
    )
    assert (provision, rdflib.RDFS.label, None) in graph
    assert not any("川口市" in str(s) for s in graph.subjects())
