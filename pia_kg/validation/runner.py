"""Validate the assessments of a store, one assessment graph at a time, and locate each result in its document."""

from __future__ import annotations

from datetime import date

from pia_kg.iri import IriMinter
from pia_kg.namespaces import PREFIXES, sparql_prologue
from pia_kg.settings import Settings
from pia_kg.store.port import GraphStore, Row
from pia_kg.validation.engines import Engine, make_engine
from pia_kg.validation.model import AssessmentInfo, Location, ReportedResult, ValidationReport, ValidationResult
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


def _iri(value: str) -> str:
    if any(ch in value for ch in '<>"{}|^`\\ '):
        raise ValueError(f"not an IRI that can be written in a query: {value!r}")
    return f"<{value}>"


def assessment_graphs(store: GraphStore, minter: IriMinter, assessment_id: str | None = None) -> list[AssessmentInfo]:
    """The assessment graphs of the store (or the one holding ``assessment_id``), in assessment order."""
    only = f"VALUES ?assessment {{ {_iri(minter.mint('assessment', assessment_id))} }}" if assessment_id else ""
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


def _where_from(store: GraphStore, graphs: list[str], nodes: set[str]) -> dict[str, tuple[str | None, Location | None]]:
    """Label and document location of each node, read from its assessment graph (and the context graphs)."""
    iris = sorted(n for n in nodes if "://" in n or n.startswith("urn:"))
    if not iris:
        return {}
    rows = store.select(sparql_prologue() + _WHERE_FROM % " ".join(_iri(n) for n in iris), default_graphs=graphs).rows
    found: dict[str, tuple[str | None, Location | None]] = {}
    for row in sorted(rows, key=_row_order):
        node = row["node"].value
        label = row["label"].value if "label" in row else None
        previous = found.get(node)
        if previous is None or (previous[1] is None and _location(row) is not None):
            found[node] = (label, _location(row))
    return found


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
    stored = set(store.graphs())
    context = [g for g in (minter.ontology_graph, minter.reference_graph) if g in stored]
    assessments = assessment_graphs(store, minter, assessment_id)
    prefixes = {**PREFIXES, **shapes.prefixes, "pias": SHAPES_NS, "id": minter.base}
    report = ValidationReport(runner.name, today, assessments, shapes.info, prefixes=prefixes)
    found = runner.validate(store, [info.graph for info in assessments], context)
    for info in assessments:
        results = found[info.graph]
        where = _where_from(store, [info.graph, *context], {r.focus_node for r in results})
        for result in sorted(results, key=_result_order):
            label, location = where.get(result.focus_node, (None, None))
            report.results.append(ReportedResult(result, info.iri, label, location))
    return report


def _result_order(result: ValidationResult) -> tuple[int, str, str, str]:
    severity = {"Violation": 0, "Warning": 1, "Info": 2}[result.severity]
    path = result.result_path.sparql() if result.result_path else ""
    return (severity, result.source_shape, result.focus_node, path)
