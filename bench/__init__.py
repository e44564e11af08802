"""Benchmarks of pia-kg: speed and memory targets at scale (run ``python -m bench.run --help``).

- ``bench.seed``: the seed assessment graphs (the real corpus through ``pia-kg load``, or a hand-made seed).
- ``bench.generate``: a deterministic generator that scales the seed to N synthetic assessments.
- ``bench.api_bench``: API latency, pyoxigraph vs rdflib on the named queries, Oxigraph server mode.
- ``bench.validation_bench``: the project's validation vs plain pyshacl, same shapes, same results.
- ``bench.workers``: timed calls in child processes, each call bounded; ``bench.measure``: timing helpers.
- ``bench.report`` and ``bench.run``: the command line, the JSON of results and the markdown tables.

Timings live here, never in unit tests; results are recorded in docs/benchmarks.md.
"""
