"""The seed assessment graphs the generator scales: the real corpus loaded by the pipeline, or a hand-made seed.

``corpus_seed`` runs the public loader (``pia-kg load``) over the corpus into a temporary store and reads its
named graphs back. ``builtin_seed`` builds four small assessments shaped like the graph contract (DATA.md) from
the description below; it keeps the generator's tests independent of the loader and is the fallback when no
corpus is at hand.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from pia_kg.iri import IriMinter, short_hash
from pia_kg.namespaces import CODE, DCT, DPV, PIA, RDF, RDFS, SKOS, XSD
from pia_kg.settings import DEFAULT_BASE_IRI, REPO_ROOT

CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
_TYPE = ox.NamedNode(RDF + "type")
_ASSESSMENT = ox.NamedNode(PIA + "Assessment")


@dataclass(frozen=True)
class SeedGraph:
    """One assessment version: its named graph, its assessment IRI and its triples."""

    graph: str
    assessment: str
    triples: tuple[ox.Triple, ...]


@dataclass(frozen=True)
class Seed:
    """Seed assessment graphs plus the quads of every other graph (ontology, code lists), kept once."""

    base: str
    source: str  # "corpus" or "builtin"
    graphs: tuple[SeedGraph, ...]
    shared: tuple[ox.Quad, ...]
    notes: tuple[str, ...] = ()  # e.g. documents the loader could not read

    @property
    def triple_count(self) -> int:
        return sum(len(g.triples) for g in self.graphs) + len(self.shared)


def seed_from_quads(quads: Iterable[ox.Quad], base: str, source: str) -> Seed:
    """Split a dataset into assessment graphs (graphs holding a ``pia:Assessment``) and the rest."""
    by_graph: dict[str, list[ox.Triple]] = {}
    other: list[ox.Quad] = []
    assessments: dict[str, str] = {}
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            other.append(quad)
            continue
        by_graph.setdefault(quad.graph_name.value, []).append(ox.Triple(quad.subject, quad.predicate, quad.object))
        if quad.predicate == _TYPE and quad.object == _ASSESSMENT and isinstance(quad.subject, ox.NamedNode):
            assessments[quad.graph_name.value] = quad.subject.value
    graphs: list[SeedGraph] = []
    for graph, triples in sorted(by_graph.items()):
        if graph in assessments:
            graphs.append(SeedGraph(graph, assessments[graph], tuple(triples)))
        else:
            node = ox.NamedNode(graph)
            other.extend(ox.Quad(t.subject, t.predicate, t.object, node) for t in triples)
    if not graphs:
        raise ValueError("the seed holds no named graph with a pia:Assessment")
    return Seed(base, source, tuple(graphs), tuple(other))


def corpus_seed(corpus_dir: Path = CORPUS_DIR, base: str = DEFAULT_BASE_IRI, timeout_s: float = 600) -> Seed:
    """Load ``corpus_dir`` with ``pia-kg load`` into a temporary store and read its graphs back.

    Documents the loader fails on are left out (the load report names them, see ``Seed.notes``); it is an
    error only when no assessment loads at all.
    """
    with tempfile.TemporaryDirectory(prefix="pia-kg-seed-") as tmp:
        store_dir = Path(tmp) / "store"
        command = [sys.executable, "-m", "pia_kg", "load", "--store", str(store_dir), "--base-iri", base]
        done = subprocess.run(
            [*command, str(corpus_dir)], capture_output=True, text=True, timeout=timeout_s, check=False
        )
        failures = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.startswith("error ")]
        if not store_dir.exists():
            raise RuntimeError(f"pia-kg load wrote no store ({done.returncode}): {done.stderr.strip()[-2000:]}")
        store = ox.Store(str(store_dir))
        quads = list(store.quads_for_pattern(None, None, None))
        del store
    seed = seed_from_quads(quads, base, "corpus")
    return Seed(seed.base, seed.source, seed.graphs, seed.shared, tuple(failures))


# ----------------------------------------------------------------------------- the hand-made seed


@dataclass(frozen=True)
class _FileSpec:
    name: str
    department: str
    provisions: int  # 提供先 items
    transfers: int  # 移転先 items
    outsourcings: int  # 委託事項 items
    annex_rows: int  # rows of a (別紙参照) annex expanding the first provision
    record_items: int


@dataclass(frozen=True)
class _AssessmentSpec:
    municipality: str
    prefecture: str
    number: str
    published: date
    kind: str  # full | focused | basic
    affair: str
    affair_category: str  # slug of code/affair-category
    files: tuple[_FileSpec, ...]
    risks: int
    changes: int


_SPECS = (
    _AssessmentSpec(
        "川崎市", "神奈川県", "18", date(2024, 3, 29), "focused", "生活保護に関する事務", "public-assistance",
        (_FileSpec("生活保護ファイル", "健康福祉局生活保護・自立支援室", 20, 12, 3, 0, 60),), 14, 6,
    ),
    _AssessmentSpec(
        "川崎市", "神奈川県", "61", date(2025, 6, 6), "full", "介護保険に関する事務", "long-term-care-insurance",
        (_FileSpec("介護保険ファイル", "健康福祉局介護保険課", 26, 10, 6, 0, 120),), 24, 10,
    ),
    _AssessmentSpec(
        "川口市", "埼玉県", "5", date(2024, 12, 20), "full", "国民健康保険に関する事務", "national-health-insurance",
        (_FileSpec("国民健康保険ファイル", "市民生活部国民健康保険課", 8, 9, 5, 60, 90),), 24, 8,
    ),
    _AssessmentSpec(
        "高崎市", "群馬県", "1", date(2023, 10, 2), "full", "住民基本台帳に関する事務", "resident-registry",
        (
            _FileSpec("住民基本台帳ファイル", "市民部市民課", 12, 16, 4, 40, 70),
            _FileSpec("本人確認情報ファイル", "市民部市民課", 3, 0, 2, 0, 30),
            _FileSpec("送付先情報ファイル", "市民部市民課", 2, 0, 2, 0, 20),
        ),
        24, 12,
    ),
)  # fmt: skip

_NATIONAL_BODIES = (
    ("jlis", "地方公共団体情報システム機構"),
    ("mhlw-minister", "厚生労働大臣"),
    ("kyokai-kenpo", "全国健康保険協会"),
    ("kokuho-rengokai", "国民健康保険団体連合会"),
    ("shiharai-kikin", "社会保険診療報酬支払基金"),
    ("nenkin-kikou", "日本年金機構"),
    ("koki-koureisha-kouiki-rengo", "後期高齢者医療広域連合"),
    ("prefectural-governor", "都道府県知事"),
)
_SYSTEMS = (
    ("information-provision-network", "情報提供ネットワークシステム"),
    ("intermediate-server", "中間サーバー"),
    ("juki-net", "住民基本台帳ネットワークシステム"),
)
_VENDORS = ("富士通Japan株式会社", "株式会社日立システムズ", "日本電気株式会社", "株式会社TKC")
_LOCAL_SYSTEMS = ("団体内統合宛名システム", "庁内連携システム", "既存住民基本台帳システム", "税務システム")
_METHODS = ("information-provision-network", "electronic-media", "paper", "dedicated-line")
_STAGES = ("acquisition", "use", "outsourcing", "provision-transfer", "network-linkage", "storage-erasure")
_RATINGS = ("especially-strong", "sufficient", "issues-remain")
_BANGO = "425AC0000000027"
_ORDER = "bango-19-8-order"


class _Builder:
    """Collects the triples of one seed graph."""

    def __init__(self) -> None:
        self.triples: dict[ox.Triple, None] = {}

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.triples[ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o)] = None

    def link(self, s: str, p: str, o: str) -> None:
        self.add(s, p, ox.NamedNode(o))

    def text(self, s: str, p: str, value: str, lang: str | None = None) -> None:
        self.add(s, p, ox.Literal(value, language=lang))

    def typed(self, s: str, p: str, value: object, datatype: str) -> None:
        self.add(
            s,
            p,
            ox.Literal(
                str(value).lower() if isinstance(value, bool) else str(value), datatype=ox.NamedNode(XSD + datatype)
            ),
        )

    def node(self, s: str, *classes: str, label: str | None = None) -> None:
        for cls in classes:
            self.link(s, RDF + "type", cls)
        if label is not None:
            self.text(s, RDFS + "label", label, "ja")


def _build_assessment(spec: _AssessmentSpec, minter: IriMinter) -> SeedGraph:
    b = _Builder()
    assessment_id = f"{spec.municipality}-{spec.number}-{spec.published.isoformat()}"
    a = minter.assessment(assessment_id)
    lg = minter.local_government(spec.municipality)
    source = minter.source_file(short_hash(assessment_id, length=64))
    loc_count = 0

    def extracted(node: str, section: str) -> None:
        nonlocal loc_count
        loc_count += 1
        loc = minter.part(a, "location", loc_count)
        b.node(loc, PIA + "DocumentLocation")
        b.text(loc, PIA + "sectionPath", section)
        b.typed(loc, PIA + "lineStart", loc_count * 7, "integer")
        b.typed(loc, PIA + "lineEnd", loc_count * 7 + 5, "integer")
        b.link(loc, PIA + "inSourceFile", source)
        b.link(node, PIA + "inAssessment", a)
        b.link(node, PIA + "readFrom", loc)

    citation_count = 0

    def cite(subject: str, text: str, provision: str, role: str, via: str = PIA + "hasCitation") -> None:
        nonlocal citation_count
        citation_count += 1
        c = minter.part(a, "citation", citation_count)
        b.node(c, PIA + "Citation")
        b.text(c, PIA + "citedText", text)
        b.link(c, PIA + "citesProvision", provision)
        b.link(c, PIA + "citationRole", f"{CODE}citation-role/{role}")
        b.link(subject, via, c)
        extracted(c, "citation")

    def provision(law_key: str, levels: list[tuple[str, str]]) -> str:
        iri = minter.provision(law_key, levels)
        b.node(iri, PIA + "LegalProvision")
        b.link(iri, PIA + "inLaw", minter.law(law_key))
        for level, value in levels:
            prop = {"article": "article", "paragraph": "paragraph", "item": "item", "table": "table"}
            b.text(iri, PIA + prop.get(level, "tableItem"), value)
        return iri

    # cover and part I
    title = f"{spec.affair} 全項目評価書" if spec.kind == "full" else f"{spec.affair} 評価書"
    b.node(a, PIA + "Assessment", label=title)
    b.text(a, DCT + "title", title, "ja")
    b.link(a, PIA + "assessmentKind", f"{CODE}assessment-kind/{spec.kind}")
    b.text(a, PIA + "assessmentNumber", spec.number)
    b.text(a, PIA + "formVersion", "令和6年10月 様式4")
    b.typed(a, PIA + "publicationDate", spec.published.isoformat(), "date")
    b.link(a, PIA + "inSeries", minter.series(f"{spec.municipality}-{spec.number}"))
    b.link(a, PIA + "sourceFile", source)
    b.node(source, PIA + "SourceFile")
    b.text(source, PIA + "fileName", f"{assessment_id}.txt")
    body = minter.mint("local-government", spec.municipality, "assessing-body", f"{spec.municipality}長")
    b.node(body, PIA + "AssessingBody", label=f"{spec.prefecture}{spec.municipality}長")
    b.link(body, PIA + "ofLocalGovernment", lg)
    b.link(a, PIA + "assessingBody", body)
    b.node(lg, PIA + "LocalGovernment", label=spec.municipality)
    b.text(lg, PIA + "prefecture", spec.prefecture)
    affair = minter.part(a, "affair")
    b.node(affair, PIA + "AdministrativeAffair", label=spec.affair)
    b.text(affair, PIA + "affairDescription", f"{spec.municipality}が行う{spec.affair}。" * 4)
    b.link(affair, PIA + "affairCategory", f"{CODE}affair-category/{spec.affair_category}")
    b.link(affair, PIA + "subjectCountRange", f"{CODE}subject-count/100k-to-300k")
    b.link(a, PIA + "describesAffair", affair)
    extracted(affair, "Ⅰ/1")
    article9 = provision(_BANGO, [("article", "9"), ("paragraph", "1")])
    cite(a, "番号法第9条第1項 別表の68の項", article9, "number-use", PIA + "numberUseBasis")
    b.typed(a, PIA + "networkLinkage", True, "boolean")
    for i, (key, name) in enumerate(_SYSTEMS + tuple((None, n) for n in _LOCAL_SYSTEMS), start=1):
        system = minter.nationwide_system(key) if key else minter.local_system(spec.municipality, name)
        classes = (PIA + "InformationSystem", PIA + "NationwideSystem") if key else (PIA + "InformationSystem",)
        b.node(system, *classes, label=name)
        listing = minter.part(a, "system", i)
        b.node(listing, PIA + "SystemListing", label=name)
        b.typed(listing, PIA + "itemNumber", i, "integer")
        b.link(listing, PIA + "listedSystem", system)
        b.text(listing, PIA + "systemFunction", f"{name}の機能:照会、提供、記録の管理。")
        b.link(a, PIA + "hasSystemListing", listing)
        extracted(listing, f"Ⅰ/2/システム{i}")

    for f_no, fspec in enumerate(spec.files, start=1):
        file = minter.part(a, "file", f_no)
        dept = minter.department(spec.municipality, fspec.department)
        b.node(dept, PIA + "Department", PIA + "RecipientBody", label=fspec.department)
        b.link(dept, PIA + "ofLocalGovernment", lg)
        b.node(file, PIA + "SpecificPersonalInformationFile", label=fspec.name)
        b.typed(file, PIA + "itemNumber", f_no, "integer")
        b.link(file, PIA + "responsibleDepartment", dept)
        b.typed(file, PIA + "retentionStart", date(2015, 10, 5).isoformat(), "date")
        b.typed(file, PIA + "declaredProvisionCount", fspec.provisions, "integer")
        b.typed(file, PIA + "declaredTransferCount", fspec.transfers, "integer")
        b.typed(file, PIA + "declaredOutsourcingCount", fspec.outsourcings, "integer")
        b.link(a, PIA + "hasFile", file)
        extracted(file, f"Ⅱ/ファイル{f_no}")
        for r in range(1, fspec.record_items + 1):
            item = minter.part(file, "record-item", r)
            b.node(item, PIA + "RecordItem", label=f"記録項目{r}")
            b.link(file, PIA + "hasRecordItem", item)
            extracted(item, f"別添2/ファイル{f_no}")
        flows: list[tuple[str, str, int]] = [
            *(("provision", PIA + "DataProvision", n) for n in range(1, fspec.provisions + 1)),
            *(("transfer", PIA + "DataTransfer", n) for n in range(1, fspec.transfers + 1)),
            *(("outsourcing", PIA + "Outsourcing", n) for n in range(1, fspec.outsourcings + 1)),
        ]
        for kind, cls, n in flows:
            flow = minter.part(file, kind, n)
            b.node(flow, cls)
            b.typed(flow, PIA + "itemNumber", n, "integer")
            b.link(file, PIA + "hasFlow", flow)
            b.link(flow, PIA + "method", f"{CODE}method/{_METHODS[n % len(_METHODS)]}")
            b.text(flow, PIA + "timing", "必要に応じて随時")
            b.link(flow, PIA + "subjectCount", f"{CODE}subject-count/10k-to-100k")
            extracted(flow, f"Ⅱ/ファイル{f_no}/{kind}{n}")
            if kind == "outsourcing":
                vendor_name = _VENDORS[n % len(_VENDORS)]
                vendor = minter.organization(vendor_name)
                b.node(vendor, PIA + "Contractor", label=vendor_name)
                b.link(flow, PIA + "contractor", vendor)
                b.text(flow, PIA + "outsourcedTask", f"{spec.affair}に係るシステムの運用保守{n}")
                b.typed(flow, PIA + "subcontracting", n % 2 == 0, "boolean")
                continue
            if kind == "transfer":
                target_name = f"{['こども未来局', '財政局税務部', '市民文化局'][n % 3]}{n}課"
                recipient = minter.department(spec.municipality, target_name)
                b.node(recipient, PIA + "Department", PIA + "RecipientBody", label=target_name)
                b.link(recipient, PIA + "ofLocalGovernment", lg)
                basis = provision(
                    _BANGO, [("article", "9"), ("paragraph", "1"), ("table", "別表"), ("table-item", str(n))]
                )
                cite(flow, f"番号法第9条第1項 別表の{n}の項", basis, "flow-basis")
            else:
                key, name = _NATIONAL_BODIES[n % len(_NATIONAL_BODIES)]
                recipient = minter.national_body(key)
                b.node(recipient, PIA + "NationalBody", PIA + "RecipientBody", label=name)
                item = str(100 + (n * 7) % 60)
                basis = provision(_ORDER, [("article", "2"), ("table", "第2条の表"), ("table-item", item)])
                cite(flow, f"番号法第19条第8号に基づく主務省令第2条の表の{item}の項", basis, "flow-basis")
                b.text(flow, PIA + "recipientText", name)
            b.link(flow, PIA + "recipient", recipient)
            b.link(flow, DPV + "hasLegalBasis", basis)
            b.link(flow, PIA + "inAssessment", a)
            b.text(flow, PIA + "purpose", f"{spec.affair}に関する情報の照会に対する提供({n})")
            b.text(flow, PIA + "providedInformation", "被保険者資格情報、給付情報")
            if kind == "provision" and n == 1 and fspec.annex_rows:
                annex = minter.part(a, "annex", f_no)
                b.node(annex, PIA + "Annex")
                b.text(annex, PIA + "annexLabel", "Ⅱ-5別紙")
                b.link(a, PIA + "hasAnnex", annex)
                extracted(annex, f"別紙{f_no}")
                for r in range(1, fspec.annex_rows + 1):
                    row = minter.part(annex, "row", r)
                    b.node(row, PIA + "AnnexRow")
                    b.text(row, PIA + "rowNumber", str(r))
                    b.link(annex, PIA + "hasRow", row)
                    extracted(row, f"別紙{f_no}/{r}")
                    expanded = minter.part(file, "provision", f"1-{r}")
                    key, name = _NATIONAL_BODIES[r % len(_NATIONAL_BODIES)]
                    body_r = minter.national_body(key)
                    b.node(body_r, PIA + "NationalBody", PIA + "RecipientBody", label=name)
                    b.node(expanded, PIA + "DataProvision")
                    b.link(file, PIA + "hasFlow", expanded)
                    b.link(expanded, PIA + "expandsFlow", flow)
                    b.link(expanded, PIA + "viaAnnex", annex)
                    b.link(expanded, PIA + "fromAnnexRow", row)
                    b.link(expanded, PIA + "recipient", body_r)
                    b.text(expanded, PIA + "recipientText", name)
                    item = str(1 + r % 160)
                    basis = provision(_ORDER, [("article", "2"), ("table", "第2条の表"), ("table-item", item)])
                    cite(expanded, f"主務省令第2条の表の{item}の項", basis, "flow-basis")
                    b.link(expanded, DPV + "hasLegalBasis", basis)
                    b.text(expanded, PIA + "purpose", f"別紙の{r}行目の照会事務")
                    extracted(expanded, f"別紙{f_no}/{r}")

    for r in range(1, spec.risks + 1):
        risk = minter.part(a, "risk", r)
        b.node(risk, PIA + "RiskItem")
        b.typed(risk, PIA + "itemNumber", r, "integer")
        b.link(risk, PIA + "processStage", f"{CODE}process-stage/{_STAGES[r % len(_STAGES)]}")
        b.text(risk, PIA + "riskDescription", "目的外の入手が行われるリスク")
        b.text(risk, PIA + "measureText", "システム上で入手できる情報を限定し、職員の操作記録を保存する。" * 3)
        b.link(risk, PIA + "selfRating", f"{CODE}self-rating/{_RATINGS[r % len(_RATINGS)]}")
        b.link(a, PIA + "hasRisk", risk)
        extracted(risk, f"Ⅲ/{r}")
    for c_no in range(1, spec.changes + 1):
        change = minter.part(a, "change", c_no)
        b.node(change, PIA + "ChangeRecord")
        b.typed(change, PIA + "changeDate", date(spec.published.year - 1, 1 + c_no % 12, 1).isoformat(), "date")
        b.text(change, PIA + "changedItem", f"Ⅱ ファイル1 5 提供先{c_no}")
        b.text(change, PIA + "oldText", f"番号法別表第二の{c_no}の項")
        b.text(change, PIA + "newText", f"番号法第19条第8号に基づく主務省令第2条の表の{c_no}の項")
        b.text(change, PIA + "changeReason", "法令改正に伴う変更")
        b.link(a, PIA + "hasChange", change)
        extracted(change, f"別添3/{c_no}")
    return SeedGraph(minter.graph(assessment_id), a, tuple(b.triples))


def _shared_quads(minter: IriMinter) -> list[ox.Quad]:
    """Reference data kept once: laws and the affair-category concepts, in the ontology graph."""
    g = ox.NamedNode(minter.ontology_graph)
    quads = [
        ox.Quad(ox.NamedNode(minter.law(_BANGO)), _TYPE, ox.NamedNode(PIA + "Law"), g),
        ox.Quad(ox.NamedNode(minter.law(_BANGO)), ox.NamedNode(PIA + "eGovLawId"), ox.Literal(_BANGO), g),
        ox.Quad(ox.NamedNode(minter.law(_ORDER)), _TYPE, ox.NamedNode(PIA + "Law"), g),
    ]
    for slug, label in (("long-term-care-insurance", "介護保険"), ("national-health-insurance", "国民健康保険")):
        concept = ox.NamedNode(f"{CODE}affair-category/{slug}")
        quads.append(ox.Quad(concept, _TYPE, ox.NamedNode(SKOS + "Concept"), g))
        quads.append(ox.Quad(concept, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(label, language="ja"), g))
    return quads


def builtin_seed(base: str = DEFAULT_BASE_IRI) -> Seed:
    """Four hand-made assessments (two municipalities share 川崎市) following the graph contract."""
    minter = IriMinter(base)
    graphs = tuple(_build_assessment(spec, minter) for spec in _SPECS)
    return Seed(minter.base, "builtin", graphs, tuple(_shared_quads(minter)))
