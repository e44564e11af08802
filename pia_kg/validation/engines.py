"""The two validation engines, both validating one assessment graph (plus the ontology graph) at a time.

- ``SparqlEngine`` (default): the shapes compiled to one SPARQL SELECT, run by the store on the named graphs.
- ``PyshaclEngine`` (reference): pyshacl over an rdflib copy of the same graphs. This module is the only
  code of the project that imports pyshacl.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pia_kg.store.port import GraphStore, Row, Term
from pia_kg.validation.compiler import Branch, compile_shapes
from pia_kg.validation.model import Message, Path, ValidationResult, severity_name
from pia_kg.validation.shapes import ShapesGraph, read_path

ENGINES = ("sparql", "pyshacl")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


class Engine(Protocol):
    name: str

    def validate(self, store: GraphStore, graphs: list[str], context: list[str]) -> dict[str, list[ValidationResult]]:
        """Results per graph, each of ``graphs`` validated on its own with the ``context`` graphs (the ontology)."""
        ...


def make_engine(name: str, shapes: ShapesGraph) -> Engine:
    if name == "sparql":
        return SparqlEngine(shapes)
    if name == "pyshacl":
        return PyshaclEngine(shapes)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def fill_message(text: str, row: dict[str, str]) -> str:
    """Replace ``{?var}`` / ``{$var}`` placeholders by the values a result row binds (unknown ones stay)."""
    return _PLACEHOLDER.sub(lambda m: row.get(m.group(1), m.group(0)), text)


class SparqlEngine:
    """Runs the compiled shapes on each assessment graph (with the context graphs as its default graph).

    One small SELECT per constraint: on pyoxigraph several small queries parse and plan faster than one UNION of
    them, and validating a graph with only its own triples (plus the ontology) keeps shared nodes (laws,
    systems) from multiplying joins across documents.
    """

    name = "sparql"

    def __init__(self, shapes: ShapesGraph) -> None:
        self.compiled = compile_shapes(shapes)
        self._queries = self.compiled.queries()

    def validate(self, store: GraphStore, graphs: list[str], context: list[str]) -> dict[str, list[ValidationResult]]:
        """Graphs are independent: they are validated on a few threads (the store answers queries in parallel)."""
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            results = pool.map(lambda graph: self._validate_graph(store, graph, context), graphs)
            return dict(zip(graphs, results, strict=True))

    def _validate_graph(self, store: GraphStore, graph: str, context: list[str]) -> list[ValidationResult]:
        dataset = [graph, *context]
        return [
            self._result(branch, row)
            for branch, query in zip(self.compiled.branches, self._queries, strict=True)
            for row in store.select(query, default_graphs=dataset).rows
        ]

    def _result(self, branch: Branch, row: Row) -> ValidationResult:
        focus = row["this"]
        path_term = row.get("path")
        path = Path.of(path_term.value) if path_term is not None and path_term.kind == "iri" else branch.path
        value = row.get("value") or (focus if branch.value_is_focus else None)
        texts = {name: term.value for name, term in row.items()}
        return ValidationResult(
            focus_node=focus.value,
            result_path=path,
            value=value,
            source_shape=branch.source_shape,
            severity=branch.severity,
            component=branch.component,
            messages=tuple(Message(fill_message(m.text, texts), m.lang) for m in branch.messages),
        )


class PyshaclEngine:
    """pyshacl over an rdflib graph holding the assessment graph and the context graphs."""

    name = "pyshacl"

    def __init__(self, shapes: ShapesGraph) -> None:
        self.shapes = shapes
        self._context: tuple[tuple[str, ...], Graph] | None = None

    def _context_graph(self, store: GraphStore, context: list[str]) -> Graph:
        key = tuple(context)
        if self._context is None or self._context[0] != key:
            graph = Graph()
            for name in context:
                graph.parse(data=store.dump("application/n-triples", graph=name), format="nt")
            self._context = (key, graph)
        return self._context[1]

    def validate(self, store: GraphStore, graphs: list[str], context: list[str]) -> dict[str, list[ValidationResult]]:
        return {graph: self.validate_one(store, graph, context) for graph in graphs}

    def validate_one(self, store: GraphStore, graph: str, context: list[str]) -> list[ValidationResult]:
        """pyshacl over one assessment graph merged with the context graphs."""
        import pyshacl

        data = Graph()
        data += self._context_graph(store, context)
        data.parse(data=store.dump("application/n-triples", graph=graph), format="nt")
        _conforms, report, _text = pyshacl.validate(
            data, shacl_graph=self.shapes.graph, advanced=True, inference="none", allow_warnings=True
        )
        if not isinstance(report, Graph):
            raise RuntimeError(f"pyshacl could not validate {graph}: {report}")
        return [self._result(report, node) for node in report.subjects(RDF.type, SH.ValidationResult)]

    def _path(self, report: Graph, node: Node | None) -> Path | None:
        if node is None:
            return None
        if isinstance(node, BNode) and not any(True for _ in report.predicate_objects(node)):
            return read_path(self.shapes.graph, node)
        return read_path(report, node)

    def _result(self, report: Graph, node: Node) -> ValidationResult:
        value = report.value(node, SH.value)
        messages = tuple(
            sorted(
                (Message(str(m), m.language) for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)),
                key=lambda m: m.lang or "",
            )
        )
        return ValidationResult(
            focus_node=str(report.value(node, SH.focusNode)),
            result_path=self._path(report, report.value(node, SH.resultPath)),
            value=_term(value) if value is not None else None,
            source_shape=str(report.value(node, SH.sourceShape)),
            severity=severity_name(str(report.value(node, SH.resultSeverity))),
            component=str(report.value(node, SH.sourceConstraintComponent)),
            messages=messages,
        )


def _term(node: Node) -> Term:
    if isinstance(node, URIRef):
        return Term("iri", str(node))
    if isinstance(node, Literal):
        datatype = str(node.datatype) if node.datatype else None
        if datatype is None and node.language is None:
            datatype = "http://www.w3.org/2001/XMLSchema#string"
        return Term("literal", str(node), datatype, node.language)
    return Term("bnode", str(node))
