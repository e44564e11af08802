"""API and query benchmark (issue 4).

At N assessments: bulk-load the generated corpus into the embedded (on-disk pyoxigraph) store; time every API
endpoint through FastAPI's ``TestClient`` (in-process ASGI, no sockets: it measures the app and the store, not
uvicorn) and every named query through the store port. Side by side in one run, the same named queries on
rdflib's in-memory SPARQL engine and on in-memory pyoxigraph over the same data (at ``rdflib_n`` assessments:
rdflib needs minutes and gigabytes at N = 1,000). The Oxigraph server mode: ``oxigraph load`` (bulk) into a
folder, ``oxigraph serve`` on 127.0.0.1, the named queries over HTTP and the API over the server
(``PIA_KG_ENDPOINT``). Every engine runs in its own process (own peak RSS), every call is bounded
(``bench.workers``).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from bench.generate import Generator
from bench.measure import Server, dir_size_mib, free_port, isolated, log, stopwatch
from bench.workers import Item, run_bounded
from pia_kg.namespaces import sparql_prologue
from pia_kg.queries import Catalogue, NamedQuery
from pia_kg.settings import Settings
from pia_kg.store.embedded import EmbeddedStore

OXIGRAPH = Path(sys.executable).parent / "oxigraph"

# A value for an IRI parameter whose example does not occur in the synthetic data, by parameter name.
_PICKERS = {
    "assessment": "SELECT ?x WHERE { ?x a pia:Assessment } ORDER BY ?x LIMIT 1",
    "flow": "SELECT ?x WHERE { ?x a pia:DataProvision ; dpv:hasLegalBasis ?b } ORDER BY ?x LIMIT 1",
    "organization": "SELECT ?x WHERE { ?f pia:recipient ?x . ?x a pia:NationalBody } GROUP BY ?x "
    "ORDER BY DESC(COUNT(?f)) ?x LIMIT 1",
    "legal_basis": "SELECT ?x WHERE { ?f dpv:hasLegalBasis ?x } GROUP BY ?x ORDER BY DESC(COUNT(?f)) ?x LIMIT 1",
    "system": "SELECT ?x WHERE { ?x a pia:NationwideSystem } ORDER BY ?x LIMIT 1",
}
_PICKERS["recipient"] = _PICKERS["organization"]
# Each API call's first call is made fresh (``Cache-Control: no-cache``): a whole-corpus named query is then
# evaluated, for up to the API's query timeout (30 s by default), so API items get a longer allowance.
API_ITEM_TIMEOUT_S = 120.0

SPARQL_TYPICAL = (
    sparql_prologue()
    + """SELECT ?municipality (COUNT(DISTINCT ?flow) AS ?flows) WHERE {
  ?a a pia:Assessment ; pia:assessingBody/pia:ofLocalGovernment/rdfs:label ?municipality ;
     pia:hasFile/pia:hasFlow ?flow .
  ?flow a pia:DataProvision .
} GROUP BY ?municipality ORDER BY DESC(?flows) LIMIT 20"""
)


class Probe:
    """The first copies of the corpus in memory, to pick parameter values that exist at every N."""

    def __init__(self, generator: Generator, n: int) -> None:
        self.generator = generator
        self.store = EmbeddedStore(None)
        copies = Generator(generator.seed, n, random_seed=generator.random_seed, drop_ratio=generator.drop_ratio)
        self.records = copies.load_into(self.store.native)

    def first(self, query: str) -> str | None:
        rows = self.store.select(sparql_prologue() + query).rows
        return rows[0]["x"].value if rows and "x" in rows[0] else None

    def exists(self, iri: str) -> bool:
        return self.first(f"SELECT ?x WHERE {{ VALUES ?x {{ <{iri}> }} ?x ?p ?o }} LIMIT 1") is not None

    def values(self, query: NamedQuery) -> dict[str, list[str]]:
        """The example values of ``query``'s parameters, made to exist in the synthetic data."""
        values: dict[str, list[str]] = {}
        for param in query.parameters:
            if not param.example:
                continue
            examples = [self.generator.translate(v) for v in param.example]
            if param.type == "iri" and not all(self.exists(v) for v in examples):
                picked = self.first(_PICKERS[param.name]) if param.name in _PICKERS else None
                examples = [picked] if picked else examples
            values[param.name] = examples
        return values


def named_query_items(catalogue: Catalogue, probe: Probe) -> tuple[list[Item], dict[str, dict[str, list[str]]]]:
    """Every named query bound to values present in the data, and the values (for the API calls)."""
    values = {q.name: probe.values(q) for q in catalogue}
    return [(q.name, q.bind(values[q.name])) for q in catalogue], values


