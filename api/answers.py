"""Answers of the live-SPARQL endpoints (``/queries/{name}``, ``/sparql``), kept per store state.

A whole-corpus question costs its SPARQL evaluation once per store state (0.1-30 s at N = 1,000, see
``docs/benchmarks.md``); asked again, it is answered from memory. An answer is keyed by the request that
produced it (query, parameters, media type) and by the state of the store it was read from: the fingerprint of
the index the API is serving (``IndexKeeper.state``), so the named queries and the REST endpoints follow the
same state: while a newer index is built in the background, both keep answering from the one still served.
While there is no index at all (the first build, or just after this server changed the store) there is no
state, and nothing is kept.

Each answer carries an ``ETag`` (a client that sends it back in ``If-None-Match`` gets ``304``) and
``X-Cache: hit|miss``; ``Cache-Control: no-cache`` in a request makes the server evaluate the query again.
After each new index, the named queries' example calls (those the ``/queries`` listing links to) are answered
in the background, and saved beside the index snapshot, so even the slowest is ready when a person clicks it.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response

from api import snapshots

Key = tuple[Hashable, ...]


@dataclass(frozen=True)
class Answer:
    """A finished response body with its media type and headers (other than the caching ones)."""

    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)


class AnswerCache:
    """Answers of one store state, least recently used dropped first once they exceed ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._state: str | None = None
        self._answers: OrderedDict[Key, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, state: str, key: Key) -> Answer | None:
        with self._lock:
            if state != self._state:
                return None
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, state: str, key: Key, answer: Answer) -> None:
        """Keep ``answer`` for ``state`` (a new state drops the answers of the old one)."""
        size = len(answer.body)
        if size > self.max_bytes:
            return
        with self._lock:
            if state != self._state:
                self._answers.clear()
                self._state, self._bytes = state, 0
            previous = self._answers.pop(key, None)
            self._bytes += size - (len(previous.body) if previous else 0)
            self._answers[key] = answer
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    def save(self, state: str, path: Path) -> None:
        """Save the answers of ``state`` to ``path`` (removing those saved for other states)."""
        with self._lock:
            answers = dict(self._answers) if state == self._state else {}
        snapshots.save(answers, path)

    def restore(self, state: str, path: Path) -> bool:
        """Read back answers saved for ``state``; False when there are none (or they cannot be read)."""
        saved: dict[Key, Answer] | None = snapshots.read(path)
        for key, answer in (saved or {}).items():
            self.put(state, key, answer)
        return saved is not None


def etag(state: str, key: Key) -> str:
    """A strong entity tag: the same request over the same store state always gets the same answer."""
    return '"' + hashlib.sha256(repr((state, key)).encode()).hexdigest()[:32] + '"'


def _matches(request: Request, tag: str) -> bool:
    """Whether the client's ``If-None-Match`` names ``tag`` (or ``*``)."""
    sent = request.headers.get("if-none-match")
    if not sent:
        return False
    tags = {t.strip().removeprefix("W/") for t in sent.split(",")}
    return tag in tags or "*" in tags


def respond(
    request: Request, cache: AnswerCache, state: str | None, key: Key, answer: Callable[[], Answer]
) -> Response:
    """The response to ``request``: ``304`` when the client already holds it, from ``cache`` when it holds ``key``
    for ``state`` (unless the client sends ``Cache-Control: no-cache``), else ``answer()``, kept for next time."""
    fresh = "no-cache" in request.headers.get("cache-control", "").lower()
    validators = {"ETag": etag(state, key), "Cache-Control": "no-cache"} if state is not None else {}
    if validators and not fresh and _matches(request, validators["ETag"]):
        return Response(status_code=304, headers=validators)
    cached = None if state is None or fresh else cache.get(state, key)
    found = cached or answer()
    if cached is None and state is not None:
        cache.put(state, key, found)
    headers = found.headers | validators | {"X-Cache": "hit" if cached else "miss"}
    return Response(found.body, media_type=found.media_type, headers=headers)
