"""Content negotiation and the flat (CSV) form of the API's tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from api.errors import ApiError
from api.responses import JSONResponse

CSV = "text/csv"
JSON = "application/json"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
N_TRIPLES = "application/n-triples"


def preferred(request: Request, offered: Sequence[str], format_param: str | None = None) -> str:
    """The media type to answer with: ``format`` wins, then the Accept header (q-values), else the first offered."""
    if format_param:
        aliases = {
            "json": JSON,
            "csv": CSV,
            "turtle": TURTLE,
            "ttl": TURTLE,
            "jsonld": JSON_LD,
            "json-ld": JSON_LD,
            "nt": N_TRIPLES,
            "ntriples": N_TRIPLES,
        }
        chosen = aliases.get(format_param.lower(), format_param)
        if chosen not in offered:
            raise ApiError(422, f"format {format_param!r} is not offered here; use one of: {', '.join(offered)}")
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(request.headers.get("accept", "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media:
            ranked.append((-quality, position, media.lower()))
    for negative_quality, _, media in sorted(ranked):
        if negative_quality >= 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "application/*") or (
            media.endswith("/*") and any(o.startswith(media[:-1]) for o in offered)
        ):
            return next(o for o in offered if media == "*/*" or o.startswith(media[:-1]))
    return offered[0]


def flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One flat row: nested objects as ``a.b`` columns, lists joined with `` | ``."""
    flat: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = " | ".join(_cell(v) for v in value)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("label", "text", "name", "iri"):
            if value.get(key):
                return str(value[key])
        return ""
    return "" if value is None else str(value)


def csv_text(rows: Iterable[dict[str, Any]]) -> str:
    flat = [flatten(r) for r in rows]
    columns: list[str] = []
    for row in flat:
        columns.extend(c for c in row if c not in columns)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def table(
    request: Request, rows: list[dict[str, Any]], headers: dict[str, str] | None = None, format_param: str | None = None
) -> Response:
    """A list of objects as JSON (default) or CSV (``Accept: text/csv`` or ``format=csv``)."""
    if preferred(request, (JSON, CSV), format_param) == CSV:
        return Response(csv_text(rows), media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(rows, headers=headers)
