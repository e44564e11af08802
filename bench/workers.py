"""Timed calls in a child process, bounded per call: a call that overruns is killed, recorded, and skipped.

Neither pyoxigraph nor rdflib can interrupt a running query, so each engine runs in a fresh process that
writes one JSON line per finished item. The parent watches the lines; when an item takes longer than its
allowance it kills the child, records the item as timed out and starts a new child for the items left (paying
the load again). The child's peak RSS is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.measure import Latency, log, peak_rss_mib, process_peak_rss_mib, sample, stopwatch

Item = tuple[str, str]  # (label, SPARQL query or API path)


def _open_engine(engine: str, source: str):
    """A function running one item on ``engine`` and returning a size (rows or bytes), a closer, and details of
    the start-up. The function's second argument, ``fresh``, asks the API to evaluate the query again instead of
    answering what it kept (``Cache-Control: no-cache``); the engines keep nothing and ignore it."""
    if engine == "rdflib":
        from rdflib import Dataset

        dataset = Dataset(default_union=True)
        dataset.parse(source, format="nquads")
        return (lambda q, fresh=False: len(list(dataset.query(q)))), None, {}
    if engine == "pyoxigraph":
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=source, format=ox.RdfFormat.N_QUADS)
        return (lambda q, fresh=False: len(list(store.query(q, use_default_graph_as_union=True)))), None, {}
    if engine == "embedded":
        from pia_kg.store.embedded import EmbeddedStore

        embedded = EmbeddedStore(Path(source), read_only=True)
        return (lambda q, fresh=False: len(embedded.select(q).rows)), None, {}
    if engine == "http":
        import httpx

        http = httpx.Client(timeout=300, headers={"Accept": "application/sparql-results+json"})

        def fetch(query: str, fresh: bool = False) -> int:  # SPARQL Protocol POST: long queries do not fit in a URL
            response = http.post(source, data={"query": query})
            response.raise_for_status()
            return len(response.json()["results"]["bindings"])

        return fetch, http.close, {}
    if engine in ("api", "api-remote"):
        from fastapi.testclient import TestClient

        from api.app import create_app
        from pia_kg.settings import Settings

        # the remote API reads its index with ordinary queries: they get the load allowance, not the 30 s default
        remote = Settings().with_(endpoint=source, query_timeout_s=3600.0)
        settings = Settings().with_(store_dir=Path(source)) if engine == "api" else remote
        elapsed = stopwatch()
        client = TestClient(create_app(settings))
        client.__enter__()  # starts the server: it indexes the graph, then answers the named queries' examples
        reader = client.app.state.reader
        reader.keeper.get(wait_s=3600)
        details = {"index_s": elapsed()}
        if reader.warmer is not None:  # timed once the server is as a user meets it: examples answered
            reader.warmer.warmed_event.wait(3600)
            details["warm_s"] = round(elapsed() - details["index_s"], 3)

        def get(path: str, fresh: bool = False) -> int:
            response = client.get(path, headers={"Cache-Control": "no-cache"} if fresh else None)
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
            return len(response.content)

        return get, lambda: client.__exit__(None, None, None), details
    raise ValueError(f"unknown engine {engine}")


def _worker(engine: str, source: str, items: list[Item], runs: int, budget_s: float, out: str) -> None:
    def emit(record: dict[str, Any]) -> None:
        with Path(out).open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

    elapsed = stopwatch()
    call, close, details = _open_engine(engine, source)
    emit({"kind": "load", "load_s": elapsed(), "peak_rss_mib": peak_rss_mib(), **details})
    for label, item in items:
        emit({"kind": "start", "label": label})
        try:
            first = _first_call(call, item)
            samples = sample(lambda i=item: call(i), runs=runs, warmup=1, budget_s=budget_s)
            size = first.pop("size") if "size" in first else call(item)
            emit({"kind": "item", "label": label, "size": size, **first, **asdict(Latency.of(samples))})
        except Exception as error:  # reported per item; the others still run
            emit({"kind": "item", "label": label, "error": f"{type(error).__name__}: {error}"[:300]})
    if close:
        close()
    emit({"kind": "done", "peak_rss_mib": peak_rss_mib()})


def _first_call(call, item: str) -> dict[str, Any]:
    """The first call, timed on its own and made fresh (evaluated, not answered from what the API kept). It may
    fail, e.g. on the API's query timeout, while later calls are answered from what the API warmed."""
    started = time.perf_counter()
    try:
        size = call(item, True)
    except Exception as error:
        return {"first_error": f"{type(error).__name__}: {error}"[:200]}
    return {"size": size, "first_ms": round((time.perf_counter() - started) * 1000, 3)}


def run_bounded(
    engine: str,
    source: str,
    items: list[Item],
    *,
    runs: int,
    budget_s: float,
    item_timeout_s: float,
    load_timeout_s: float,
    work: Path,
) -> dict[str, Any]:
    """Time ``items`` on ``engine`` over ``source``; each item gets ``item_timeout_s`` (first call + runs)."""
    context = multiprocessing.get_context("spawn")
    results: dict[str, Any] = {}
    loads: list[float] = []
    peak = 0.0
    pending = list(items)
    details: dict[str, Any] = {}
    for attempt in range(1, len(items) + 2):
        if not pending:
            break
        out = work / f"{engine}-{attempt}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.unlink(missing_ok=True)
        process = context.Process(target=_worker, args=(engine, source, pending, runs, budget_s, str(out)))
        process.start()
        loaded, current, seen, since = False, None, 0, time.monotonic()
        failure: str | None = None
        while failure is None:
            time.sleep(0.2)
            alive = process.is_alive()  # asked before reading, so the last lines of a finished child are read
            lines = out.read_text(encoding="utf-8").splitlines() if out.exists() else []
            for line in lines[seen:]:
                record = json.loads(line)
                since = time.monotonic()
                if record["kind"] == "load":
                    loaded = True
                    loads.append(record["load_s"])
                    details = details or {k: v for k, v in record.items() if k in ("index_s", "warm_s")}
                elif record["kind"] == "start":
                    current = record["label"]
                elif record["kind"] == "item":
                    results[record.pop("label")] = {k: v for k, v in record.items() if k != "kind"}
                    current = None
                else:  # done
                    peak = max(peak, record["peak_rss_mib"])
            seen = len(lines)
            allowance = item_timeout_s if loaded else load_timeout_s
            if not alive:
                failure = "" if all(label in results for label, _ in pending) else "the engine process died"
            elif time.monotonic() - since > allowance:
                peak = max(peak, process_peak_rss_mib(process.pid) or 0.0)
                process.kill()
                failure = f"stopped after {allowance:.0f} s"
        process.join(timeout=30)
        if failure and current is not None:
            results[current] = {"error": failure}
            log(f"  {engine}: {current}: {failure}")
        elif failure:  # the load itself failed or overran: nothing can run on this engine
            results |= {label: {"error": f"load: {failure}"} for label, _ in pending if label not in results}
        pending = [(label, item) for label, item in pending if label not in results]
    return {
        "engine": engine,
        "load_s": loads[0] if loads else None,
        "loads": len(loads),
        **details,
        "peak_rss_mib": peak,
        "items": results,
    }
