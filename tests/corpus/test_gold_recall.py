"""The loaders against a careful reader: flows, cover, systems, files and contractors vs. hand-made gold.

The gold files (tests/corpus/gold/{docid}.json, see the README there) were written by reading each corpus
document, not from the loader's output. For every document the real stages run (read -> segment -> extract)
and:
- flow recall >= 95%: a gold flow is found when a flow with the same (file, kind, number, annex row) has the
  same recipient (after name normalisation), exactly the gold's legal table items, and at least the gold's
  article-level provisions;
- flow precision 100%: every flow read is one of the gold's (an annex reference that was expanded into its
  rows is a container, compared with the gold's containers instead); a flow read at a gold flow's place with a
  field left unread (recipient None, no table item) and nothing that contradicts the gold is incomplete: it is
  counted as missed for recall and reported, not as invented;
- cover (kind, number, title, body, publication date), systems, file names, outsourcing contractors with
  再委託, and the declared counts match the gold exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from loaders.model import AssessmentRecord, Flow

GOLD_DIR = Path(__file__).parent / "gold"
MIN_RECALL = 0.95
# What the PDF-text segmenter (loaders/segment/pdf_text.py) cannot decide yet, as strict xfails: each mark fails
# as soon as that part is read, and must then be removed. Only 000's outsourcing is left: its text export prints
# the contractors and 再委託 answers as loose boxes that nothing ties to their 委託事項 (see docs/loaders.md), and
# the loader leaves them unread rather than guess.
PDF_SEGMENTER_UNFINISHED = (
    "the PDF text export does not tie these values to their items; the loader leaves them unread (docs/loaders.md)"
)
UNFINISHED_SEGMENTER: dict[str, frozenset[str]] = {
    "000": frozenset({"test_outsourcing"}),
}

_TAG = re.compile(r"<[^<>]*>")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")
_DEFINITION = re.compile(r"\(以下「[^」]*」という。?\)")  # 「(以下「既存住基システム」という)」 names an abbreviation


def _name(text: str | None) -> str | None:
    """Width-folded, tags, whitespace and definition clauses removed: the same name however it was written."""
    if text is None:
        return None
    return _DEFINITION.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", _TAG.sub("", text))))


def _contractor(text: str | None) -> str | None:
    """A contractor's name without a trailing parenthetical note (「… (…は、国保中央会に再委託する)」)."""
    name = _name(text)
    return _TRAILING_NOTE.sub("", name) if name else name


def _gold_documents() -> list[str]:
    return sorted(path.stem for path in GOLD_DIR.glob("*.json"))


@pytest.fixture(scope="module", params=_gold_documents())
def case(
    request: pytest.FixtureRequest, corpus_record: Callable[[str], AssessmentRecord]
) -> tuple[dict[str, Any], AssessmentRecord]:
    gold = json.loads((GOLD_DIR / f"{request.param}.json").read_text(encoding="utf-8"))
    return gold, corpus_record(gold["document"])


@pytest.fixture(autouse=True)
def _unfinished_segmenter(request: pytest.FixtureRequest) -> None:
    callspec = getattr(request.node, "callspec", None)
    document = callspec.params.get("case") if callspec else None
    if request.node.originalname in UNFINISHED_SEGMENTER.get(document, frozenset()):
        request.applymarker(pytest.mark.xfail(reason=PDF_SEGMENTER_UNFINISHED, strict=True))


# ----------------------------------------------------------------------------- flows


@dataclass(frozen=True)
class FlowFacts:
    """What identifies a flow: where it is listed, its recipient and its legal basis (normalised)."""

    file: int
    kind: str
    no: int
    annex: str | None
    annex_row: str | None
    recipient: str | None
    table_items: frozenset[tuple[str, str, str]]
    provisions: frozenset[tuple[str, str | None, str | None, str | None]]

    def describe(self) -> str:
        where = f"file{self.file} {self.kind} {self.no}"
        if self.annex is not None:
            where += f" {self.annex}" + (f" row {self.annex_row}" if self.annex_row is not None else "")
        items = ", ".join(f"{law}:{table}:{item}" for law, table, item in sorted(self.table_items)) or "-"
        return f"{where}: {self.recipient!r} [{items}]"


