"""``pia-kg validate``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pia_kg.commands.options import EndpointOpt, StoreOpt, settings_from

_FAIL_ON = {"violation": ("Violation",), "warning": ("Violation", "Warning"), "never": ()}


def validate(
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    assessment: Annotated[
        str | None, typer.Option("--assessment", help="Validate one assessment, e.g. 川崎市-61-2025-06-06.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="text, json, ttl (sh:ValidationReport), jsonld or html.")
    ] = "text",
    out: Annotated[Path | None, typer.Option("--out", help="Write the report to this file (default: stdout).")] = None,
    engine: Annotated[str, typer.Option(help="sparql (fast, default) or pyshacl (reference).")] = "sparql",
    today: Annotated[
        str | None, typer.Option(help="Reference date for the re-assessment check, YYYY-MM-DD (default: today).")
    ] = None,
    fail_on: Annotated[
        str, typer.Option(help="Exit with status 1 on: violation (default), warning, or never.")
    ] = "violation",
) -> None:
    """Validate the assessments against the SHACL shapes: completeness, consistency, currency."""
    from pia_kg.store import open_store
    from pia_kg.validation import ENGINES, FORMATS, render, validate_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    if fail_on not in _FAIL_ON:
        raise typer.BadParameter(f"choose one of {', '.join(_FAIL_ON)}", param_hint="--fail-on")
    try:
        reference = date.fromisoformat(today) if today else None
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--today") from error
    settings = settings_from(store, endpoint)
    graph_store = open_store(settings, read_only=True)
    try:
        report = validate_store(graph_store, settings, assessment_id=assessment, today=reference, engine=engine)
    finally:
        graph_store.close()
    if assessment and not report.assessments:
        typer.echo(f"no assessment {assessment!r} in the store", err=True)
        raise typer.Exit(2)
    text = render(report, fmt)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        counts = report.counts()
        typer.echo(
            f"{out}: {len(report.assessments)} assessment(s), " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    if any(report.counts()[severity] for severity in _FAIL_ON[fail_on]):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(validate)
