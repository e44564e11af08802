"""Reads the graph and shapes the answers the API returns.

Lists, filters and aggregates come from the in-memory index (``api/index.py``, built with the queries in
``queries/index/``); one assessment's details come from the named queries in ``queries/`` bound through the
catalogue. No SPARQL is written here, so what the API answers is what a researcher gets from the same query.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from api.answers import AnswerCache
from api.ids import short_id
from api.index import AssessmentEntry, Basis, FlowEntry, GraphIndex, IndexKeeper, value
from api.named import Warmer
from pia_kg.iri import IriMinter
from pia_kg.queries import Catalogue
from pia_kg.store import GraphStore, QueryResult
from pia_kg.store.port import Row

KIND_ORDER = {"provision": 0, "transfer": 1, "outsourcing": 2}
# a provision's place (its own fields), and every key of a legal-basis object, in the order the API shows them
PLACE_FIELDS = ("article", "paragraph", "item", "table", "table_item")
LEGAL_BASIS_KEYS = ("iri", "id", "label", "law", "law_iri", *PLACE_FIELDS)
ORGANIZATION_TYPES = ("NationalBody", "Department", "Contractor", "LocalGovernment", "AssessingBody", "RecipientBody")
Params = Mapping[str, str | Sequence[str] | None]


@cache
def _answers_version(catalogue: Catalogue) -> str:
    """A digest of the named queries and of the code that renders their answers: saved answers of other queries
    or code are never read back."""
    sources = [(Path(__file__).parent / module).read_bytes() for module in ("answers.py", "named.py")]
    sources += [q.text.encode() for q in catalogue]
    return hashlib.sha256(b"".join(sources)).hexdigest()[:16]


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

    def __init__(
        self,
        store: GraphStore,
        catalogue: Catalogue,
        minter: IriMinter,
        timeout_s: float,
        *,
        refresh_s: float = 10,
        snapshots: Path | None = None,
        result_cap: int = 100_000,
        answer_cache_bytes: int = 256 * 2**20,
        warm: bool = True,
    ) -> None:
        self.store = store
        self.catalogue = catalogue
        self.minter = minter
        self.timeout_s = timeout_s
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="pia-kg-query")
        self.keeper = IndexKeeper(store, self._build_index, refresh_s=refresh_s, wait_s=timeout_s, snapshots=snapshots)
        self.answers = AnswerCache(answer_cache_bytes)
        self.warmer = Warmer(self, result_cap, refresh_s=refresh_s) if warm and answer_cache_bytes else None

    def start(self) -> None:
        """Index the graph, and answer the named queries' examples, in the background from now on."""
        self.keeper.start()
        if self.warmer is not None:
            self.warmer.start()

    def stop(self) -> None:
        self.keeper.stop()
        if self.warmer is not None:
            self.warmer.stop()

    def answer_state(self) -> str | None:
        """What a kept answer depends on: the store state of the served index, and the day (queries may default
        to today's date). None while the index is being rebuilt: answers are then not kept."""
        state = self.keeper.state
        return f"{state}-{date.today().isoformat()}" if state else None

    def answers_snapshot(self, state: str) -> Path | None:
        """Where the warmed answers of ``state`` are saved (beside the index snapshots), if anywhere."""
        folder = self.keeper.snapshots
        return folder / f"{state}-{_answers_version(self.catalogue)}.answers" if folder else None

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

    def run_on_assessment(self, name: str, assessment_id: str) -> QueryResult:
        """Run a named query about one assessment over its own graph plus the shared reference and ontology graphs
        (the same answer as over the whole store, without touching the other documents)."""
        graphs = [self.minter.graph(assessment_id), self.minter.reference_graph, self.minter.ontology_graph]
        query = self.catalogue[name].bind({"assessment": self.assessment_iri(assessment_id)})
        return self.within_timeout(lambda: self.store.select(query, default_graphs=graphs))

    def _build_index(self) -> GraphIndex:
        return GraphIndex(self.store, self.store.select(self.catalogue["concepts"].bind({})))

    @property
    def index(self) -> GraphIndex:
        return self.keeper.get()

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

    def label(self, iri: str | None) -> str | None:
        """The label of an organisation, law or provision known to the index."""
        index = self.index
        node = index.organizations.get(iri) or index.provisions.get(iri) if iri else None
        return node.get("label") if node else None

    # ------------------------------------------------------------------ assessments
    def _assessment(self, entry: AssessmentEntry) -> dict[str, Any]:
        concepts = self.index.concepts
        return {
            "id": self.assessment_id(entry.iri),
            "iri": entry.iri,
            "kind": code(entry.kind),
            "number": entry.number,
            "title": entry.title,
            "agency": entry.agency,
            "municipality": entry.municipality,
            "prefecture": entry.prefecture,
            "published": entry.published,
            "form_version": entry.form_version,
            "affair": {
                "iri": entry.affair_node,
                "label": entry.affair_label,
                "categories": [
                    {"iri": c, "label": concepts.get(c, (None, None))[0], "label_en": concepts.get(c, (None, None))[1]}
                    for c in entry.categories
                ],
            },
            "source": {"document": entry.document, "sha256": entry.sha256},
        }

    def assessments(self, **filters: str | None) -> list[dict[str, Any]]:
        """One object per assessment version (filters: assessment IRI, affair, municipality)."""
        return [self._assessment(a) for a in self.index.assessments_where(**filters)]

    def assessment(self, assessment_id: str) -> dict[str, Any] | None:
        """An assessment with its systems, files, legal bases and number of changes; None when unknown."""
        entry = self.index.assessments.get(self.assessment_iri(assessment_id))
        if entry is None:
            return None
        item = self._assessment(entry)
        item["systems"] = self._systems_of(self.run_on_assessment("assessment-systems", assessment_id).rows)
        item["files"] = [
            {
                "no": value(r, "no"),
                "name": value(r, "name"),
                "iri": value(r, "file"),
                "declared": {k: value(r, f"declared_{k}") for k in KIND_ORDER},
                "listed": {k: value(r, f"listed_{k}") for k in KIND_ORDER},
            }
            for r in self.run_on_assessment("assessment-files", assessment_id).rows
        ]
        for role, key in (("number-use", "number_use_legal_bases"), ("network", "network_legal_bases")):
            item[key] = self.legal_basis_objects(b for b in entry.bases if b.role == role)
        item["changes"] = entry.changes
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

    def provision_object(self, provision: str) -> dict[str, Any]:
        """A provision's law and place (``iri``, ``id``, ``label``, ``law``, ``law_iri``, ``article`` ...)."""
        index = self.index
        return index.memo(("provision", provision), lambda: self._provision_object(index, provision))

    def _provision_object(self, index: GraphIndex, provision: str) -> dict[str, Any]:
        node = index.provisions.get(provision)
        law_iri = index.law_of(provision)
        law = index.provisions.get(law_iri) if law_iri else None
        return {
            "iri": provision,
            "id": self.short(provision),
            "label": node.get("label") if node else None,
            "law": law.get("label") if law else None,
            "law_iri": law_iri,
            **{key: node.get(key) if node else None for key in PLACE_FIELDS},
        }

    def legal_basis_objects(self, bases: Iterable[Basis]) -> list[dict[str, Any]]:
        """Legal-basis objects, one per provision (or per unresolved citation text), with the text as written."""
        found: dict[str, dict[str, Any]] = {}
        for basis in bases:
            key = basis.provision or f"text:{basis.text}"
            if key in found:
                found[key]["text"] = found[key]["text"] or basis.text
                continue
            if basis.provision:
                found[key] = {**self.provision_object(basis.provision), "text": basis.text}  # a copy per flow
            else:
                found[key] = {**dict.fromkeys(LEGAL_BASIS_KEYS), "text": basis.text}
        return sorted(found.values(), key=lambda b: (b["iri"] is None, b["iri"] or "", b["text"] or ""))

    # ------------------------------------------------------------------ flows
    def flows(self, filters: FlowFilters) -> list[FlowEntry]:
        """Every effective flow matching the filters (``with_legal_bases`` makes the objects the API returns)."""
        return self.index.flows_where(**filters.params())

    def with_legal_bases(self, flows: Iterable[FlowEntry]) -> list[dict[str, Any]]:
        """The flow objects the API returns, legal bases included."""
        index = self.index
        objects = []
        for flow in flows:
            assessment = index.assessments.get(flow.assessment)
            to = flow.to
            objects.append(
                {
                    "iri": flow.iri,
                    "kind": flow.kind,
                    "assessment": self.assessment_id(flow.assessment),
                    "municipality": assessment.municipality if assessment else None,
                    "affair": assessment.affair_label if assessment else None,
                    "file": {"iri": flow.file, "name": index.file_labels.get(flow.file)},
                    "no": flow.no,
                    "recipient": self.ref(to, (self.label(to) if to else None) or flow.recipient_text),
                    "recipient_text": flow.recipient_text,
                    "legal_bases": self.legal_basis_objects(flow.bases),
                    "purpose": flow.purpose,
                    "information": flow.information,
                    "methods": [
                        {"iri": m, "code": code(m), "label": index.concepts.get(m, (None, None))[0] or code(m)}
                        for m in flow.methods
                    ],
                    "method_note": flow.method_note,
                    "frequency": flow.timing,
                    "via_annex": flow.annex_label,
                    "source": {
                        "document": assessment.document if assessment else None,
                        "location": flow.section,
                        "lines": [flow.line_start, flow.line_end] if flow.line_start is not None else None,
                    },
                }
            )
        return objects

    # ------------------------------------------------------------------ recipients
    def recipients(self, affair: str | None, municipality: str | None = None, kind: str | None = None) -> list[dict]:
        """Who receives the data: one entry per recipient, most widely used first."""
        index = self.index
        scope = index.assessments_where(affair=affair, municipality=municipality)
        found: dict[str, dict[str, Any]] = {}
        for assessment in scope:
            for key, group in self._recipient_groups(index, assessment.iri).items():
                if kind and group["kind"] != kind:
                    continue
                entry = found.get(key[0])
                if entry is None:
                    entry = found[key[0]] = {
                        "recipient": group["recipient"],
                        "kinds": {},
                        "municipalities": {},
                        "affairs": {},
                        "legal_bases": {},
                        "purposes": {},
                        "flow_count": 0,
                    }
                entry["flow_count"] += group["flow_count"]
                entry["kinds"][group["kind"]] = None
                for field, item in (("municipalities", assessment.municipality), ("affairs", assessment.affair_label)):
                    if item:
                        entry[field][item] = None
                entry["purposes"].update(group["purposes"])
                entry["legal_bases"].update(group["legal_bases"])
        rows = []
        for entry in found.values():
            municipalities = sorted(entry["municipalities"])
            rows.append(
                {
                    **entry,
                    "kinds": sorted(entry["kinds"], key=KIND_ORDER.get),
                    "municipalities": municipalities,
                    "affairs": list(entry["affairs"]),
                    "purposes": list(entry["purposes"]),
                    "legal_bases": list(entry["legal_bases"].values()),
                    "municipality_count": len(municipalities),
                }
            )
        return sorted(
            rows,
            key=lambda e: (
                -e["municipality_count"],
                -e["flow_count"],
                KIND_ORDER[e["kinds"][0]] if e["kinds"] else 9,
                e["recipient"]["label"] or "",
            ),
        )

    def _recipient_groups(self, index: GraphIndex, assessment: str) -> dict[tuple[str, str], dict[str, Any]]:
        """An assessment's effective flows grouped by recipient and kind (computed once per index)."""
        return index.memo(
            ("recipients", assessment), lambda: self._group_by_recipient(index.effective_flows_of(assessment))
        )

    def _group_by_recipient(self, flows: Iterable[FlowEntry]) -> dict[tuple[str, str], dict[str, Any]]:
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for flow in flows:
            to = flow.to
            label = (self.label(to) if to else None) or flow.recipient_text
            recipient = self.ref(to, label) if to else {"iri": None, "id": None, "label": label or "(不明)"}
            key = (recipient["iri"] or f"text:{recipient['label']}", flow.kind)
            group = groups.setdefault(
                key, {"recipient": recipient, "kind": flow.kind, "flow_count": 0, "purposes": {}, "legal_bases": {}}
            )
            group["flow_count"] += 1
            if flow.purpose:
                group["purposes"][flow.purpose] = None
            for basis in self.legal_basis_objects(flow.bases):
                group["legal_bases"].setdefault(basis["iri"] or f"text:{basis['text']}", basis)
        return groups

    # ------------------------------------------------------------------ legal bases
    def legal_bases(
        self, legal_basis: str | None = None, law: str | None = None, table_item: str | None = None
    ) -> list[dict[str, Any]]:
        """Every provision cited by a flow or an assessment, with how many flows, assessments and municipalities
        rest on it directly."""
        index = self.index
        return [
            row
            for row in index.memo("legal-bases", lambda: self._all_legal_bases(index))
            if (legal_basis is None or row["iri"] == legal_basis)
            and (law is None or index.law_matches(row["law_iri"], law))
            and (table_item is None or str(row["table_item"]) == table_item)
        ]

    def _all_legal_bases(self, index: GraphIndex) -> list[dict[str, Any]]:
        rows = []
        for provision, (flows, municipalities, assessments) in index.cited_provisions().items():
            item = self.provision_object(provision)
            law_node = index.provisions.get(item["law_iri"]) if item["law_iri"] else None
            rows.append(
                {
                    **item,
                    "law_id": law_node.get("law_id") if law_node else None,
                    "flow_count": len(flows),
                    "assessment_count": len(assessments),
                    "municipality_count": len(municipalities),
                }
            )
        keys = ("law_iri", "table", "article", "paragraph", "item", "table_item", "iri")
        return sorted(rows, key=lambda r: tuple(sort_key(r[k]) for k in keys))

    # ------------------------------------------------------------------ organisations and systems
    def organizations(self, organization: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Bodies, departments, contractors, local governments and assessing bodies, most-used first."""
        index = self.index
        wanted = name.lower() if name else None
        return [
            row
            for row in index.memo("organizations", lambda: self._all_organizations(index))
            if (organization is None or row["iri"] == organization)
            and (wanted is None or (row["label"] is not None and wanted in row["label"].lower()))
        ]

    def _all_organizations(self, index: GraphIndex) -> list[dict[str, Any]]:
        wanted_types = {f"https://w3id.org/pia-kg/ontology#{t}" for t in ORGANIZATION_TYPES}
        flows: dict[str, set[str]] = {}
        assessments: dict[str, set[str]] = {}
        for flow in index.flows:
            if flow.effective:
                for iri, _ in flow.recipients:
                    flows.setdefault(iri, set()).add(flow.iri)
                    assessments.setdefault(iri, set()).add(flow.assessment)
        for entry in index.assessments.values():
            for iri in (entry.body, entry.lg, *entry.departments):
                if iri:
                    assessments.setdefault(iri, set()).add(entry.iri)
        rows = []
        for iri, node in index.organizations.items():
            parent = node.get("parent")
            rows.append(
                {
                    "iri": iri,
                    "id": self.short(iri),
                    "label": node.get("label"),
                    "types": sorted(code(t.replace("#", "/")) for t in node.types & wanted_types),
                    "part_of": self.ref(parent, self.label(parent)) if parent else None,
                    "flow_count": len(flows.get(iri, ())),
                    "assessment_count": len(assessments.get(iri, ())),
                }
            )
        return sorted(rows, key=lambda r: (-r["flow_count"], r["label"] is not None, r["label"] or "", r["iri"]))

    def appearances(self, organization: str) -> list[dict[str, Any]]:
        """The assessments an organisation appears in, and in which role."""
        index = self.index
        return index.memo("appearances", lambda: self._all_appearances(index)).get(organization, [])

    def _all_appearances(self, index: GraphIndex) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for entry in index.assessments.values():
            for role, iri in (("assessing-body", entry.body), ("local-government", entry.lg)):
                if iri:
                    found[iri].add((role, entry.iri))
            for department in entry.departments:
                found[department].add(("responsible-department", entry.iri))
        for flow in index.flows:
            for iri, role in flow.recipients:
                found[iri].add((role, flow.assessment))
        answer = {}
        for organization, pairs in found.items():
            rows = []
            for role, iri in pairs:
                entry = index.assessments.get(iri)
                rows.append(
                    {
                        "role": role,
                        "assessment": self.assessment_id(iri),
                        "title": entry.title if entry else None,
                        "municipality": entry.municipality if entry else None,
                        "affair": entry.affair_label if entry else None,
                    }
                )
            answer[organization] = sorted(
                rows, key=lambda r: (r["municipality"] or "", r["assessment"] or "", r["role"])
            )
        return answer

    def systems(self, system: str | None = None, name: str | None = None) -> list[dict[str, Any]]:
        """Information systems with the listings that name them, nationwide systems first."""
        index = self.index
        wanted = name.lower() if name else None
        return [
            row
            for row in index.memo("systems", lambda: self._all_systems(index))
            if (system is None or row["iri"] == system)
            and (wanted is None or (row["label"] is not None and wanted in row["label"].lower()))
        ]

    def _all_systems(self, index: GraphIndex) -> list[dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        listings: dict[tuple[str, str], dict[str, Any]] = {}
        for row in sorted(index.system_rows, key=lambda r: self._system_order(index, r)):
            iri = row["system"]
            item = found.setdefault(
                iri,
                {
                    "iri": iri,
                    "id": self.short(iri),
                    "label": row.get("label"),
                    "nationwide": bool(row.get("nationwide")),
                    "listed_in": [],
                },
            )
            listing = row.get("listing")
            if listing is None:
                continue
            entry = listings.get((iri, listing))
            if entry is None:
                assessment = index.assessments.get(row.get("assessment"))
                entry = listings[(iri, listing)] = {
                    "listing": listing,
                    "no": row.get("no"),
                    "assessment": self.assessment_id(row.get("assessment")),
                    "municipality": assessment.municipality if assessment else None,
                    "affair": assessment.affair_label if assessment else None,
                    "connects_to": [],
                }
                item["listed_in"].append(entry)
            target = row.get("connects_to")
            if target and target not in [c["iri"] for c in entry["connects_to"]]:
                entry["connects_to"].append(self.ref(target, index.system_labels.get(target)))
        return list(found.values())

    @staticmethod
    def _system_order(index: GraphIndex, row: dict[str, Any]) -> tuple[Any, ...]:
        """The order of ``systems.rq``: nationwide first, then label, system, municipality, assessment, target."""
        assessment = index.assessments.get(row.get("assessment"))
        municipality = assessment.municipality if assessment else None
        keys = (row.get("label"), row["system"], municipality, row.get("assessment"), row.get("connects_to"))
        return (not row.get("nationwide"), *(sort_key(k) for k in keys))

    def summary(self) -> dict[str, Any]:
        """What the graph holds (``graph-summary.rq``), read once per store state."""
        return self.index.memo("summary", self._summary)

    def _summary(self) -> dict[str, Any]:
        rows = self.run("graph-summary").rows
        return {k: value(rows[0], k) for k in rows[0]} if rows else {}


def sort_key(item: Any) -> tuple[int, Any]:
    """A key that orders like SPARQL: unbound first, then numbers, then text."""
    if item is None:
        return (0, 0)
    if isinstance(item, int | float):
        return (1, item)
    return (2, str(item))
