"""One corpus document per test module: the module names it (``NAME``) and these fixtures read it through the
real stages (cached for the session by the top-level conftest)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from loaders.model import AssessmentRecord, FileRecord, SegmentedDocument, SourceDocument


@pytest.fixture(scope="module")
def source(request: pytest.FixtureRequest, corpus_source: Callable[[str], SourceDocument]) -> SourceDocument:
    return corpus_source(request.module.NAME)


@pytest.fixture(scope="module")
def doc(request: pytest.FixtureRequest, corpus_segmented: Callable[[str], SegmentedDocument]) -> SegmentedDocument:
    return corpus_segmented(request.module.NAME)


@pytest.fixture(scope="module")
def record(request: pytest.FixtureRequest, corpus_record: Callable[[str], AssessmentRecord]) -> AssessmentRecord:
    return corpus_record(request.module.NAME)


@pytest.fixture(scope="module")
def file1(record: AssessmentRecord) -> FileRecord:
    """The only specific personal information file of a one-file document."""
    assert len(record.files) == 1
    return record.files[0]
