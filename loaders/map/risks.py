"""Sections III-VI and 別添3: risks, other measures, contacts, procedure steps and change records."""

from __future__ import annotations

from loaders.map.codes import code, coded
from loaders.map.context import MapContext
from loaders.model import ChangeRecord, ContactPoint, OtherMeasure, ProcedureStep, Risk
from pia_kg.namespaces import PIA

# OtherMeasure.kind as the extractor names it (from the form's structure) -> measure-kind slug
_MEASURE_KIND = {
    "自己点検": "self-inspection",
    "監査": "audit",
    "従業者に対する教育・啓発": "staff-training",
    "その他": "other",
}
# record kind -> (code-list slug, label)
_CONTACT = {"disclosure": ("disclosure-request", "開示請求"), "inquiry": ("inquiry", "問合せ")}
_PROCEDURE = {
    "threshold": ("basic-assessment", "基礎項目評価"),
    "public-comment": ("public-comment", "国民・住民等からの意見の聴取"),
    "third-party-review": ("third-party-review", "第三者点検"),
}


def risk(ctx: MapContext, index: int, record: Risk) -> str:
    loc = record.location
    iri = ctx.node(ctx.under("risk", index), "RiskItem", record.risk, loc, parent=ctx.assessment, via="hasRisk")
    out = ctx.out
    out.integer(iri, PIA + "itemNumber", record.no)
    coded(ctx, iri, PIA + "processStage", "process-stage", record.stage, loc)
    out.text(iri, PIA + "riskDescription", record.risk)
    out.text(iri, PIA + "measureText", record.measures)
    coded(ctx, iri, PIA + "selfRating", "rating", record.rating, loc)
    if record.file_no in ctx.file_numbers:
        out.link(ctx.under("file", record.file_no), PIA + "hasRisk", iri)
    return iri


def other_measure(ctx: MapContext, index: int, record: OtherMeasure) -> str:
    iri = ctx.node(
        ctx.under("other-measure", index),
        "OtherMeasure",
        record.kind,
        record.location,
        parent=ctx.assessment,
        via="hasOtherMeasure",
    )
    out = ctx.out
    if record.kind in _MEASURE_KIND:
        out.link(iri, PIA + "measureKind", code("measure-kind", _MEASURE_KIND[record.kind]))
    else:
        coded(ctx, iri, PIA + "measureKind", "measure-kind", record.kind, record.location)
    out.text(iri, PIA + "measureText", record.text)
    coded(ctx, iri, PIA + "selfRating", "rating", record.rating, record.location)
    return iri


def contact_point(ctx: MapContext, index: int, record: ContactPoint) -> str:
    slug, label = _CONTACT[record.kind]
    iri = ctx.node(
        ctx.under("contact", index),
        "ContactPoint",
        label,
        record.location,
        parent=ctx.assessment,
        via="hasContactPoint",
    )
    out = ctx.out
    out.link(iri, PIA + "contactKind", code("contact-kind", slug))
    out.text(iri, PIA + "contactText", record.text)
    return iri


def procedure_step(ctx: MapContext, index: int, record: ProcedureStep) -> str:
    slug, label = _PROCEDURE[record.kind]
    iri = ctx.node(
        ctx.under("procedure", index),
        "ProcedureStep",
        label,
        record.location,
        parent=ctx.assessment,
        via="hasProcedureStep",
    )
    out = ctx.out
    out.link(iri, PIA + "procedureKind", code("procedure-kind", slug))
    out.date(iri, PIA + "procedureDate", record.date)
    out.text(iri, PIA + "procedureText", record.text)
    return iri


def change(ctx: MapContext, index: int, record: ChangeRecord) -> str:
    iri = ctx.node(
        ctx.under("change", index),
        "ChangeRecord",
        f"変更箇所{index} {record.item or ''}",
        record.location,
        parent=ctx.assessment,
        via="hasChange",
    )
    out = ctx.out
    out.date(iri, PIA + "changeDate", record.date)
    out.text(iri, PIA + "changedItem", record.item)
    out.text(iri, PIA + "oldText", record.old)
    out.text(iri, PIA + "newText", record.new)
    out.text(iri, PIA + "changeTiming", record.timing)
    out.text(iri, PIA + "changeReason", record.reason)
    return iri
