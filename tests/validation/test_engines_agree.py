"""The SPARQL engine reports exactly what pyshacl (the reference) reports, on every fixture."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph
from validation_fixtures import FIXTURES, MINTER, SETTINGS, TODAY, fixture_graph, renamed, store_of

from pia_kg.validation.engines import PyshaclEngine, SparqlEngine
from pia_kg.validation.model import ValidationResult
from pia_kg.validation.shapes import load_shapes


def _keys(results: list[ValidationResult]) -> Counter:
    return Counter((*r.key(), r.value.value if r.value else None) for r in results)


def test_engines_agree_on_all_fixtures() -> None:
    """Every fixture variant as its own copy (IRIs renamed apart) in one graph, validated by both engines."""
    merged = Graph()
    updates = [None, *sorted(FIXTURES.glob("*/*.ru"))]
    for number, update in enumerate(updates):
        merged += renamed(fixture_graph(update), f"fixture-{number}")
    store = store_of({"fixtures": merged})
    shapes = load_shapes(SETTINGS.shapes_dir, TODAY)
    context = [MINTER.ontology_graph]
    graph = MINTER.graph("fixtures")
    fast = SparqlEngine(shapes).validate(store, [graph], context)[graph]
    reference = PyshaclEngine(shapes).validate(store, [graph], context)[graph]
    assert len(fast) > 50
    assert _keys(fast) == _keys(reference)
