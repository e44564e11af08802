"""The store port: the only code that knows pyoxigraph or HTTP.

``open_store(settings)`` gives the embedded pyoxigraph store (default) or a remote SPARQL 1.1
server when ``settings.endpoint`` is set. Both speak the same small interface, so the loaders,
the API and validation never care which one they have.
"""

from __future__ import annotations

from pia_kg.settings import Settings
from pia_kg.store.port import GraphStore, QueryResult, Term


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Open the store the settings point at."""
    if settings.endpoint:
        from pia_kg.store.remote import RemoteStore

        return RemoteStore(
            settings.endpoint,
            update_endpoint=settings.update_endpoint,
            graph_store_endpoint=settings.graph_store_endpoint,
            timeout_s=settings.query_timeout_s,
        )
    from pia_kg.store.embedded import EmbeddedStore

    return EmbeddedStore(settings.store_dir, read_only=read_only)


__all__ = ["GraphStore", "QueryResult", "Term", "open_store"]
