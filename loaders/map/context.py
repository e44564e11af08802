"""What every mapping module shares while one record is mapped: the builder, the IRIs, provenance."""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.map.graph import GraphBuilder
from loaders.model import Location, ProvisionRef, Warning
from pia_kg.iri import IriMinter
from pia_kg.namespaces import PIA


@dataclass
class MapContext:
    """State of one mapping run (one assessment version)."""

    minter: IriMinter
    out: GraphBuilder
    assessment: str  # the assessment IRI
    source: str  # the SourceFile IRI
    local_government: str | None  # normalised name, e.g. "川崎市"
    file_numbers: set[int] = field(default_factory=set)  # the 特定個人情報ファイル numbers the record holds
    annex_rows: dict[str, set[str]] = field(default_factory=dict)  # annex label -> row numbers the record holds
    warnings: list[Warning] = field(default_factory=list)
    _locations: dict[tuple[str, int, int], str] = field(default_factory=dict)
    provisions: dict[ProvisionRef, str] = field(default_factory=dict)  # provisions already emitted
    _citations: dict[tuple[str, str, int, int], str] = field(default_factory=dict)

    def under(self, *steps: str | int) -> str:
        """A per-document node IRI under the assessment (``{assessment}/file/1``)."""
        return self.minter.part(self.assessment, *steps)

    def warn(self, message: str, location: Location | None) -> None:
        self.warnings.append(Warning(message, location))

    def extracted(self, node: str, location: Location) -> None:
        """Provenance of an extracted node: the assessment it came from and where it was read."""
        self.out.link(node, PIA + "inAssessment", self.assessment)
        self.out.link(node, PIA + "readFrom", self.location(location))

    def node(self, iri: str, cls: str, label: str | None, location: Location, *, parent: str, via: str) -> str:
        """An extracted node: its class, its label, its provenance, and the link from ``parent``."""
        self.out.a(iri, PIA + cls)
        self.out.label(iri, label)
        self.extracted(iri, location)
        self.out.link(parent, PIA + via, iri)
        return iri

    def location(self, location: Location) -> str:
        """The DocumentLocation node for ``location`` (one node per distinct section and line range)."""
        key = (location.section, location.span.start, location.span.end)
        iri = self._locations.get(key)
        if iri is None:
            iri = self._locations[key] = self.under("location", len(self._locations) + 1)
            self.out.a(iri, PIA + "DocumentLocation")
            self.out.text(iri, PIA + "sectionPath", location.section)
            self.out.integer(iri, PIA + "lineStart", location.span.start)
            self.out.integer(iri, PIA + "lineEnd", location.span.end)
            self.out.link(iri, PIA + "inSourceFile", self.source)
        return iri

    @property
    def citation_count(self) -> int:
        return len(self._citations)

    def citation_iri(self, text: str, location: Location) -> tuple[str, bool]:
        """The Citation node for ``text`` written at ``location``, and whether it is new."""
        key = (text, location.section, location.span.start, location.span.end)
        iri = self._citations.get(key)
        if iri is not None:
            return iri, False
        iri = self._citations[key] = self.under("citation", len(self._citations) + 1)
        return iri, True
