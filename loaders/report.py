"""The per-document load report: what each document gave, and every warning with where it was read."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loaders.model import AssessmentRecord, FormReading, Warning


@dataclass(frozen=True)
class WarningEntry:
    """One warning: the stage that raised it, its text and its location in the document."""

    stage: str
    message: str
    section: str | None = None
    line_start: int | None = None
    line_end: int | None = None

    @classmethod
    def of(cls, stage: str, warning: Warning) -> WarningEntry:
        where = warning.location
        if where is None:
            return cls(stage, warning.message)
        return cls(stage, warning.message, where.section, where.span.start, where.span.end)


@dataclass(frozen=True)
class Figures:
    """What one assessment holds: counts listed in the document and counts it declares."""

    kind: str | None
    body: str | None
    affair: str | None
    systems: int
    files: int
    provisions: int
    provisions_declared: int | None
    transfers: int
    transfers_declared: int | None
    outsourcing: int
    outsourcing_declared: int | None
    annex_rows: int
    annex_flows: int
    citations: int

    @classmethod
    def of(cls, record: AssessmentRecord, citations: int) -> Figures:
        """Listed flows are the 提供先N/移転先N items (annex-expanded flows are counted apart)."""
        flows = [flow for file in record.files for flow in file.flows]
        listed = [flow for flow in flows if flow.annex_row is None]
        return cls(
            kind=record.cover.form,
            body=record.cover.assessing_body,
            affair=record.basic.affair_name if record.basic else None,
            systems=len(record.basic.systems) if record.basic else 0,
            files=len(record.files),
            provisions=sum(1 for flow in listed if flow.kind == "provision"),
            provisions_declared=_declared_sum([file.provision_declared for file in record.files]),
            transfers=sum(1 for flow in listed if flow.kind == "transfer"),
            transfers_declared=_declared_sum([file.transfer_declared for file in record.files]),
            outsourcing=sum(len(file.outsourcing) for file in record.files),
            outsourcing_declared=_declared_sum([file.outsourcing_declared for file in record.files]),
            annex_rows=sum(len(annex.rows) for annex in record.annexes),
            annex_flows=len(flows) - len(listed),
            citations=citations,
        )


def _declared_sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass(frozen=True)
class ReadingEntry:
    """What the form reader found: the form and version, where the text ends, and each field left unread."""

    form: str | None
    form_evidence: str | None
    form_version: str | None
    text_ends_in: str
    cut_short: bool
    missing_sections: tuple[str, ...]
    unread: tuple[tuple[str, str], ...]  # (field, reason)

    @classmethod
    def of(cls, reading: FormReading) -> ReadingEntry:
        return cls(
            form=reading.form,
            form_evidence=reading.form_evidence,
            form_version=reading.version,
            text_ends_in=reading.ends_in,
            cut_short=reading.cut_short,
            missing_sections=reading.missing_sections,
            unread=tuple((u.key, u.reason) for u in reading.unread),
        )


@dataclass
class DocumentReport:
    """The outcome of loading one file."""

    path: str
    status: str = "pending"  # "loaded" | "failed"
    failed_stage: str | None = None
    error: str | None = None
    assessment_id: str | None = None
    graph: str | None = None
    previous_versions: list[str] = field(default_factory=list)
    figures: Figures | None = None
    reading: ReadingEntry | None = None
    triples: int = 0
    seconds: float = 0.0
    warnings: list[WarningEntry] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def ok(self) -> bool:
        return self.status == "loaded"


@dataclass
class LoadReport:
    """Every document of one ``pia-kg load`` run."""

    documents: list[DocumentReport] = field(default_factory=list)
    target: str = ""

    @property
    def failed(self) -> list[DocumentReport]:
        return [doc for doc in self.documents if not doc.ok]

    def to_json(self) -> str:
        payload = {
            "target": self.target,
            "loaded": sum(1 for doc in self.documents if doc.ok),
            "failed": len(self.failed),
            "documents": [asdict(doc) | {"name": doc.name} for doc in self.documents],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)

    def write_json(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")
