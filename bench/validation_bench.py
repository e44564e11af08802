"""Validation benchmark (issue 5): the project's validation vs plain pyshacl over the whole graph, same shapes.

- Project: ``pia_kg.validation.validate_store(store, settings, engine="sparql")`` on the embedded (on-disk
  pyoxigraph) store holding the generated corpus: every assessment graph, results located in documents. The store
  is the corpus as ``Store.bulk_load`` leaves it, then compacted (``Store.optimize``, timed apart as part of the
  load): a bulk-loaded store has many overlapping files and every index lookup pays for them.
- Plain pyshacl: the project's reference engine (``PyshaclEngine``, pyshacl with the same shapes and options)
  run ONCE over the whole corpus put in a single data graph, plus the ontology graph as in the project run.
  pyshacl over millions of triples takes many minutes, so it runs only at small N; the bench runs the project
  engine at the same small N for a like-for-like ratio, and extrapolates pyshacl linearly in the number of
  quads to the large N (said as such in the output).
- Same results: the set of (focus node, path, source shape, severity) of both reports is compared.

Each run is a fresh process (own peak RSS) bounded by the phase timeout.
"""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.generate import Generator
from bench.measure import isolated, log, stopwatch

WHOLE_GRAPH = "urn:pia-kg-bench:whole-corpus"
PROJECT = "project (SPARQL on pyoxigraph)"
PYSHACL = "plain pyshacl, whole graph"


def _keys(results: list[Any]) -> set[tuple[str, str | None, str, str]]:
    """(focus node, path, source shape, severity) of each result."""
    return {
        (r.focus_node, r.result_path.sparql() if r.result_path else None, r.source_shape, r.severity) for r in results
    }


def project_validation(nquads: str, store_dir: str, today: str, keys_out: str | None) -> dict[str, Any]:
    """Load the corpus into an on-disk store (not timed), then time ``validate_store`` with the SPARQL engine."""
    import pickle

    import pyoxigraph as ox

    from pia_kg.settings import Settings
    from pia_kg.store.embedded import EmbeddedStore
    from pia_kg.validation import validate_store

    load = stopwatch()
    store = EmbeddedStore(Path(store_dir))
    store.native.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    store.native.flush()
    load_s = load()
    compact = stopwatch()
    store.native.optimize()
    compact_s = compact()
    quads = len(store.native)
    elapsed, cpu = stopwatch(), time.process_time()
    report = validate_store(store, Settings().with_(store_dir=Path(store_dir)), today=date.fromisoformat(today))
    seconds, cpu_s = elapsed(), round(time.process_time() - cpu, 3)
    results = [item.result for item in report.results]
    if keys_out:
        Path(keys_out).write_bytes(pickle.dumps(_keys(results)))
    return {
        "quads": quads,
        "load_s": load_s,
        "compact_s": compact_s,
        "seconds": seconds,
        "cpu_s": cpu_s,
        "assessments": len(report.assessments),
        "results": len(results),
        "counts": report.counts(),
    }


def pyshacl_whole_graph(nquads: str, today: str, keys_out: str) -> dict[str, Any]:
    """All assessment graphs as one data graph (plus the ontology graph), validated once by pyshacl."""
    import pickle

    import pyoxigraph as ox

    from pia_kg.iri import IriMinter
    from pia_kg.settings import Settings
    from pia_kg.store.embedded import EmbeddedStore
    from pia_kg.validation.engines import PyshaclEngine
    from pia_kg.validation.model import Dataset
    from pia_kg.validation.shapes import load_shapes

    settings = Settings()
    ontology = IriMinter(settings.base_iri).ontology_graph
    store = EmbeddedStore(None)
    whole = ox.NamedNode(WHOLE_GRAPH)
    quads = 0
    for quad in ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS):
        in_ontology = isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == ontology
        store.native.add(ox.Quad(quad.subject, quad.predicate, quad.object, quad.graph_name if in_ontology else whole))
        quads += 1
    context = (ontology,) if ontology in store.graphs() else ()
    engine = PyshaclEngine(load_shapes(settings.shapes_dir, date.fromisoformat(today)))
    elapsed = stopwatch()
    results = engine.validate(store, Dataset((WHOLE_GRAPH,), context))[WHOLE_GRAPH]
    seconds = elapsed()
    Path(keys_out).write_bytes(pickle.dumps(_keys(results)))
    return {"quads": quads, "seconds": seconds, "results": len(results)}


def _compare(project_keys: Path, pyshacl_keys: Path) -> dict[str, Any]:
    import pickle

    ours, theirs = pickle.loads(project_keys.read_bytes()), pickle.loads(pyshacl_keys.read_bytes())
    only_ours, only_theirs = sorted(ours - theirs, key=str), sorted(theirs - ours, key=str)
    differences = ""
    if only_ours or only_theirs:
        differences = f"{len(only_ours)} only in project, {len(only_theirs)} only in pyshacl; e.g. " + "; ".join(
            str(k) for k in (only_ours[:2] + only_theirs[:2])
        )
    return {
        "same_results": not only_ours and not only_theirs,
        "project_results": len(ours),
        "pyshacl_results": len(theirs),
        "differences": differences[:600],
    }


