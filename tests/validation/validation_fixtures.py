"""Stores built from the hand-made fixture graphs of tests/fixtures/shapes (with the ontology graph)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from rdflib import Graph

from pia_kg.iri import IriMinter
from pia_kg.ontology import ontology_graph
from pia_kg.settings import Settings
from pia_kg.store.embedded import EmbeddedStore

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "shapes"
BASE = FIXTURES / "conforming.ttl"
BASE_ID = "架空市-1-2025-06-06"
TODAY = date(2026, 1, 1)  # the reference date the fixtures are written for
SHAPES = "https://w3id.org/pia-kg/shapes#"
MINTER = IriMinter()
SETTINGS = Settings()


@cache
def ontology_ntriples() -> bytes:
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def fixture_graph(update: Path | None = None) -> Graph:
    """The conforming base graph, changed by the SPARQL Update ``update`` when given."""
    graph = Graph().parse(BASE, format="turtle")
    if update is not None:
        graph.update(update.read_text(encoding="utf-8"))
    return graph


def expected_shapes(update: Path) -> set[str]:
    """The shapes a violating fixture declares it breaks (``# expect: A B``), as IRIs."""
    match = re.search(r"^# expect: (.+)$", update.read_text(encoding="utf-8"), re.M)
    assert match, f"{update.name} declares no '# expect:' line"
    return {SHAPES + name for name in match.group(1).split()}


def store_of(graphs: dict[str, Graph], path: Path | None = None) -> EmbeddedStore:
    """A store holding the ontology graph and one named graph per assessment id."""
    store = EmbeddedStore(path)
    store.replace_graph(MINTER.ontology_graph, ontology_ntriples())
    for assessment_id, graph in graphs.items():
        store.replace_graph(MINTER.graph(assessment_id), graph.serialize(format="nt", encoding="utf-8"))
    return store


def renamed(graph: Graph, tag: str) -> Graph:
    """A copy whose instance IRIs all live under ``{base}{tag}/`` (so copies never share a node)."""
    text = graph.serialize(format="nt")
    return Graph().parse(data=text.replace(MINTER.base, f"{MINTER.base}{tag}/"), format="nt")
