"""Reads the graph through the named queries and shapes the answers the API returns.

Every query the API runs is a file in ``queries/`` bound through the catalogue (no SPARQL is written
here), so what the API answers is what a researcher gets by running the same named query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from api.ids import short_id
from pia_kg.iri import IriMinter
from pia_kg.queries import Catalogue
from pia_kg.store import GraphStore, QueryResult
from pia_kg.store.port import Row

KIND_ORDER = {"provision": 0, "transfer": 1, "outsourcing": 2}
# provisions.rq field -> legal-basis object key, in the order the API shows them
PROVISION_FIELDS = {
    "label": "label",
    "law_label": "law",
    "law": "law_iri",
    "article": "article",
    "paragraph": "paragraph",
    "item": "item",
    "table": "table",
    "table_item": "table_item",
}
Params = Mapping[str, str | Sequence[str] | None]


def value(row: Row, name: str) -> Any:
    """The plain Python value of ``name`` in ``row`` (None when unbound)."""
    term = row.get(name)
    return None if term is None else term.py()


def code(iri: str | None) -> str | None:
    """The last path segment of a code-list concept IRI (``.../assessment-kind/full`` -> ``full``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None


@dataclass(frozen=True)
class FlowFilters:
    """The filters of ``GET /flows`` (all optional)."""

    assessment: str | None = None
    affair: str | None = None
    municipality: str | None = None
    recipient: str | None = None
    kind: str | None = None
    law: str | None = None
    table_item: str | None = None
    legal_basis: str | None = None
    method: str | None = None

    def params(self) -> dict[str, str | None]:
        return dict(self.__dict__)


class GraphReader:
    """The API's view of the graph."""

    def __init__(self, store: GraphStore, catalogue: Catalogue, minter: IriMinter, timeout_s: float) -> None:
        self.store = store
        self.catalogue = catalogue
        self.minter = minter
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pia-kg-query")

    # ------------------------------------------------------------------ running queries
    def within_timeout(self, work, *args):
        """Run ``work(*args)`` and give up waiting after the operator's timeout (``TimeoutError``)."""
        future = self._pool.submit(work, *args)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"no answer within {self.timeout_s:g} s") from None

    def run(self, name: str, params: Params | None = None) -> QueryResult:
        """Run a named query with its parameters bound (``ParameterError`` on a bad value)."""
        return self.within_timeout(self.store.select, self.catalogue[name].bind(params or {}))

    def short(self, iri: str | None) -> str | None:
        return short_id(self.minter.base, iri)

    def assessment_iri(self, assessment_id: str) -> str:
        return self.minter.base + "assessment/" + assessment_id

    def assessment_id(self, iri: str | None) -> str | None:
        prefix = self.minter.base + "assessment/"
        return iri[len(prefix) :] if iri and iri.startswith(prefix) else iri

    def ref(self, iri: str | None, label: Any = None) -> dict[str, Any] | None:
        """``{iri, id, label}`` for a node."""
        if iri is None and label is None:
            return None
        return {"iri": iri, "id": self.short(iri), "label": label}

    def concepts(self) -> dict[str, tuple[str | None, str | None]]:
        """Code-list concept IRI -> (Japanese label, English label)."""
        return {value(r, "concept"): (value(r, "label_ja"), value(r, "label_en")) for r in self.run("concepts").rows}

    # ------------------------------------------------------------------ assessments
    def assessments(self, **filters: str | None) -> list[dict[str, Any]]:
        """One object per assessment version (filters: assessment IRI, affair, municipality)."""
        found: dict[str, dict[str, Any]] = {}
        for row in self.run("assessments", filters).rows:
            iri = value(row, "assessment")
            item = found.get(iri)
            if item is None:
                item = found[iri] = {
                    "id": self.assessment_id(iri),
                    "iri": iri,
                    "kind": code(value(row, "kind")),
                    "number": value(row, "number"),
                    "title": value(row, "title"),
                    "agency": value(row, "agency"),
                    "municipality": value(row, "municipality_label"),
                    "prefecture": value(row, "prefecture"),
                    "published": value(row, "published"),
                    "form_version": value(row, "form_version"),
                    "affair": {"iri": value(row, "affair_node"), "label": value(row, "affair_label"), "categories": []},
                    "source": {"document": value(row, "document"), "sha256": value(row, "sha256")},
                }
            category = value(row, "category")
            if category and category not in [c["iri"] for c in item["affair"]["categories"]]:
                item["affair"]["categories"].append(
                    {"iri": category, "label": value(row, "category_ja"), "label_en": value(row, "category_en")}
                )
        return list(found.values())

    def assessment(self, assessment_id: str) -> dict[str, Any] | None:
        """An assessment with its systems, files, legal bases and number of changes; None when unknown."""
        iri = self.assessment_iri(assessment_id)
        found = self.assessments(assessment=iri)
        if not found:
            return None
        item = found[0]
        params = {"assessment": iri}
        item["systems"] = self._systems_of(self.run("assessment-systems", params).rows)
        item["files"] = [
            {
                "no": value(r, "no"),
                "name": value(r, "name"),
                "iri": value(r, "file"),
                "declared": {k: value(r, f"declared_{k}") for k in KIND_ORDER},
                "listed": {k: value(r, f"listed_{k}") for k in KIND_ORDER},
            }
            for r in self.run("assessment-files", params).rows
        ]
        bases = self.run("assessment-legal-bases", params).rows
        details = self.provision_details(value(r, "provision") for r in bases if value(r, "provision"))
        for basis, key in (("number-use", "number_use_legal_bases"), ("network", "network_legal_bases")):
            item[key] = self._legal_bases((r for r in bases if value(r, "basis") == basis), details)
        item["changes"] = len(self.run("assessment-changes", params).rows)
        return item

    def _systems_of(self, rows: Iterable[Row]) -> list[dict[str, Any]]:
        listings: dict[str, dict[str, Any]] = {}
        for row in rows:
            key = value(row, "listing")
            listing = listings.setdefault(
                key,
                {
                    "no": value(row, "no"),
                    "name": value(row, "name") or value(row, "system_label"),
                    "iri": value(row, "system"),
                    "id": self.short(value(row, "system")),
                    "nationwide": bool(value(row, "nationwide")),
                    "function": value(row, "function"),
                    "connections": [],
                    "connection_note": value(row, "note"),
                },
            )
            target = value(row, "connects_to")
            if target and target not in [c["iri"] for c in listing["connections"]]:
                listing["connections"].append(self.ref(target, value(row, "connects_to_label")))
        return list(listings.values())

    def provision_details(self, provisions: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Law, label, article, paragraph, item, table and table item of each provision (one query)."""
        wanted = sorted(set(provisions))
        details: dict[str, dict[str, Any]] = {p: dict.fromkeys(PROVISION_FIELDS.values()) for p in wanted}
        if not wanted:
            return details
        for row in self.run("provisions", {"provision": wanted}).rows:
            entry = details[value(row, "provision")]
            field = PROVISION_FIELDS.get(value(row, "field"))
            if field and entry[field] is None:
                entry[field] = value(row, "value")
        return details

    def _legal_bases(self, rows: Iterable[Row], details: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Legal-basis objects, one per provision (or per unresolved citation text)."""
        found: dict[str, dict[str, Any]] = {}
        for row in rows:
            provision, text = value(row, "provision"), value(row, "cited_text")
            key = provision or f"text:{text}"
            if key in found:
                found[key]["text"] = found[key]["text"] or text
                continue
            known = details.get(provision, dict.fromkeys(PROVISION_FIELDS.values())) if provision else {}
            found[key] = {
                "iri": provision,
                "id": self.short(provision),
                **{field: known.get(field) for field in PROVISION_FIELDS.values()},
                "text": text,
            }
        return list(found.values())

    # ------------------------------------------------------------------ flows
    def flows(self, filters: FlowFilters) -> list[dict[str, Any]]:
        """Every effective flow matching the filters, without legal bases (see ``with_legal_bases``)."""
        labels = self.concepts()
        flows = []
        for row in self.run("flows", filters.params()).rows:
            to = value(row, "to")
            methods = [m for m in str(value(row, "methods") or "").split(" ") if m]
            start, end = value(row, "line_start"), value(row, "line_end")
            flows.append(
                {
                    "iri": value(row, "flow"),
                    "kind": value(row, "kind"),
                    "assessment": self.assessment_id(value(row, "assessment")),
                    "municipality": value(row, "municipality_label"),
                    "affair": value(row, "affair_label"),
                    "file": {"iri": value(row, "file"), "name": value(row, "file_label")},
                    "no": value(row, "no"),
                    "recipient": self.ref(to, value(row, "to_label") or value(row, "recipient_text")),
                    "recipient_text": value(row, "recipient_text"),
                    "legal_bases": [],
                    "purpose": value(row, "purpose"),
                    "information": value(row, "information"),
                    "methods": [
                        {"iri": m, "code": code(m), "label": labels.get(m, (None, None))[0] or code(m)} for m in methods
                    ],
                    "method_note": value(row, "method_note"),
                    "frequency": value(row, "timing"),
                    "via_annex": value(row, "annex_label"),
                    "source": {
                        "document": value(row, "document"),
                        "location": value(row, "section"),
                        "lines": [start, end] if start is not None else None,
                    },
                }
            )
        return flows

    def with_legal_bases(self, flows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Fill ``legal_bases`` of each flow (one query for all of them)."""
        if not flows:
            return flows
        rows = self.run("flow-legal-bases", {"flow": [f["iri"] for f in flows]}).rows
        by_flow: dict[str, list[Row]] = {}
        for row in rows:
            by_flow.setdefault(value(row, "flow"), []).append(row)
        details = self.provision_details(value(r, "provision") for r in rows if value(r, "provision"))
        for flow in flows:
            flow["legal_bases"] = self._legal_bases(by_flow.get(flow["iri"], []), details)
        return flows

    # ------------------------------------------------------------------ recipients
    def recipients(self, affair: str | None, municipality: str | None = None, kind: str | None = None) -> list[dict]:
        """Who receives the data: one entry per recipient, most widely used first."""
        flows = self.with_legal_bases(self.flows(FlowFilters(affair=affair, municipality=municipality, kind=kind)))
        found: dict[str, dict[str, Any]] = {}
        for flow in flows:
            recipient = flow["recipient"] or {"iri": None, "id": None, "label": flow["recipient_text"] or "(不明)"}
            key = recipient["iri"] or f"text:{recipient['label']}"
            entry = found.setdefault(
                key,
                {
                    "recipient": recipient,
                    "kinds": [],
                    "municipalities": [],
                    "affairs": [],
                    "legal_bases": [],
                    "purposes": [],
                    "flow_count": 0,
                },
            )
            entry["flow_count"] += 1
            for field, item in (
                ("kinds", flow["kind"]),
                ("municipalities", flow["municipality"]),
                ("affairs", flow["affair"]),
                ("purposes", flow["purpose"]),
            ):
                if item and item not in entry[field]:
                    entry[field].append(item)
            for basis in flow["legal_bases"]:
                if basis not in entry["legal_bases"]:
                    entry["legal_bases"].append(basis)
        for entry in found.values():
            entry["kinds"].sort(key=KIND_ORDER.get)
            entry["municipalities"].sort()
            entry["municipality_count"] = len(entry["municipalities"])
        return sorted(
            found.values(),
            key=lambda e: (
                -e["municipality_count"],
                -e["flow_count"],
                KIND_ORDER[e["kinds"][0]] if e["kinds"] else 9,
                e["recipient"]["label"] or "",
            ),
        )

    # ------------------------------------------------------------------ legal bases
    def legal_bases(self, **filters: str | None) -> list[dict[str, Any]]:
        return [
            {
                "iri": value(r, "provision"),
                "id": self.short(value(r, "provision")),
                "label": value(r, "label"),
                "law": value(r, "law_label"),
                "law_iri": value(r, "law_iri"),
                "law_id": value(r, "law_id"),
                "article": value(r, "article"),
                "paragraph": value(r, "paragraph"),
                "item": value(r, "item"),
                "table": value(r, "table"),
                "table_item": value(r, "table_item_no"),
                "flow_count": value(r, "flow_count"),
                "assessment_count": value(r, "assessment_count"),
                "municipality_count": value(r, "municipality_count"),
            }
            for r in self.run("legal-bases", filters).rows
        ]

    # ------------------------------------------------------------------ organisations and systems
    def organizations(self, **filters: str | None) -> list[dict[str, Any]]:
        return [
            {
                "iri": value(r, "organization"),
                "id": self.short(value(r, "organization")),
                "label": value(r, "label"),
                "types": sorted(code(t.replace("#", "/")) for t in str(value(r, "types") or "").split(" ") if t),
                "part_of": self.ref(value(r, "parent"), value(r, "parent_label")) if value(r, "parent") else None,
                "flow_count": value(r, "flow_count"),
                "assessment_count": value(r, "assessment_count"),
            }
            for r in self.run("organizations", filters).rows
        ]

    def appearances(self, organization: str) -> list[dict[str, Any]]:
        return [
            {
                "role": value(r, "role"),
                "assessment": self.assessment_id(value(r, "assessment")),
                "title": value(r, "title"),
                "municipality": value(r, "municipality_label"),
                "affair": value(r, "affair_label"),
            }
            for r in self.run("organization-assessments", {"organization": organization}).rows
        ]

    def systems(self, **filters: str | None) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for row in self.run("systems", filters).rows:
            iri = value(row, "system")
            system = found.setdefault(
                iri,
                {
                    "iri": iri,
                    "id": self.short(iri),
                    "label": value(row, "label"),
                    "nationwide": bool(value(row, "nationwide")),
                    "listed_in": [],
                },
            )
            listing = value(row, "listing")
            if listing is None:
                continue
            entry = next((x for x in system["listed_in"] if x["listing"] == listing), None)
            if entry is None:
                entry = {
                    "listing": listing,
                    "no": value(row, "no"),
                    "assessment": self.assessment_id(value(row, "assessment")),
                    "municipality": value(row, "municipality_label"),
                    "affair": value(row, "affair_label"),
                    "connects_to": [],
                }
                system["listed_in"].append(entry)
            target = value(row, "connects_to")
            if target and target not in [c["iri"] for c in entry["connects_to"]]:
                entry["connects_to"].append(self.ref(target, value(row, "connects_to_label")))
        return list(found.values())

    def summary(self) -> dict[str, Any]:
        rows = self.run("graph-summary").rows
        return {k: value(rows[0], k) for k in rows[0]} if rows else {}
