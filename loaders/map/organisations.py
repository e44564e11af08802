"""Local governments, assessing bodies, departments, national bodies, recipients and contractors.

All of them are shared nodes: their IRIs come from normalised names only (loaders.normalize.names),
so every document that names the same body meets the same node, and their triples are stored once, in
the reference graph (loaders.map.shared). The one exception is a department's head post: a Post node of
the document.
"""

from __future__ import annotations

from loaders.map.context import MapContext
from loaders.model import FlowKind, Location
from loaders.normalize.names import (
    CanonicalName,
    department_key,
    find_national_bodies,
    national_body,
    vendor_key,
)
from loaders.normalize.text import display_name, normalise_name
from pia_kg.namespaces import PIA


def local_government(ctx: MapContext, name: str, prefecture: str | None) -> str:
    iri = ctx.minter.local_government(name)
    ctx.out.a(iri, PIA + "LocalGovernment")
    ctx.out.label(iri, name)
    ctx.out.text(iri, PIA + "prefecture", prefecture)
    return iri


def assessing_body(ctx: MapContext, name: str) -> str:
    """評価実施機関 (e.g. 神奈川県川崎市市長), under its local government where known."""
    key = normalise_name(name)
    if ctx.local_government:
        iri = ctx.minter.assessing_body(ctx.local_government, key)
        ctx.out.link(iri, PIA + "ofLocalGovernment", ctx.minter.local_government(ctx.local_government))
    else:
        iri = ctx.minter.organization(key)
    ctx.out.a(iri, PIA + "AssessingBody")
    ctx.out.label(iri, display_name(name))
    return iri


def department(ctx: MapContext, name: str) -> str:
    """A 課/部署 of the assessing local government (an organisation of its own when that is unknown)."""
    if ctx.local_government:
        _, key = department_key(ctx.local_government, name).split("/", 1)
        iri = ctx.minter.department(ctx.local_government, key)
        ctx.out.link(iri, PIA + "ofLocalGovernment", ctx.minter.local_government(ctx.local_government))
    else:
        iri = ctx.minter.organization(normalise_name(name))
    ctx.out.a(iri, PIA + "Department")
    ctx.out.label(iri, display_name(name))
    return iri


def post(ctx: MapContext, department_iri: str, title: str, location: Location) -> str:
    """所属長の役職名 as this document states it: a per-document Post (``{assessment}/affair/head-post``).

    The department is shared, but its head post is one document's claim: the Post node and the
    department's ``pia:headPost`` link to it stay in the document's graph (see loaders.map.shared).
    """
    iri = ctx.under("affair", "head-post")
    ctx.out.a(iri, PIA + "Post")
    ctx.out.label(iri, title)
    ctx.extracted(iri, location)
    ctx.out.link(department_iri, PIA + "headPost", iri)
    return iri


def _national_body(ctx: MapContext, body: CanonicalName) -> str:
    """The shared NationalBody node ``{base}body/{key}``, labelled with the canonical name."""
    iri = ctx.minter.national_body(body.key)
    ctx.out.a(iri, PIA + "NationalBody")
    ctx.out.label(iri, body.label)
    return iri


def recipients(ctx: MapContext, name: str, kind: FlowKind) -> list[str]:
    """Who receives a provision/transfer as written in ``name``.

    The national body the text names as a whole, else every national body named in it
    (「市町村長又は国民健康保険組合」 -> two), else a department (移転) or an organisation by its name.
    """
    whole = national_body(name)
    bodies = [whole] if whole else list(find_national_bodies(name))
    if bodies:
        found = [_national_body(ctx, body) for body in bodies]
    elif kind == "transfer":
        found = [department(ctx, name)]
    else:
        found = [ctx.minter.organization(normalise_name(name))]
        ctx.out.label(found[0], display_name(name))
    for iri in found:
        ctx.out.a(iri, PIA + "RecipientBody")
    return found


def contractor(ctx: MapContext, name: str) -> str:
    """委託先: a vendor, ``{base}organization/{normalised name}``, with one label whatever the spelling."""
    iri = ctx.minter.organization(vendor_key(name))
    ctx.out.a(iri, PIA + "Contractor")
    ctx.out.label(iri, display_name(name))
    return iri
