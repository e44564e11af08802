"""``pia-kg prune``: drop reference triples of shared nodes that no stored assessment names any more."""

from __future__ import annotations

from typing import Annotated

import typer

from pia_kg.commands.options import EndpointOpt, GspOpt, StoreOpt, UpdateOpt, settings_from
from pia_kg.iri import IriMinter
from pia_kg.store import GraphStore, open_store

# A reference triple stays while some other graph names its subject, or names a node that leads to it
# through reference links (a law stays while a document cites one of its provisions). One update request,
# one transaction: mark what is reached in a scratch graph, delete the rest, drop the marks.
_KEPT = "urn:pia-kg:prune:kept"
_PRUNE = """INSERT {{ GRAPH <{kept}> {{ ?s <{kept}> <{kept}> }} }} WHERE {{
  {{ SELECT DISTINCT ?named WHERE {{
      GRAPH ?g {{ {{ ?x ?y ?named }} UNION {{ ?named ?y ?x }} }}
      FILTER(?g != <{reference}> && ?g != <{kept}> && isIRI(?named))
  }} }}
  GRAPH <{reference}> {{ ?named (!<{kept}>)* ?s }}
}} ;
DELETE {{ GRAPH <{reference}> {{ ?s ?p ?o }} }} WHERE {{
  GRAPH <{reference}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH <{kept}> {{ ?s <{kept}> <{kept}> }} }}
}} ;
DROP SILENT GRAPH <{kept}>"""
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{reference}> {{ ?s ?p ?o }} }}"


def _count(store: GraphStore, reference_graph: str) -> int:
    return int(store.select(_COUNT.format(reference=reference_graph)).rows[0]["n"].value)


def prune_reference(store: GraphStore, reference_graph: str) -> int:
    """Delete (in one update) the reference triples no other graph leads to; how many triples went."""
    before = _count(store, reference_graph)
    store.update(_PRUNE.format(reference=reference_graph, kept=_KEPT))
    return before - _count(store, reference_graph)


def prune(
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Instance IRI base the graph was loaded with.")
    ] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    update_endpoint: UpdateOpt = None,
    graph_store: GspOpt = None,
) -> None:
    """Remove shared nodes (laws, provisions, bodies, systems...) that no stored assessment names any more.

    Loading keeps the triples of shared nodes once, in the reference graph; deleting an assessment leaves
    them there (they are reference data). This maintenance step drops those no remaining graph leads to.

    Examples:

      pia-kg prune

      pia-kg prune --endpoint http://127.0.0.1:7878/query --update-endpoint http://127.0.0.1:7878/update
    """
    settings = settings_from(store, endpoint, update_endpoint, graph_store).with_(base_iri=base_iri)
    target = open_store(settings)
    try:
        removed = prune_reference(target, IriMinter(settings.base_iri).reference_graph)
    finally:
        target.close()
    typer.echo(f"removed {removed:,} reference triples no assessment leads to", err=True)


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command()(prune)
