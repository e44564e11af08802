"""The SPARQL engine reports exactly what pyshacl (the reference) reports, on every fixture."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph
from validation_fixtures import FIXTURES, MINTER, SETTINGS, TODAY, fixture_graph, renamed, store_of

from pia_kg.validation.engines import PyshaclEngine, SparqlEngine
from pia_kg.validation.model import Dataset, ValidationResult
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
    graph = MINTER.graph("fixtures")
    dataset = Dataset((graph,), (MINTER.ontology_graph,))
    fast = SparqlEngine(shapes).validate(store, dataset)[graph]
    reference = PyshaclEngine(shapes).validate(store, dataset)[graph]
    assert len(fast) > 50
    assert _keys(fast) == _keys(reference)


def test_one_pass_over_the_store_reports_what_the_per_graph_runs_report() -> None:
    """Every fixture variant in its own graph: one query per constraint over the whole store, results given to
    the graph that describes their focus node, equals validating each graph on its own."""
    updates = [None, *sorted(FIXTURES.glob("*/*.ru"))]
    graphs = {f"variant-{n}": renamed(fixture_graph(u), f"variant-{n}") for n, u in enumerate(updates)}
    store = store_of(graphs)
    engine = SparqlEngine(load_shapes(SETTINGS.shapes_dir, TODAY))
    names = tuple(MINTER.graph(name) for name in graphs)
    together = engine.validate(store, Dataset(names, (MINTER.ontology_graph,), whole_store=True))
    apart = engine.validate(store, Dataset(names, (MINTER.ontology_graph,)))
    assert {g: _keys(r) for g, r in together.items()} == {g: _keys(r) for g, r in apart.items()}
    violating = {MINTER.graph(f"variant-{n}") for n, u in enumerate(updates) if u and u.parent.name == "violating"}
    assert {graph for graph, results in together.items() if results} == violating


def test_a_blank_node_focus_stays_in_its_graph() -> None:
    """A result on a blank node cannot be traced to its graph by a query: the run goes graph by graph instead."""
    with_blank = fixture_graph()
    with_blank.update("PREFIX pia: <https://w3id.org/pia-kg/ontology#> INSERT DATA { [] a pia:Outsourcing }")
    store = store_of({"with-blank": with_blank, "other": renamed(fixture_graph(), "other")})
    engine = SparqlEngine(load_shapes(SETTINGS.shapes_dir, TODAY))
    names = (MINTER.graph("with-blank"), MINTER.graph("other"))
    together = engine.validate(store, Dataset(names, (MINTER.ontology_graph,), whole_store=True))
    assert together == engine.validate(store, Dataset(names, (MINTER.ontology_graph,)))
    assert together[names[0]] and not together[names[1]]
