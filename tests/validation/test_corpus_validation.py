"""Validation of the real corpus: the gaps the documents really have (found by reading them) are reported.

- 001 (川崎市 介護保険): 「提供を行っている (27) 件」 but only 提供先1〜20 are listed; 「委託する (6) 件」 but only
  委託事項1〜5 are listed (委託事項6〜10 is an empty group heading); the cover's 公表日 is left blank.
- 002 (川口市 国民健康保険): 「提供を行っている (82) 件」 with one 提供先 that refers to the Ⅱ-5別紙 annex of 82 rows,
  「移転を行っている (10) 件」 with 移転先1〜10, 委託事項1〜6 for 6: all consistent.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from validation_fixtures import MINTER, SETTINGS, SHAPES

from loaders.pipeline import Pipeline
from pia_kg.namespaces import sparql_prologue
from pia_kg.store.embedded import EmbeddedStore
from pia_kg.validation import ValidationReport, validate_store
from pia_kg.validation.engines import PyshaclEngine, SparqlEngine
from pia_kg.validation.model import Dataset
from pia_kg.validation.shapes import load_shapes

KAWASAKI = "001_b80d6855a7643af9.txt"
KAWAGUCHI = "002_e85a03c2c6247dbf.txt"
TODAY = date(2026, 1, 1)


@pytest.fixture(scope="module")
def store(corpus_dir: Path) -> EmbeddedStore:
    store = EmbeddedStore(None)
    report = Pipeline(store, MINTER).run([corpus_dir])
    assert all(d.status == "loaded" for d in report.documents)
    return store


@pytest.fixture(scope="module")
def assessment_of(store: EmbeddedStore) -> dict[str, str]:
    """Assessment IRI by source file name."""
    rows = store.select(
        sparql_prologue() + "SELECT ?a ?f WHERE { ?a a pia:Assessment ; pia:sourceFile/pia:fileName ?f }"
    )
    return {row["f"].value: row["a"].value for row in rows.rows}


@pytest.fixture(scope="module")
def report(store: EmbeddedStore) -> ValidationReport:
    return validate_store(store, SETTINGS, today=TODAY)


def _found(report: ValidationReport, assessment: str, shape: str):
    return [r for r in report.results if r.assessment == assessment and r.result.source_shape == SHAPES + shape]


def test_every_document_is_validated(report: ValidationReport, assessment_of: dict[str, str]) -> None:
    assert {a.iri for a in report.assessments} == set(assessment_of.values())
    assert len(report.assessments) == 4


def test_kawasaki_declares_more_provisions_than_it_lists(report: ValidationReport, assessment_of) -> None:
    (gap,) = _found(report, assessment_of[KAWASAKI], "DeclaredProvisionCountShape")
    assert gap.result.severity == "Violation"
    assert gap.result.value is not None and gap.result.value.value == "27"
    assert "Declares 27 provisions but lists 20" in [m.text for m in gap.result.messages]
    assert gap.location is not None and gap.location.file_name == KAWASAKI and gap.location.line_start


def test_kawasaki_declares_more_outsourcing_than_it_lists(report: ValidationReport, assessment_of) -> None:
    (gap,) = _found(report, assessment_of[KAWASAKI], "DeclaredOutsourcingCountShape")
    assert "Declares 6 outsourcing items but lists 5" in [m.text for m in gap.result.messages]


def test_kawasaki_publication_date_is_blank(report: ValidationReport, assessment_of) -> None:
    (gap,) = _found(report, assessment_of[KAWASAKI], "CoverPublicationDate")
    assert gap.result.focus_node == assessment_of[KAWASAKI]
    assert gap.result.component.endswith("MinCountConstraintComponent")


def test_kawaguchi_counts_agree_with_the_annex(report: ValidationReport, assessment_of) -> None:
    kawaguchi = assessment_of[KAWAGUCHI]
    for shape in ("DeclaredProvisionCountShape", "DeclaredTransferCountShape", "DeclaredOutsourcingCountShape"):
        assert _found(report, kawaguchi, shape) == []
    assert report.counts(kawaguchi)["Violation"] == 0


def test_kawaguchi_is_due_for_reassessment_five_years_after_publication(store: EmbeddedStore, assessment_of) -> None:
    kawaguchi = assessment_of[KAWAGUCHI]  # published 令和7年6月6日 = 2025-06-06
    assert _found(validate_store(store, SETTINGS, today=date(2030, 6, 6)), kawaguchi, "ReassessmentDueShape") == []
    (due,) = _found(validate_store(store, SETTINGS, today=date(2030, 6, 7)), kawaguchi, "ReassessmentDueShape")
    assert due.result.severity == "Warning"


def test_engines_agree_on_the_corpus(store: EmbeddedStore, assessment_of) -> None:
    shapes = load_shapes(SETTINGS.shapes_dir, TODAY)
    graphs = [MINTER.graph(MINTER.assessment_id(a)) for a in sorted(assessment_of.values())]
    dataset = Dataset(tuple(graphs), (MINTER.ontology_graph, MINTER.reference_graph))
    fast = SparqlEngine(shapes).validate(store, dataset)
    reference = PyshaclEngine(shapes).validate(store, dataset)

    def keys(results):
        return Counter((*r.key(), r.value.value if r.value else None) for r in results)

    for graph in graphs:
        assert keys(fast[graph]) == keys(reference[graph]), graph
    assert sum(len(v) for v in fast.values()) > 50


def test_one_pass_over_the_store_equals_one_run_per_assessment(store: EmbeddedStore, report: ValidationReport) -> None:
    """The whole-store run (one query per constraint) reports, with labels and locations, what validating each
    assessment on its own (``--assessment``) reports."""
    apart = [
        r
        for a in report.assessments
        for r in validate_store(store, SETTINGS, assessment_id=a.identifier, today=TODAY).results
    ]
    assert Counter(report.results) == Counter(apart)
    assert len(report.results) > 50
