"""The in-memory index the REST endpoints answer from: the graph's flows, assessments, provisions and
organisations, read with the SPARQL queries in ``queries/index/``.

Filtering, aggregating and paging tens of thousands of flows per request is what a SPARQL engine on disk
does slowly (every join lookup decodes terms); the index reads each property once, with scans joined by
hash, and keeps the answer in memory, so a request costs what its answer costs. The filters mean exactly
what the named query ``queries/flows.rq`` means; tests hold the two to the same answers.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from api import snapshots
from pia_kg.store import GraphStore, QueryResult
from pia_kg.store.port import Row

logger = logging.getLogger(__name__)
INDEX_QUERIES = Path(__file__).resolve().parent.parent / "queries" / "index"
PIA = "https://w3id.org/pia-kg/ontology#"
LAW_CLASS = PIA + "Law"


def value(row: Row, name: str) -> Any:
    """The plain Python value of ``name`` in ``row`` (None when unbound); IRIs interned, as each one recurs in
    many rows and queries (one string per node keeps the index and its snapshot small)."""
    term = row.get(name)
    if term is None:
        return None
    return sys.intern(term.value) if term.kind == "iri" else term.py()


@cache
def index_query(name: str) -> str:
    """The text of ``queries/index/{name}.rq``."""
    return (INDEX_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Basis:
    """One legal basis of a flow or an assessment: the provision cited (None if unresolved), the text as written
    and, for an assessment, which basis it is (``number-use``: I-5, ``network``: I-6)."""

    provision: str | None
    text: str | None
    role: str = "flow"


@dataclass(slots=True)
class FlowEntry:
    """A flow as the index keeps it."""

    iri: str
    kind: str
    assessment: str
    effective: bool
    file: str | None = None
    no: int | None = None
    recipients: list[tuple[str, str]] = field(default_factory=list)  # (IRI, "recipient" | "contractor")
    recipient_text: str | None = None
    purpose: str | None = None
    information: str | None = None
    timing: str | None = None
    method_note: str | None = None
    annex_label: str | None = None
    section: str | None = None
    line_start: int | None = None
    line_end: int | None = None
    methods: list[str] = field(default_factory=list)
    bases: list[Basis] = field(default_factory=list)

    @property
    def to(self) -> str | None:
        """The recipient or contractor the API shows (the first by IRI when the flow names several)."""
        return min(iri for iri, _ in self.recipients) if self.recipients else None

    def provisions(self) -> Iterator[str]:
        return (b.provision for b in self.bases if b.provision)


@dataclass(slots=True)
class AssessmentEntry:
    """An assessment version's cover, body, affair and source as the index keeps them."""

    iri: str
    title: str | None = None
    kind: str | None = None
    number: str | None = None
    published: str | None = None
    form_version: str | None = None
    body: str | None = None
    agency: str | None = None
    lg: str | None = None
    municipality: str | None = None
    prefecture: str | None = None
    affair_node: str | None = None
    affair_label: str | None = None
    categories: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    document: str | None = None
    sha256: str | None = None
    changes: int = 0
    bases: list[Basis] = field(default_factory=list)


@dataclass(slots=True)
class NodeEntry:
    """A law, provision or organisation: its types and one value per field (several for ``alt_label``)."""

    iri: str
    types: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    alt_labels: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)

    def get(self, name: str) -> Any:
        return self.fields.get(name)


def _rows(store: GraphStore, name: str) -> Iterator[Row]:
    return store.rows(index_query(name))


