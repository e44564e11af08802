"""``python -m bench.run``: generate the scaled corpus and measure the API and validation targets.

Writes ``{out}/results-n{N}[-{phases}].json`` and ``.md`` (phases named when ``--only`` is given). Every
load and phase step is bounded by ``--timeout``, every query or endpoint by ``--item-timeout``; servers bind
127.0.0.1 and are stopped. Large intermediate files go to a temporary folder (``--work`` to keep them).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from bench.generate import Generator
from bench.measure import environment, log, stopwatch
from bench.report import render_markdown
from bench.seed import CORPUS_DIR, Seed, builtin_seed, corpus_seed

PHASES = ("generate", "api", "validation")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="synthetic assessments (default 1000)")
    parser.add_argument("--only", choices=PHASES, action="append", help="run only this phase (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("bench/out"), help="folder for the JSON and markdown")
    parser.add_argument("--work", type=Path, help="folder for generated corpora and stores (default: temporary)")
    parser.add_argument("--seed", choices=("corpus", "builtin"), default="corpus", help="seed graphs (default corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help="corpus folder for --seed corpus")
    parser.add_argument("--random-seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--drop-ratio", type=float, default=0.1, help="share of flows dropped per copy (default 0.1)")
    parser.add_argument("--gzip", action="store_true", help="generate phase: write .nq.gz")
    parser.add_argument("--rdflib-n", type=int, default=20, help="N for the rdflib side-by-side (default 20)")
    parser.add_argument(
        "--pyshacl-n", type=int, nargs="+", default=[4, 8], help="small Ns where pyshacl runs (default 4 8)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed calls per endpoint or query (default 20)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed to each load or phase step")
    parser.add_argument(
        "--item-timeout", type=float, default=10, help="seconds allowed to one query or endpoint, all its runs"
    )
    return parser.parse_args(argv)


def load_seed(args: argparse.Namespace) -> Seed:
    if args.seed == "builtin":
        return builtin_seed()
    return corpus_seed(args.corpus)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    phases = args.only or list(PHASES)
    results: dict[str, Any] = {"command": "python -m bench.run " + " ".join(argv or _argv()), "machine": environment()}
    log(f"seed: {args.seed}")
    seed = load_seed(args)
    results["seed"] = {
        "source": seed.source,
        "graphs": [{"graph": g.graph, "triples": len(g.triples)} for g in seed.graphs],
        "shared_quads": len(seed.shared),
        "notes": list(seed.notes),
    }
    log(f"seed: {len(seed.graphs)} assessment graphs, {seed.triple_count:,} quads; {len(seed.notes)} notes")
    generator = Generator(seed, args.n, random_seed=args.random_seed, drop_ratio=args.drop_ratio)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pia-kg-bench-") as tmp:
        work = args.work or Path(tmp)
        if "generate" in phases:
            results["generate"] = generate_phase(generator, args.out, compress=args.gzip)
        if "api" in phases:
            from bench.api_bench import run_api_bench

            log(f"api bench at N={args.n}")
            results["api"] = run_api_bench(
                generator,
                work / "api",
                rdflib_n=args.rdflib_n,
                runs=args.runs,
                timeout_s=args.timeout,
                item_timeout_s=args.item_timeout,
            )
        if "validation" in phases:
            from bench.validation_bench import run_validation_bench

            log(f"validation bench at N={args.n}, pyshacl at N={args.pyshacl_n}")
            results["validation"] = run_validation_bench(generator, work / "validation", args.pyshacl_n, args.timeout)
    stem = f"results-n{args.n}" + ("-" + "-".join(args.only) if args.only else "")
    (args.out / f"{stem}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    (args.out / f"{stem}.md").write_text(render_markdown(results), encoding="utf-8")
    log(f"wrote {args.out / stem}.json and .md")
    return 0


def generate_phase(generator: Generator, out: Path, *, compress: bool) -> dict[str, Any]:
    path = out / f"corpus-n{generator.n}.nq{'.gz' if compress else ''}"
    log(f"generating N={generator.n} -> {path}")
    elapsed = stopwatch()
    records = generator.write(path, compress=compress)
    seconds = elapsed()
    quads = sum(r.quads for r in records) + len(generator.seed.shared)
    log(f"generated {quads:,} quads in {seconds} s")
    return {
        "n": generator.n,
        "path": str(path),
        "seconds": seconds,
        "quads": quads,
        "file_mib": round(path.stat().st_size / 2**20, 1),
        "flows_kept": sum(r.flows_kept for r in records),
        "flows_dropped": sum(r.flows_dropped for r in records),
        "municipalities": len({r.municipality for r in records}),
    }


def _argv() -> list[str]:
    import sys

    return sys.argv[1:]


if __name__ == "__main__":
    raise SystemExit(main())
