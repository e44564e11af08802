"""Every error is JSON with a message a person can act on."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.index import IndexNotReadyError
from api.responses import JSONResponse
from pia_kg.queries import ParameterError, UnknownQueryError
from pia_kg.store.remote import RemoteStoreError

_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class ApiError(Exception):
    """An error the client can fix (or be told about), with its HTTP status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def error_body(status: int, message: str) -> dict[str, object]:
    return {"status": status, "error": _REASONS.get(status, "Error"), "message": message}


def _json(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(x) for x in item.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into JSON errors."""

    @app.exception_handler(ApiError)
    def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return _json(error.status, error.message, error.headers)

    @app.exception_handler(ParameterError)
    def _parameter_error(_request: Request, error: ParameterError) -> JSONResponse:
        return _json(422, str(error))

    @app.exception_handler(UnknownQueryError)
    def _unknown_query(_request: Request, error: UnknownQueryError) -> JSONResponse:
        return _json(404, f"No named query {error.args[0]!r}. List them at GET /queries.")

    @app.exception_handler(RequestValidationError)
    def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        return _json(422, _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else str(error.detail)
        if error.status_code == 404 and message == "Not Found":
            message = "No such page. The API is described at /docs; the home page is /."
        return _json(error.status_code, message, getattr(error, "headers", None))

    @app.exception_handler(RemoteStoreError)
    def _remote(_request: Request, error: RemoteStoreError) -> JSONResponse:
        return _json(502, f"The SPARQL server behind this API failed: {error}")

    @app.exception_handler(IndexNotReadyError)
    def _indexing(_request: Request, error: IndexNotReadyError) -> JSONResponse:
        return _json(503, f"Not ready: {error}.", {"Retry-After": "10"})

    @app.exception_handler(TimeoutError)
    def _timeout(_request: Request, error: TimeoutError) -> JSONResponse:
        return _json(503, f"The query took too long and was stopped: {error}. Narrow it (filters, LIMIT) and retry.")
