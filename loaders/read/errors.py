"""The reading stage's error."""

from __future__ import annotations

from pathlib import Path


class ReadError(Exception):
    """A file that cannot be read as an assessment; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
