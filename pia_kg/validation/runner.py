"""Validate the assessments of a store (each assessment graph with the graphs it is read with) and locate each
result in its document."""

from __future__ import annotations

from datetime import date

from pia_kg.iri import IriMinter
from pia_kg.namespaces import PREFIXES, sparql_prologue
from pia_kg.settings import Settings
from pia_kg.store.port import GraphStore, Row
from pia_kg.validation.engines import Engine, iri_term, make_engine
from pia_kg.validation.model import (
    AssessmentInfo,
    Dataset,
    Location,
    ReportedResult,
    ValidationReport,
    ValidationResult,
)
from pia_kg.validation.shapes import SHAPES_NS, load_shapes

_ASSESSMENTS = """
SELECT ?graph ?assessment (SAMPLE(?title) AS ?label) WHERE {
  GRAPH ?graph { ?assessment a pia:Assessment . OPTIONAL { ?assessment rdfs:label|dct:title ?title } }
  %s
} GROUP BY ?graph ?assessment ORDER BY ?assessment
"""

_WHERE_FROM = """
SELECT ?node ?label ?loc ?section ?start ?end ?file ?sourceFile WHERE {
  VALUES ?node { %s }
  OPTIONAL { ?node rdfs:label|dct:title ?label }
  OPTIONAL {
    ?node pia:readFrom ?loc .
    OPTIONAL { ?loc pia:sectionPath ?section } OPTIONAL { ?loc pia:lineStart ?start } OPTIONAL { ?loc pia:lineEnd ?end }
    OPTIONAL { ?loc pia:inSourceFile/pia:fileName ?file }
  }
  OPTIONAL { ?node pia:sourceFile/pia:fileName ?sourceFile }
}
"""

# Series graphs hold the version links: a newer version -> pia:previousVersion -> the version it revises.
_SUPERSEDED = """
SELECT DISTINCT ?links ?assessment WHERE {
  GRAPH ?links { ?newer pia:previousVersion ?assessment }
  %s
}
"""
_CHUNK = 20000  # nodes per VALUES block: fewer, larger queries plan and join faster


def assessment_graphs(store: GraphStore, minter: IriMinter, assessment_id: str | None = None) -> list[AssessmentInfo]:
    """The assessment graphs of the store (or the one holding ``assessment_id``), in assessment order."""
    only = f"VALUES ?assessment {{ {iri_term(minter.mint('assessment', assessment_id))} }}" if assessment_id else ""
    rows = store.select(sparql_prologue() + _ASSESSMENTS % only).rows
    found = []
    for row in rows:
        iri = row["assessment"].value
        try:
            identifier = minter.assessment_id(iri)
        except ValueError:
            identifier = None
        label = row["label"].value if "label" in row else None
        found.append(AssessmentInfo(iri, row["graph"].value, label, identifier))
    return found


def _location(row: Row) -> Location | None:
    file_name = row["file"].value if "file" in row else row["sourceFile"].value if "sourceFile" in row else None
    if "loc" not in row and file_name is None:
        return None
    return Location(
        iri=row["loc"].value if "loc" in row else None,
        section=row["section"].value if "section" in row else None,
        line_start=int(row["start"].value) if "start" in row else None,
        line_end=int(row["end"].value) if "end" in row else None,
        file_name=file_name,
    )


def _where_from(
    store: GraphStore, graphs: list[str] | None, nodes: set[str]
) -> dict[str, tuple[str | None, Location | None]]:
    """Label and document location of each node, read from ``graphs`` (None: the whole store)."""
    iris = sorted(n for n in nodes if "://" in n or n.startswith("urn:"))
    rows = []
    for start in range(0, len(iris), _CHUNK):
        values = " ".join(iri_term(n) for n in iris[start : start + _CHUNK])
        rows += store.select(sparql_prologue() + _WHERE_FROM % values, default_graphs=graphs).rows
    found: dict[str, tuple[str | None, Location | None]] = {}
    for row in sorted(rows, key=_row_order):
        node = row["node"].value
        label = row["label"].value if "label" in row else None
        previous = found.get(node)
        if previous is None or (previous[1] is None and _location(row) is not None):
            found[node] = (label, _location(row))
    return found


def _dataset(store: GraphStore, minter: IriMinter, assessments: list[AssessmentInfo], whole: bool) -> Dataset:
    """The assessment graphs with the ontology and reference graphs and, per graph, the series graphs saying that
    a newer version revises its assessment."""
    stored = set(store.graphs())
    shared = tuple(g for g in (minter.ontology_graph, minter.reference_graph) if g in stored)
    graph_of = {info.iri: info.graph for info in assessments}
    only = f"VALUES ?assessment {{ {' '.join(iri_term(a) for a in graph_of)} }}" if not whole else ""
    links: dict[str, tuple[str, ...]] = {}
    for row in store.select(sparql_prologue() + _SUPERSEDED % only).rows:
        graph = graph_of.get(row["assessment"].value)
        if graph is not None:
            links[graph] = (*links.get(graph, ()), row["links"].value)
    read = set(graph_of.values()) | set(shared) | {g for named in links.values() for g in named}
    return Dataset(tuple(graph_of.values()), shared, links, whole_store=whole and read >= stored)


def _row_order(row: Row) -> tuple[int, str]:
    return (int(row["start"].value) if "start" in row else 10**9, row["label"].value if "label" in row else "")


def validate_store(
    store: GraphStore,
    settings: Settings,
    *,
    assessment_id: str | None = None,
    today: date | None = None,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate every assessment graph of ``store`` (or one) against the shapes; results located in documents."""
    today = today or date.today()
    shapes = load_shapes(settings.shapes_dir, today)
    runner: Engine = make_engine(engine, shapes)
    minter = IriMinter(settings.base_iri)
    assessments = assessment_graphs(store, minter, assessment_id)
    prefixes = {**PREFIXES, **shapes.prefixes, "pias": SHAPES_NS, "id": minter.base}
    report = ValidationReport(runner.name, today, assessments, shapes.info, prefixes=prefixes)
    dataset = _dataset(store, minter, assessments, whole=assessment_id is None)
    found = runner.validate(store, dataset)
    if dataset.whole_store:
        where = _where_from(store, None, {r.focus_node for results in found.values() for r in results})
    for info in assessments:
        results = found[info.graph]
        if not dataset.whole_store:
            where = _where_from(store, dataset.read_with(info.graph), {r.focus_node for r in results})
        for result in sorted(results, key=_result_order):
            label, location = where.get(result.focus_node, (None, None))
            report.results.append(ReportedResult(result, info.iri, label, location))
    return report


def _result_order(result: ValidationResult) -> tuple[int, str, str, str]:
    severity = {"Violation": 0, "Warning": 1, "Info": 2}[result.severity]
    path = result.result_path.sparql() if result.result_path else ""
    return (severity, result.source_shape, result.focus_node, path)
