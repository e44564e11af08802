"""The markdown tables of a benchmark run (from the results dict ``bench.run`` writes as JSON)."""

from __future__ import annotations

from typing import Any


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _latency_rows(run: dict[str, Any], target_ms: float | None = None) -> list[list[Any]]:
    """One row per timed item of a ``bench.workers.run_bounded`` result."""
    rows = []
    for name, item in run.get("items", {}).items():
        if "p95_ms" not in item:
            rows.append([name, "", "", "", "", "", f"not measured: {item.get('error', '')}"[:160]])
            continue
        verdict = "" if target_ms is None else ("yes" if item["p95_ms"] < target_ms else "**NO**")
        first = item.get("first_ms", f"failed: {item.get('first_error', '')}"[:80])
        rows.append([name, item["size"], first, item["p50_ms"], item["p95_ms"], item["max_ms"], verdict])
    return rows


def _process_line(run: dict[str, Any]) -> str:
    api = f" (index {run['index_s']} s, then the named queries' examples {run['warm_s']} s)" if "warm_s" in run else ""
    return (
        f"Process: start-up/load {run.get('load_s')} s{api} ({run.get('loads')} start(s)), "
        f"peak RSS {run.get('peak_rss_mib')} MiB.\n\n"
    )


FIRST = "first call ms"
LATENCY = ["p50 ms", "p95 ms", "max ms"]


def render_markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    out = [f"# Benchmark results\n\nCommand: `{results['command']}`  \n"]
    out.append(
        f"Machine: {machine['cpus']} CPUs, {machine['memory_gib']} GiB, Python {machine['python']}, "
        f"pyoxigraph {machine['pyoxigraph']}, rdflib {machine['rdflib']}, pyshacl {machine['pyshacl']}; "
        f"{machine['date_utc']}\n"
    )
    seed = results["seed"]
    out.append(
        f"Seed: {seed['source']}, {len(seed['graphs'])} assessment graphs "
        f"({', '.join(str(g['triples']) for g in seed['graphs'])} triples), {seed['shared_quads']} shared quads.\n"
    )
    for note in seed["notes"]:
        out.append(f"- seed note: {note}\n")
    if "generate" in results:
        g = results["generate"]
        out.append("\n## Generator\n\n")
        out.append(
            _table(
                ["N", "quads", "seconds", "file MiB", "municipalities", "flows kept", "flows dropped"],
                [
                    [
                        g["n"],
                        f"{g['quads']:,}",
                        g["seconds"],
                        g["file_mib"],
                        g["municipalities"],
                        g["flows_kept"],
                        g["flows_dropped"],
                    ]
                ],
            )
        )
    if "api" in results:
        out.append(_api_markdown(results["api"]))
    if "validation" in results:
        out.append(_validation_markdown(results["validation"]))
    return "".join(out)


