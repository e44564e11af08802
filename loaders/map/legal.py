"""Citations, laws and provisions: the shared legal nodes every document meets."""

from __future__ import annotations

import re

from loaders.map.codes import code
from loaders.map.context import MapContext
from loaders.model import Citation, LawRef, ProvisionRef
from pia_kg.namespaces import DPV, PIA, SKOS

# (IRI path step, ProvisionRef attribute, datatype property) from the law down
LEVELS = (
    ("article", "article", "article"),
    ("paragraph", "paragraph", "paragraph"),
    ("item", "item", "item"),
    ("table", "table", "table"),
    ("table-item", "table_item", "tableItem"),
)
_EGOV_ID = re.compile(r"^\d{3}[A-Z]{2}\d{10}$")


def law(ctx: MapContext, ref: LawRef) -> str:
    """The shared Law node ``{base}law/{key}``."""
    iri = ctx.minter.law(ref.key)
    out = ctx.out
    out.a(iri, PIA + "Law")
    out.label(iri, ref.name)
    out.text(iri, SKOS + "altLabel", ref.short_name, lang="ja")
    if _EGOV_ID.match(ref.key):
        out.text(iri, PIA + "eGovLawId", ref.key)
    if ref.kind != "other":
        out.link(iri, PIA + "lawKind", code("law-kind", ref.kind))
    if ref.issuer:
        out.link(iri, PIA + "enactedBy", ctx.minter.local_government(ref.issuer))
    return iri


def _level_label(step: str, value: str, previous: str) -> str:
    if step == "article":
        return f"第{value}条"
    if step == "paragraph":
        return f"第{value}項"
    if step == "item":
        return f"第{value}号"
    if step == "table":
        return value.removeprefix(previous) if previous and value.startswith(previous) else value
    return f"の{value}の項" if previous else f"{value}の項"


def provision(ctx: MapContext, ref: ProvisionRef) -> str:
    """The deepest provision ``ref`` names, with every ancestor level as its own node (the law if none)."""
    known = ctx.provisions.get(ref)
    if known is not None:
        return known
    parent = law_iri = law(ctx, ref.law)
    present = [(step, getattr(ref, attr), prop) for step, attr, prop in LEVELS if getattr(ref, attr)]
    label = ref.law.short_name or ref.law.name
    previous = ""
    for depth, (step, value, _) in enumerate(present, start=1):
        iri = ctx.minter.provision(ref.law.key, [(s, v) for s, v, _ in present[:depth]])
        previous = _level_label(step, value, previous)
        label += previous
        out = ctx.out
        out.a(iri, PIA + "LegalProvision")
        out.label(iri, label)
        out.link(iri, PIA + "inLaw", law_iri)
        out.link(iri, PIA + "partOf", parent)
        out.link(iri, PIA + "provisionLevel", code("provision-level", step))
        for _, level_value, prop in present[:depth]:
            out.text(iri, PIA + prop, level_value)
        parent = iri
    ctx.provisions[ref] = parent
    return parent


def citation(
    ctx: MapContext,
    subject: str,
    record: Citation,
    role: str | None,
    *,
    via: str = PIA + "hasCitation",
    basis_of: str | None = "",
) -> str:
    """A Citation node (as written, where written) linked from ``subject`` by ``via``.

    ``basis_of`` (default: ``subject``; None for none) gets ``dpv:hasLegalBasis`` straight to each provision.
    """
    basis_of = subject if basis_of == "" else basis_of
    iri, new = ctx.citation_iri(record.text, record.location)
    out = ctx.out
    out.a(iri, PIA + "Citation")
    out.text(iri, PIA + "citedText", record.text)
    out.label(iri, record.text)
    if role:
        out.link(iri, PIA + "citationRole", code("citation-role", role))
    ctx.extracted(iri, record.location)
    out.link(subject, via, iri)
    for ref in record.provisions:
        target = provision(ctx, ref)
        out.link(iri, PIA + "citesProvision", target)
        if basis_of:
            out.link(basis_of, DPV + "hasLegalBasis", target)
    if new and not record.provisions:
        ctx.warn(f"citation names no provision that could be parsed: {record.text!r}", record.location)
    return iri
