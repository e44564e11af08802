"""Dependencies shared by the routers (declared with ``Annotated``)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Request

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
