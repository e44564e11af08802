"""The report in the formats people and programs read: a SHACL sh:ValidationReport (Turtle, JSON-LD), JSON
with per-assessment and per-shape counts, plain text and a self-contained HTML page."""

from __future__ import annotations

import json
from pathlib import Path as FsPath
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from pia_kg.namespaces import PIA
from pia_kg.store.port import Term
from pia_kg.validation.model import SEVERITIES, Path, ReportedResult, ValidationReport
from pia_kg.validation.shapes import SHAPES_NS

FORMATS = ("text", "json", "ttl", "jsonld", "html")
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "html": "text/html; charset=utf-8",
}
PIAS = SHAPES_NS
_TEMPLATES = Environment(
    loader=FileSystemLoader(FsPath(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(report: ValidationReport, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    if fmt == "text":
        return to_text(report)
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2)
    if fmt == "ttl":
        return to_graph(report).serialize(format="turtle")
    if fmt == "jsonld":
        return to_graph(report).serialize(format="json-ld")
    if fmt == "html":
        return _TEMPLATES.get_template("report.html").render(report=report, view=_view(report), severities=SEVERITIES)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _node(term: Term) -> URIRef | Literal | BNode:
    if term.kind == "iri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype) if term.datatype else None)


def _path_node(graph: Graph, path: Path) -> URIRef | BNode:
    if path.kind == "iri":
        return URIRef(path.iri or "")
    node = BNode()
    if path.kind == "inverse":
        graph.add((node, SH.inversePath, _path_node(graph, path.items[0])))
        return node
    items = [_path_node(graph, item) for item in path.items]
    if path.kind == "sequence":
        Collection(graph, node, items)
        return node
    listed = BNode()
    Collection(graph, listed, items)
    graph.add((node, SH.alternativePath, listed))
    return node


def to_graph(report: ValidationReport) -> Graph:
    """The standard sh:ValidationReport, each result annotated with its assessment, label and location."""
    graph = Graph()
    for prefix, namespace in report.prefixes.items():
        graph.bind(prefix, namespace)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(report.conforms)))
    graph.add((root, URIRef(PIAS + "referenceDate"), Literal(report.today.isoformat(), datatype=XSD.date)))
    graph.add((root, URIRef(PIAS + "engine"), Literal(report.engine)))
    for item in report.results:
        graph.add((root, SH.result, _result_node(graph, item)))
    return graph


def _result_node(graph: Graph, item: ReportedResult) -> BNode:
    result, node = item.result, BNode()
    graph.add((node, RDF.type, SH.ValidationResult))
    graph.add((node, SH.focusNode, URIRef(result.focus_node)))
    if result.result_path is not None:
        graph.add((node, SH.resultPath, _path_node(graph, result.result_path)))
    if result.value is not None:
        graph.add((node, SH.value, _node(result.value)))
    graph.add((node, SH.sourceShape, URIRef(result.source_shape)))
    graph.add((node, SH.sourceConstraintComponent, URIRef(result.component)))
    graph.add((node, SH.resultSeverity, SH[result.severity]))
    for message in result.messages:
        graph.add((node, SH.resultMessage, Literal(message.text, lang=message.lang)))
    graph.add((node, URIRef(PIAS + "assessment"), URIRef(item.assessment)))
    if item.focus_label:
        graph.add((node, URIRef(PIAS + "focusLabel"), Literal(item.focus_label)))
    location = item.location
    if location and location.iri:
        loc = URIRef(location.iri)
        graph.add((node, URIRef(PIA + "readFrom"), loc))
        graph.add((loc, RDF.type, URIRef(PIA + "DocumentLocation")))
        if location.section:
            graph.add((loc, URIRef(PIA + "sectionPath"), Literal(location.section)))
        for prop, value in (("lineStart", location.line_start), ("lineEnd", location.line_end)):
            if value is not None:
                graph.add((loc, URIRef(PIA + prop), Literal(value, datatype=XSD.integer)))
        if location.file_name:
            graph.add((loc, URIRef(PIAS + "fileName"), Literal(location.file_name)))
    return node


def _message(item: ReportedResult, lang: str) -> str:
    messages = item.result.messages
    chosen = next((m for m in messages if m.lang == lang), messages[0] if messages else None)
    return chosen.text if chosen else item.result.component.rsplit("#", 1)[-1]


def _where(item: ReportedResult) -> str:
    loc = item.location
    if loc is None:
        return ""
    lines = ""
    if loc.line_start is not None:
        lines = f"{loc.line_start}" if loc.line_end in (None, loc.line_start) else f"{loc.line_start}-{loc.line_end}"
    parts = [p for p in (loc.file_name, loc.section, f"lines {lines}" if lines else "") if p]
    return " ".join(parts)


def _result_json(report: ValidationReport, item: ReportedResult) -> dict[str, Any]:
    result, loc = item.result, item.location
    return {
        "assessment": item.assessment,
        "severity": result.severity,
        "shape": result.source_shape,
        "shapeLabel": report.shapes[result.source_shape].label("en") if result.source_shape in report.shapes else None,
        "component": result.component,
        "focusNode": result.focus_node,
        "focusLabel": item.focus_label,
        "path": result.result_path.compact(report.prefixes) if result.result_path else None,
        "value": result.value.value if result.value else None,
        "message": {m.lang or "": m.text for m in result.messages},
        "location": None
        if loc is None
        else {
            "iri": loc.iri,
            "file": loc.file_name,
            "section": loc.section,
            "lineStart": loc.line_start,
            "lineEnd": loc.line_end,
        },
    }


def to_json(report: ValidationReport) -> dict[str, Any]:
    """Counts by severity (overall, per assessment, per shape) and every result with its location."""
    return {
        "conforms": report.conforms,
        "engine": report.engine,
        "referenceDate": report.today.isoformat(),
        "counts": report.counts(),
        "assessments": [
            {
                "assessment": info.iri,
                "id": info.identifier,
                "label": info.label,
                "counts": report.counts(info.iri),
                "shapes": [
                    {"shape": shape, "label": _shape_label(report, shape), "counts": counts}
                    for shape, counts in report.shape_counts(info.iri).items()
                ],
            }
            for info in report.assessments
        ],
        "shapes": [
            {"shape": shape, "label": _shape_label(report, shape), "counts": counts}
            for shape, counts in report.shape_counts().items()
        ],
        "results": [_result_json(report, item) for item in report.results],
    }


def _shape_label(report: ValidationReport, shape: str, lang: str = "en") -> str:
    info = report.shapes.get(shape)
    return info.label(lang) if info else shape


def _short(text: str, limit: int = 80) -> str:
    """A label cut to ``limit`` characters for the summaries (the JSON and RDF keep it whole)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_text(report: ValidationReport, item: ReportedResult) -> str:
    value = item.result.value
    if value is None or value.value == item.result.focus_node:
        return ""
    return _compact_term(report, value.value) if value.kind == "iri" else _short(value.value, 40)


def _compact_term(report: ValidationReport, iri: str) -> str:
    return Path.of(iri).compact(report.prefixes)


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{severity} {counts[severity]}" for severity in SEVERITIES)


def to_text(report: ValidationReport) -> str:
    """A plain summary: per assessment the counts, per shape the counts, then each result and where it is."""
    lines = [
        f"pia-kg validation ({report.engine} engine, reference date {report.today.isoformat()})",
        f"{len(report.assessments)} assessment(s): {_counts_text(report.counts())}",
    ]
    for info in report.assessments:
        lines += [
            "",
            f"== {info.label or info.iri}",
            f"   {info.identifier or info.iri}: {_counts_text(report.counts(info.iri))}",
        ]
        for shape, counts in report.shape_counts(info.iri).items():
            lines.append(
                f"   - {_shape_label(report, shape, 'ja')} / {_shape_label(report, shape)}: {_counts_text(counts)}"
            )
        for item in (r for r in report.results if r.assessment == info.iri):
            path = f" [{item.result.result_path.compact(report.prefixes)}]" if item.result.result_path else ""
            value = _value_text(report, item)
            value = f" = {value}" if value else ""
            lines.append(
                f"   [{item.result.severity}] {_short(item.focus_label or item.result.focus_node)}{path}{value}"
            )
            lines.append(f"       {_message(item, 'ja')} / {_message(item, 'en')}")
            where = _where(item)
            if where:
                lines.append(f"       at {where}")
    return "\n".join(lines) + "\n"


def _view(report: ValidationReport) -> list[dict[str, Any]]:
    """What the HTML template shows per assessment."""
    return [
        {
            "info": info,
            "counts": report.counts(info.iri),
            "shapes": [
                {"iri": shape, "ja": _shape_label(report, shape, "ja"), "en": _shape_label(report, shape), "counts": c}
                for shape, c in report.shape_counts(info.iri).items()
            ],
            "results": [
                {
                    "severity": item.result.severity,
                    "label": _short(item.focus_label or item.result.focus_node),
                    "focus": item.result.focus_node,
                    "path": item.result.result_path.compact(report.prefixes) if item.result.result_path else "",
                    "value": _value_text(report, item),
                    "ja": _message(item, "ja"),
                    "en": _message(item, "en"),
                    "where": _where(item),
                    "shape": _shape_label(report, item.result.source_shape, "ja"),
                }
                for item in report.results
                if item.assessment == info.iri
            ],
        }
        for info in report.assessments
    ]
