"""Short ids in URLs: the IRI path after the instance base (``body/全国健康保険協会``)."""

from __future__ import annotations

from urllib.parse import quote

from pia_kg.queries import ParameterError, iri_term


def short_id(base: str, iri: str | None) -> str | None:
    """``iri`` without the instance base (the IRI itself when it lies elsewhere)."""
    if iri is None:
        return None
    return iri[len(base) :] if iri.startswith(base) else iri


def iri_of(base: str, path: str) -> str | None:
    """The IRI a short id names, or None when no IRI could have that id (spaces, quotes, braces ...)."""
    iri = base + path.strip("/")
    try:
        iri_term(iri)
    except ParameterError:
        return None
    return iri


def url_path(short: str) -> str:
    """A short id as it goes into a URL path (non-ASCII and reserved characters percent-encoded)."""
    return quote(short, safe="/")
