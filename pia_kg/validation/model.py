"""What a validation run produces: results, where they point, and the report as a whole (no RDF library here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pia_kg.namespaces import SH
from pia_kg.store.port import Term

SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
Severity = Literal["Violation", "Warning", "Info"]


def severity_name(iri: str) -> Severity:
    """``sh:Warning`` -> ``"Warning"`` (anything unknown counts as a violation, as SHACL says)."""
    name = iri.removeprefix(SH)
    return name if name in SEVERITIES else "Violation"  # type: ignore[return-value]


@dataclass(frozen=True)
class Path:
    """A SHACL property path: an IRI, or an inverse / sequence / alternative of paths."""

    kind: Literal["iri", "inverse", "sequence", "alternative"]
    iri: str | None = None
    items: tuple[Path, ...] = ()

    @staticmethod
    def of(iri: str) -> Path:
        return Path("iri", iri=iri)

    def sparql(self) -> str:
        """The path in SPARQL property-path syntax."""
        if self.kind == "iri":
            return f"<{self.iri}>"
        if self.kind == "inverse":
            return f"^({self.items[0].sparql()})"
        joiner = "/" if self.kind == "sequence" else "|"
        return "(" + joiner.join(item.sparql() for item in self.items) + ")"

    def compact(self, prefixes: dict[str, str]) -> str:
        """The path for people: ``pia:describesAffair/pia:responsibleDepartment``, ``^pia:hasSystemListing``."""
        if self.kind == "iri":
            return _compact_iri(self.iri or "", prefixes)
        if self.kind == "inverse":
            return "^" + self.items[0].compact(prefixes)
        joiner = "/" if self.kind == "sequence" else "|"
        return joiner.join(item.compact(prefixes) for item in self.items)


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


@dataclass(frozen=True)
class Message:
    text: str
    lang: str | None = None


@dataclass(frozen=True)
class ValidationResult:
    """One sh:ValidationResult, as either engine produces it."""

    focus_node: str
    result_path: Path | None
    value: Term | None
    source_shape: str
    severity: Severity
    component: str
    messages: tuple[Message, ...] = ()

    def key(self) -> tuple[str, str | None, str, str, str]:
        """What two engines must agree on: focus node, path, shape, severity and constraint component."""
        path = self.result_path.sparql() if self.result_path else None
        return (self.focus_node, path, self.source_shape, self.severity, self.component)


@dataclass(frozen=True)
class Location:
    """Where in the source document the focus node was read (pia:readFrom -> pia:DocumentLocation)."""

    iri: str | None
    section: str | None
    line_start: int | None
    line_end: int | None
    file_name: str | None


@dataclass(frozen=True)
class ReportedResult:
    """A result with the assessment it belongs to and what a person needs to find it in the document."""

    result: ValidationResult
    assessment: str
    focus_label: str | None
    location: Location | None


@dataclass(frozen=True)
class Dataset:
    """What a run validates: assessment graphs, each read with the shared graphs and the graphs linking it.

    ``shared`` (the ontology and reference graphs) is read with every assessment graph; ``links`` gives, per
    assessment graph, the series graphs that name its assessment as the previous version of a newer one.
    ``whole_store`` says that these graphs are all the graphs of the store, so one query over the union of the
    store's graphs sees exactly what the per-graph runs would see together.
    """

    graphs: tuple[str, ...]
    shared: tuple[str, ...] = ()
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    whole_store: bool = False

    def read_with(self, graph: str) -> list[str]:
        """The default graph of ``graph``'s run: the graph itself, the shared graphs and its links."""
        return [graph, *self.shared, *self.links.get(graph, ())]


@dataclass(frozen=True)
class AssessmentInfo:
    iri: str
    graph: str
    label: str | None
    identifier: str | None


@dataclass(frozen=True)
class ShapeInfo:
    """Labels and rationale of a shape, for the readable report."""

    iri: str
    labels: dict[str, str]
    comments: dict[str, str]

    def label(self, lang: str = "ja") -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.iri)


@dataclass
class ValidationReport:
    """The outcome of one run over some assessment graphs."""

    engine: str
    today: date
    assessments: list[AssessmentInfo]
    shapes: dict[str, ShapeInfo]
    results: list[ReportedResult] = field(default_factory=list)
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        """SHACL's sh:conforms: true only when there is no result of any severity."""
        return not self.results

    def counts(self, assessment: str | None = None) -> dict[str, int]:
        """Results by severity, for one assessment or for all."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for item in self.results:
            if assessment is None or item.assessment == assessment:
                counts[item.result.severity] += 1
        return counts

    def shape_counts(self, assessment: str | None = None) -> dict[str, dict[str, int]]:
        """Results by source shape and severity, for one assessment or for all (shapes sorted by IRI)."""
        table: dict[str, dict[str, int]] = {}
        for item in self.results:
            if assessment is None or item.assessment == assessment:
                row = table.setdefault(item.result.source_shape, dict.fromkeys(SEVERITIES, 0))
                row[item.result.severity] += 1
        return dict(sorted(table.items()))
