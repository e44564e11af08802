"""Typed records passed between the loader stages. No RDF here.

reading    -> SourceDocument
segmenting -> SegmentedDocument (labelled blocks with their lines)
extracting -> AssessmentRecord (mirrors the form: cover, I, II per file, III..VI, annexes, changes)
mapping    -> quads (loaders.map)

Conventions:
- A value that could not be read is ``None`` (or an empty tuple for lists); never a guess.
- Checkbox groups are ``tuple[str, ...] | None``: the ticked option labels, or ``None`` when the
  ticks could not be decided. An empty tuple means "read, and nothing ticked".
- Every record carries a ``Location`` (section path and 1-based line range) for provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

FormKind = Literal["full", "focused", "basic"]  # 全項目 / 重点項目 / 基礎項目
FlowKind = Literal["provision", "transfer"]  # 提供 / 移転
Layout = Literal["html-cells", "pdf-text", "markdown-cells"]


@dataclass(frozen=True, order=True)
class YearMonth:
    """A year and month without a day (和暦「平成27年10月」) -> xsd:gYearMonth."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


PartialDate = date | YearMonth


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based inclusive line range in the source text."""

    start: int
    end: int


@dataclass(frozen=True)
class Location:
    """Where a fact was read: the form's section path and the lines."""

    section: str  # e.g. "Ⅱ/ファイル1/5/提供先3"
    span: Span


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SourceDocument:
    """Decoded text of one file, as read (reading stage output)."""

    name: str  # file name (no directories)
    sha256: str  # of the raw bytes
    encoding: str  # codec that decoded it ("utf-8", "utf-8-sig", "utf-16", "cp932", "euc-jp"; "pdf-text" for PDFs)
    text: str
    media_type: str = "text/plain"  # "application/pdf" when the text is a PDF's text layer

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


# ----------------------------------------------------------------------------- segmenting


@dataclass(frozen=True)
class Block:
    """One labelled cell of the form: the headings above it, its label and its value."""

    headings: tuple[str, ...]  # enclosing headings, outermost first, as normalised text
    label: str  # e.g. "①法令上の根拠"; "" for free text under a heading
    value: str  # tags stripped, wrapped tokens joined
    span: Span


@dataclass(frozen=True)
class FieldReading:
    """One field of the form read by the form reader: its value as printed, where, and the rule that placed it."""

    key: str  # "cover.number", "Ⅰ-1.affair_name", "Ⅰ-2.file_names" (the form file's keys, scoped by part)
    value: str | tuple[str, ...]
    rule: str  # beside-label / label-after-value / in-label-order / only-value-of-its-type / form-title / stamp
    span: Span


@dataclass(frozen=True)
class Unread:
    """A field of the form the reader left unread, and why (never a guess)."""

    key: str
    reason: str


@dataclass(frozen=True)
class FormReading:
    """What the form reader found, whatever the layout: the form, its version, the fields it placed and those it
    left unread, and where the text ends (a document cut short is read as far as it goes)."""

    form: FormKind | None
    form_evidence: str | None  # what decided the form: the printed title, the 様式 stamp, the 評価書名
    version: str | None  # 平成26年4月, from the stamp
    fields: tuple[FieldReading, ...]
    unread: tuple[Unread, ...]
    ends_in: str  # the last part of the form the text reaches: "表紙", "Ⅰ-3", "Ⅵ", "別添3"
    missing_sections: tuple[str, ...]  # sections of the form whose heading the text never prints

    def get(self, key: str) -> FieldReading | None:
        return next((f for f in self.fields if f.key == key), None)

    def text(self, key: str) -> str | None:
        found = self.get(key)
        return found.value if found is not None and isinstance(found.value, str) else None

    @property
    def cut_short(self) -> bool:
        return bool(self.missing_sections)


@dataclass(frozen=True)
class SegmentedDocument:
    """A document cut into the form's sections and labelled blocks (segmenting stage output)."""

    source: SourceDocument
    layout: Layout
    form: FormKind | None
    blocks: tuple[Block, ...]
    warnings: tuple[Warning, ...] = ()  # what the segmenter noticed (e.g. a missing section heading)
    # the titles printed in the form's headings, one Block(headings=path, label="title", value=title) per heading
    # ("Ⅰ" -> 基本情報, "Ⅰ/4" -> 個人番号の利用, "別添2" -> 変更箇所): what a section means, whatever its number
    titles: tuple[Block, ...] = ()
    reading: FormReading | None = None  # the form reader's fields (cover, Ⅰ), read from the text whatever the layout


