"""Dependencies shared by the routers (declared with ``Annotated``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request

from api.errors import ApiError
from api.reader import GraphReader
from pia_kg.settings import Settings
from pia_kg.store import GraphStore


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


def get_reader(request: Request) -> GraphReader:
    return request.app.state.reader


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ReaderDep = Annotated[GraphReader, Depends(get_reader)]


def require_operator(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header(description="Bearer token of the operator")] = None,
) -> None:
    """Refuse the request unless it carries the operator's token (``Authorization: Bearer ...``)."""
    if not settings.admin_token:
        raise ApiError(
            403, "Changing the graph over HTTP is disabled: the operator has set no admin token (PIA_KG_ADMIN_TOKEN)."
        )
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401, "Send the operator's token as 'Authorization: Bearer <token>'.", {"WWW-Authenticate": "Bearer"}
        )
    if not secrets.compare_digest(token.strip().encode(), settings.admin_token.encode()):
        raise ApiError(403, "The token is not the operator's token.")


OperatorDep = Annotated[None, Depends(require_operator)]


@dataclass(frozen=True)
class Page:
    """Which flows of a list to answer: ``limit`` flows after skipping ``offset``."""

    limit: int
    offset: int

    def of(self, items: list) -> list:
        return items[self.offset : self.offset + self.limit]


def get_page(
    limit: Annotated[int, Query(ge=1, le=1000, description="Flows per page (the total is in X-Total-Count)")] = 100,
    offset: Annotated[int, Query(ge=0, description="Flows to skip")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(get_page)]
