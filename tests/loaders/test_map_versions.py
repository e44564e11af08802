"""Mapping: links between versions of one series, whatever order they are given in."""

from __future__ import annotations

from datetime import date

import pyoxigraph as ox

from loaders.map import Version, version_links

PIA = "https://w3id.org/pia-kg/ontology#"
G = "https://w3id.org/pia-kg/id/graph/series/川崎市-61"


def links(versions: list[Version]) -> set[tuple[str, str, str]]:
    quads = ox.parse(version_links(G, versions).nquads(), format=ox.RdfFormat.N_QUADS)
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads}


def test_each_version_points_at_the_one_published_just_before() -> None:
    v2019, v2022, v2025 = (Version(date(y, 6, 1), f"urn:a{y}") for y in (2019, 2022, 2025))
    expected = {
        ("urn:a2022", PIA + "previousVersion", "urn:a2019"),
        ("urn:a2025", PIA + "previousVersion", "urn:a2022"),
        ("urn:a2022", "http://www.w3.org/ns/prov#wasRevisionOf", "urn:a2019"),
        ("urn:a2025", "http://www.w3.org/ns/prov#wasRevisionOf", "urn:a2022"),
    }
    assert links([v2025, v2019, v2022]) == expected
    assert links([v2019, v2022, v2025]) == expected


def test_a_single_version_has_no_links() -> None:
    assert links([Version(date(2025, 6, 1), "urn:a")]) == set()
