"""Hostile input to every parameter of every endpoint: nothing escapes the parameter it was given in."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from pia_kg.queries import catalogue
from pia_kg.settings import Settings

HOSTILE = [
    '"',
    "'",
    "}",
    "{",
    "} ; DROP ALL ; SELECT * WHERE {",
    '" } ; DROP ALL ; #',
    "\"') } DROP ALL ; INSERT DATA { <https://e/x> <https://e/p> 1 } #",
    "https://w3id.org/pia-kg/id/body/x> } ; DROP ALL ; <https://e/y",
    "<https://w3id.org/pia-kg/id/body/全国健康保険協会>",
    "line one\n} DROP ALL\nline three",
    "\\u0022 } DROP ALL",
    "\\",
    "x" * 5000,
    "介護保険\u0000\u202e😀",
    "?flow",
    "UNDEF",
    "",
]

LIST_ENDPOINTS: dict[str, list[str]] = {
    "/assessments": ["affair", "municipality", "format"],
    "/flows": [
        "assessment",
        "affair",
        "municipality",
        "recipient",
        "kind",
        "law",
        "table_item",
        "legal_basis",
        "method",
        "limit",
        "offset",
        "format",
    ],
    "/recipients": ["affair", "municipality", "kind", "format"],
    "/legal-bases": ["law", "table_item", "format"],
    "/organizations": ["name", "format"],
    "/systems": ["name", "format"],
    "/pages/recipients": ["affair"],
}
ID_ENDPOINTS = ["/assessments/", "/legal-bases/", "/organizations/", "/systems/", "/pages/assessments/", "/queries/"]


def _named_query_parameters() -> list[tuple[str, str, bool]]:
    return [(q.name, p.name, p.required) for q in catalogue(Settings().queries_dir) for p in q.parameters]


def _check(response, unfiltered: int | None = None) -> None:
    assert response.status_code in (200, 404, 422), (response.status_code, response.text[:300])
    if response.status_code != 200:
        assert response.json()["message"]
    elif unfiltered is not None and response.headers["content-type"].startswith("application/json"):
        assert len(response.json()) <= unfiltered


@pytest.fixture
def before(store, triple_count) -> int:
    return triple_count(store)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_list_endpoint_parameters(client: TestClient, store, triple_count, before: int, value: str) -> None:
    for path, names in LIST_ENDPOINTS.items():
        unfiltered = len(client.get(path).json()) if not path.startswith("/pages") else None
        for name in names:
            _check(client.get(path, params={name: value}), unfiltered)
    assert triple_count(store) == before


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_ids_in_paths(client: TestClient, store, triple_count, before: int, value: str) -> None:
    for path in ID_ENDPOINTS:
        if not value.strip() or "\x00" in value:
            continue
        _check(client.get(path + quote(value, safe="")))
        _check(client.get(path + "body/" + quote(value, safe="")))
    _check(client.get("/assessments/" + quote(value, safe=""), headers={"Accept": "text/turtle"}))
    response = client.delete(
        "/assessments/" + quote(value, safe=""), headers={"Authorization": "Bearer " + quote(value[:100])}
    )
    assert response.status_code in (401, 403, 404, 405, 422), response.text
    assert triple_count(store) == before


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_named_query_parameters(client: TestClient, store, triple_count, before: int, value: str) -> None:
    for query, name, required in _named_query_parameters():
        response = client.get(f"/queries/{query}", params={name: value})
        assert response.status_code in (200, 422), (query, name, response.text[:300])
        if response.status_code == 200 and not required:
            assert response.json()["count"] <= client.get(f"/queries/{query}").json()["count"], (query, name)
    assert triple_count(store) == before


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_sparql_endpoint(client: TestClient, store, triple_count, before: int, value: str) -> None:
    for params in (
        {"query": value},
        {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "format": value},
        {"update": value},
    ):
        response = client.get("/sparql", params=params)
        assert response.status_code in (200, 400, 403, 422), response.text[:300]
    response = client.post(
        "/sparql", content=value.encode("utf-8"), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code in (200, 400, 403, 422), response.text[:300]
    assert triple_count(store) == before
