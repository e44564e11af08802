"""The SPARQL endpoint: read-only, every result format, content negotiation, cap and timeout."""

from __future__ import annotations

import csv
import io
import json
import time
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pia_kg.store.embedded import EmbeddedStore

SELECT = "PREFIX pia: <https://w3id.org/pia-kg/ontology#> SELECT ?a WHERE { ?a a pia:Assessment } ORDER BY ?a"
CONSTRUCT = (
    "PREFIX pia: <https://w3id.org/pia-kg/ontology#> "
    "CONSTRUCT { ?a pia:assessmentNumber ?n } WHERE { ?a pia:assessmentNumber ?n }"
)
ASSESSMENTS = [
    "https://w3id.org/pia-kg/id/assessment/川口市-5-2025-01-10",
    "https://w3id.org/pia-kg/id/assessment/川崎市-61-2025-06-06",
    "https://w3id.org/pia-kg/id/assessment/高崎市-12-2019-03-01",
]


def test_select_as_json_by_default_and_by_post(client: TestClient) -> None:
    for response in (
        client.get("/sparql", params={"query": SELECT}),
        client.post("/sparql", data={"query": SELECT}),
        client.post("/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        body = response.json()
        assert body["head"]["vars"] == ["a"]
        assert [b["a"]["value"] for b in body["results"]["bindings"]] == ASSESSMENTS


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type"),
    [
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
        ("application/json", "json", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept_and_by_format(client: TestClient, accept: str, fmt: str, media_type: str) -> None:
    by_accept = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    by_format = client.get("/sparql", params={"query": SELECT, "format": fmt})
    for response in (by_accept, by_format):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
    assert by_accept.text == by_format.text
    text = by_accept.text
    if fmt == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert [u.text for u in ET.fromstring(text).findall(".//r:uri", ns)] == ASSESSMENTS
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(text))) == [["a"], *([a] for a in ASSESSMENTS)]
    elif fmt == "tsv":
        assert text.splitlines() == ["?a", *(f"<{a}>" for a in ASSESSMENTS)]


def test_ask_and_literals(client: TestClient) -> None:
    ask = client.get("/sparql", params={"query": 'ASK { ?s <https://w3id.org/pia-kg/ontology#tableItem> "131" }'})
    assert ask.json() == {"head": {}, "boolean": True}
    literal = client.get(
        "/sparql",
        params={
            "query": "SELECT ?l ?n WHERE { <https://w3id.org/pia-kg/id/body/全国健康保険協会> "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l . "
            "<https://w3id.org/pia-kg/id/assessment/川崎市-61-2025-06-06/file/1> "
            "<https://w3id.org/pia-kg/ontology#declaredProvisionCount> ?n }"
        },
    )
    binding = literal.json()["results"]["bindings"][0]
    assert binding["l"] == {"type": "literal", "value": "全国健康保険協会", "xml:lang": "ja"}
    assert binding["n"] == {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


@pytest.mark.parametrize(
    ("accept", "fmt", "media_type", "marker"),
    [
        ("text/turtle", "turtle", "text/turtle", "assessmentNumber"),
        ("application/n-triples", "nt", "application/n-triples", '"61"'),
        ("application/ld+json", "jsonld", "application/ld+json", "assessmentNumber"),
    ],
)
def test_construct_formats(client: TestClient, accept: str, fmt: str, media_type: str, marker: str) -> None:
    for response in (
        client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept}),
        client.get("/sparql", params={"query": CONSTRUCT, "format": fmt}),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media_type)
        assert marker in response.text
    if fmt == "jsonld":
        assert len(json.loads(response.text)) == 3


@pytest.mark.parametrize(
    "update",
    [
        "DROP ALL",
        "INSERT DATA { <https://e/a> <https://e/b> <https://e/c> }",
        "PREFIX x: <https://e/> # comment\n DELETE WHERE { ?s ?p ?o }",
        "CLEAR DEFAULT",
        "LOAD <https://example.org/data.ttl>",
    ],
)
def test_updates_are_refused(client: TestClient, store, triple_count, update: str) -> None:
    before = triple_count(store)
    refused = [
        client.get("/sparql", params={"query": update}),
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}),
        client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert "read-only" in response.json()["message"]
    assert triple_count(store) == before


def test_bad_queries_are_400_and_service_is_refused(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "SELECT WHERE {"}).status_code == 400
    assert client.get("/sparql").status_code == 400
    assert client.get("/sparql", params={"query": "HELLO"}).status_code == 400
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": service}).status_code == 403
    assert client.get("/sparql", params={"query": SELECT, "format": "pdf"}).status_code == 422
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415


def test_result_cap(embedded_store, make_settings) -> None:
    capped = TestClient(create_app(make_settings(result_cap=2), store=embedded_store))
    response = capped.get("/sparql", params={"query": SELECT})
    assert len(response.json()["results"]["bindings"]) == 2
    assert response.headers["x-result-capped"] == "2"
    graph = capped.get("/sparql", params={"query": CONSTRUCT, "format": "nt"})
    assert len(graph.text.strip().splitlines()) == 2
    assert graph.headers["x-result-capped"] == "2"
    assert "x-result-capped" not in capped.get("/sparql", params={"query": SELECT + " LIMIT 1"}).headers


class SlowStore(EmbeddedStore):
    """A store whose SELECTs take longer than the operator allows."""

    def select(self, query: str):
        time.sleep(1.5)
        return super().select(query)


def test_timeout_gives_503_with_a_message(make_settings) -> None:
    slow = TestClient(create_app(make_settings(query_timeout_s=0.2), store=SlowStore(None)))
    response = slow.get("/sparql", params={"query": SELECT})
    assert response.status_code == 503
    assert "too long" in response.json()["message"]
