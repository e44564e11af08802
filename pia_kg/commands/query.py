"""``pia-kg query``: run a named query (or any read-only SPARQL) and print a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.table import Table

from pia_kg.commands.options import EndpointOpt, StoreOpt, settings_from
from pia_kg.queries import NamedQuery, ParameterError, UnknownQueryError, catalogue
from pia_kg.store import QueryResult, open_store

OutputFormat = Literal["table", "json", "csv"]


def _parse_params(pairs: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        params.setdefault(name.strip(), []).append(value)
    return params


def _print_catalogue(queries: list[NamedQuery], console: Console) -> None:
    table = Table(title="Named queries (queries/*.rq)", show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("question")
    table.add_column("parameters")
    for query in queries:
        params = "\n".join(
            f"{p.name}: {p.type}{'' if p.required else '?'}{'*' if p.multiple else ''}"
            + (f" (e.g. {p.example[0]})" if p.example else "")
            for p in query.parameters
        )
        table.add_row(query.name, f"{query.title_ja}\n{query.title_en}", params or "—")
    console.print(table)


def _sparql_text(source: str) -> str:
    path = Path(source)
    if len(source) < 4096 and "\n" not in source and path.suffix in (".rq", ".sparql") and path.is_file():
        return path.read_text(encoding="utf-8")
    return source


def _emit(result: QueryResult, output: OutputFormat, console: Console) -> None:
    columns = list(result.variables)
    if output == "json":
        rows = [{k: row[k].py() for k in columns if k in row} for row in result.rows]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row[k].value if k in row else "" for k in columns] for row in result.rows)
    else:
        table = Table(show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in result.rows:
            table.add_row(*(row[k].value if k in row else "" for k in columns))
        console.print(table)
        console.print(f"{len(result.rows)} rows")


def query(
    name: Annotated[str | None, typer.Argument(help="Named query (see --list), e.g. recipients-of-affair.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Parameter NAME=VALUE (repeat; repeat a name for lists).")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters.")] = False,
    sparql: Annotated[
        str | None, typer.Option("--sparql", help="Run this SPARQL instead: a .rq/.sparql file or the query text.")
    ] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
) -> None:
    """Run a named query (queries/*.rq) or any SPARQL SELECT against the store, e.g.

    pia-kg query recipients-of-affair --param affair=介護保険
    """
    settings = settings_from(store, endpoint)
    console = Console(width=200 if not sys.stdout.isatty() else None)
    queries = catalogue(settings.queries_dir)
    if list_queries:
        _print_catalogue(list(queries), console)
        return
    if (name is None) == (sparql is None):
        raise typer.BadParameter("give a query NAME or --sparql (and not both); --list shows the names")
    try:
        text = _sparql_text(sparql) if sparql is not None else queries[name or ""].bind(_parse_params(param or []))
    except UnknownQueryError:
        raise typer.BadParameter(
            f"no named query {name!r}; pia-kg query --list shows them", param_hint="NAME"
        ) from None
    except ParameterError as error:
        raise typer.BadParameter(str(error), param_hint="--param") from None
    graph_store = open_store(settings, read_only=not settings.endpoint)
    try:
        result = graph_store.select(text)
    except (SyntaxError, ValueError) as error:
        console.print(f"[red]The query failed:[/red] {error}")
        raise typer.Exit(2) from None
    finally:
        graph_store.close()
    _emit(result, output, console)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(query)
