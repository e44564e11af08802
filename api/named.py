"""The answers of the named queries (``/queries/{name}``), and the background warming of their example calls."""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import orjson

from api.answers import Answer, Key
from api.index import value
from api.representations import CSV, JSON
from api.sparql_results import serialize_select
from pia_kg.queries import NamedQuery

if TYPE_CHECKING:
    from api.reader import GraphReader

logger = logging.getLogger(__name__)

SPARQL_JSON = "application/sparql-results+json"
FORMATS = {"json": JSON, "csv": CSV, "sparql-json": SPARQL_JSON}
Params = Mapping[str, Sequence[str]]


def example_params(query: NamedQuery) -> dict[str, list[str]]:
    """The parameters of the query's example call: the first example of each required parameter."""
    return {p.name: list(p.example[:1]) for p in query.parameters if p.required and p.example}


def key(name: str, params: Params, media_type: str) -> Key:
    """What identifies a named query's answer: its name, its parameters (in any order) and the media type."""
    return ("query", name, tuple(sorted((k, tuple(v)) for k, v in params.items())), media_type)


def answer(
    reader: GraphReader, name: str, params: Params, media_type: str, cap: int, *, bounded: bool = True
) -> Answer:
    """Run the named query with ``params`` and render its rows as ``media_type`` (at most ``cap`` rows); within the
    operator's timeout unless not ``bounded``."""
    result = reader.run(name, params) if bounded else reader.store.select(reader.catalogue[name].bind(params))
    capped = len(result.rows) > cap
    if capped:
        result = type(result)(result.variables, result.rows[:cap])
    headers = {"X-Result-Capped": str(cap)} if capped else {}
    if media_type == CSV:
        return Answer(serialize_select(result, "csv").encode(), "text/csv; charset=utf-8", headers)
    if media_type == SPARQL_JSON:
        return Answer(serialize_select(result, "json").encode(), SPARQL_JSON, headers)
    rows = [{k: value(row, k) for k in result.variables if k in row} for row in result.rows]
    body = {"query": name, "variables": list(result.variables), "count": len(rows), "capped": capped, "rows": rows}
    return Answer(orjson.dumps(body), JSON, headers)


class Warmer:
    """Answers every named query's example call (in JSON) whenever the store state changes, in the background and
    without the request timeout, so that the first person to click one is answered from memory, however slow.
    With a snapshots folder the answers are saved beside the index snapshot and read back by a restarted server."""

    def __init__(self, reader: GraphReader, cap: int, *, refresh_s: float) -> None:
        self._reader = reader
        self._cap = cap
        self._refresh_s = refresh_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.warmed: str | None = None  # the state whose example answers are all in the cache
        self.warmed_event = threading.Event()

    def calls(self) -> list[tuple[str, dict[str, list[str]]]]:
        """The example call of every named query that can be made without a value the file does not hold."""
        calls = []
        for query in self._reader.catalogue:
            params = example_params(query)
            if all(p.name in params for p in query.parameters if p.required):
                calls.append((query.name, params))
        return calls

    def warm(self, state: str) -> None:
        """Put the answers of every example call for ``state`` in the cache (read back from disk when saved)."""
        reader, cache = self._reader, self._reader.answers
        saved = reader.answers_snapshot(state)
        if saved is not None and cache.restore(state, saved):
            self._done(state)
            return
        for name, params in self.calls():
            if self._stop.is_set() or reader.answer_state() != state:
                return  # the store changed meanwhile: the next round warms the new state
            call = key(name, params, JSON)
            if cache.get(state, call) is None:
                try:
                    cache.put(state, call, answer(reader, name, params, JSON, self._cap, bounded=False))
                except Exception as error:  # one failing query leaves the others to warm
                    logger.warning("could not answer the named query %s in advance: %s", name, error)
        if saved is not None:
            cache.save(state, saved)
        self._done(state)

    def _done(self, state: str) -> None:
        self.warmed = state
        self.warmed_event.set()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pia-kg-warm", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._reader.keeper.installed.set()  # wake the thread so that it sees the stop

    def _run(self) -> None:
        """Warm each new state: woken by each new index, and every ``refresh_s`` for a new day."""
        installed = self._reader.keeper.installed
        while not self._stop.is_set():
            installed.clear()
            try:
                state = self._reader.answer_state()
                if state is not None and state != self.warmed:
                    self.warm(state)
            except Exception:  # keep serving; try again at the next round
                logger.exception("could not warm the named queries")
            installed.wait(self._refresh_s)
