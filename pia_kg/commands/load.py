"""``pia-kg load``: read assessments and load them into the store (or into an RDF file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from pia_kg.commands.export import format_for
from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from
from pia_kg.iri import IriMinter
from pia_kg.store import GraphStore, open_store
from pia_kg.store.export import export_bytes

if TYPE_CHECKING:
    from loaders.report import LoadReport

_REPORT_WIDTH = 200  # the summary table's width when writing to a file or a pipe


def _declared(listed: int, declared: int | None) -> str:
    return f"{listed} ({declared})" if declared is not None else f"{listed} (?)"


def _summary_table(report: LoadReport) -> Table:
    table = Table(title="Load report", show_lines=False)
    for column in ("file", "form", "body", "affair"):
        table.add_column(column, overflow="fold")
    for column in ("systems", "files", "provisions", "transfers", "outsourcing", "annex rows", "citations"):
        table.add_column(column, justify="right")
    table.add_column("text ends in")
    table.add_column("unread", justify="right")
    table.add_column("warnings", justify="right")
    table.add_column("triples", justify="right")
    for doc in report.documents:
        figures = doc.figures
        if not doc.ok or figures is None:
            table.add_row(doc.name, "[red]failed[/red]", f"[red]{doc.failed_stage}[/red]", *["—"] * 12)
            continue
        reading = doc.reading
        version = f" {reading.form_version}" if reading and reading.form_version else ""
        ends = "?" if reading is None else reading.text_ends_in + (" (cut short)" if reading.cut_short else "")
        table.add_row(
            doc.name,
            f"{figures.kind or '?'}{version}",
            figures.body or "?",
            figures.affair or "?",
            str(figures.systems),
            str(figures.files),
            _declared(figures.provisions, figures.provisions_declared),
            _declared(figures.transfers, figures.transfers_declared),
            _declared(figures.outsourcing, figures.outsourcing_declared),
            f"{figures.annex_rows} ({figures.annex_flows} flows)",
            str(figures.citations),
            ends,
            str(len(reading.unread)) if reading else "?",
            str(len(doc.warnings)),
            f"{doc.triples:,}",
        )
    return table


def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Assessment files or folders (searched recursively for .txt .pdf .csv .tsv .html).", exists=True
        ),
    ],
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
    graph_store: GspOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write the graph to an RDF file (.ttl .nq .trig .jsonld .nt) instead of a store."
        ),
    ] = None,
    base_iri: Annotated[str | None, typer.Option("--base-iri", help="Base of the instance IRIs.")] = None,
    report_file: Annotated[
        Path | None,
        typer.Option("--report", help="Write the full load report (every warning, with its location) as JSON."),
    ] = None,
) -> None:
    """Load assessments: read -> check -> segment -> extract -> map -> store.

    Each assessment version goes into its own named graph, replaced atomically, so loading a document
    again changes nothing. A bad file gets one error line and the others still load; the exit status is
    1 when any file failed.

    Examples:

      pia-kg load ../shared/corpus

      pia-kg load --store data/store a.txt b.pdf --report load-report.json

      pia-kg load --out corpus.trig ../shared/corpus

      pia-kg load --endpoint http://127.0.0.1:7878/query --update-endpoint http://127.0.0.1:7878/update docs/
    """
    from loaders.pipeline import Pipeline, discover
    from loaders.report import LoadReport

    if out is not None and (store or endpoint):
        raise typer.BadParameter("give either --out or a store (--store/--endpoint), not both", param_hint="--out")
    out_format = format_for(out) if out is not None else None
    settings = settings_from(store, endpoint, update_endpoint, graph_store).with_(base_iri=base_iri)
    minter = IriMinter(settings.base_iri)
    target: GraphStore
    if out is not None:
        from pia_kg.store.embedded import EmbeddedStore

        target = EmbeddedStore(None)
    else:
        target = open_store(settings)
    console = Console(stderr=True)
    if not console.is_terminal:
        console.width = max(console.width, _REPORT_WIDTH)
    files = discover(paths)
    report = LoadReport(target=str(out) if out else settings.endpoint or str(settings.store_dir))
    pipeline = Pipeline(target, minter)
    try:
        pipeline.load_ontology()
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("loading", total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                document = pipeline.load_document(path)
                report.documents.append(document)
                if not document.ok:
                    progress.console.print(
                        f"[red]error[/red] {path}: {document.error} [dim]({document.failed_stage} stage)[/dim]",
                        highlight=False,
                    )
                progress.advance(task)
        if out is not None and out_format is not None:
            out.write_bytes(export_bytes(target, out_format, base_iri=minter.base))
        elif len(report.documents) > len(report.failed):
            with console.status("compacting the store"):
                target.compact()
    finally:
        target.close()
    console.print(_summary_table(report))
    loaded = len(report.documents) - len(report.failed)
    console.print(f"{loaded} loaded, {len(report.failed)} failed -> {report.target}")
    if report_file is not None:
        report.write_json(report_file)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(load)
