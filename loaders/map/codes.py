"""Code-list concepts: printed option text -> SKOS concept, or the printed text kept with a warning."""

from __future__ import annotations

from loaders.map.context import MapContext
from loaders.model import Location
from pia_kg.codelists import concept_for
from pia_kg.namespaces import CODE

# The companion datatype property holding the printed text when no concept matches is ``{property}Text``.
TEXT_SUFFIX = "Text"


def code(scheme: str, slug: str) -> str:
    """A concept of a fixed enumeration the loaders define themselves (roles, kinds, levels)."""
    return f"{CODE}{scheme}/{slug}"


def coded(ctx: MapContext, node: str, prop: str, scheme: str, text: str | None, location: Location) -> None:
    """Link ``node`` to the concept of ``scheme`` the printed ``text`` names; keep the text if none does."""
    if text is None or not text.strip():
        return
    concept = concept_for(scheme, text)
    if concept is not None:
        ctx.out.link(node, prop, str(concept))
        return
    ctx.out.text(node, prop + TEXT_SUFFIX, text)
    ctx.warn(f"no {scheme} code-list concept for {text.strip()!r}; kept as printed text", location)


def coded_all(
    ctx: MapContext, node: str, prop: str, scheme: str, texts: tuple[str, ...] | None, location: Location
) -> None:
    for text in texts or ():
        coded(ctx, node, prop, scheme, text, location)
