"""The ontology files: the core vocabulary, its modules and the code lists, as paths or as one graph."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
CORE_FILE = ONTOLOGY_DIR / "pia.ttl"
CODELISTS_FILE = ONTOLOGY_DIR / "codelists.ttl"
MODULES_DIR = ONTOLOGY_DIR / "modules"


def ontology_files(ontology_dir: Path = ONTOLOGY_DIR) -> list[Path]:
    """The ontology's Turtle files: the core (with the one owl:Ontology header), the modules, the code lists."""
    core = ontology_dir / CORE_FILE.name
    modules = sorted((ontology_dir / MODULES_DIR.name).glob("*.ttl"))
    codelists = ontology_dir / CODELISTS_FILE.name
    return [path for path in [core, *modules, codelists] if path.is_file()]


def ontology_graph(ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """A fresh graph holding the whole ontology and the code lists (callers may add to it)."""
    graph = Graph()
    graph += _parsed(tuple(ontology_files(ontology_dir)))
    return graph


@cache
def _parsed(paths: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph
