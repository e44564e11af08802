"""The API over the hand-made fixture graph, on the embedded store and on a real Oxigraph server."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pia_kg.settings import Settings
from pia_kg.store import GraphStore
from pia_kg.store.embedded import EmbeddedStore
from pia_kg.store.remote import RemoteStore

TESTS = Path(__file__).resolve().parent.parent
FIXTURE = TESTS / "fixtures" / "mini.trig"
TOKEN = "operator-secret-token"

_spec = importlib.util.spec_from_file_location("store_conftest", TESTS / "store" / "conftest.py")
assert _spec and _spec.loader
store_conftest = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = store_conftest
_spec.loader.exec_module(store_conftest)
oxigraph_server = store_conftest.oxigraph_server


def graphs_of(trig: Path) -> dict[str, bytes]:
    """The named graphs of a TriG file, each as N-Quads."""
    by_graph: dict[str, list[ox.Quad]] = {}
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        by_graph.setdefault(quad.graph_name.value, []).append(quad)
    return {g: ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"" for g, quads in by_graph.items()}


def fill(store: GraphStore, graphs: dict[str, bytes]) -> GraphStore:
    for graph, data in graphs.items():
        store.replace_graph(graph, data)
    return store


def count_triples(store: GraphStore) -> int:
    return int(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"].value)


@pytest.fixture(scope="session")
def triple_count():
    """Counts the quads of a store (to show a request changed nothing)."""
    return count_triples


def settings(**changes: Any) -> Settings:
    return Settings(admin_token=TOKEN, max_upload_bytes=5000, result_cap=1000, query_timeout_s=20).with_(**changes)


@pytest.fixture(scope="session")
def make_settings():
    """Settings for a test app (operator token, small upload limit), with changes."""
    return settings


def recording_loader(calls: list[list[str]]):
    """A loader that records the files it is given and loads nothing."""

    def load(_store: GraphStore, paths: Sequence[Path]) -> list[dict[str, Any]]:
        calls.append([p.read_text(encoding="utf-8") for p in paths])
        return [
            {"file": p.name, "status": "loaded", "assessment_id": None, "error": None, "warnings": 0} for p in paths
        ]

    return load


@pytest.fixture(scope="session")
def embedded_store() -> GraphStore:
    return fill(EmbeddedStore(None), graphs_of(FIXTURE))


@pytest.fixture(scope="session")
def server_store(oxigraph_server) -> Iterator[GraphStore]:
    oxigraph_server.clear()
    store = RemoteStore(oxigraph_server.query, update_endpoint=oxigraph_server.update, timeout_s=20)
    yield fill(store, graphs_of(FIXTURE))
    store.close()


@pytest.fixture(scope="session", params=["embedded", "server"])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """Each test that uses it runs once on the embedded store and once on the Oxigraph server."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def client(store: GraphStore) -> TestClient:
    return TestClient(create_app(settings(), store=store))


@pytest.fixture(scope="session")
def both(embedded_store: GraphStore, server_store: GraphStore) -> tuple[TestClient, TestClient]:
    """Clients over the two stores holding the same graph."""
    return (
        TestClient(create_app(settings(), store=embedded_store)),
        TestClient(create_app(settings(), store=server_store)),
    )


@pytest.fixture
def fresh(make_settings) -> tuple[TestClient, GraphStore, list[list[str]]]:
    """An app over its own copy of the fixture graph, with a loader that records what it is given."""
    calls: list[list[str]] = []
    store = fill(EmbeddedStore(None), graphs_of(FIXTURE))
    return TestClient(create_app(make_settings(), store=store, loader=recording_loader(calls))), store, calls


@pytest.fixture(scope="session")
def fixture_graphs() -> dict[str, bytes]:
    """The fixture graph's named graphs, each as N-Quads."""
    return graphs_of(FIXTURE)


@pytest.fixture
def filled_store(fixture_graphs: dict[str, bytes]):
    """A new in-memory embedded store holding the given named graphs (all of the fixture's by default)."""
    return lambda graphs=None: fill(EmbeddedStore(None), fixture_graphs if graphs is None else graphs)
