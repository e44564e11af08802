"""Only the latest version of a series is due for re-assessment: a version that a newer one revises
(pia:previousVersion, in the series graph the loader keeps) is not reported, in every way validation runs."""

from __future__ import annotations

import pytest
from validation_fixtures import BASE_ID, FIXTURES, MINTER, SETTINGS, SHAPES, TODAY, fixture_graph, renamed, store_of

from pia_kg.namespaces import PIA
from pia_kg.store.embedded import EmbeddedStore
from pia_kg.validation import validate_store

OLD = MINTER.assessment(BASE_ID)  # published 2020-06-06 by the violating fixture: due on TODAY
NEWER_TAG = "newer"
NEWER = f"{MINTER.base}{NEWER_TAG}/assessment/{BASE_ID}"  # the conforming copy, published 2025-06-06
DUE = SHAPES + "ReassessmentDueShape"


def _store(*, revised: bool) -> EmbeddedStore:
    store = store_of(
        {
            BASE_ID: fixture_graph(FIXTURES / "violating" / "reassessment-due.ru"),
            "newer-version": renamed(fixture_graph(), NEWER_TAG),
        }
    )
    if revised:
        link = f"<{NEWER}> <{PIA}previousVersion> <{OLD}> .\n".encode()
        store.replace_graph(MINTER.series_graph("架空市-1"), link)
    return store


def _due(store: EmbeddedStore, **options: str) -> list[str]:
    report = validate_store(store, SETTINGS, today=TODAY, **options)
    return [r.assessment for r in report.results if r.result.source_shape == DUE]


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_revised_version_is_not_due(engine: str) -> None:
    store = _store(revised=True)
    assert _due(store, engine=engine) == []
    assert _due(store, engine=engine, assessment_id=BASE_ID) == []


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_the_latest_version_is_due(engine: str) -> None:
    store = _store(revised=False)
    assert _due(store, engine=engine) == [OLD]
    assert _due(store, engine=engine, assessment_id=BASE_ID) == [OLD]


def test_a_graph_validation_does_not_read_is_not_read() -> None:
    """A graph that is neither an assessment, the ontology, the reference data nor a series graph keeps the store
    from being validated in one pass over all its graphs: its second publication date is not seen."""
    store = _store(revised=False)
    expected = validate_store(store, SETTINGS, today=TODAY).results
    other = f'<{OLD}> <{PIA}publicationDate> "2019-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
    store.replace_graph("urn:example:other", other.encode())
    assert validate_store(store, SETTINGS, today=TODAY).results == expected
