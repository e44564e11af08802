"""shapes/vocabulary.ttl holds over the ontology, and catches a term that lost a label."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from pia_kg.namespaces import CODE, PIA

SHAPES_FILE = Path(__file__).resolve().parents[2] / "shapes" / "vocabulary.ttl"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def conforms(data: Graph, shapes: Graph) -> tuple[bool, str]:
    result, _report_graph, report_text = validate(data, shacl_graph=shapes)
    return bool(result), str(report_text)


def test_ontology_conforms_to_vocabulary_shapes(graph: Graph, shapes: Graph) -> None:
    ok, report = conforms(graph, shapes)
    assert ok, report


def test_term_without_japanese_label_is_reported(graph: Graph, shapes: Graph) -> None:
    broken = Graph() + graph
    assessment = URIRef(PIA + "Assessment")
    broken.remove((assessment, RDFS.label, Literal("特定個人情報保護評価書", lang="ja")))
    ok, report = conforms(broken, shapes)
    assert not ok
    assert str(assessment) in report


def test_range_with_inverted_bounds_is_reported(graph: Graph, shapes: Graph) -> None:
    broken = Graph() + graph
    concept = URIRef(CODE + "staff-count/10-50")
    broken.set((concept, URIRef(PIA + "lowerBound"), Literal(60)))
    ok, report = conforms(broken, shapes)
    assert not ok
    assert str(concept) in report