def endpoint_items(catalogue: Catalogue, probe: Probe, values: dict[str, dict[str, list[str]]]) -> list[Item]:
    """The API calls timed: lists with typical filters, detail pages, each named query, /sparql."""
    base = probe.generator.seed.base
    assessment_id = probe.records[min(1, len(probe.records) - 1)].assessment_id
    organization = (probe.first(_PICKERS["organization"]) or base)[len(base) :]
    legal_basis = (probe.first(_PICKERS["legal_basis"]) or base)[len(base) :]
    items: list[Item] = [
        ("GET /assessments", "/assessments"),
        ("GET /assessments/{id}", f"/assessments/{quote(assessment_id)}"),
        ("GET /flows", "/flows"),
        ("GET /flows?affair=介護保険", "/flows?" + urlencode({"affair": "介護保険"})),
        ("GET /flows?kind=provision&affair=国民健康保険", "/flows?kind=provision&affair=" + quote("国民健康保険")),
        ("GET /flows?table_item=131", "/flows?table_item=131"),
        ("GET /flows?recipient={organization}", "/flows?" + urlencode({"recipient": organization})),
        ("GET /recipients?affair=介護保険", "/recipients?" + urlencode({"affair": "介護保険"})),
        ("GET /legal-bases", "/legal-bases"),
        ("GET /legal-bases/{id}", "/legal-bases/" + quote(legal_basis)),
        ("GET /organizations", "/organizations"),
        ("GET /organizations/{id}", "/organizations/" + quote(organization)),
        ("GET /systems", "/systems"),
    ]  # fmt: skip
    for query in catalogue:
        items.append(
            (f"GET /queries/{query.name}", f"/queries/{query.name}?" + urlencode(values[query.name], doseq=True))
        )
    items.append(("GET /sparql (aggregate by municipality)", "/sparql?" + urlencode({"query": SPARQL_TYPICAL})))
    return items


def load_embedded(nquads: str, store_dir: str) -> dict[str, Any]:
    """Bulk-load an N-Quads file into an on-disk pyoxigraph store and compact it, as ``pia-kg load`` does (run in
    its own process). Read before compaction, the fresh store's many level-0 files make queries 2-3x slower."""
    import pyoxigraph as ox

    elapsed = stopwatch()
    store = ox.Store(store_dir)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = elapsed()
    compact = stopwatch()
    store.optimize()
    compact_s = compact()
    quads = len(store)
    del store
    return {"load_s": seconds, "compact_s": compact_s, "quads": quads, "store_mib": dir_size_mib(Path(store_dir))}


def run_api_bench(
    generator: Generator, work: Path, *, rdflib_n: int, runs: int, timeout_s: float, item_timeout_s: float
) -> dict[str, Any]:
    """All API and query measurements at ``generator.n``; rdflib side by side at ``rdflib_n``."""
    n = generator.n
    result: dict[str, Any] = {"n": n, "rdflib_n": rdflib_n, "client": "fastapi.testclient.TestClient (in-process)"}
    work.mkdir(parents=True, exist_ok=True)
    nquads = work / f"corpus-n{n}.nq"
    elapsed = stopwatch()
    records = generator.write(nquads)
    result["generate"] = {"seconds": elapsed(), "quads": sum(r.quads for r in records) + len(generator.seed.shared)}
    result["generate"]["file_mib"] = round(nquads.stat().st_size / 2**20, 1)
    log(f"generated {result['generate']['quads']:,} quads in {result['generate']['seconds']} s")

    store_dir = work / f"store-n{n}"
    shutil.rmtree(store_dir, ignore_errors=True)
    result["embedded_load"] = isolated(load_embedded, str(nquads), str(store_dir), timeout_s=timeout_s)
    log(f"embedded bulk_load: {result['embedded_load']}")

    catalogue = Catalogue.from_dir(Settings().queries_dir)
    probe = Probe(generator, min(n, rdflib_n, 2 * len(generator.seed.graphs)))
    queries, values = named_query_items(catalogue, probe)
    endpoints = endpoint_items(catalogue, probe, values)
    result["parameters"] = values
    bounded = {"budget_s": item_timeout_s / 2, "item_timeout_s": item_timeout_s, "load_timeout_s": timeout_s}

    log("named queries on the embedded store")
    result["named_queries_embedded"] = run_bounded(
        "embedded", str(store_dir), queries, runs=runs, work=work / "log", **bounded
    )
    log("API endpoints on the embedded store")
    api_bounded = bounded | {"item_timeout_s": max(item_timeout_s, API_ITEM_TIMEOUT_S)}
    result["endpoints_embedded"] = run_bounded(
        "api", str(store_dir), endpoints, runs=runs, work=work / "log", **api_bounded
    )
    for part, measure in (
        ("side_by_side", lambda: side_by_side(generator, work, rdflib_n, queries, timeout_s, item_timeout_s)),
        ("server", lambda: server_mode(nquads, work, queries, endpoints, runs, timeout_s, item_timeout_s)),
    ):
        try:
            result[part] = measure()
        except Exception as error:  # recorded in the results; the other parts still count
            result[part] = {"error": f"{type(error).__name__}: {error}"[:500]}
            log(f"{part} failed: {result[part]['error']}")
    return result