# ----------------------------------------------------------------------------- legal citations


@dataclass(frozen=True)
class LawRef:
    """A law, order or ordinance. ``key`` is its stable identity across documents."""

    key: str  # e-Gov law ID where one exists (番号法 "425AC0000000027"), else a stable slug
    name: str  # canonical name, e.g. "行政手続における特定の個人を識別するための番号の利用等に関する法律"
    kind: Literal["act", "cabinet-order", "ministerial-order", "order", "ordinance", "other"]
    short_name: str | None = None  # "番号法"
    issuer: str | None = None  # the local government for an ordinance


@dataclass(frozen=True)
class ProvisionRef:
    """A parsed provision: the law and as much of the path below it as the text gives."""

    law: LawRef
    article: str | None = None  # "19", "30の6"
    paragraph: str | None = None  # "1"
    item: str | None = None  # "8"
    table: str | None = None  # "別表", "別表第一", "別表第二", "第2条の表"
    table_item: str | None = None  # "131", "82の2"


@dataclass(frozen=True)
class Citation:
    """A citation as written, with every provision it names."""

    text: str
    provisions: tuple[ProvisionRef, ...]
    location: Location


# ----------------------------------------------------------------------------- extracted records


@dataclass(frozen=True)
class Cover:
    form: FormKind | None
    number: str | None  # 評価書番号
    title: str | None  # 評価書名
    form_version: str | None  # "平成30年5月 様式4"
    declaration: str | None
    special_notes: str | None  # 特記事項
    assessing_body: str | None  # 評価実施機関名, e.g. "神奈川県川崎市市長"
    local_government: str | None  # e.g. "川崎市" (derived from the body's name)
    prefecture: str | None  # e.g. "神奈川県" where the text states it
    approval_date: date | None  # 個人情報保護委員会承認日
    published: date | None  # 公表日
    location: Location


@dataclass(frozen=True)
class SystemListing:
    no: int
    name: str
    function: str | None
    connections: tuple[str, ...] | None  # ticked ③他のシステムとの接続 options
    connection_note: str | None  # "その他 (...)" text
    location: Location


@dataclass(frozen=True)
class BasicInfo:
    """Section I 基本情報."""

    affair_name: str | None
    affair_description: str | None
    subject_count_range: str | None  # option text as printed, e.g. "10万人以上100万人未満"
    systems: tuple[SystemListing, ...]
    file_names: tuple[str, ...]
    number_use_basis: Citation | None  # I-5
    network_linkage: bool | None  # I-6 ① 実施する/しない; None if unreadable or 未定
    network_basis: tuple[Citation, ...]  # I-6 ② (照会 and 提供 parts)
    department: str | None  # I-7 ①部署
    head_post: str | None  # I-7 ②所属長の役職名
    other_bodies: str | None  # I-8
    location: Location


@dataclass(frozen=True)
class Acquisition:
    sources: tuple[str, ...] | None  # ticked 入手元
    source_note: str | None
    methods: tuple[str, ...] | None  # ticked 入手方法
    method_note: str | None
    timing: str | None
    notice: str | None  # 本人への明示
    location: Location


@dataclass(frozen=True)
class Use:
    purpose: str | None
    departments: tuple[str, ...]
    user_count_range: str | None
    matching: str | None  # 情報の突合
    decisions: str | None  # 権利利益に影響を与え得る決定
    start_date: PartialDate | None
    location: Location


@dataclass(frozen=True)
class Outsourcing:
    no: int
    title: str | None  # 委託事項N の名称
    task: str | None  # ①委託内容
    file_scope: str | None  # 全体 / 一部
    subject_count_range: str | None
    subject_scope: str | None
    handler_count_range: str | None
    methods: tuple[str, ...] | None
    method_note: str | None
    confirmation: str | None  # ⑤委託先名の確認方法
    contractor: str | None  # ⑥委託先名
    subcontracting: bool | None  # ⑦再委託の有無
    subcontract_permission: str | None
    subcontracted_task: str | None
    location: Location


