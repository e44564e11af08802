"""Links between the versions of one assessment series (same municipality and 評価書番号).

They depend on which versions the store holds, not on one record, so they live in a graph of their
own per series (``IriMinter.series_graph``), rebuilt whenever a version of the series is loaded:
loading versions in any order gives the same chain, and every version's own graph stays untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from loaders.map.graph import GraphBuilder
from pia_kg.namespaces import PIA, PROV


@dataclass(frozen=True, order=True)
class Version:
    """One stored version of a series, ordered by publication date."""

    published: date
    assessment: str  # IRI


def version_links(graph: str, versions: Iterable[Version]) -> GraphBuilder:
    """Each version -> pia:previousVersion (and prov:wasRevisionOf) -> the version published just before."""
    out = GraphBuilder(graph)
    chain = sorted(set(versions))
    for older, newer in pairwise(chain):
        if newer.published > older.published:
            out.link(newer.assessment, PIA + "previousVersion", older.assessment)
            out.link(newer.assessment, PROV + "wasRevisionOf", older.assessment)
    return out