class GraphIndex:
    """Flows, assessments, provisions, organisations, file names and code-list labels of one store state."""

    def __init__(self, store: GraphStore, concept_rows: QueryResult) -> None:
        self.concepts: dict[str, tuple[str | None, str | None]] = {
            value(r, "concept"): (value(r, "label_ja"), value(r, "label_en")) for r in concept_rows.rows
        }
        self.system_rows = [{name: value(row, name) for name in row} for row in _rows(store, "systems")]
        self.system_labels = {row["system"]: row.get("label") for row in self.system_rows}
        self.assessments = self._read_assessments(store)
        self.file_labels = {value(r, "file"): value(r, "label") for r in _rows(store, "files")}
        self.flows = self._read_flows(store)
        self.provisions = self._read_nodes(_rows(store, "provisions"), "node")
        self.organizations = self._read_nodes(_rows(store, "organizations"), "node")
        self.effective = [flow for flow in self.flows if flow.effective]
        self._ancestors: dict[str, frozenset[str]] = {}
        self._memo: dict[Any, Any] = {}

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per index (answers derived from the whole index, such as counts per provision)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # ------------------------------------------------------------------ reading
    def _read_assessments(self, store: GraphStore) -> dict[str, AssessmentEntry]:
        found: dict[str, AssessmentEntry] = {}
        for row in _rows(store, "assessments"):
            iri = value(row, "assessment")
            entry = found.get(iri)
            if entry is None:
                entry = found[iri] = AssessmentEntry(
                    iri=iri,
                    title=value(row, "label") or value(row, "dct_title"),
                    kind=value(row, "kind"),
                    number=value(row, "number"),
                    published=value(row, "published"),
                    form_version=value(row, "form_version"),
                    body=value(row, "body"),
                    agency=value(row, "agency"),
                    lg=value(row, "lg"),
                    municipality=value(row, "municipality_label"),
                    prefecture=value(row, "prefecture"),
                    affair_node=value(row, "affair_node"),
                    affair_label=value(row, "affair_label"),
                    document=value(row, "document"),
                    sha256=value(row, "sha256"),
                    changes=value(row, "changes") or 0,
                )
            for name, items in (("category", entry.categories), ("department", entry.departments)):
                item = value(row, name)
                if item and item not in items:
                    items.append(item)
        for entry in found.values():
            entry.categories.sort()
        return found

    def _read_flows(self, store: GraphStore) -> list[FlowEntry]:
        flows: dict[str, FlowEntry] = {}
        for row in _rows(store, "flows"):
            iri = value(row, "flow")
            flow = flows.get(iri)
            if flow is None:
                flow = flows[iri] = FlowEntry(
                    iri=iri,
                    kind=value(row, "kind"),
                    assessment=value(row, "assessment"),
                    effective=value(row, "expanded") is None,
                    file=value(row, "file"),
                    no=value(row, "no"),
                    recipient_text=value(row, "recipient_text"),
                    purpose=value(row, "purpose"),
                    information=value(row, "information"),
                    timing=value(row, "timing"),
                    method_note=value(row, "method_note"),
                    annex_label=value(row, "annex_label"),
                    section=value(row, "section"),
                    line_start=value(row, "line_start"),
                    line_end=value(row, "line_end"),
                )
            to = (value(row, "to"), value(row, "role"))
            if to[0] and to not in flow.recipients:
                flow.recipients.append(to)
        for row in _rows(store, "methods"):
            flow = flows.get(value(row, "flow"))
            method = value(row, "method")
            if flow is not None and method not in flow.methods:
                flow.methods.append(method)
        for row in _rows(store, "citations"):
            holder = value(row, "holder")
            basis = Basis(value(row, "provision"), value(row, "cited_text"), value(row, "basis"))
            target = flows.get(holder) or self.assessments.get(holder)
            if target is not None and basis not in target.bases:
                target.bases.append(basis)
        for flow in flows.values():
            flow.methods.sort()
        return sorted(flows.values(), key=self._flow_order)

    def _flow_order(self, flow: FlowEntry) -> tuple[Any, ...]:
        """The order of ``flows.rq``: municipality, assessment, file, kind (as text), item number, IRI."""
        assessment = self.assessments.get(flow.assessment)
        municipality = assessment.municipality if assessment else None
        return (
            municipality or "",
            flow.assessment,
            flow.file or "",
            flow.kind,
            -1 if flow.no is None else flow.no,
            flow.iri,
        )

    @staticmethod
    def _read_nodes(rows: Iterable[Row], key: str) -> dict[str, NodeEntry]:
        nodes: dict[str, NodeEntry] = {}
        for row in rows:
            node = nodes.setdefault(value(row, key), NodeEntry(value(row, key)))
            name, item = value(row, "field"), value(row, "value")
            if name == "type":
                node.types.add(item)
            elif name == "alt_label":
                if item not in node.alt_labels:
                    node.alt_labels.append(item)
            elif name == "part_of":
                if item not in node.part_of:
                    node.part_of.append(item)
            elif name not in node.fields:
                node.fields[name] = item
        return nodes

    # ------------------------------------------------------------------ provisions
    def ancestors(self, provision: str) -> frozenset[str]:
        """``provision`` and every node it is part of (pia:partOf, transitively)."""
        known = self._ancestors.get(provision)
        if known is None:
            seen, todo = {provision}, [provision]
            while todo:
                node = self.provisions.get(todo.pop())
                for parent in node.part_of if node else ():
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            known = self._ancestors[provision] = frozenset(seen)
        return known

    def law_of(self, provision: str) -> str | None:
        """The law a provision belongs to (the node itself when it is a law)."""
        node = self.provisions.get(provision)
        if node is None:
            return None
        return node.get("law") or (provision if LAW_CLASS in node.types else None)

    def law_matches(self, law_iri: str | None, wanted: str) -> bool:
        """Whether a law is the one asked for: its IRI, its key (``/law/{key}``) or words of a name or number."""
        if law_iri is None:
            return False
        if law_iri == wanted or law_iri.endswith("/law/" + wanted):
            return True
        law = self.provisions.get(law_iri)
        if law is None:
            return False
        names = [law.get("label"), law.get("law_id"), law.get("law_number"), *law.alt_labels]
        return any(wanted in str(name) for name in names if name is not None)

    # ------------------------------------------------------------------ filters
    def affair_matches(self, assessment: AssessmentEntry, affair: str) -> bool:
        """An affair category's name (ja/en) or code, or words of the affair's name, as ``flows.rq`` reads it."""
        wanted = affair.lower()
        if assessment.affair_label and wanted in assessment.affair_label.lower():
            return True
        for category in assessment.categories:
            labels = self.concepts.get(category, (None, None))
            if any(label and wanted in label.lower() for label in labels) or category.endswith("/" + affair):
                return True
        return False

    @staticmethod
    def municipality_matches(assessment: AssessmentEntry, municipality: str) -> bool:
        return municipality in (assessment.municipality, assessment.lg)

    def method_matches(self, flow: FlowEntry, method: str) -> bool:
        for iri in flow.methods:
            labels = self.concepts.get(iri, (None, None))
            if iri == method or iri.endswith("/" + method):
                return True
            if any(label and label.lower() == method.lower() for label in labels):
                return True
        return bool(flow.method_note and method in flow.method_note)

    def assessments_where(
        self, assessment: str | None = None, affair: str | None = None, municipality: str | None = None
    ) -> list[AssessmentEntry]:
        """The assessments passing the filters, in the order of ``assessments.rq``."""
        found = [
            a
            for a in self.assessments.values()
            if (assessment is None or a.iri == assessment)
            and (affair is None or self.affair_matches(a, affair))
            and (municipality is None or self.municipality_matches(a, municipality))
        ]
        found.sort(key=lambda a: a.iri)
        found.sort(key=lambda a: a.published or "", reverse=True)
        found.sort(key=lambda a: a.municipality or "")
        return found

    def flows_where(self, **filters: str | None) -> list[FlowEntry]:
        """The effective flows passing the filters of ``GET /flows``, in the order of ``flows.rq``.

        Inverted lists (per assessment, recipient and cited provision) narrow the flows first, so a request costs
        what its answer costs rather than a pass over every flow."""
        lists = self.memo("inverted", self._inverted_lists)
        chosen: set[int] | None = None

        def narrow(positions: Iterable[int]) -> None:
            nonlocal chosen
            chosen = set(positions) if chosen is None else chosen.intersection(positions)

        assessment, affair, municipality = filters.get("assessment"), filters.get("affair"), filters.get("municipality")
        if assessment or affair or municipality:
            scope = self.assessments_where(assessment, affair, municipality)
            narrow(i for a in scope for i in lists["assessment"].get(a.iri, ()))
        if recipient := filters.get("recipient"):
            narrow(lists["recipient"].get(recipient, ()))
        cited = lists["provision"]
        if table_item := filters.get("table_item"):
            narrow(i for p in cited if self.table_item_of(p) == table_item for i in cited[p])
        if legal_basis := filters.get("legal_basis"):
            narrow(i for p in cited if legal_basis in self.ancestors(p) for i in cited[p])
        if law := filters.get("law"):
            narrow(i for p in cited if self.law_matches(self.law_of(p), law) for i in cited[p])
        flows = self.effective if chosen is None else [self.effective[i] for i in sorted(chosen)]
        if kind := filters.get("kind"):
            flows = [f for f in flows if f.kind == kind]
        if method := filters.get("method"):
            flows = [f for f in flows if self.method_matches(f, method)]
        return flows

    def effective_flows_of(self, assessment: str) -> list[FlowEntry]:
        """An assessment's effective flows, in order."""
        positions = self.memo("inverted", self._inverted_lists)["assessment"].get(assessment, ())
        return [self.effective[i] for i in positions]

    def _inverted_lists(self) -> dict[str, dict[str, list[int]]]:
        """Positions in ``effective`` of the flows of each assessment, recipient and cited provision."""
        lists: dict[str, dict[str, list[int]]] = {"assessment": {}, "recipient": {}, "provision": {}}
        for position, flow in enumerate(self.effective):
            lists["assessment"].setdefault(flow.assessment, []).append(position)
            for iri in dict.fromkeys(iri for iri, _ in flow.recipients):
                lists["recipient"].setdefault(iri, []).append(position)
            for provision in dict.fromkeys(flow.provisions()):
                lists["provision"].setdefault(provision, []).append(position)
        return lists

    def table_item_of(self, provision: str) -> str | None:
        """The table item (項番) of a provision as text."""
        node = self.provisions.get(provision)
        item = node.get("table_item") if node else None
        return None if item is None else str(item)

    # ------------------------------------------------------------------ aggregates
    def cited_provisions(self) -> dict[str, tuple[set[str], set[str], set[str]]]:
        """Each provision cited anywhere -> (effective flows, municipalities of those flows, assessments citing it)."""
        return self.memo("cited", self._cited_provisions)

    def _cited_provisions(self) -> dict[str, tuple[set[str], set[str], set[str]]]:
        cited: dict[str, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
        for flow in self.flows:
            assessment = self.assessments.get(flow.assessment)
            for provision in flow.provisions():
                flows, municipalities, assessments = cited[provision]
                assessments.add(flow.assessment)
                if flow.effective:
                    flows.add(flow.iri)
                    if assessment and assessment.lg:
                        municipalities.add(assessment.lg)
        for assessment in self.assessments.values():
            for basis in assessment.bases:
                if basis.provision:
                    cited[basis.provision][2].add(assessment.iri)
        return dict(cited)


@cache
def _code_version() -> str:
    """A digest of this module and the index queries: a snapshot written by other code is never read back."""
    sources = [Path(__file__), *sorted(INDEX_QUERIES.glob("*.rq"))]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


class IndexKeeper:
    """Keeps one ``GraphIndex`` per store state: built on first use (or in the background at start-up),
    rebuilt in the background when the store's fingerprint (its source files and their hashes) changes, and
    dropped at once when this server itself changes the store. Requests read the newest complete index.

    With a ``snapshots`` folder, each index is also saved there under its store fingerprint, so a restarted
    server over an unchanged store reads it back in a second or two instead of indexing again. The snapshots are
    pickles: keep the folder as private as the store itself."""

    def __init__(
        self,
        store: GraphStore,
        build: Callable[[], GraphIndex],
        *,
        refresh_s: float,
        wait_s: float,
        snapshots: Path | None = None,
    ) -> None:
        self._store = store
        self._build = build
        self._snapshots = snapshots
        self._refresh_s = refresh_s
        self._wait_s = wait_s
        self._index: GraphIndex | None = None
        self._fingerprint: str | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self.installed = threading.Event()  # set each time a new index is served (for whoever follows the state)

    @property
    def state(self) -> str | None:
        """The fingerprint of the store state the served index was read from (None while there is none)."""
        index, fingerprint = self._index, self._fingerprint
        return fingerprint if index is not None else None

    @property
    def snapshots(self) -> Path | None:
        return self._snapshots

    def fingerprint(self) -> str:
        """A digest of every source file's IRI and hash: it changes when a document is loaded, replaced or dropped."""
        rows = self._store.select(index_query("fingerprint")).rows
        pairs = sorted(f"{value(r, 'source')} {value(r, 'sha256')}" for r in rows)
        return hashlib.sha256("\n".join(pairs).encode()).hexdigest()

    def get(self, wait_s: float | None = None) -> GraphIndex:
        """The current index, building it first if there is none (``IndexNotReadyError`` when it is still being
        built after ``wait_s``, by default the server's query timeout)."""
        index = self._index
        if index is not None:
            return index
        wait_s = self._wait_s if wait_s is None else wait_s
        if not self._lock.acquire(timeout=wait_s):
            raise IndexNotReadyError(wait_s)
        try:
            if self._index is None:
                self._rebuild()
            assert self._index is not None
            return self._index
        finally:
            self._lock.release()

    def _rebuild(self) -> None:
        fingerprint = self.fingerprint()
        self._index = self._built_or_saved(fingerprint)
        self._fingerprint = fingerprint
        self.installed.set()

    def _built_or_saved(self, fingerprint: str) -> GraphIndex:
        """The index of the store state ``fingerprint``: read from its snapshot when there is one, else built."""
        snapshot = self._snapshots / f"{fingerprint}-{_code_version()}.pickle" if self._snapshots else None
        index = snapshots.read(snapshot) if snapshot is not None else None
        if index is None:
            index = self._build()
            if snapshot is not None:
                snapshots.save(index, snapshot)
        return index

    def invalidate(self) -> None:
        """Forget the index (this server changed the store): the next request rebuilds it."""
        with self._lock:
            self._index, self._fingerprint = None, None

    def start(self) -> None:
        """Build the index in the background now, and rebuild it whenever the store changes."""
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="pia-kg-index", daemon=True)
            self._watcher.start()

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                if self._index is None:
                    self.get()
                else:
                    fingerprint = self.fingerprint()
                    if fingerprint != self._fingerprint:
                        index = self._built_or_saved(fingerprint)
                        with self._lock:
                            self._index, self._fingerprint = index, fingerprint
                        self.installed.set()
            except Exception:  # the store is unreachable or changing: keep serving, try again later
                logger.exception("could not refresh the API index")
            self._stop.wait(self._refresh_s)


class IndexNotReadyError(RuntimeError):
    """The index is still being built after the wait limit (the API answers 503 with Retry-After)."""

    def __init__(self, waited_s: float) -> None:
        super().__init__(f"the server is still indexing the graph after {waited_s:g} s; retry in a few seconds")