def _read_flow(file_no: int, flow: Flow) -> FlowFacts:
    basis = flow.legal_basis.provisions if flow.legal_basis else ()
    return FlowFacts(
        file=file_no,
        kind=flow.kind,
        no=flow.no,
        annex=_name(flow.annex) if flow.annex_row is not None else None,
        annex_row=flow.annex_row,
        recipient=_name(flow.recipient),
        table_items=frozenset((p.law.key, p.table or "", p.table_item) for p in basis if p.table_item is not None),
        provisions=frozenset((p.law.key, p.article, p.paragraph, p.item) for p in basis if p.table_item is None),
    )


def _gold_flow(entry: dict[str, Any]) -> FlowFacts:
    return FlowFacts(
        file=entry["file"],
        kind=entry["kind"],
        no=entry["no"],
        annex=_name(entry.get("annex")),
        annex_row=entry.get("annex_row"),
        recipient=_name(entry["recipient"]),
        table_items=frozenset((t["law"], t["table"], t["table_item"]) for t in entry["table_items"]),
        provisions=frozenset((p["law"], p["article"], p["paragraph"], p["item"]) for p in entry["provisions"]),
    )


def _read_flows(record: AssessmentRecord) -> tuple[list[FlowFacts], set[tuple[int, str, int, str]]]:
    """(flows read, annex containers read), a container being a listed flow whose annex rows were expanded."""
    flows: list[FlowFacts] = []
    containers: set[tuple[int, str, int, str]] = set()
    for file in record.files:
        expanded = {(f.kind, f.no) for f in file.flows if f.annex_row is not None}
        for flow in file.flows:
            if flow.annex is not None and flow.annex_row is None and (flow.kind, flow.no) in expanded:
                containers.add((file.no, flow.kind, flow.no, _name(flow.annex) or ""))
            else:
                flows.append(_read_flow(file.no, flow))
    return flows, containers


def _matches(gold: FlowFacts, read: FlowFacts) -> bool:
    """Same place, recipient and table items, and at least the gold's other provisions; the annex row number
    is compared only where the annex prints one (the gold's ``annex_row``)."""
    return (
        (gold.file, gold.kind, gold.no, gold.annex) == (read.file, read.kind, read.no, read.annex)
        and (gold.annex_row is None or gold.annex_row == read.annex_row)
        and gold.recipient == read.recipient
        and gold.table_items == read.table_items
        and gold.provisions <= read.provisions
    )


def _pair(gold_flows: list[FlowFacts], read_flows: list[FlowFacts]) -> tuple[list[FlowFacts], list[FlowFacts]]:
    """(gold flows not read, flows read that are not in the gold), each read flow matching one gold flow."""
    unused = list(read_flows)
    missed = []
    for gold in gold_flows:
        found = next((read for read in unused if _matches(gold, read)), None)
        if found is None:
            missed.append(gold)
        else:
            unused.remove(found)
    return missed, unused


def _same_place(a: FlowFacts, b: FlowFacts) -> bool:
    return (a.file, a.kind, a.no, a.annex, a.annex_row) == (b.file, b.kind, b.no, b.annex, b.annex_row)


def _incomplete(read: FlowFacts, missed: list[FlowFacts]) -> bool:
    """Whether a flow read but not matched is a gold flow with a field left unread: the same place, and what it
    does state (recipient, table items, provisions) agrees with the gold. It is counted as missed (recall), not
    as invented: nothing in it contradicts the document."""
    return any(
        _same_place(gold, read)
        and read.recipient in (None, gold.recipient)
        and read.table_items in (frozenset(), gold.table_items)
        and (bool(read.table_items) or read.provisions <= gold.provisions)
        for gold in missed
    )


