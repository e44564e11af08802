"""I-2 システムN: listings per document, pointing at shared system nodes."""

from __future__ import annotations

from loaders.map.context import MapContext
from loaders.model import SystemListing
from loaders.normalize.names import local_system_key, nationwide_system
from loaders.normalize.text import normalise_name
from pia_kg.namespaces import PIA

_OTHER_OPTION = "その他"


def information_system(ctx: MapContext, name: str) -> str:
    """A nationwide system node ``{base}system/{key}``, else the local government's own system."""
    shared = nationwide_system(name)
    if shared is not None:
        iri = ctx.minter.nationwide_system(shared.key)
        ctx.out.a(iri, PIA + "NationwideSystem", PIA + "InformationSystem")
        ctx.out.label(iri, shared.label)
        return iri
    if ctx.local_government:
        _, key = local_system_key(ctx.local_government, name).split("/", 1)
    else:
        key = normalise_name(name)
    iri = ctx.minter.local_system(ctx.local_government, key)
    ctx.out.a(iri, PIA + "InformationSystem")
    ctx.out.label(iri, name)
    return iri


def system_listing(ctx: MapContext, listing: SystemListing) -> str:
    iri = ctx.under("system", listing.no)
    out = ctx.out
    out.a(iri, PIA + "SystemListing")
    out.integer(iri, PIA + "itemNumber", listing.no)
    out.label(iri, listing.name)
    out.text(iri, PIA + "systemFunction", listing.function)
    out.text(iri, PIA + "connectionNote", listing.connection_note)
    out.link(iri, PIA + "listedSystem", information_system(ctx, listing.name))
    for option in listing.connections or ():
        if not option.startswith(_OTHER_OPTION):
            out.link(iri, PIA + "connectsTo", information_system(ctx, option))
    ctx.extracted(iri, listing.location)
    out.link(ctx.assessment, PIA + "hasSystemListing", iri)
    return iri