def side_by_side(
    generator: Generator, work: Path, rdflib_n: int, queries: list[Item], timeout_s: float, item_timeout_s: float
) -> dict[str, Any]:
    """The same named queries on rdflib and pyoxigraph (both in memory, fresh processes) at ``rdflib_n``."""
    small = Generator(generator.seed, rdflib_n, random_seed=generator.random_seed, drop_ratio=generator.drop_ratio)
    path = work / f"corpus-n{rdflib_n}.nq"
    records = small.write(path)
    quads = sum(r.quads for r in records) + len(small.seed.shared)
    log(f"side by side at N={rdflib_n} ({quads:,} quads): pyoxigraph, then rdflib")
    common = {"work": work / "log", "load_timeout_s": timeout_s}
    limit = item_timeout_s
    oxi = run_bounded("pyoxigraph", str(path), queries, runs=20, budget_s=limit / 2, item_timeout_s=limit, **common)
    # rdflib gets five times the allowance per query: a slow rdflib query is the point of the comparison
    rdf = run_bounded("rdflib", str(path), queries, runs=3, budget_s=limit, item_timeout_s=5 * limit, **common)
    comparison: dict[str, Any] = {}
    ratios: list[float] = []
    for name, _ in queries:
        o, r = oxi["items"].get(name, {}), rdf["items"].get(name, {})
        if "p50_ms" in o and "p50_ms" in r:
            ratio = r["p50_ms"] / max(o["p50_ms"], 1e-3)
            ratios.append(ratio)
            ratio = round(ratio, 1)
            comparison[name] = {"pyoxigraph_p50_ms": o["p50_ms"], "rdflib_p50_ms": r["p50_ms"], "ratio": ratio}
            comparison[name] |= {"rows": o["size"], "same_row_count": o["size"] == r["size"]}
        else:
            comparison[name] = {"pyoxigraph": o.get("error", "ok"), "rdflib": r.get("error", "ok")}
    summary: dict[str, Any] = {
        "n": rdflib_n,
        "quads": quads,
        "pyoxigraph": {k: v for k, v in oxi.items() if k != "items"},
        "rdflib": {k: v for k, v in rdf.items() if k != "items"},
        "queries": comparison,
    }
    if ratios:
        summary |= {"ratio_min": round(min(ratios), 2), "ratio_median": round(statistics.median(ratios), 1)}
        summary["ratio_geomean"] = round(statistics.geometric_mean(ratios), 1)
    return summary


def server_mode(
    nquads: Path,
    work: Path,
    queries: list[Item],
    endpoints: list[Item],
    runs: int,
    timeout_s: float,
    item_timeout_s: float,
) -> dict[str, Any]:
    """``oxigraph load`` then ``oxigraph serve`` on 127.0.0.1: named queries over HTTP and the API over it."""
    if not OXIGRAPH.exists():
        return {"error": f"no oxigraph executable next to {sys.executable}"}
    location = work / f"oxigraph-{nquads.stem}"
    shutil.rmtree(location, ignore_errors=True)
    elapsed = stopwatch()
    command = [str(OXIGRAPH), "load", "--location", str(location), "--file", str(nquads)]
    load = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, check=False)
    result: dict[str, Any] = {"load_s": elapsed(), "store_mib": dir_size_mib(location)}
    if load.returncode != 0:
        return result | {"error": load.stderr[-500:]}
    log(f"oxigraph load: {result['load_s']} s, {result['store_mib']} MiB; serving on 127.0.0.1")
    bounded = {"runs": runs, "budget_s": item_timeout_s / 2, "item_timeout_s": item_timeout_s, "work": work / "log"}
    # The named queries get the per-item allowance as the server's own timeout (an abandoned query stops there);
    # the API gets the load allowance, because it first reads its index of the whole graph from the server.
    with _oxigraph_server(location, item_timeout_s) as server:
        endpoint = server.url + "/query"
        result["named_queries_http"] = run_bounded("http", endpoint, queries, load_timeout_s=120.0, **bounded)
        result["server_peak_rss_mib"] = server.peak_rss_mib()
    with _oxigraph_server(location, timeout_s) as server:
        endpoint = server.url + "/query"
        api_bounded = bounded | {"item_timeout_s": max(item_timeout_s, API_ITEM_TIMEOUT_S)}
        result["endpoints_via_server"] = run_bounded(
            "api-remote", endpoint, endpoints, load_timeout_s=timeout_s, **api_bounded
        )
        result["server_peak_rss_mib"] = max(result["server_peak_rss_mib"] or 0, server.peak_rss_mib() or 0)
    return result


def _oxigraph_server(location: Path, timeout_s: float) -> Server:
    """``oxigraph serve`` over ``location`` on a free 127.0.0.1 port, queries stopped after ``timeout_s``."""
    port = free_port()
    serve = [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    serve += ["--union-default-graph", "--timeout-s", str(int(timeout_s))]
    return Server(serve, port, ready_path="/query?query=ASK%7B%7D")
