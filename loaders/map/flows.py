"""Section II-4/5: outsourcing, provisions and transfers (listed or expanded from an annex), and annexes."""

from __future__ import annotations

from loaders.map.codes import coded, coded_all
from loaders.map.context import MapContext
from loaders.map.legal import citation
from loaders.map.organisations import contractor, recipients
from loaders.model import Annex, AnnexRow, Flow, FlowKind, Outsourcing
from pia_kg.namespaces import PIA

_FLOW_CLASS = {"provision": PIA + "DataProvision", "transfer": PIA + "DataTransfer"}
_FLOW_HEADING = {"provision": "提供先", "transfer": "移転先"}
FLOW_BASIS = "flow-basis"  # citation role of a flow's ①法令上の根拠


def flow_iri(ctx: MapContext, file_iri: str, kind: FlowKind, no: int) -> str:
    return ctx.minter.part(file_iri, kind, no)


def annex_iri(ctx: MapContext, label: str) -> str:
    return ctx.under("annex", label)


def annex_row_iri(ctx: MapContext, label: str, row: str) -> str:
    return ctx.minter.part(annex_iri(ctx, label), "row", row)


def flow(ctx: MapContext, file_iri: str, record: Flow, listed: set[tuple[FlowKind, int]]) -> str:
    """A DataProvision/DataTransfer; an annex-derived one points at its annex row and the flow it expands."""
    listed_iri = flow_iri(ctx, file_iri, record.kind, record.no)
    heading = f"{_FLOW_HEADING[record.kind]}{record.no}"
    if record.annex_row is None:
        iri = listed_iri
        label = f"{heading} {record.recipient or ''}"
    else:
        iri = ctx.minter.part(listed_iri, "annex-row", record.annex_row)
        label = f"{heading} ({record.annex or '別紙'} {record.annex_row}) {record.recipient or ''}"
    out = ctx.out
    loc = record.location
    out.a(iri, PIA + "DataFlow", _FLOW_CLASS[record.kind])
    out.label(iri, label)
    out.integer(iri, PIA + "itemNumber", record.no)
    out.text(iri, PIA + "recipientText", record.recipient)
    # a listed flow that defers to an annex names a class of bodies; its annex rows name the recipients
    if record.recipient and not (record.annex and record.annex_row is None):
        for body in recipients(ctx, record.recipient, record.kind):
            out.link(iri, PIA + "recipient", body)
    out.text(iri, PIA + "purpose", record.purpose)
    out.text(iri, PIA + "providedInformation", record.information)
    coded(ctx, iri, PIA + "subjectCount", "people-count", record.subject_count_range, loc)
    out.text(iri, PIA + "subjectScope", record.subject_scope)
    coded_all(ctx, iri, PIA + "method", "method", record.methods, loc)
    out.text(iri, PIA + "methodNote", record.method_note)
    out.text(iri, PIA + "timing", record.timing)
    if record.legal_basis:
        citation(ctx, iri, record.legal_basis, FLOW_BASIS)
    if record.annex and record.annex in ctx.annex_rows:
        out.link(iri, PIA + "viaAnnex", annex_iri(ctx, record.annex))
        if record.annex_row in ctx.annex_rows[record.annex]:
            out.link(iri, PIA + "fromAnnexRow", annex_row_iri(ctx, record.annex, record.annex_row))
    elif record.annex and record.annex_row is None:
        ctx.warn(f"{heading} refers to {record.annex}, which was not read: its rows are not in the graph", loc)
    if record.annex_row is not None:
        if (record.kind, record.no) in listed:
            out.link(iri, PIA + "expandsFlow", listed_iri)
        else:
            ctx.warn(f"{heading} expanded from an annex row has no listed {heading} to expand", loc)
    ctx.extracted(iri, loc)
    out.link(file_iri, PIA + "hasFlow", iri)
    return iri


def outsourcing(ctx: MapContext, file_iri: str, record: Outsourcing) -> str:
    iri = ctx.minter.part(file_iri, "outsourcing", record.no)
    out = ctx.out
    loc = record.location
    out.a(iri, PIA + "DataFlow", PIA + "Outsourcing")
    out.label(iri, f"委託事項{record.no} {record.title or ''}")
    out.integer(iri, PIA + "itemNumber", record.no)
    out.text(iri, PIA + "outsourcedTask", record.title)
    out.text(iri, PIA + "purpose", record.task)
    coded(ctx, iri, PIA + "scopeOfFile", "file-scope", record.file_scope, loc)
    coded(ctx, iri, PIA + "subjectCount", "people-count", record.subject_count_range, loc)
    out.text(iri, PIA + "subjectScope", record.subject_scope)
    coded(ctx, iri, PIA + "handlerCountRange", "staff-count", record.handler_count_range, loc)
    coded_all(ctx, iri, PIA + "method", "method", record.methods, loc)
    out.text(iri, PIA + "methodNote", record.method_note)
    out.text(iri, PIA + "contractorConfirmation", record.confirmation)
    if record.contractor:
        out.link(iri, PIA + "contractor", contractor(ctx, record.contractor))
    out.boolean(iri, PIA + "subcontracting", record.subcontracting)
    out.text(iri, PIA + "subcontractingPermission", record.subcontract_permission)
    out.text(iri, PIA + "subcontractedTask", record.subcontracted_task)
    ctx.extracted(iri, loc)
    out.link(file_iri, PIA + "hasFlow", iri)
    return iri


def annex(ctx: MapContext, record: Annex) -> str:
    iri = annex_iri(ctx, record.label)
    out = ctx.out
    out.a(iri, PIA + "Annex")
    out.label(iri, f"{record.label} {record.title or ''}")
    out.text(iri, PIA + "annexLabel", record.label)
    ctx.extracted(iri, record.location)
    out.link(ctx.assessment, PIA + "hasAnnex", iri)
    for row in record.rows:
        out.link(iri, PIA + "hasRow", _annex_row(ctx, record.label, row))
    return iri


def _annex_row(ctx: MapContext, label: str, record: AnnexRow) -> str:
    iri = annex_row_iri(ctx, label, record.no)
    out = ctx.out
    out.a(iri, PIA + "AnnexRow")
    out.label(iri, f"{label} {record.no} {record.recipient or ''}")
    out.text(iri, PIA + "rowNumber", record.no)
    if record.recipient:
        out.text(iri, PIA + "recipientText", record.recipient)
        for body in recipients(ctx, record.recipient, "provision"):
            out.link(iri, PIA + "recipient", body)
    out.text(iri, PIA + "purpose", record.purpose)
    out.text(iri, PIA + "providedInformation", record.information)
    if record.legal_basis:
        citation(ctx, iri, record.legal_basis, FLOW_BASIS)
    ctx.extracted(iri, record.location)
    return iri
