"""Pickle snapshots of what the API derives from one store state (its index, its warmed answers), kept beside the
store so that a restarted server over an unchanged store reads them back. Keep the folder as private as the store."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def save(value: Any, path: Path) -> None:
    """Write ``value`` to ``path`` atomically and remove the other snapshots of its kind (same suffix) beside it: they
    belong to earlier store states. A read-only or full disk is only logged: the API serves from memory all the same."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        for older in path.parent.glob("*" + path.suffix):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as error:
        logger.warning("could not save the snapshot %s: %s", path, error)


def read(path: Path) -> Any | None:
    """The value saved at ``path``; None when there is none, or it cannot be read (damaged, or of older code)."""
    if not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:
        logger.warning("ignoring the unreadable snapshot %s", path)
        return None
