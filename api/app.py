"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI

from pia_kg.settings import Settings
from pia_kg.store import open_store


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API over the store the settings point at."""
    settings = settings or Settings()
    app = FastAPI(
        title="pia-kg API",
        summary="Legal bases and data flows of My Number privacy impact assessments (特定個人情報保護評価書)",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.store = open_store(settings)

    @app.get("/health", tags=["service"], summary="Liveness and the number of graphs loaded")
    def health() -> dict[str, object]:
        return {"status": "ok", "graphs": len(app.state.store.graphs())}

    return app
