"""Timing, percentiles, memory and isolation helpers shared by the benchmarks."""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def log(message: str) -> None:
    """Progress output (stderr, flushed, with the wall-clock time)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Latency:
    """Latency figures of repeated calls, in milliseconds."""

    runs: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_ms: float

    @classmethod
    def of(cls, samples_ms: list[float]) -> Latency:
        ordered = sorted(samples_ms)
        return cls(
            runs=len(ordered),
            p50_ms=round(percentile(ordered, 50), 3),
            p95_ms=round(percentile(ordered, 95), 3),
            max_ms=round(ordered[-1], 3),
            mean_ms=round(sum(ordered) / len(ordered), 3),
        )


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of sorted samples."""
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def sample(call: Callable[[], object], *, runs: int, warmup: int = 1, budget_s: float | None = None) -> list[float]:
    """Milliseconds of ``runs`` calls after ``warmup`` untimed ones; stops early once ``budget_s`` is spent."""
    for _ in range(warmup):
        call()
    samples: list[float] = []
    started = time.perf_counter()
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        samples.append((time.perf_counter() - t0) * 1000)
        if budget_s is not None and time.perf_counter() - started > budget_s:
            break
    return samples


def stopwatch() -> Callable[[], float]:
    """Seconds since the call, each time the returned function is called."""
    t0 = time.perf_counter()
    return lambda: round(time.perf_counter() - t0, 3)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    own = process_peak_rss_mib(os.getpid())
    return own if own is not None else round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def process_peak_rss_mib(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of another process, where /proc tells it."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def dir_size_mib(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _child(target: Callable[..., dict[str, Any]], args: tuple[Any, ...], queue: Any) -> None:
    try:
        result = target(*args)
        result["peak_rss_mib"] = peak_rss_mib()
        queue.put(result)
    except Exception as error:  # reported to the parent, which decides
        queue.put({"error": f"{type(error).__name__}: {error}"})


def isolated(target: Callable[..., dict[str, Any]], *args: Any, timeout_s: float) -> dict[str, Any]:
    """Run ``target(*args)`` in a fresh process (its own peak RSS), killed after ``timeout_s``."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, args, queue))
    process.start()
    deadline = time.monotonic() + timeout_s
    result: dict[str, Any] | None = None
    while result is None and time.monotonic() < deadline:
        try:
            result = queue.get(timeout=1)
        except Exception:  # queue.Empty: keep waiting while the child lives
            if not process.is_alive() and queue.empty():
                break
    if result is None:
        process.kill()
        process.join()
        return {"error": f"stopped after {timeout_s:.0f} s" if process.exitcode in (-9, None) else "child died"}
    process.join(timeout=30)
    return result


class Server:
    """A child process serving HTTP on 127.0.0.1, stopped on exit."""

    def __init__(self, command: list[str], port: int, *, ready_path: str = "/", timeout_s: float = 120) -> None:
        self.command, self.port, self.ready_path, self.timeout_s = command, port, ready_path, timeout_s
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import httpx

        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                httpx.get(self.url + self.ready_path, timeout=2)
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"server not ready after {self.timeout_s} s: {' '.join(self.command)}")

    def peak_rss_mib(self) -> float | None:
        return process_peak_rss_mib(self.process.pid) if self.process else None

    def __exit__(self, *_: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def environment() -> dict[str, Any]:
    """The machine the figures come from."""
    import platform

    import pyoxigraph
    import pyshacl
    import rdflib

    mem_kib = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return {
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "memory_gib": round(mem_kib / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "?",
        "rdflib": rdflib.__version__,
        "pyshacl": pyshacl.__version__,
    }
