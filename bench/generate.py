"""Scale the seed assessment graphs to N synthetic assessments, deterministically, at the RDF level.

Synthetic assessment ``i`` copies seed graph ``i mod len(seeds)``. Assessments ``i`` with the same
``i // len(seeds)`` form a *group*: each seed municipality of the group becomes one synthetic municipality (so
two seeds of 川崎市 stay two assessments of one synthetic city, as in real data), and all dates of the group
move by the same number of days. In each copy:

- per-document IRIs (the assessment ``{base}assessment/{id}``, everything under it, and its named graph) get
  the new id ``{synthetic municipality}-{number}-{shifted date}``;
- every IRI naming the seed municipality (``{base}local-government/{name}...`` with its departments, posts,
  local systems and assessing body, the series, the municipality's ordinances) names the synthetic one, and
  the seed prefecture in such IRIs becomes the synthetic prefecture;
- literals of rewritten nodes have the municipality and prefecture names replaced; every ``xsd:date``,
  ``xsd:dateTime`` and ``xsd:gYearMonth`` literal is shifted;
- a deterministic subset of flows (``pia:DataProvision``, ``pia:DataTransfer``, ``pia:Outsourcing``) is
  dropped, with the flows that expand them (``pia:expandsFlow``) and every per-document node that hangs only
  from dropped nodes;
- everything else (laws, provisions, national bodies, nationwide systems, vendors, code lists, the ontology)
  is left untouched, so the copies share those nodes.

Each seed graph is compiled once into N-Quads line templates; a copy is a filter and a few string
replacements, which keeps N = 1,000 (millions of quads) to seconds. The same seed, N and generator seed give
byte-identical output.
"""

from __future__ import annotations

import gzip
import io
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox

from bench.seed import Seed, SeedGraph
from pia_kg.iri import segment, short_hash
from pia_kg.namespaces import PIA, RDF, RDFS, XSD

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
_NAME_HEADS = "青赤朝東西南北大小若新古本中上下黒白花星月雪桜梅松竹"
_NAME_TAILS = "田川山野原沢浜島岡橋木森井津宮谷瀬浦里丘坂台辺尾"
_NAME_SUFFIXES = "市町村"
_FLOW_CLASSES = frozenset(PIA + c for c in ("DataProvision", "DataTransfer", "Outsourcing"))
_DATE_TYPES = frozenset(XSD + t for t in ("date", "dateTime", "gYearMonth"))
_TYPE = RDF + "type"
_EXPANDS = PIA + "expandsFlow"
_MUNI, _PREF, _ID, _BNODE = "\x00M\x00", "\x00P\x00", "\x00I\x00", "\x00B\x00"
_VALUE_TOKEN = re.compile("\x00([DS])([0-9]+)\x00")  # D: a date to shift, S: a source-file hash
_ID_DATE = re.compile(r"^(.*)-([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def municipality_name(index: int) -> str:
    """The ``index``-th synthetic municipality name: distinct for every index, the same on every run."""
    heads, tails, suffixes = len(_NAME_HEADS), len(_NAME_TAILS), len(_NAME_SUFFIXES)
    capacity = heads * tails * suffixes
    k = index % capacity
    head, tail, suffix = _NAME_HEADS[k % heads], _NAME_TAILS[(k // heads) % tails], _NAME_SUFFIXES[k // (heads * tails)]
    return f"{head}{tail}{suffix}" if index < capacity else f"{head}{tail}{index // capacity + 1}{suffix}"


def prefecture_name(index: int) -> str:
    return PREFECTURES[(index * 7) % len(PREFECTURES)]


def shift_date(lexical: str, datatype: str, days: int) -> str:
    """A date, dateTime or gYearMonth lexical form moved by ``days`` (year-months move by their 1st day)."""
    if datatype == XSD + "date":
        return (date.fromisoformat(lexical) + timedelta(days=days)).isoformat()
    if datatype == XSD + "gYearMonth":
        moved = date.fromisoformat(lexical + "-01") + timedelta(days=days)
        return f"{moved.year:04d}-{moved.month:02d}"
    return (datetime.fromisoformat(lexical) + timedelta(days=days)).isoformat()


@dataclass(frozen=True)
class _Line:
    """One quad of a seed graph as an N-Quads line with tokens, and the per-document nodes it touches."""

    text: str
    subject: int  # index of a per-document node, or -1
    obj: int


@dataclass
class _Template:
    """A seed graph compiled for copying."""

    seed_index: int
    id_segment: str  # the seed assessment's id as an IRI segment
    municipality_names: tuple[str, str, str]  # seed (name segment, label, prefecture); empty strings if none
    municipality: int  # index among the seed's municipalities
    id_prefix: str  # assessment id segment before the date, with the municipality as a token
    id_date: date | None
    graph: str  # the named graph IRI, with the id as a token
    lines: list[_Line]
    dates: list[tuple[str, str]]  # (lexical, datatype) by token number
    hashes: list[str]  # source-file hashes by token number
    flows: list[int]  # per-document node indexes of the flows, in seed order
    expanded_by: dict[int, list[int]]  # flow -> flows that expand it
    objects_of: dict[int, list[int]]  # per-document node -> per-document nodes it points at
    referrers: dict[int, set[int]]  # per-document node -> per-document nodes pointing at it
    root: int


@dataclass
class GeneratedAssessment:
    """Where synthetic assessment ``index`` went: its ids and how many quads and flows it has."""

    index: int
    assessment_id: str
    assessment: str
    graph: str
    municipality: str
    quads: int
    flows_kept: int
    flows_dropped: int


@dataclass
class Generator:
    """Deterministic scaling of ``seed`` to ``n`` assessments (``random_seed`` picks dates and dropped flows)."""

    seed: Seed
    n: int
    random_seed: int = 0
    drop_ratio: float = 0.1
    max_shift_days: int = 1800
    _templates: list[_Template] = field(init=False, repr=False)
    _municipalities: list[tuple[str, str]] = field(init=False, repr=False)  # (name, prefecture) of seeds

    def __post_init__(self) -> None:
        if self.n < 0:
            raise ValueError("n must be >= 0")
        self._municipalities = []
        self._templates = [self._compile(i, g) for i, g in enumerate(self.seed.graphs)]

    # ------------------------------------------------------------------ compiling a seed graph

    def _seed_municipality(self, g: SeedGraph) -> tuple[str, str, str] | None:
        """(name segment, label, prefecture) of the local government of the assessing body."""
        by = {(t.subject, t.predicate.value): t.object for t in g.triples if isinstance(t.subject, ox.NamedNode)}
        body = by.get((ox.NamedNode(g.assessment), PIA + "assessingBody"))
        lg = by.get((body, PIA + "ofLocalGovernment")) if body is not None else None
        prefix = self.seed.base + "local-government/"
        if not isinstance(lg, ox.NamedNode) or not lg.value.startswith(prefix):
            return None
        name_segment = lg.value[len(prefix) :].split("/")[0]
        label = by.get((lg, RDFS + "label"))
        prefecture = by.get((lg, PIA + "prefecture"))
        return (
            name_segment,
            label.value if isinstance(label, ox.Literal) else name_segment,
            prefecture.value if isinstance(prefecture, ox.Literal) else "",
        )

    def _compile(self, seed_index: int, g: SeedGraph) -> _Template:
        base = self.seed.base
        assessment_prefix = base + "assessment/"
        source_prefix = base + "source-file/"
        if not g.assessment.startswith(assessment_prefix):
            raise ValueError(f"assessment IRI outside {assessment_prefix}: {g.assessment}")
        id_segment = g.assessment[len(assessment_prefix) :]
        muni = self._seed_municipality(g)
        # a seed with no readable municipality still gets its own synthetic municipality, named in its id
        key = (muni[1], muni[2]) if muni is not None else ("", id_segment)
        if key not in self._municipalities:
            self._municipalities.append(key)
        municipality = self._municipalities.index(key)
        muni_segment, muni_label, prefecture = muni if muni else ("", "", "")

        hashes: dict[str, int] = {}

        def iri_template(iri: str) -> tuple[str, bool]:
            if not iri.startswith(base):
                return iri, False
            if iri.startswith(source_prefix):  # the document's own file: one per copy
                digest = iri[len(source_prefix) :]
                return f"{source_prefix}\x00S{hashes.setdefault(digest, len(hashes))}\x00", True
            text = iri.replace(id_segment, _ID) if id_segment in iri else iri
            if muni_segment and muni_segment in text:
                text = text.replace(muni_segment, _MUNI)
                if prefecture:
                    text = text.replace(segment(prefecture), _PREF)
            return text, text != iri

        nodes: dict[str, int] = {}

        def local_node(term: ox.NamedNode | ox.BlankNode) -> int:
            """Index of a per-document node (under the assessment IRI, or blank), else -1."""
            if isinstance(term, ox.BlankNode):
                key = "_:" + term.value
            elif term.value == g.assessment or term.value.startswith(g.assessment + "/"):
                key = term.value
            else:
                return -1
            return nodes.setdefault(key, len(nodes))

        dates: dict[tuple[str, str], int] = {}
        graph_text, _ = iri_template(g.graph)
        lines: list[_Line] = []
        flows: list[int] = []
        expanded_by: dict[int, list[int]] = {}
        objects_of: dict[int, list[int]] = {}
        referrers: dict[int, set[int]] = {}
        for t in g.triples:
            s, p, o = t.subject, t.predicate.value, t.object
            if isinstance(s, ox.BlankNode):
                s_text, s_rewritten = f"_:{s.value}{_BNODE}", True
            else:
                iri, s_rewritten = iri_template(s.value)
                s_text = f"<{iri}>"
            if isinstance(o, ox.BlankNode):
                o_text = f"_:{o.value}{_BNODE}"
            elif isinstance(o, ox.NamedNode):
                o_text = f"<{iri_template(o.value)[0]}>"
            elif o.datatype is not None and o.datatype.value in _DATE_TYPES:
                token = dates.setdefault((o.value, o.datatype.value), len(dates))
                o_text = f'"\x00D{token}\x00"^^<{o.datatype.value}>'
            else:
                o_text = str(o)
                if s_rewritten and o.value in hashes:
                    o_text = o_text.replace(o.value, f"\x00S{hashes[o.value]}\x00")
                elif s_rewritten:
                    o_text = o_text.replace(muni_label, _MUNI) if muni_label else o_text
                    o_text = o_text.replace(prefecture, _PREF) if prefecture else o_text
            s_node = local_node(s) if isinstance(s, ox.NamedNode | ox.BlankNode) else -1
            o_node = local_node(o) if isinstance(o, ox.NamedNode | ox.BlankNode) else -1
            lines.append(_Line(f"{s_text} <{p}> {o_text} <{graph_text}> .\n", s_node, o_node))
            is_flow = p == _TYPE and isinstance(o, ox.NamedNode) and o.value in _FLOW_CLASSES
            if is_flow and s_node >= 0 and s_node not in flows:
                flows.append(s_node)
            if s_node >= 0 and o_node >= 0 and s_node != o_node:
                objects_of.setdefault(s_node, []).append(o_node)
                referrers.setdefault(o_node, set()).add(s_node)
                if p == _EXPANDS:
                    expanded_by.setdefault(o_node, []).append(s_node)
        match = _ID_DATE.match(id_segment)
        id_body, id_date = (match.group(1), date.fromisoformat(match.group(2))) if match else (id_segment, None)
        id_prefix = (
            id_body.replace(muni_segment, _MUNI) if muni_segment and muni_segment in id_body else f"{_MUNI}-{id_body}"
        )
        return _Template(
            seed_index,
            id_segment,
            (muni_segment, muni_label, prefecture),
            municipality,
            id_prefix,
            id_date,
            graph_text,
            lines,
            [d for d, _ in sorted(dates.items(), key=lambda kv: kv[1])],
            [h for h, _ in sorted(hashes.items(), key=lambda kv: kv[1])],
            flows,
            expanded_by,
            objects_of,
            referrers,
            local_node(ox.NamedNode(g.assessment)),
        )

    # ------------------------------------------------------------------ one synthetic copy

    def _dropped_nodes(self, template: _Template, rng: random.Random) -> tuple[set[int], int]:
        """The per-document nodes removed from a copy, and how many flows were picked for removal."""
        picked = [f for f in template.flows if rng.random() < self.drop_ratio]
        dropped: set[int] = set()
        work = list(picked)
        while work:  # a flow and the flows that expand it
            flow = work.pop()
            if flow not in dropped:
                dropped.add(flow)
                work.extend(template.expanded_by.get(flow, ()))
        work = list(dropped)
        while work:  # then every node all of whose referrers are dropped
            node = work.pop()
            for target in template.objects_of.get(node, ()):
                if target in dropped or target == template.root:
                    continue
                if template.referrers[target] <= dropped:
                    dropped.add(target)
                    work.append(target)
        return dropped, len(picked)

    def _identity(self, index: int) -> tuple[_Template, str, str, str, int]:
        """Template, new assessment id, municipality, prefecture and date shift of copy ``index``."""
        template = self._templates[index % len(self._templates)]
        group = index // len(self._templates)
        shift = -random.Random(f"pia-kg-bench:{self.random_seed}:group:{group}").randint(0, self.max_shift_days)
        municipality_index = group * len(self._municipalities) + template.municipality
        municipality = municipality_name(municipality_index)
        new_id = template.id_prefix.replace(_MUNI, segment(municipality))
        if template.id_date is not None:
            new_id += "-" + (template.id_date + timedelta(days=shift)).isoformat()
        return template, new_id, municipality, prefecture_name(municipality_index), shift

    def translate(self, value: str) -> str:
        """A seed IRI or name as it reads in the first copy of its seed (seed examples -> synthetic data)."""
        by_id = [t for t in self._templates if t.id_segment in value]
        by_name = [t for t in self._templates if any(name and name in value for name in t.municipality_names[:2])]
        for template in by_id[:1] or by_name[:1]:
            muni_segment, muni_label, prefecture = template.municipality_names
            _, new_id, municipality, new_prefecture, _ = self._identity(template.seed_index)
            text = value.replace(template.id_segment, new_id)
            if muni_segment and municipality not in text:
                text = text.replace(muni_segment, municipality).replace(muni_label, municipality)
                text = text.replace(prefecture, new_prefecture) if prefecture else text
            return text
        return value

    def copy(self, index: int) -> tuple[GeneratedAssessment, bytes]:
        """Synthetic assessment ``index`` as N-Quads."""
        template, new_id, municipality, prefecture, shift = self._identity(index)
        rng = random.Random(f"pia-kg-bench:{self.random_seed}:assessment:{index}")
        dropped, _ = self._dropped_nodes(template, rng)
        kept = [
            line.text
            for line in template.lines
            if line.subject not in dropped and (line.obj < 0 or line.obj not in dropped)
        ]
        text = "".join(kept)
        text = text.replace(_ID, new_id).replace(_MUNI, municipality).replace(_PREF, prefecture)
        text = text.replace(_BNODE, f"x{index}")
        values = {
            "D": [shift_date(lexical, datatype, shift) for lexical, datatype in template.dates],
            "S": [short_hash(digest, new_id, length=len(digest)) for digest in template.hashes],
        }
        text = _VALUE_TOKEN.sub(lambda m: values[m.group(1)][int(m.group(2))], text)
        base = self.seed.base
        flows_kept = sum(1 for f in template.flows if f not in dropped)
        record = GeneratedAssessment(
            index=index,
            assessment_id=new_id,
            assessment=f"{base}assessment/{new_id}",
            graph=template.graph.replace(_ID, new_id),
            municipality=municipality,
            quads=len(kept),
            flows_kept=flows_kept,
            flows_dropped=len(template.flows) - flows_kept,
        )
        return record, text.encode("utf-8")

    # ------------------------------------------------------------------ whole outputs

    def shared_nquads(self) -> bytes:
        """The quads outside assessment graphs (ontology, code lists), emitted once, sorted."""
        return "".join(sorted(f"{q} .\n" for q in self.seed.shared)).encode("utf-8")

    def chunks(self, records: list[GeneratedAssessment] | None = None) -> Iterator[bytes]:
        """The whole dataset as N-Quads chunks; ``records`` (when given) collects one entry per copy."""
        yield self.shared_nquads()
        for index in range(self.n):
            record, data = self.copy(index)
            if records is not None:
                records.append(record)
            yield data

    def write(self, path: Path, *, compress: bool | None = None) -> list[GeneratedAssessment]:
        """Stream the dataset to an N-Quads file (gzip when asked, or when the name ends in .gz)."""
        compress = path.suffix == ".gz" if compress is None else compress
        records: list[GeneratedAssessment] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        # mtime=0 keeps the gzip header free of the time, so the output is byte-identical across runs
        with (
            path.open("wb") as raw,
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) if compress else raw as out,
        ):
            for chunk in self.chunks(records):
                out.write(chunk)
        return records

    def load_into(self, store: ox.Store) -> list[GeneratedAssessment]:
        """Bulk-load the dataset into a pyoxigraph store, streaming (no intermediate file)."""
        records: list[GeneratedAssessment] = []
        store.bulk_load(ChunkReader(self.chunks(records)), format=ox.RdfFormat.N_QUADS)
        return records


class ChunkReader(io.RawIOBase):
    """A binary file-like object reading from an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size