def _api_markdown(api: dict[str, Any]) -> str:
    out = [f"\n## API and queries at N = {api['n']}\n\n"]
    load = api.get("embedded_load", {})
    out.append(
        f"Corpus: {api['generate']['quads']:,} quads generated in {api['generate']['seconds']} s. Embedded store "
        f"(pyoxigraph on disk, `bulk_load`): load {load.get('load_s')} s, compacted in {load.get('compact_s')} s "
        f"(`Store.optimize`, as `pia-kg load` does), {load.get('store_mib')} MiB on disk, "
        f"loader peak RSS {load.get('peak_rss_mib')} MiB{' — ' + load['error'] if 'error' in load else ''}.\n\n"
    )
    if api.get("endpoints_embedded"):
        out.append(f"### API endpoints, embedded store ({api['client']}), target p95 < 50 ms\n\n")
        out.append(
            _table(
                ["endpoint", "bytes", FIRST, *LATENCY, "p95 < 50 ms"],
                _latency_rows(api["endpoints_embedded"], 50),
            )
        )
        out.append("\n" + _process_line(api["endpoints_embedded"]))
    out.append("\n### Named queries on the embedded store (store port, no HTTP)\n\n")
    out.append(_table(["query", "rows", FIRST, *LATENCY, ""], _latency_rows(api.get("named_queries_embedded", {}))))
    side = api.get("side_by_side", {})
    if side and "error" in side:
        out.append(f"\n### pyoxigraph vs rdflib\n\nNot measured: {side['error']}\n")
    elif side:
        oxi, rdf = side["pyoxigraph"], side["rdflib"]
        out.append(
            f"\n### pyoxigraph vs rdflib, same named queries, same data (N = {side['n']}, {side['quads']:,} quads)\n\n"
            f"Load: pyoxigraph {oxi.get('load_s')} s (peak RSS {oxi.get('peak_rss_mib')} MiB), "
            f"rdflib {rdf.get('load_s')} s (peak RSS {rdf.get('peak_rss_mib')} MiB). "
            f"Ratio rdflib/pyoxigraph of p50: min {side.get('ratio_min')}, median {side.get('ratio_median')}, "
            f"geometric mean {side.get('ratio_geomean')} (target >= 20).\n\n"
        )
        rows = []
        for name, item in side["queries"].items():
            if "ratio" in item:
                rows.append(
                    [
                        name,
                        item["rows"],
                        item["pyoxigraph_p50_ms"],
                        item["rdflib_p50_ms"],
                        item["ratio"],
                        "yes" if item["same_row_count"] else "**NO**",
                    ]
                )
            else:
                rows.append([name, "", "", "", "", f"pyoxigraph: {item['pyoxigraph']}; rdflib: {item['rdflib']}"[:160]])
        out.append(_table(["query", "rows", "pyoxigraph p50 ms", "rdflib p50 ms", "ratio", "same rows"], rows))
    server = api.get("server", {})
    if server:
        out.append(
            f"\n### Oxigraph server mode\n\n`oxigraph load`: {server.get('load_s')} s, {server.get('store_mib')} MiB; "
            f"server peak RSS {server.get('server_peak_rss_mib')} MiB"
            f"{' — ' + server['error'] if 'error' in server else ''}.\n\n"
        )
        if server.get("named_queries_http"):
            out.append(
                _table(
                    ["query over HTTP", "rows", FIRST, *LATENCY, ""],
                    _latency_rows(server["named_queries_http"]),
                )
            )
        via = server.get("endpoints_via_server", {})
        if via and "error" not in via:
            out.append("\nAPI endpoints over the server (`PIA_KG_ENDPOINT`):\n\n")
            out.append(_table(["endpoint", "bytes", FIRST, *LATENCY, "p95 < 50 ms"], _latency_rows(via, 50)))
            out.append("\n" + _process_line(via))
        elif via:
            out.append(f"\nAPI over the server: not measured ({via['error']}).\n")
    return "".join(out)


def _validation_markdown(validation: dict[str, Any]) -> str:
    out = ["\n## Validation\n\n"]
    if "error" in validation:
        return out[0] + f"Not measured: {validation['error']}\n"
    rows = []
    for run in validation.get("runs", []):
        rows.append(
            [
                run.get("engine", "(run failed)"),
                run["n"],
                f"{run.get('quads', 0):,}",
                run.get("seconds", run.get("error")),
                run.get("results"),
                run.get("peak_rss_mib"),
            ]
        )
    out.append(_table(["engine", "N", "quads", "seconds", "results", "peak RSS MiB"], rows))
    for item in validation.get("comparisons", []):
        out.append(
            f"\nN = {item['n']}: project {item['project_s']} s vs pyshacl {item['pyshacl_s']} s "
            f"-> ratio {item['ratio']}; "
            f"same (focus, path, shape, severity) set: {'yes' if item['same_results'] else '**NO**'}"
            f" ({item['project_results']} vs {item['pyshacl_results']} results"
            f"{'; differences: ' + item['differences'] if item.get('differences') else ''}).\n"
        )
    extra = validation.get("extrapolation")
    if extra:
        out.append(f"\n{extra['text']}\n")
    return "".join(out)
