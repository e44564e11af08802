"""The one place that decides instance IRIs.

IRIs are deterministic: the same document always loads to the same IRIs, and shared things (laws,
provisions, national bodies, nationwide systems, vendors) are minted from their normalised identity
only, so every document that mentions them meets the same node. Path segments keep Japanese text
(IRIs allow it) but are percent-encoded where IRI syntax requires.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from pia_kg.settings import DEFAULT_BASE_IRI

_SAFE = "~-._!$&'()*+,;=:@"  # IRI path characters kept as they are; non-ASCII letters are kept too


def segment(text: str) -> str:
    """One IRI path segment for ``text``: spaces folded, reserved characters percent-encoded."""
    text = re.sub(r"\s+", "_", text.strip())
    return "".join(ch if ord(ch) > 127 else quote(ch, safe=_SAFE) for ch in text)


def short_hash(*parts: str, length: int = 12) -> str:
    """A stable short hash of ``parts`` for identities with no readable key."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


class IriMinter:
    """Mints instance IRIs under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def mint(self, kind: str, *parts: str) -> str:
        """``{base}{kind}/{part}/{part}...`` with each part made a safe segment."""
        return self.base + "/".join([kind, *(segment(p) for p in parts)])

    def graph(self, assessment_id: str) -> str:
        """The named graph holding one assessment version."""
        return self.mint("graph", assessment_id)

    def assessment_id(self, iri: str) -> str:
        """The short id used by the API for an assessment IRI minted here."""
        prefix = self.base + "assessment/"
        if not iri.startswith(prefix):
            raise ValueError(f"not an assessment IRI of this graph: {iri}")
        return iri[len(prefix) :]

    @property
    def ontology_graph(self) -> str:
        return self.base + "graph/ontology"
