"""Answers of ``/queries/{name}`` and ``/sparql`` kept per store state: hits, revalidation, invalidation, warming."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import reader as reader_module
from api.answers import Answer, AnswerCache
from api.app import create_app
from api.named import Warmer, example_params, key
from api.reader import GraphReader
from pia_kg.iri import IriMinter
from pia_kg.queries import catalogue
from pia_kg.settings import Settings
from pia_kg.store.embedded import EmbeddedStore

COUNT_FLOWS = "PREFIX pia: <https://w3id.org/pia-kg/ontology#>\nSELECT (COUNT(*) AS ?n) WHERE { ?f pia:recipient ?r }"


class CountingStore(EmbeddedStore):
    """An in-memory embedded store that counts the SELECTs it evaluates."""

    def __init__(self) -> None:
        super().__init__(None)
        self.selects = 0

    def select(self, query, **options):
        self.selects += 1
        return super().select(query, **options)


@pytest.fixture
def counting_store(fixture_graphs) -> CountingStore:
    store = CountingStore()
    for graph, data in fixture_graphs.items():
        store.replace_graph(graph, data)
    return store


@pytest.fixture
def app_over(make_settings):
    """An app over ``store`` with its index built and no background warming (each test drives the cache)."""

    def make(store):
        app = create_app(make_settings(warm_answers=False), store=store)
        app.state.reader.keeper.get()
        return TestClient(app)

    return make


def test_the_cache_keeps_one_state_and_drops_the_least_recently_used() -> None:
    cache = AnswerCache(max_bytes=10)
    cache.put("s1", ("a",), Answer(b"1234", "text/plain"))
    cache.put("s1", ("b",), Answer(b"5678", "text/plain"))
    assert cache.get("s1", ("a",)) is not None  # a is now the most recently used
    cache.put("s1", ("c",), Answer(b"90", "text/plain"))
    cache.put("s1", ("d",), Answer(b"xy", "text/plain"))
    assert cache.get("s1", ("b",)) is None and cache.get("s1", ("a",)) is not None
    assert cache.get("s2", ("a",)) is None  # another state never sees these
    cache.put("s1", ("big",), Answer(b"x" * 11, "text/plain"))
    assert cache.get("s1", ("big",)) is None  # larger than the whole cache: not kept
    cache.put("s2", ("e",), Answer(b"e", "text/plain"))
    assert cache.get("s1", ("a",)) is None and cache.get("s2", ("e",)) is not None


def test_saved_answers_are_read_back_and_older_ones_removed(tmp_path: Path) -> None:
    cache = AnswerCache(max_bytes=1000)
    cache.put("old", ("a",), Answer(b"old", "text/plain"))
    cache.save("old", tmp_path / "old.answers")
    cache.put("new", ("a",), Answer(b"new", "text/plain", {"X-Result-Capped": "5"}))
    cache.save("new", tmp_path / "new.answers")
    assert [p.name for p in tmp_path.iterdir()] == ["new.answers"]
    again = AnswerCache(max_bytes=1000)
    assert again.restore("new", tmp_path / "new.answers")
    assert again.get("new", ("a",)) == Answer(b"new", "text/plain", {"X-Result-Capped": "5"})
    (tmp_path / "bad.answers").write_bytes(b"not a pickle")
    assert not again.restore("bad", tmp_path / "bad.answers")
    assert not again.restore("none", tmp_path / "missing.answers")


def test_a_named_query_is_evaluated_once_per_store_state(counting_store, app_over) -> None:
    client = app_over(counting_store)
    evaluated = counting_store.selects
    first = client.get("/queries/recipients-of-affair", params={"affair": "介護保険"})
    assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
    assert counting_store.selects == evaluated + 1
    second = client.get("/queries/recipients-of-affair", params={"affair": "介護保険"})
    assert second.headers["X-Cache"] == "hit" and second.content == first.content
    assert second.headers["ETag"] == first.headers["ETag"]
    assert counting_store.selects == evaluated + 1
    assert first.json()["rows"], "the fixture has recipients of 介護保険"
    other = client.get("/queries/recipients-of-affair", params={"affair": "国民健康保険"})
    assert other.headers["X-Cache"] == "miss" and other.headers["ETag"] != first.headers["ETag"]
    as_csv = client.get("/queries/recipients-of-affair", params={"affair": "介護保険", "format": "csv"})
    assert as_csv.headers["X-Cache"] == "miss" and as_csv.headers["content-type"].startswith("text/csv")


def test_a_client_revalidates_with_the_etag_or_asks_for_a_fresh_answer(counting_store, app_over) -> None:
    client = app_over(counting_store)
    first = client.get("/queries/concepts")
    evaluated = counting_store.selects
    unchanged = client.get("/queries/concepts", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["ETag"] == first.headers["ETag"]
    assert client.get("/queries/concepts", headers={"If-None-Match": '"other"'}).status_code == 200
    fresh = client.get("/queries/concepts", headers={"Cache-Control": "no-cache"})
    assert fresh.headers["X-Cache"] == "miss" and fresh.content == first.content
    assert counting_store.selects == evaluated + 1


def test_bad_parameters_are_refused_every_time_and_never_kept(counting_store, app_over) -> None:
    client = app_over(counting_store)
    for _ in range(2):
        response = client.get("/queries/assessment-files", params={"assessment": "not an iri"})
        assert response.status_code == 422 and "X-Cache" not in response.headers


def test_sparql_answers_are_kept_per_query_and_format(counting_store, app_over) -> None:
    client = app_over(counting_store)
    first = client.get("/sparql", params={"query": COUNT_FLOWS})
    again = client.post("/sparql", data={"query": COUNT_FLOWS})
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("miss", "hit")
    assert again.json() == first.json() and int(first.json()["results"]["bindings"][0]["n"]["value"]) > 0
    as_csv = client.get("/sparql", params={"query": COUNT_FLOWS, "format": "csv"})
    assert as_csv.headers["X-Cache"] == "miss" and as_csv.text.startswith("n\r\n")


def test_a_changed_store_is_answered_afresh(fixture_graphs, filled_store, app_over) -> None:
    assessment = next(g for g in fixture_graphs if "/graph/" in g and not g.endswith(("/reference", "/ontology")))
    store = filled_store({g: d for g, d in fixture_graphs.items() if g != assessment})
    client = app_over(store)
    before = client.get("/sparql", params={"query": COUNT_FLOWS}).json()
    store.replace_graph(assessment, fixture_graphs[assessment])
    keeper = client.app.state.reader.keeper
    keeper.invalidate()  # as an upload through the API does
    during = client.get("/sparql", params={"query": COUNT_FLOWS})
    assert during.headers["X-Cache"] == "miss" and "ETag" not in during.headers  # no state while re-indexing
    keeper.get()
    after = client.get("/sparql", params={"query": COUNT_FLOWS})
    assert after.headers["X-Cache"] == "miss" and after.json() != before
    assert after.json() == during.json()


def test_kept_answers_expire_with_the_day(monkeypatch, filled_store) -> None:
    reader = GraphReader(filled_store(), catalogue(Settings().queries_dir), IriMinter(), 20)
    reader.keeper.get()
    today = reader.answer_state()

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date.today() + datetime.timedelta(days=1)

    monkeypatch.setattr(reader_module, "date", Tomorrow)
    assert reader.answer_state() != today and reader.answer_state().startswith(reader.keeper.state)


def test_the_warmer_answers_every_example_call_and_saves_them(fixture_graphs, tmp_path: Path) -> None:
    store = CountingStore()
    for graph, data in fixture_graphs.items():
        store.replace_graph(graph, data)
    queries = catalogue(Settings().queries_dir)
    reader = GraphReader(store, queries, IriMinter(), 20, snapshots=tmp_path, refresh_s=0.05)
    warmer = reader.warmer
    assert isinstance(warmer, Warmer)
    calls = warmer.calls()
    assert {name for name, _ in calls} == {q.name for q in queries}, "every named query has an example call"
    reader.start()
    try:
        assert warmer.warmed_event.wait(60), "the examples were answered in the background"
    finally:
        reader.stop()
    state = reader.answer_state()
    assert state is not None and warmer.warmed == state
    saved = list(tmp_path.glob("*.answers"))
    assert len(saved) == 1 and saved[0].name.startswith(state)

    app = create_app(Settings(warm_answers=False), store=store)
    app.state.reader = reader  # the warmed reader behind a fresh app
    client = TestClient(app)
    evaluated = store.selects
    for entry in client.get("/queries").json():
        response = client.get(entry["example_url"])
        assert response.status_code == 200, entry["name"]
        assert response.headers["X-Cache"] == "hit", entry["name"]
    assert store.selects == evaluated

    restarted = GraphReader(store, queries, IriMinter(), 20, snapshots=tmp_path)
    restarted.keeper.get()
    before = store.selects
    restarted.warmer.warm(restarted.answer_state())
    assert store.selects == before, "read back from the saved answers, not evaluated again"
    name, params = calls[0]
    assert restarted.answers.get(restarted.answer_state(), key(name, params, "application/json"))


def test_example_params_are_the_first_example_of_each_required_parameter() -> None:
    queries = catalogue(Settings().queries_dir)
    assert example_params(queries["recipients-of-affair"]) == {"affair": ["介護保険"]}
    assert example_params(queries["flows"]) == {}  # every filter optional: the example is the unfiltered list


def test_a_slow_store_is_warmed_without_the_request_timeout(filled_store, monkeypatch) -> None:
    store = filled_store()
    reader = GraphReader(store, catalogue(Settings().queries_dir), IriMinter(), timeout_s=0.01, refresh_s=0.05)
    select = store.select

    def slow(query, **options):
        time.sleep(0.05)
        return select(query, **options)

    reader.keeper.get()
    monkeypatch.setattr(store, "select", slow)
    with pytest.raises(TimeoutError):
        reader.run("concepts")
    reader.warmer.warm(reader.answer_state())
    assert reader.warmer.warmed == reader.answer_state()
    assert reader.answers.get(reader.answer_state(), key("concepts", {}, "application/json")) is not None


def test_the_openapi_page_documents_the_validators_and_304(filled_store) -> None:
    schema = create_app(Settings(), store=filled_store()).openapi()
    for path, method in (("/queries/{name}", "get"), ("/sparql", "get"), ("/sparql", "post")):
        documented = schema["paths"][path][method]["responses"]
        assert set(documented["200"]["headers"]) == {"ETag", "X-Cache"}, path
        assert "304" in documented, path
