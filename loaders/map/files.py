"""Section II: one node per 特定個人情報ファイル with its acquisition, use, storage and record items."""

from __future__ import annotations

from loaders.map.codes import coded, coded_all
from loaders.map.context import MapContext
from loaders.map.flows import flow, outsourcing
from loaders.map.organisations import department
from loaders.model import Acquisition, FileRecord, RecordItem, Storage, Use
from pia_kg.namespaces import PIA


def personal_information_file(ctx: MapContext, record: FileRecord) -> str:
    iri = ctx.under("file", record.no)
    out = ctx.out
    loc = record.location
    out.a(iri, PIA + "SpecificPersonalInformationFile")
    out.label(iri, record.name)
    out.integer(iri, PIA + "itemNumber", record.no)
    coded(ctx, iri, PIA + "fileType", "file-type", record.file_type, loc)
    coded(ctx, iri, PIA + "subjectCountRange", "people-count", record.subject_count_range, loc)
    out.text(iri, PIA + "subjectScope", record.subject_scope)
    coded(ctx, iri, PIA + "recordItemCountRange", "record-item-count", record.record_item_count_range, loc)
    coded_all(ctx, iri, PIA + "recordItemCategory", "record-item-category", record.record_item_categories, loc)
    out.date(iri, PIA + "retentionStart", record.retention_start)
    for name in record.departments:
        out.link(iri, PIA + "responsibleDepartment", department(ctx, name))
    out.integer(iri, PIA + "declaredOutsourcingCount", record.outsourcing_declared)
    out.integer(iri, PIA + "declaredProvisionCount", record.provision_declared)
    out.integer(iri, PIA + "declaredTransferCount", record.transfer_declared)
    ctx.extracted(iri, loc)
    out.link(ctx.assessment, PIA + "hasFile", iri)
    if record.acquisition:
        _acquisition(ctx, iri, record.acquisition)
    if record.use:
        _use(ctx, iri, record.use)
    if record.storage:
        _storage(ctx, iri, record.storage)
    for index, item in enumerate(record.record_items, start=1):
        _record_item(ctx, iri, index, item)
    for task in record.outsourcing:
        outsourcing(ctx, iri, task)
    listed = {(f.kind, f.no) for f in record.flows if f.annex_row is None}
    for item in record.flows:
        flow(ctx, iri, item, listed)
    return iri


def _acquisition(ctx: MapContext, file_iri: str, record: Acquisition) -> None:
    iri = ctx.node(
        ctx.minter.part(file_iri, "acquisition"),
        "Acquisition",
        "入手",
        record.location,
        parent=file_iri,
        via="hasAcquisition",
    )
    out = ctx.out
    coded_all(ctx, iri, PIA + "acquisitionSource", "acquisition-source", record.sources, record.location)
    out.text(iri, PIA + "acquisitionSourceNote", record.source_note)
    coded_all(ctx, iri, PIA + "method", "method", record.methods, record.location)
    out.text(iri, PIA + "methodNote", record.method_note)
    out.text(iri, PIA + "timing", record.timing)
    out.text(iri, PIA + "noticeToPerson", record.notice)


def _use(ctx: MapContext, file_iri: str, record: Use) -> None:
    iri = ctx.node(ctx.minter.part(file_iri, "use"), "Use", "使用", record.location, parent=file_iri, via="hasUse")
    out = ctx.out
    out.text(iri, PIA + "purpose", record.purpose)
    for name in record.departments:
        out.link(iri, PIA + "usingDepartment", department(ctx, name))
    coded(ctx, iri, PIA + "userCountRange", "staff-count", record.user_count_range, record.location)
    out.text(iri, PIA + "matching", record.matching)
    out.text(iri, PIA + "rightsAffectingDecision", record.decisions)
    out.date(iri, PIA + "useStartDate", record.start_date)


def _storage(ctx: MapContext, file_iri: str, record: Storage) -> None:
    iri = ctx.node(
        ctx.minter.part(file_iri, "storage"),
        "Storage",
        "保管・消去",
        record.location,
        parent=file_iri,
        via="hasStorage",
    )
    out = ctx.out
    out.text(iri, PIA + "storagePlace", record.place)
    out.text(iri, PIA + "retentionPeriod", record.period)
    out.text(iri, PIA + "erasureMethod", record.erasure)


def _record_item(ctx: MapContext, file_iri: str, index: int, record: RecordItem) -> None:
    iri = ctx.node(
        ctx.minter.part(file_iri, "record-item", index),
        "RecordItem",
        record.name,
        record.location,
        parent=file_iri,
        via="hasRecordItem",
    )
    ctx.out.integer(iri, PIA + "itemNumber", record.no)
