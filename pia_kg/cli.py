"""``pia-kg``: load assessments, validate, query, export and serve the graph."""

from __future__ import annotations

import typer

from pia_kg.commands import export, load, prune, query, serve, validate

app = typer.Typer(
    name="pia-kg",
    help="Knowledge graph of My Number privacy impact assessments (特定個人情報保護評価書).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """Knowledge graph of My Number privacy impact assessments (特定個人情報保護評価書).

    Load assessments into the embedded store (or a SPARQL server), validate them with SHACL,
    run the named queries, export the graph and serve the API.
    """


# Each command module registers its own subcommand(s); add new modules to this tuple.
for _module in (serve, load, export, query, validate, prune):
    _module.register(app)


def main() -> None:
    """Entry point for ``python -m pia_kg``."""
    app()
