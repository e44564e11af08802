"""Shared fixtures for the ontology tests: the ontology graph and the corpus texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from pia_kg.ontology import ontology_graph

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def graph() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="session")
def corpus_texts() -> dict[str, str]:
    """The corpus documents by file name; the tests that need them skip when the corpus is absent."""
    files = sorted(CORPUS_DIR.glob("*.txt")) if CORPUS_DIR.is_dir() else []
    if not files:
        pytest.skip("corpus not found next to the repository (../shared/corpus)")
    return {path.name: path.read_text(encoding="utf-8") for path in files}
