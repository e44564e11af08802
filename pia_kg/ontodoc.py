"""Documentation generated from the ontology Turtle, so ontology/README.md cannot drift from it.

Two blocks of the README are generated, each between its own markers: a Mermaid class diagram of the pia:
classes with their datatype properties, object properties and subclass links, and the alignment table
(our term, external term, relation). ``python -m pia_kg.ontodoc --write`` rewrites them; ``--check`` fails
when the README is out of date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCAM, OWL, RDF, RDFS, SKOS

from pia_kg.namespaces import PIA, PREFIXES
from pia_kg.ontology import ONTOLOGY_DIR, ontology_graph

README = ONTOLOGY_DIR / "README.md"
ALIGNMENT_PREDICATES = {
    RDFS.subClassOf: "rdfs:subClassOf",
    RDFS.subPropertyOf: "rdfs:subPropertyOf",
    OWL.equivalentClass: "owl:equivalentClass",
    SKOS.closeMatch: "skos:closeMatch",
    SKOS.exactMatch: "skos:exactMatch",
}


def local(iri: URIRef) -> str:
    return str(iri).removeprefix(PIA)


def curie(iri: URIRef) -> str:
    """``prefix:name`` for IRIs in the project's prefixes, else ``<iri>``."""
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return f"<{iri}>"


def _pia(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(PIA))


def _named(graph: Graph, subject: URIRef, predicate: URIRef) -> URIRef | None:
    """The first (in IRI order) named object, so that output does not depend on triple order."""
    values = sorted(o for o in graph.objects(subject, predicate) if isinstance(o, URIRef))
    return values[0] if values else None


def mermaid_class_diagram(graph: Graph) -> str:
    """A Mermaid ``classDiagram`` of the pia: classes, their attributes and the relations between them."""
    classes = set(_pia(graph, OWL.Class))
    lines = ["classDiagram", "    direction LR"]
    for cls in sorted(classes):
        attributes = list(_attributes(graph, cls))
        if attributes:
            lines.append(f"    class {local(cls)} {{")
            lines += [f"        +{attribute}" for attribute in attributes]
            lines.append("    }")
        else:
            lines.append(f"    class {local(cls)}")
    for cls in sorted(classes):
        for parent in sorted(p for p in graph.objects(cls, RDFS.subClassOf) if p in classes):
            lines.append(f"    {local(parent)} <|-- {local(cls)}")
    for prop in _pia(graph, OWL.ObjectProperty):
        for domain in _classes_of(graph, prop, RDFS.domain):
            for range_ in _classes_of(graph, prop, RDFS.range):
                if domain in classes and range_ in classes:
                    lines.append(f"    {local(domain)} --> {local(range_)} : {local(prop)}")
    return "\n".join(lines)


def _classes_of(graph: Graph, prop: URIRef, predicate: URIRef) -> list[URIRef]:
    """The named classes of a domain or range, looking inside an owl:unionOf."""
    found: set[URIRef] = set()
    for value in graph.objects(prop, predicate):
        if isinstance(value, URIRef):
            found.add(value)
        elif (union := graph.value(value, OWL.unionOf)) is not None:
            found.update(m for m in Collection(graph, union) if isinstance(m, URIRef))
    return sorted(found)


def _attributes(graph: Graph, cls: URIRef) -> Iterator[str]:
    """Datatype properties of ``cls``, and object properties from ``cls`` to code-list concepts."""
    for kind in (OWL.DatatypeProperty, OWL.ObjectProperty):
        for prop in _pia(graph, kind):
            if _named(graph, prop, RDFS.domain) != cls:
                continue
            range_ = _named(graph, prop, RDFS.range) or _named(graph, prop, DCAM.rangeIncludes)
            if kind == OWL.ObjectProperty and range_ != SKOS.Concept:
                continue
            shown = curie(range_).partition(":")[2] if range_ is not None else "literal"
            yield f"{shown} {local(prop)}"


def alignment_table(graph: Graph) -> str:
    """A Markdown table: each pia: term, the external term it is aligned to, and the relation."""
    rows = ["| pia term | relation | external term |", "|---|---|---|"]
    for predicate, name in ALIGNMENT_PREDICATES.items():
        for subject, target in sorted(graph.subject_objects(predicate)):
            if str(subject).startswith(PIA) and isinstance(target, URIRef) and not str(target).startswith(PIA):
                rows.append(f"| `{curie(subject)}` | {name} | `{curie(target)}` |")
    return "\n".join(rows)


BLOCKS: dict[str, tuple[Callable[[Graph], str], str]] = {
    "diagram": (mermaid_class_diagram, "mermaid"),
    "alignment": (alignment_table, ""),
}


def render(readme_text: str, graph: Graph) -> str:
    """``readme_text`` with every generated block replaced by a fresh rendering from ``graph``."""
    for name, (generate, fence) in BLOCKS.items():
        start, end = f"<!-- ontodoc:{name}:start -->", f"<!-- ontodoc:{name}:end -->"
        head, found_start, rest = readme_text.partition(start)
        _old, found_end, tail = rest.partition(end)
        if not (found_start and found_end):
            raise ValueError(f"markers for the {name} block are missing")
        body = generate(graph)
        block = f"```{fence}\n{body}\n```" if fence else body
        readme_text = f"{head}{start}\n{block}\n{end}{tail}"
    return readme_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=README)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="rewrite the generated blocks of the README")
    action.add_argument("--check", action="store_true", help="exit 1 if the README is out of date")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    fresh = render(current, ontology_graph())
    if args.write:
        args.readme.write_text(fresh, encoding="utf-8")
    elif args.check:
        if fresh != current:
            print(f"{args.readme} is out of date: run python -m pia_kg.ontodoc --write", file=sys.stderr)
            return 1
    else:
        print(fresh, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
