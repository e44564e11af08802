"""The assessment version itself: identity, cover, series, and section I (affair, bases, department)."""

from __future__ import annotations

from dataclasses import dataclass

from loaders.map.codes import code, coded
from loaders.map.context import MapContext
from loaders.map.legal import citation
from loaders.map.organisations import assessing_body, department, local_government, post
from loaders.map.systems import system_listing
from loaders.model import AssessmentRecord, BasicInfo, Citation
from loaders.normalize.names import split_local_government
from loaders.normalize.text import normalise_name
from pia_kg.codelists import affair_categories
from pia_kg.iri import short_hash
from pia_kg.namespaces import DCT, PIA


@dataclass(frozen=True)
class Identity:
    """Who and which version: the parts of the assessment and series ids."""

    municipality: str | None
    number: str
    published: str  # ISO date, or "h" + the first 10 hex digits of the file's sha256

    @property
    def series_id(self) -> str:
        return f"{self.municipality or 'unknown'}-{self.number}"

    @property
    def assessment_id(self) -> str:
        return f"{self.series_id}-{self.published}"


def municipality_of(record: AssessmentRecord) -> str | None:
    """The normalised local government name without prefecture (川崎市), if the cover gives one."""
    name = record.cover.local_government or record.cover.assessing_body
    return split_local_government(name)[1] if name else None


def identity(record: AssessmentRecord) -> Identity:
    cover = record.cover
    if cover.number and cover.number.strip():
        number = normalise_name(cover.number)
    else:
        number = "n" + short_hash(cover.title or record.source.sha256)
    published = cover.published.isoformat() if cover.published else "h" + record.source.sha256[:10]
    return Identity(municipality_of(record), number, published)


def assessment(ctx: MapContext, record: AssessmentRecord, ident: Identity) -> str:
    """The Assessment node with its cover, series, assessing body and local government."""
    iri = ctx.assessment
    cover = record.cover
    out = ctx.out
    out.a(iri, PIA + "Assessment")
    out.label(iri, cover.title)
    out.text(iri, DCT + "title", cover.title, lang="ja")
    if cover.form:
        out.link(iri, PIA + "assessmentKind", code("assessment-kind", cover.form))
    out.text(iri, PIA + "assessmentNumber", cover.number)
    out.text(iri, PIA + "formVersion", cover.form_version)
    out.text(iri, PIA + "declaration", cover.declaration)
    out.text(iri, PIA + "specialNotes", cover.special_notes)
    out.date(iri, PIA + "publicationDate", cover.published)
    out.date(iri, PIA + "ppcApprovalDate", cover.approval_date)
    out.boolean(iri, PIA + "seriousIncident", record.serious_incident)
    out.text(iri, PIA + "seriousIncidentText", record.serious_incident_text)
    out.link(iri, PIA + "readFrom", ctx.location(cover.location))
    if not cover.published:
        ctx.warn("no publication date (公表日): the assessment id uses the file hash instead", cover.location)
    if ctx.local_government:
        local_government(ctx, ctx.local_government, cover.prefecture)
    if cover.assessing_body:
        out.link(iri, PIA + "assessingBody", assessing_body(ctx, cover.assessing_body))
    series = ctx.minter.series(ident.series_id)
    out.a(series, PIA + "AssessmentSeries")
    out.label(series, f"{ident.municipality or ''} {cover.number or ''} {cover.title or ''}")
    out.link(iri, PIA + "inSeries", series)
    return iri


def basic_info(ctx: MapContext, basic: BasicInfo) -> str:
    """Section I: the affair, its legal bases, network linkage and the department in charge."""
    affair = ctx.under("affair")
    out = ctx.out
    loc = basic.location
    out.a(affair, PIA + "AdministrativeAffair")
    out.label(affair, basic.affair_name)
    out.text(affair, PIA + "affairDescription", basic.affair_description)
    for category in affair_categories(basic.affair_name) if basic.affair_name else ():
        out.link(affair, PIA + "affairCategory", str(category))
    coded(ctx, affair, PIA + "subjectCountRange", "affair-subject-count", basic.subject_count_range, loc)
    ctx.extracted(affair, loc)
    out.link(ctx.assessment, PIA + "describesAffair", affair)
    if basic.department:
        dept = department(ctx, basic.department)
        out.link(affair, PIA + "responsibleDepartment", dept)
        if basic.head_post:
            post(ctx, dept, basic.head_post, loc)
    for listing in basic.systems:
        system_listing(ctx, listing)
    out.text(ctx.assessment, PIA + "otherAssessingBody", basic.other_bodies)
    out.boolean(ctx.assessment, PIA + "networkLinkage", basic.network_linkage)
    if basic.number_use_basis:
        citation(ctx, ctx.assessment, basic.number_use_basis, "number-use", via=PIA + "numberUseBasis", basis_of=affair)
    for basis in basic.network_basis:
        citation(ctx, ctx.assessment, basis, _network_role(basis), via=PIA + "networkBasis", basis_of=None)
    return affair


def _network_role(basis: Citation) -> str | None:
    """【情報照会】 parts are the query basis, 【情報提供】 parts the provision basis."""
    query, provide = basis.text.find("照会"), basis.text.find("提供")
    if query >= 0 and (provide < 0 or query < provide):
        return "network-query"
    if provide >= 0:
        return "network-provision"
    return None