def test_flows(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    gold_flows = [_gold_flow(entry) for entry in gold["flows"]]
    read_flows, containers = _read_flows(record)
    missed, unmatched = _pair(gold_flows, read_flows)
    incomplete = [read for read in unmatched if _incomplete(read, missed)]
    invented = [read for read in unmatched if read not in incomplete]

    recall = 1 - len(missed) / len(gold_flows) if gold_flows else 1.0
    lines = [f"{gold['document']}: recall {recall:.1%} ({len(gold_flows) - len(missed)}/{len(gold_flows)})"]
    lines += [f"  missed   {flow.describe()}" for flow in missed]
    for read in invented:
        lines.append(f"  invented {read.describe()}")
        lines += [f"     gold  {flow.describe()}" for flow in missed if _same_place(flow, read)]
    lines += [f"  incomplete {read.describe()}" for read in incomplete]
    lines.append(f"  read {len(read_flows)} flows, {len(invented)} not in the gold, {len(incomplete)} incomplete")
    report = "\n".join(lines)
    print(report)
    assert recall >= MIN_RECALL and not invented, report

    gold_containers = {(c["file"], c["kind"], c["no"], _name(c["annex"]) or "") for c in gold["annex_containers"]}
    assert containers == gold_containers


def test_declared_counts(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    read = [
        {
            "file": f.no,
            "outsourcing": f.outsourcing_declared,
            "provision": f.provision_declared,
            "transfer": f.transfer_declared,
        }
        for f in record.files
    ]
    assert read == gold["declared"]


# ----------------------------------------------------------------------------- cover, systems, files, contractors


def test_cover(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    cover = record.cover
    published = gold["cover"]["published"]
    expected = {
        "form": gold["cover"]["form"],
        "number": gold["cover"]["number"],
        "title": _name(gold["cover"]["title"]),
        "assessing_body": _name(gold["cover"]["assessing_body"]),
        "published": date.fromisoformat(published) if published else None,
    }
    read = {
        "form": cover.form,
        "number": cover.number,
        "title": _name(cover.title),
        "assessing_body": _name(cover.assessing_body),
        "published": cover.published,
    }
    assert read == expected


def test_systems(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    read = sorted((s.no, _name(s.name)) for s in record.basic.systems) if record.basic else []
    assert read == sorted((s["no"], _name(s["name"])) for s in gold["systems"])


def test_file_names(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    expected = [_name(name) for name in gold["files"]]
    assert [_name(f.name) for f in record.files] == expected
    if record.basic is not None and record.basic.file_names:
        assert [_name(name) for name in record.basic.file_names] == expected


def test_outsourcing(case: tuple[dict[str, Any], AssessmentRecord]) -> None:
    gold, record = case
    read = sorted(
        (f.no, o.no, _contractor(o.contractor), o.subcontracting) for f in record.files for o in f.outsourcing
    )
    expected = sorted(
        (o["file"], o["no"], _contractor(o["contractor"]), o["subcontracting"]) for o in gold["outsourcing"]
    )
    assert read == expected


def test_only_a_flow_with_unread_fields_and_nothing_contradicting_the_gold_is_incomplete() -> None:
    item = frozenset({("bango-19-8-order", "第2条の表", "18")})
    gold = FlowFacts(1, "provision", 3, None, None, "都道府県知事", item, frozenset())
    unread = FlowFacts(1, "provision", 3, None, None, None, item, frozenset())
    assert _incomplete(unread, [gold])
    assert not _incomplete(FlowFacts(1, "provision", 3, None, None, "市町村長", frozenset(), frozenset()), [gold])
    other_item = frozenset({("bango-19-8-order", "第2条の表", "20")})
    assert not _incomplete(FlowFacts(1, "provision", 3, None, None, None, other_item, frozenset()), [gold])
    assert not _incomplete(FlowFacts(1, "provision", 4, None, None, None, item, frozenset()), [gold])
