"""A real Oxigraph server for tests of the remote store (and, imported by tests/api, of the API)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@dataclass(frozen=True)
class OxigraphServer:
    """Where a running test server answers."""

    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def graph_store(self) -> str:
        return self.base + "/store"

    def clear(self) -> None:
        httpx.post(self.update, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_oxigraph(location: Path) -> Iterator[OxigraphServer]:
    """``oxigraph serve`` on a free local port with the union of named graphs as default graph."""
    if not OXIGRAPH.exists() and shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    binary = str(OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph"))
    port = _free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {process.stderr.read().decode() if process.stderr else ''}")
            try:
                if httpx.get(server.query, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("oxigraph serve did not answer within 30 s")
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real Oxigraph server for the session, stopped at teardown."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server
