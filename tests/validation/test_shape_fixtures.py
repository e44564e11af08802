"""Each shape against its hand-made conforming and violating graphs (tests/fixtures/shapes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from validation_fixtures import (
    BASE_ID,
    FIXTURES,
    MINTER,
    SETTINGS,
    SHAPES,
    TODAY,
    expected_shapes,
    fixture_graph,
    renamed,
    store_of,
)

from pia_kg.validation import validate_store
from pia_kg.validation.shapes import load_shapes

VIOLATING = sorted((FIXTURES / "violating").glob("*.ru"))
CONFORMING = sorted((FIXTURES / "conforming").glob("*.ru"))


def _results(update: Path | None, today: date = TODAY):
    store = store_of({BASE_ID: fixture_graph(update)})
    return validate_store(store, SETTINGS, today=today).results


def test_base_graph_conforms() -> None:
    assert _results(None) == []


@pytest.mark.parametrize("update", CONFORMING, ids=lambda p: p.stem)
def test_conforming_variant(update: Path) -> None:
    assert _results(update) == []


@pytest.mark.parametrize("update", VIOLATING, ids=lambda p: p.stem)
def test_violating_variant_breaks_exactly_its_shapes(update: Path) -> None:
    results = _results(update)
    assert {r.result.source_shape for r in results} == expected_shapes(update)
    assert all(r.assessment == MINTER.mint("assessment", BASE_ID) for r in results)


def test_every_shape_has_a_violating_fixture() -> None:
    shapes = load_shapes(SETTINGS.shapes_dir, TODAY)
    reporting = {p.iri for s in shapes.node_shapes for p in s.properties}
    reporting |= {s.iri for s in shapes.node_shapes if s.sparql or s.node_or}
    covered = set().union(*(expected_shapes(u) for u in VIOLATING))
    assert reporting - covered == set()
    assert covered - reporting == set()


def test_every_shape_is_labelled_explained_and_has_messages_in_both_languages() -> None:
    graph = load_shapes(SETTINGS.shapes_dir, TODAY).graph
    shapes = {s for cls in (SH.NodeShape, SH.PropertyShape) for s in graph.subjects(RDF.type, cls)}
    assert len(shapes) > 40
    for shape in shapes:
        assert isinstance(shape, URIRef) and str(shape).startswith(SHAPES)
        for predicate in (RDFS.label, RDFS.comment, SH.message):
            languages = {o.language for o in graph.objects(shape, predicate) if isinstance(o, Literal)}
            assert {"ja", "en"} <= languages, f"{shape} lacks {predicate} in ja and en"


def test_severities_are_the_ones_declared() -> None:
    severities = {
        "reassessment-due": "Warning",
        "pre-2024-numbering": "Warning",
        "risk-issues-remain": "Info",
        "no-hub-connection": "Warning",
        "citation-law-only": "Warning",
        "declared-counts": "Violation",
        "provision-incomplete": "Violation",
    }
    for name, severity in severities.items():
        results = _results(FIXTURES / "violating" / f"{name}.ru")
        assert results and {r.result.severity for r in results} == {severity}, name


def test_reference_date_is_injectable() -> None:
    update = FIXTURES / "violating" / "reassessment-due.ru"  # published 2020-06-06
    assert _results(update, today=date(2025, 6, 6)) == []
    (due,) = _results(update, today=date(2025, 6, 7))
    assert due.result.source_shape == SHAPES + "ReassessmentDueShape"
    assert "2025-06-06" in " ".join(m.text for m in due.result.messages)


def test_declared_count_message_and_location() -> None:
    results = _results(FIXTURES / "violating" / "declared-counts.ru")
    provision = next(r for r in results if r.result.source_shape.endswith("DeclaredProvisionCountShape"))
    assert provision.focus_label == "介護保険情報ファイル"
    assert provision.result.value is not None and provision.result.value.value == "4"
    assert "Declares 4 provisions but lists 3" in [m.text for m in provision.result.messages]
    assert provision.location is not None
    assert (provision.location.section, provision.location.line_start, provision.location.line_end) == (
        "Ⅱ/ファイル1",
        100,
        110,
    )
    assert provision.location.file_name == "999_kakuu.txt"


def test_result_points_to_the_flow_and_where_it_was_read() -> None:
    results = _results(FIXTURES / "violating" / "provision-incomplete.ru")
    assert {r.focus_label for r in results} == {"提供先1 全国健康保険協会"}
    assert {(r.location.section, r.location.line_start) for r in results if r.location} == {
        ("Ⅱ/ファイル1/5/提供先1", 200)
    }
    paths = {r.result.result_path.compact({"pia": "https://w3id.org/pia-kg/ontology#"}) for r in results}
    assert "pia:method|pia:methodText|pia:methodNote" in paths


def test_one_assessment_only() -> None:
    other = "別の市-2-2025-01-01"
    broken = fixture_graph(FIXTURES / "violating" / "no-department.ru")
    copy = renamed(broken, "copy")
    store = store_of({BASE_ID: fixture_graph(), other: copy})
    everything = validate_store(store, SETTINGS, today=TODAY)
    assert len(everything.assessments) == 2
    assert {r.result.source_shape for r in everything.results} == {SHAPES + "CoverDepartment"}
    only_base = validate_store(store, SETTINGS, assessment_id=BASE_ID, today=TODAY)
    assert [a.identifier for a in only_base.assessments] == [BASE_ID]
    assert only_base.results == []
