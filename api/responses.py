"""The JSON response every endpoint uses: serialised with orjson (several times faster on large answers)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import responses


class JSONResponse(responses.JSONResponse):
    """``application/json`` in UTF-8, serialised by orjson."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