def run_validation_bench(generator: Generator, work: Path, small_ns: list[int], timeout_s: float) -> dict[str, Any]:
    """The project engine at N and at each small N; pyshacl at each small N; ratios and extrapolation."""
    today = date.today().isoformat()
    work.mkdir(parents=True, exist_ok=True)
    runs: list[dict[str, Any]] = []
    comparisons: list[dict[str, Any]] = []
    for n in sorted(set(small_ns)):
        small = Generator(generator.seed, n, random_seed=generator.random_seed, drop_ratio=generator.drop_ratio)
        path = work / f"corpus-n{n}.nq"
        small.write(path)
        store_dir = work / f"store-n{n}"
        shutil.rmtree(store_dir, ignore_errors=True)
        ours_keys, theirs_keys = work / f"project-n{n}.keys", work / f"pyshacl-n{n}.keys"
        log(f"validation at N={n}: project engine")
        ours = isolated(project_validation, str(path), str(store_dir), today, str(ours_keys), timeout_s=timeout_s)
        log(f"  {ours}")
        log(f"validation at N={n}: plain pyshacl over the whole graph")
        theirs = isolated(pyshacl_whole_graph, str(path), today, str(theirs_keys), timeout_s=timeout_s)
        log(f"  {theirs}")
        runs += [{"n": n, "engine": PROJECT, **ours}, {"n": n, "engine": PYSHACL, **theirs}]
        if "seconds" in ours and "seconds" in theirs:
            ratio = round(theirs["seconds"] / max(ours["seconds"], 1e-6), 1)
            comparisons.append(
                {"n": n, "project_s": ours["seconds"], "pyshacl_s": theirs["seconds"], "ratio": ratio}
                | _compare(ours_keys, theirs_keys)
            )
    path = work / f"corpus-n{generator.n}.nq"
    generator.write(path)
    store_dir = work / f"store-n{generator.n}"
    shutil.rmtree(store_dir, ignore_errors=True)
    log(f"validation at N={generator.n}: project engine")
    large = isolated(project_validation, str(path), str(store_dir), today, None, timeout_s=timeout_s)
    log(f"  {large}")
    runs.append({"n": generator.n, "engine": PROJECT, **large})
    result: dict[str, Any] = {"today": today, "runs": runs, "comparisons": comparisons}
    result["extrapolation"] = _extrapolate(runs, generator.n, large)
    return result


def _extrapolate(runs: list[dict[str, Any]], n: int, large: dict[str, Any]) -> dict[str, Any] | None:
    """pyshacl seconds at the large N from a least-squares line through the small-N runs (seconds vs quads)."""
    points = [(r["quads"], r["seconds"]) for r in runs if r["engine"] == PYSHACL and "seconds" in r]
    if not points:
        return None
    if "seconds" not in large:
        text = f"The project engine did not finish at N = {n}: {large.get('error')}; no ratio at N = {n}."
        return {"project_measured_s": None, "text": text}
    if len(points) == 1:
        slope, intercept = points[0][1] / points[0][0], 0.0
    else:
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
        intercept = mean_y - slope * mean_x
    estimate = round(intercept + slope * large["quads"], 1)
    ratio = round(estimate / max(large["seconds"], 1e-6), 1)
    sizes = ", ".join(f"{x:,} quads: {y:.1f} s" for x, y in points)
    text = (
        f"Extrapolated (not measured): plain pyshacl at N = {n} ({large['quads']:,} quads) would take about "
        f"{estimate} s, from a straight line through the measured pyshacl runs ({sizes}); the project engine "
        f"measured {large['seconds']} s at N = {n}, a ratio of about {ratio}."
    )
    return {"pyshacl_estimate_s": estimate, "project_measured_s": large["seconds"], "ratio": ratio, "text": text}


def validate_existing_store(store_dir: str, today: str) -> dict[str, Any]:
    """Time ``validate_store`` on a store already loaded (opened read-only, so a shared store stays untouched)."""
    from pia_kg.settings import Settings
    from pia_kg.store.embedded import EmbeddedStore
    from pia_kg.validation import validate_store

    store = EmbeddedStore(Path(store_dir), read_only=True)
    elapsed, cpu = stopwatch(), time.process_time()
    report = validate_store(store, Settings(), today=date.fromisoformat(today))
    seconds, cpu_s = elapsed(), round(time.process_time() - cpu, 3)
    return {
        "store": store_dir,
        "quads": len(store.native),
        "seconds": seconds,
        "cpu_s": cpu_s,
        "assessments": len(report.assessments),
        "results": len(report.results),
        "counts": report.counts(),
    }


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.validation_bench STORE [--today YYYY-MM-DD]``: validate a loaded store, print the figures."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("store", help="folder of an on-disk pyoxigraph store (opened read-only)")
    parser.add_argument("--today", default=date.today().isoformat(), help="reference date of the re-assessment check")
    args = parser.parse_args(argv)
    print(json.dumps(validate_existing_store(args.store, args.today), ensure_ascii=False))


if __name__ == "__main__":
    main()
