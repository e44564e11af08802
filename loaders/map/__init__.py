"""Mapping stage: AssessmentRecord -> quads of its named graph plus shared quads (the only loader code that knows RDF).

``map_assessment(record, minter)`` is a pure function of the record (plus the optional load time):
the same record always gives the same IRIs and the same quads. Its output is split in two (the rule is
``loaders.map.shared.is_reference_triple``): the document's own quads, in ``IriMinter.graph(id)``, and the
triples describing shared nodes (laws, provisions, bodies, systems...), in ``IriMinter.reference_graph``,
where every document adds to one copy. Version links between assessments of one series depend on what
the store holds, so they are built apart by ``version_links``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from loaders.map.assessment import Identity, assessment, basic_info, identity
from loaders.map.context import MapContext
from loaders.map.files import personal_information_file
from loaders.map.flows import annex
from loaders.map.graph import GraphBuilder
from loaders.map.provenance import load_activity, source_file
from loaders.map.risks import change, contact_point, other_measure, procedure_step, risk
from loaders.map.shared import is_reference_triple
from loaders.map.versions import Version, version_links
from loaders.model import AssessmentRecord, Warning
from pia_kg.iri import IriMinter


@dataclass(frozen=True)
class MappedAssessment:
    """One assessment version as RDF, ready to replace its named graph and add to the reference graph."""

    assessment_id: str
    assessment: str  # IRI
    graph: str  # named graph IRI
    series_id: str
    series: str  # IRI
    published: date | None
    nquads: bytes  # the document's own quads, in ``graph``
    triples: int  # how many quads ``nquads`` holds
    reference_graph: str  # named graph IRI of the shared nodes' triples
    shared_nquads: bytes  # the triples describing shared nodes this document names, in ``reference_graph``
    shared_triples: int
    citations: int  # Citation nodes (one per citation text and place)
    warnings: tuple[Warning, ...]


def map_assessment(
    record: AssessmentRecord, minter: IriMinter, *, loaded_at: datetime | None = None
) -> MappedAssessment:
    """The quads of ``record``: its own in ``IriMinter.graph(id)``, shared nodes' in ``IriMinter.reference_graph``."""
    ident: Identity = identity(record)
    iri = minter.assessment(ident.assessment_id)
    graph = minter.graph(ident.assessment_id)
    ctx = MapContext(
        minter=minter,
        out=GraphBuilder(graph),
        assessment=iri,
        source=minter.source_file(record.source.sha256),
        local_government=ident.municipality,
        file_numbers={file_record.no for file_record in record.files},
        annex_rows={annex.label: {row.no for row in annex.rows} for annex in record.annexes},
    )
    assessment(ctx, record, ident)
    source_file(ctx, record.source)
    load_activity(ctx, loaded_at)
    if record.basic:
        basic_info(ctx, record.basic)
    for file_record in record.files:
        personal_information_file(ctx, file_record)
    for annex_record in record.annexes:
        annex(ctx, annex_record)
    for index, item in enumerate(record.risks, start=1):
        risk(ctx, index, item)
    for index, measure in enumerate(record.other_measures, start=1):
        other_measure(ctx, index, measure)
    for index, contact in enumerate(record.contacts, start=1):
        contact_point(ctx, index, contact)
    for index, step in enumerate(record.procedure, start=1):
        procedure_step(ctx, index, step)
    for index, changed in enumerate(record.changes, start=1):
        change(ctx, index, changed)
    shared = ctx.out.split_off(lambda quad: is_reference_triple(minter, quad), minter.reference_graph)
    return MappedAssessment(
        assessment_id=ident.assessment_id,
        assessment=iri,
        graph=graph,
        series_id=ident.series_id,
        series=minter.series(ident.series_id),
        published=record.cover.published,
        nquads=ctx.out.nquads(),
        triples=len(ctx.out),
        reference_graph=shared.graph,
        shared_nquads=shared.nquads(),
        shared_triples=len(shared),
        citations=ctx.citation_count,
        warnings=tuple(ctx.warnings),
    )


__all__ = ["MappedAssessment", "Version", "map_assessment", "version_links"]
