"""The two validation engines; both report, per assessment graph, what validating it with the graphs it is read
with (ontology, reference data, series links) finds.

- ``SparqlEngine`` (default): the shapes compiled to SPARQL SELECTs, run by the store over the whole store at once
  or on each assessment graph.
- ``PyshaclEngine`` (reference): pyshacl over an rdflib copy of the same graphs. This module is the only
  code of the project that imports pyshacl.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pia_kg.store.port import GraphStore, Row, Term
from pia_kg.validation.compiler import Branch, compile_shapes
from pia_kg.validation.model import Dataset, Message, Path, ValidationResult, severity_name
from pia_kg.validation.shapes import ShapesGraph, read_path

ENGINES = ("sparql", "pyshacl")
_THREADS = min(4, os.cpu_count() or 1)
_CHUNK = 20000  # nodes per VALUES block: fewer, larger queries plan and join faster
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


class Engine(Protocol):
    name: str

    def validate(self, store: GraphStore, dataset: Dataset) -> dict[str, list[ValidationResult]]:
        """Results per assessment graph, each validated with what ``dataset.read_with`` says it is read with."""
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
    """Runs the compiled shapes: once over the whole store, or on each assessment graph (with what it is read with).

    One small SELECT per constraint: on pyoxigraph several small queries parse and plan faster than one UNION of
    them. When the dataset is the whole store, each SELECT runs once over the union of its graphs and every result
    goes to the assessment graph that describes its focus node: assessment graphs share no node they describe
    (shared nodes live in the reference graph), so this is what the per-graph runs report, in one pass per
    constraint instead of one per constraint and graph.
    """

    name = "sparql"

    def __init__(self, shapes: ShapesGraph) -> None:
        self.compiled = compile_shapes(shapes)
        self._queries = self.compiled.queries()

    def validate(self, store: GraphStore, dataset: Dataset) -> dict[str, list[ValidationResult]]:
        """Queries are independent: they run on a few threads (the store answers queries in parallel)."""
        if dataset.whole_store:
            return self._validate_together(store, dataset)
        with ThreadPoolExecutor(max_workers=_THREADS) as pool:
            results = pool.map(lambda graph: self._validate_graph(store, dataset.read_with(graph)), dataset.graphs)
            return dict(zip(dataset.graphs, results, strict=True))

    def _validate_graph(self, store: GraphStore, default_graphs: list[str] | None) -> list[ValidationResult]:
        return [
            self._result(branch, row)
            for branch, query in zip(self.compiled.branches, self._queries, strict=True)
            for row in store.select(query, default_graphs=default_graphs).rows
        ]

    def _validate_together(self, store: GraphStore, dataset: Dataset) -> dict[str, list[ValidationResult]]:
        def run(pair: tuple[Branch, str]) -> list[ValidationResult]:
            branch, query = pair
            return [self._result(branch, row) for row in store.select(query).rows]

        with ThreadPoolExecutor(max_workers=_THREADS) as pool:
            found = [r for rs in pool.map(run, zip(self.compiled.branches, self._queries, strict=True)) for r in rs]
        if not all(_is_iri(r.focus_node) for r in found):  # a blank node cannot be looked up: validate graph by graph
            return self.validate(store, replace(dataset, whole_store=False))
        owners = describing_graphs(store, {r.focus_node for r in found}, dataset.graphs)
        by_graph: dict[str, list[ValidationResult]] = {graph: [] for graph in dataset.graphs}
        for result in found:
            # a node no assessment graph describes is shared (reference data): every graph's run would see it
            for graph in owners.get(result.focus_node) or dataset.graphs:
                by_graph[graph].append(result)
        return by_graph

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

    def validate(self, store: GraphStore, dataset: Dataset) -> dict[str, list[ValidationResult]]:
        return {graph: self.validate_one(store, graph, dataset) for graph in dataset.graphs}

    def validate_one(self, store: GraphStore, graph: str, dataset: Dataset) -> list[ValidationResult]:
        """pyshacl over one assessment graph merged with the graphs it is read with."""
        import pyshacl

        data = Graph()
        data += self._context_graph(store, list(dataset.shared))
        for name in (graph, *dataset.links.get(graph, ())):
            data.parse(data=store.dump("application/n-triples", graph=name), format="nt")
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


_DESCRIBED_IN = "SELECT DISTINCT ?node ?graph WHERE { VALUES ?node { %s } GRAPH ?graph { ?node ?_p ?_o } }"


def iri_term(value: str) -> str:
    """``<value>`` for a query, refusing what cannot be written as an IRI."""
    if any(ch in value for ch in '<>"{}|^`\\ '):
        raise ValueError(f"not an IRI that can be written in a query: {value!r}")
    return f"<{value}>"


def _is_iri(node: str) -> bool:
    return "://" in node or node.startswith("urn:")


def describing_graphs(store: GraphStore, nodes: set[str], graphs: tuple[str, ...]) -> dict[str, list[str]]:
    """For each node, the graphs among ``graphs`` in which it is the subject of a triple (blank nodes: none)."""
    wanted = set(graphs)
    iris = sorted(n for n in nodes if _is_iri(n))
    owners: dict[str, list[str]] = {}
    for start in range(0, len(iris), _CHUNK):
        values = " ".join(iri_term(n) for n in iris[start : start + _CHUNK])
        for row in store.select(_DESCRIBED_IN % values).rows:
            if row["graph"].value in wanted:
                owners.setdefault(row["node"].value, []).append(row["graph"].value)
    return {node: sorted(found) for node, found in owners.items()}
