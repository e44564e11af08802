"""The source file, and the load activity that read it (the only non-deterministic triples)."""

from __future__ import annotations

from datetime import datetime

from loaders.map.context import MapContext
from loaders.model import SourceDocument
from pia_kg.namespaces import PIA, PROV


def source_file(ctx: MapContext, source: SourceDocument) -> str:
    """The SourceFile node ``{base}source-file/{sha256}`` (same bytes -> same node)."""
    iri = ctx.source
    out = ctx.out
    out.a(iri, PIA + "SourceFile")
    out.label(iri, source.name)
    out.text(iri, PIA + "fileName", source.name)
    out.text(iri, PIA + "sha256", source.sha256)
    out.link(ctx.assessment, PIA + "sourceFile", iri)
    return iri


def load_activity(ctx: MapContext, loaded_at: datetime | None) -> str:
    """``{assessment}/load``: used the file, generated the assessment, ended at ``loaded_at``.

    The activity IRI is fixed per assessment version and its graph is replaced on every load, so a
    reload changes one literal (the time) and never adds triples. Without ``loaded_at`` the whole
    output is a pure function of the record.
    """
    iri = ctx.under("load")
    out = ctx.out
    out.a(iri, PIA + "LoadActivity")
    out.link(iri, PROV + "used", ctx.source)
    out.link(iri, PROV + "generated", ctx.assessment)
    if loaded_at is not None:
        out.timestamp(iri, PROV + "endedAtTime", loaded_at)
    return iri
