"""Shared fixtures: the read-only corpus of real assessments (../shared/corpus relative to the repo root),
read, segmented and extracted once per test session through the real loader stages."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from loaders.extract import extract
from loaders.model import AssessmentRecord, SegmentedDocument, SourceDocument
from loaders.read import read_document
from loaders.segment import segment

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus directory; tests that need it are skipped when it is absent."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"corpus not found at {CORPUS_DIR}")
    return CORPUS_DIR


@cache
def _source(name: str) -> SourceDocument:
    return read_document(CORPUS_DIR / name)


@cache
def _segmented(name: str) -> SegmentedDocument:
    return segment(_source(name))


@cache
def _record(name: str) -> AssessmentRecord:
    return extract(_segmented(name))


@pytest.fixture(scope="session")
def corpus_source(corpus_dir: Path) -> Callable[[str], SourceDocument]:
    """A corpus file as the reading stage gives it (cached: records are immutable)."""
    return _source


@pytest.fixture(scope="session")
def corpus_segmented(corpus_dir: Path) -> Callable[[str], SegmentedDocument]:
    """A corpus file after the segmenting stage (cached)."""
    return _segmented


@pytest.fixture(scope="session")
def corpus_record(corpus_dir: Path) -> Callable[[str], AssessmentRecord]:
    """A corpus file after the extracting stage (cached)."""
    return _record
