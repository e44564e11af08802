"""The one place that decides instance IRIs.

IRIs are deterministic: the same document always loads to the same IRIs, and shared things (laws,
provisions, national bodies, nationwide systems, vendors) are minted from their normalised identity
only, so every document that mentions them meets the same node. Path segments keep Japanese text
(IRIs allow it) but are percent-encoded where IRI syntax requires.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from pia_kg.settings import DEFAULT_BASE_IRI

_SAFE = "~-._!$&'()*+,;=:@"  # IRI path characters kept as they are; non-ASCII letters are kept too
# The IRI families (first path step under the base) of shared nodes: minted from their identity alone, so every
# document that names one meets the same node. Their triples are reference data, stored once (reference_graph).
SHARED_KINDS = frozenset({"law", "body", "system", "local-government", "organization"})
# The families of per-document nodes: the assessment version and everything under it, its series, its source file.
DOCUMENT_KINDS = frozenset({"assessment", "assessment-series", "source-file"})


@lru_cache(maxsize=65536)
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

    @property
    def reference_graph(self) -> str:
        """The one named graph holding the triples of shared nodes (laws, provisions, bodies, systems...)."""
        return self.base + "graph/reference"

    def _kind(self, iri: str) -> str | None:
        """The family of an instance IRI minted here (``law`` for ``{base}law/...``); None for other IRIs."""
        return iri[len(self.base) :].split("/", 1)[0] if iri.startswith(self.base) else None

    def is_shared(self, iri: str) -> bool:
        """Whether ``iri`` names a shared node: a law or provision, national body, system, local government
        (with its assessing bodies, departments and own systems) or organisation."""
        return self._kind(iri) in SHARED_KINDS

    def is_per_document(self, iri: str) -> bool:
        """Whether ``iri`` names a node of one document: an assessment and what hangs under it, its series, its file."""
        return self._kind(iri) in DOCUMENT_KINDS

    # -- named helpers used by the mapping (loaders.map); ids are already normalised there

    def assessment(self, assessment_id: str) -> str:
        """One published version of an assessment: ``{base}assessment/{id}``."""
        return self.mint("assessment", assessment_id)

    def series(self, series_id: str) -> str:
        """An assessment across its versions: ``{base}assessment-series/{municipality}-{number}``."""
        return self.mint("assessment-series", series_id)

    def series_graph(self, series_id: str) -> str:
        """The named graph holding the version links of one series."""
        return self.mint("graph", "series", series_id)

    def part(self, parent: str, *steps: str | int) -> str:
        """A node hanging under ``parent`` (``{assessment}/file/1/provision/3``)."""
        return "/".join([parent, *(segment(str(s)) for s in steps)])

    def law(self, key: str) -> str:
        return self.mint("law", key)

    def provision(self, law_key: str, levels: list[tuple[str, str]]) -> str:
        """``{base}law/{key}/article/{a}/.../table-item/{ti}`` for the (level, value) pairs present."""
        return self.part(self.law(law_key), *(x for pair in levels for x in pair))

    def national_body(self, key: str) -> str:
        return self.mint("body", key)

    def nationwide_system(self, key: str) -> str:
        return self.mint("system", key)

    def local_government(self, name: str) -> str:
        return self.mint("local-government", name)

    def assessing_body(self, local_government: str, name: str) -> str:
        """評価実施機関 of a local government (``{base}local-government/{lg}/assessing-body/{name}``)."""
        return self.mint("local-government", local_government, "assessing-body", name)

    def department(self, local_government: str, name: str) -> str:
        return self.mint("local-government", local_government, "department", name)

    def local_system(self, local_government: str | None, name: str) -> str:
        """A body's own system; ``{base}system/local/{name}`` when the body is no local government."""
        if local_government is None:
            return self.mint("system", "local", name)
        return self.mint("local-government", local_government, "system", name)

    def organization(self, name: str) -> str:
        """A vendor or other body named in a document: ``{base}organization/{normalised name}``."""
        return self.mint("organization", name)

    def source_file(self, sha256: str) -> str:
        return self.mint("source-file", sha256)
