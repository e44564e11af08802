"""Typed settings shared by the CLI, the loaders and the API (environment prefix ``PIA_KG_``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_IRI = "https://w3id.org/pia-kg/id/"


_NO = ("0", "false", "no", "off")


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"PIA_KG_{name}", default)


@dataclass(frozen=True)
class Settings:
    """Where the graph lives and how the service behaves."""

    store_dir: Path = field(default_factory=lambda: Path(_env("STORE", "data/store") or "data/store"))
    endpoint: str | None = field(default_factory=lambda: _env("ENDPOINT"))  # SPARQL query URL
    update_endpoint: str | None = field(default_factory=lambda: _env("UPDATE_ENDPOINT"))
    graph_store_endpoint: str | None = field(default_factory=lambda: _env("GRAPH_STORE_ENDPOINT"))
    base_iri: str = field(default_factory=lambda: _env("BASE_IRI", DEFAULT_BASE_IRI) or DEFAULT_BASE_IRI)
    admin_token: str | None = field(default_factory=lambda: _env("ADMIN_TOKEN"))
    query_timeout_s: float = field(default_factory=lambda: float(_env("QUERY_TIMEOUT", "30") or 30))
    index_refresh_s: float = field(default_factory=lambda: float(_env("INDEX_REFRESH", "10") or 10))
    result_cap: int = field(default_factory=lambda: int(_env("RESULT_CAP", "100000") or 100000))
    answer_cache_mib: int = field(default_factory=lambda: int(_env("ANSWER_CACHE_MIB", "256") or 0))
    warm_answers: bool = field(
        default_factory=lambda: (_env("WARM_ANSWERS", "1") or "0").lower() not in ("0", "false", "no")
    )
    max_upload_bytes: int = field(default_factory=lambda: int(_env("MAX_UPLOAD_BYTES", "20000000") or 0))
    ontology_dir: Path = REPO_ROOT / "ontology"
    shapes_dir: Path = REPO_ROOT / "shapes"
    queries_dir: Path = REPO_ROOT / "queries"

    @property
    def index_snapshots(self) -> Path | None:
        """Where the API saves snapshots of its index: beside the embedded store (``data/store-api-index``),
        ``PIA_KG_INDEX_SNAPSHOTS`` to choose, ``none`` (or a SPARQL endpoint without it) for none."""
        chosen = _env("INDEX_SNAPSHOTS")
        if chosen:
            return None if chosen.lower() == "none" else Path(chosen)
        return None if self.endpoint else self.store_dir.with_name(self.store_dir.name + "-api-index")

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
