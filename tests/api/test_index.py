"""The API's in-memory index: built once per store state, rebuilt when the store changes, saved as a snapshot."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.index import GraphIndex, IndexKeeper, IndexNotReadyError
from api.reader import FlowFilters, GraphReader
from pia_kg.iri import IriMinter
from pia_kg.queries import catalogue
from pia_kg.settings import Settings
from pia_kg.store.embedded import EmbeddedStore


def _reader(store: EmbeddedStore, **options) -> tuple[GraphReader, list[int]]:
    """A reader whose index builds are counted."""
    reader = GraphReader(store, catalogue(Settings().queries_dir), IriMinter(), 20, **options)
    builds: list[int] = []
    build = reader.keeper._build

    def counted() -> GraphIndex:
        builds.append(1)
        return build()

    reader.keeper._build = counted
    return reader, builds


def test_the_index_is_built_once_and_serves_every_request(filled_store) -> None:
    reader, builds = _reader(filled_store())
    first = reader.assessments()
    assert first and reader.flows(FlowFilters())
    assert reader.assessments() == first
    assert len(builds) == 1


def test_a_restarted_server_reads_the_snapshot_of_an_unchanged_store(filled_store, tmp_path: Path) -> None:
    store = filled_store()
    reader, builds = _reader(store, snapshots=tmp_path)
    answer = reader.recipients(None)
    assert len(builds) == 1 and len(list(tmp_path.glob("*.pickle"))) == 1
    again, builds_again = _reader(store, snapshots=tmp_path)
    assert again.recipients(None) == answer
    assert builds_again == []  # read back, not rebuilt


def test_a_changed_store_gets_a_new_index_in_the_background(filled_store, fixture_graphs, tmp_path: Path) -> None:
    graphs = fixture_graphs
    assessment_graphs = [g for g in graphs if "/graph/" in g and not g.endswith(("/reference", "/ontology"))]
    store = filled_store({g: d for g, d in graphs.items() if g != assessment_graphs[0]})
    reader, builds = _reader(store, refresh_s=0.05, snapshots=tmp_path)
    before = {a["iri"] for a in reader.assessments()}
    reader.keeper.start()
    try:
        store.replace_graph(assessment_graphs[0], graphs[assessment_graphs[0]])
        deadline = time.monotonic() + 20
        while {a["iri"] for a in reader.assessments()} == before and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        reader.keeper.stop()
    assert len({a["iri"] for a in reader.assessments()}) == len(before) + 1
    assert len(builds) == 2
    assert len(list(tmp_path.glob("*.pickle"))) == 1  # the earlier state's snapshot is gone


def test_a_request_during_the_first_build_gets_503_with_retry_after(filled_store) -> None:
    store = filled_store()
    app = create_app(Settings(query_timeout_s=0.2), store=store)
    release = threading.Event()
    keeper: IndexKeeper = app.state.reader.keeper
    build = keeper._build

    def slow() -> GraphIndex:
        release.wait(10)
        return build()

    keeper._build = slow
    builder = threading.Thread(target=keeper.get, kwargs={"wait_s": 10})
    builder.start()
    time.sleep(0.05)
    try:
        with pytest.raises(IndexNotReadyError):
            keeper.get(wait_s=0.05)
        response = TestClient(app).get("/flows")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "10"
        assert "indexing" in response.json()["message"]
    finally:
        release.set()
        builder.join()
    assert TestClient(app).get("/flows").status_code == 200