@dataclass(frozen=True)
class AnnexRow:
    no: str  # as printed ("1", "12の2")
    recipient: str | None
    legal_basis: Citation | None  # the row's table item as a citation
    purpose: str | None
    information: str | None
    location: Location


@dataclass(frozen=True)
class Annex:
    label: str  # "別紙1", "Ⅱ-5別紙"
    title: str | None
    rows: tuple[AnnexRow, ...]
    location: Location


@dataclass(frozen=True)
class Flow:
    """提供先N / 移転先N, or one annex row expanding a flow that says (別紙参照)."""

    kind: FlowKind
    no: int
    recipient: str | None
    legal_basis: Citation | None
    purpose: str | None
    information: str | None
    subject_count_range: str | None
    subject_scope: str | None
    methods: tuple[str, ...] | None
    method_note: str | None
    timing: str | None
    annex: str | None  # the annex label the flow points to, e.g. "Ⅱ-5別紙"
    annex_row: str | None  # set on flows expanded from an annex row: the row's number
    location: Location


@dataclass(frozen=True)
class Storage:
    place: str | None
    period: str | None
    erasure: str | None
    location: Location


@dataclass(frozen=True)
class RecordItem:
    no: int | None
    name: str
    location: Location
    group: str | None = None  # the heading the item is listed under in 別添2 (e.g. "宛名情報")


@dataclass(frozen=True)
class FileRecord:
    """One 特定個人情報ファイル of section II."""

    no: int
    name: str
    file_type: str | None
    subject_count_range: str | None
    subject_scope: str | None
    record_item_count_range: str | None
    record_item_categories: tuple[str, ...] | None
    retention_start: PartialDate | None
    departments: tuple[str, ...]
    acquisition: Acquisition | None
    use: Use | None
    outsourcing_declared: int | None  # 委託 (N) 件
    outsourcing: tuple[Outsourcing, ...]
    provision_declared: int | None  # 提供を行っている (N) 件
    transfer_declared: int | None  # 移転を行っている (N) 件
    flows: tuple[Flow, ...]
    storage: Storage | None
    record_items: tuple[RecordItem, ...]
    location: Location


@dataclass(frozen=True)
class Risk:
    file_no: int | None
    stage: str  # 入手 / 使用 / 委託 / 提供・移転 / 情報提供ネットワークシステムとの接続 / 保管・消去 / その他
    no: int | None
    risk: str
    measures: str | None
    rating: str | None  # 特に力を入れている / 十分である / 課題が残されている
    location: Location


@dataclass(frozen=True)
class OtherMeasure:
    kind: str  # 自己点検 / 監査 / 従業者に対する教育・啓発 / その他
    text: str | None
    rating: str | None
    location: Location


@dataclass(frozen=True)
class ContactPoint:
    kind: Literal["disclosure", "inquiry"]
    text: str
    location: Location


@dataclass(frozen=True)
class ProcedureStep:
    kind: Literal["threshold", "public-comment", "third-party-review"]
    date: PartialDate | None
    text: str | None
    location: Location
    method: str | None = None  # ①方法 (public comment, third-party review: the reviewing body and how)
    opinions: str | None = None  # ④主な意見の内容 (public comment)
    result: str | None = None  # しきい値判断結果 / ⑤評価書への反映 / ③結果


@dataclass(frozen=True)
class ChangeRecord:
    date: PartialDate | None
    item: str | None
    old: str | None
    new: str | None
    timing: str | None  # 事前 / 事後
    reason: str | None
    location: Location


@dataclass(frozen=True)
class Warning:
    """Something the loader noticed and reports (missing field, count mismatch, ...)."""

    message: str
    location: Location | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    """Everything extracted from one document."""

    source: SourceDocument
    layout: Layout
    cover: Cover
    basic: BasicInfo | None
    files: tuple[FileRecord, ...]
    risks: tuple[Risk, ...]
    other_measures: tuple[OtherMeasure, ...]
    serious_incident: bool | None
    serious_incident_text: str | None
    contacts: tuple[ContactPoint, ...]
    procedure: tuple[ProcedureStep, ...]
    changes: tuple[ChangeRecord, ...]
    annexes: tuple[Annex, ...]
    warnings: tuple[Warning, ...] = field(default=())
    reading: FormReading | None = None  # the form reader's reading: form, version, unread fields, where the text ends
