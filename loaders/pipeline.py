"""The load pipeline: the only module that knows every stage, and their order.

    read -> check -> segment -> extract -> map -> store

Each document runs through ``STAGES`` in one short loop. A stage that raises stops that document
only: the report names the file, the stage and why, nothing is written for it, and the others load.
The store step replaces the document's named graph and adds the triples of the shared nodes it names
(laws, provisions, bodies, systems...) to the one reference graph, in one transaction, then rebuilds the
version links of its series. The ontology and code lists are (re)written into their own graph once per run.

Dropping a document's graph leaves the shared triples it added in the reference graph: they are reference
data about laws and bodies, true whichever document named them (``pia-kg prune`` drops those no stored graph
leads to any more).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from loaders.extract import extract
from loaders.map import MappedAssessment, Version, map_assessment, version_links
from loaders.model import AssessmentRecord, SegmentedDocument, SourceDocument
from loaders.read import ReadError, check_is_assessment, read_document
from loaders.report import DocumentReport, Figures, LoadReport, ReadingEntry, WarningEntry
from loaders.segment import segment
from pia_kg.iri import IriMinter
from pia_kg.namespaces import PIA
from pia_kg.ontology import ontology_graph
from pia_kg.store import GraphStore

DOCUMENT_SUFFIXES = frozenset({".txt", ".pdf", ".csv", ".tsv", ".html", ".htm"})


@dataclass(frozen=True)
class Stage:
    """One named step from the previous step's output to the next one's input."""

    name: str
    run: Callable[[Any], Any]


def _checked(document: SourceDocument) -> SourceDocument:
    check_is_assessment(document)
    return document


def build_stages(minter: IriMinter, loaded_at: datetime) -> tuple[Stage, ...]:
    """The stages from a file path to the mapped graph, in order (storing follows)."""
    return (
        Stage("read", read_document),
        Stage("check", _checked),
        Stage("segment", segment),
        Stage("extract", extract),
        Stage("map", lambda record: map_assessment(record, minter, loaded_at=loaded_at)),
    )


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and documents found recursively in folders (hidden files and README skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if _is_document(p, path)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _is_document(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return path.is_file() and not hidden and path.suffix.lower() in DOCUMENT_SUFFIXES and path.stem != "README"


def _failure_message(error: Exception) -> str:
    """One line: the reader's reason, or the exception a later stage raised."""
    message = error.reason if isinstance(error, ReadError) else f"{type(error).__name__}: {error}"
    return " ".join(message.split())


class Pipeline:
    """Loads documents into a store (one named graph per assessment version)."""

    def __init__(self, store: GraphStore, minter: IriMinter) -> None:
        self.store = store
        self.minter = minter

    def load_ontology(self) -> int:
        """Replace the ontology graph with the ontology and code lists; the triple count."""
        graph = ontology_graph()
        self.store.replace_graph(self.minter.ontology_graph, graph.serialize(format="nt", encoding="utf-8"))
        return len(graph)

    def run(self, paths: Iterable[Path], *, on_document: Callable[[DocumentReport], None] | None = None) -> LoadReport:
        """Load every document found in ``paths``; ``on_document`` is told after each one."""
        report = LoadReport()
        self.load_ontology()
        for path in discover(paths):
            document = self.load_document(path)
            report.documents.append(document)
            if on_document:
                on_document(document)
        return report

    def load_document(self, path: Path) -> DocumentReport:
        """Run one file through every stage and store it; failures end up in the report, never raised."""
        report = DocumentReport(str(path))
        started = time.perf_counter()
        outputs: dict[str, Any] = {}
        value: Any = path
        for stage in (*build_stages(self.minter, datetime.now(UTC)), Stage("store", self._store)):
            try:
                value = stage.run(value)
            except Exception as error:  # a bad document must not stop the others
                report.status, report.failed_stage = "failed", stage.name
                report.error = _failure_message(error)
                break
            outputs[stage.name] = value
        else:
            report.status = "loaded"
        _describe(report, outputs)
        report.seconds = round(time.perf_counter() - started, 3)
        return report

    def _store(self, mapped: MappedAssessment) -> list[str]:
        """Replace the document's graph and add its shared triples to the reference graph (one transaction),
        relink its series; the versions stored before this one."""
        self.store.replace_graph(
            mapped.graph, mapped.nquads, shared=mapped.shared_nquads, shared_graph=mapped.reference_graph
        )
        return self._relink_series(mapped)

    def _relink_series(self, mapped: MappedAssessment) -> list[str]:
        """Rebuild the series graph from every stored version of the series that has a publication date.

        The query names its graphs, so it works whether or not the store's default graph is the union.
        """
        rows = self.store.select(
            f"SELECT ?a ?d WHERE {{ VALUES ?series {{ <{mapped.series}> }} "
            f"GRAPH ?g {{ ?a <{PIA}inSeries> ?series ; <{PIA}publicationDate> ?d }} }}"
        ).rows
        versions = {Version(date.fromisoformat(row["d"].value), row["a"].value) for row in rows}
        graph = self.minter.series_graph(mapped.series_id)
        links = version_links(graph, versions)
        if len(links):
            self.store.replace_graph(graph, links.nquads())
        else:
            self.store.drop_graph(graph)
        return [v.assessment for v in sorted(versions) if mapped.published and v.published < mapped.published]


def _describe(report: DocumentReport, outputs: dict[str, Any]) -> None:
    """Fill the report from whatever stages ran."""
    segmented: SegmentedDocument | None = outputs.get("segment")
    record: AssessmentRecord | None = outputs.get("extract")
    mapped: MappedAssessment | None = outputs.get("map")
    reading = segmented.reading if segmented is not None else None
    if reading is not None:
        report.reading = ReadingEntry.of(reading)
    if record is not None:  # the extractor passes the segmenter's warnings on in its record
        report.warnings.extend(WarningEntry.of("extract", w) for w in record.warnings)
    elif segmented is not None:
        report.warnings.extend(WarningEntry.of("segment", w) for w in segmented.warnings)
    if mapped is not None:
        report.warnings.extend(WarningEntry.of("map", w) for w in mapped.warnings)
        report.assessment_id, report.graph = mapped.assessment_id, mapped.graph
        report.triples = mapped.triples
        if record is not None:
            report.figures = Figures.of(record, mapped.citations)
    if "store" in outputs:
        report.previous_versions = outputs["store"]
    else:
        report.graph = None
