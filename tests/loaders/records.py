"""Hand-made AssessmentRecords for the mapping tests, modelled on corpus document 001 (川崎市, 介護保険).

Figures and texts are taken from that document; line numbers are plausible, not exact.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from loaders.map import MappedAssessment, map_assessment
from loaders.model import (
    Acquisition,
    Annex,
    AnnexRow,
    AssessmentRecord,
    BasicInfo,
    ChangeRecord,
    Citation,
    ContactPoint,
    Cover,
    FileRecord,
    Flow,
    LawRef,
    Location,
    OtherMeasure,
    Outsourcing,
    ProcedureStep,
    ProvisionRef,
    RecordItem,
    Risk,
    SourceDocument,
    Span,
    Storage,
    SystemListing,
    Use,
    YearMonth,
)
from pia_kg.iri import IriMinter
from pia_kg.namespaces import sparql_prologue
from pia_kg.store.embedded import EmbeddedStore

BANGO = LawRef("425AC0000000027", "行政手続における特定の個人を識別するための番号の利用等に関する法律", "act", "番号法")
ORDER = LawRef(
    "bango-19-8-order",
    "行政手続における特定の個人を識別するための番号の利用等に関する法律第十九条第八号に基づく利用特定個人情報の提供に関する命令",
    "order",
    "主務省令",
)
ORDINANCE = LawRef(
    "ordinance-川崎市-番号利用条例",
    "川崎市行政手続における特定の個人を識別するための番号の利用等に関する条例",
    "ordinance",
    None,
    "川崎市",
)


def loc(section: str, start: int, end: int | None = None) -> Location:
    return Location(section, Span(start, end or start))


def order_item(item: str) -> ProvisionRef:
    """番号法第19条第8号に基づく主務省令第2条の表の{item}の項."""
    return ProvisionRef(ORDER, article="2", table="第2条の表", table_item=item)


def cite(text: str, where: Location, *provisions: ProvisionRef) -> Citation:
    return Citation(text, provisions, where)


def flow(kind: str, no: int, recipient: str, basis: Citation | None, where: Location, **extra: object) -> Flow:
    values: dict[str, object] = {
        "purpose": None,
        "information": None,
        "subject_count_range": "10万人以上100万人未満",
        "subject_scope": "特定個人情報ファイルの範囲に同じ",
        "methods": ("情報提供ネットワークシステム",) if kind == "provision" else ("庁内連携システム",),
        "method_note": None,
        "timing": "照会を受けた都度",
        "annex": None,
        "annex_row": None,
    }
    values.update(extra)
    return Flow(kind=kind, no=no, recipient=recipient, legal_basis=basis, location=where, **values)  # type: ignore[arg-type]


def kawasaki_kaigo(*, published: date | None = date(2025, 6, 6), sha256: str = "b8" * 32) -> AssessmentRecord:
    """A realistic record of 001 (川崎市 介護保険 全項目評価書) with an annex-expanded flow added."""
    source = SourceDocument("001_b80d6855a7643af9.txt", sha256, "utf-8", "特定個人情報保護評価書(全項目評価書)\n")
    f1 = "Ⅱ/ファイル1"
    p1_loc = loc(f"{f1}/5/提供先1", 260, 267)
    p2_loc = loc(f"{f1}/5/提供先2", 269, 277)
    row_loc = loc("Ⅱ-5別紙", 1201)
    flows = (
        flow(
            "provision",
            1,
            "全国健康保険協会",
            cite("番号法第19条第8号に基づく主務省令第2条の表の2の項", p1_loc, order_item("2")),
            p1_loc,
            purpose="健康保険法による保険給付の支給に関する事務であって主務省令で定めるもの",
            information="介護保険給付等関係情報",
        ),
        flow(
            "provision",
            2,
            "健康保険組合 (別紙参照)",
            cite("番号法第19条第8号に基づく主務省令第2条の表の131の項", p2_loc, order_item("131")),
            p2_loc,
            annex="Ⅱ-5別紙",
        ),
        flow(
            "provision",
            2,
            "後期高齢者医療広域連合",
            cite("第2条の表の132の項", row_loc, order_item("132")),
            row_loc,
            annex="Ⅱ-5別紙",
            annex_row="12",
        ),
        flow(
            "transfer",
            1,
            "財政局税務部市民税管理課",
            cite(
                "番号法第9条第1項別表の24の項",
                loc(f"{f1}/5/移転先1", 434, 441),
                ProvisionRef(BANGO, article="9", paragraph="1", table="別表", table_item="24"),
            ),
            loc(f"{f1}/5/移転先1", 434, 441),
            purpose="番号法第9条第1項別表の24の項に定める事務(地方税賦課事務)",
        ),
        flow(
            "transfer",
            2,
            "健康福祉局医療保険部医療保険課",
            cite(
                "川崎市行政手続における特定の個人を識別するための番号の利用等に関する条例第3条第2項",
                loc(f"{f1}/5/移転先2", 452, 459),
                ProvisionRef(ORDINANCE, article="3", paragraph="2"),
            ),
            loc(f"{f1}/5/移転先2", 452, 459),
        ),
    )
    outsourcing = (
        Outsourcing(
            no=1,
            title="介護保険システム運用保守業務",
            task="維持管理業務、アプリケーション保守業務",
            file_scope="特定個人情報ファイルの全体",
            subject_count_range="10万人以上100万人未満",
            subject_scope="第一号被保険者及び認定を受けた第二号被保険者",
            handler_count_range="10人以上50人未満",
            methods=("専用線",),
            method_note=None,
            confirmation="川崎市ホームページ「入札情報かわさき」にて確認可能",
            contractor="富士通Japan株式会社",
            subcontracting=True,
            subcontract_permission="委託業者から書面による申請に基づき、妥当性を考慮し書面により許諾を回答する。",
            subcontracted_task="運用保守の一部を再委託。",
            location=loc(f"{f1}/4/委託事項1", 185, 197),
        ),
    )
    file1 = FileRecord(
        no=1,
        name="介護保険情報ファイル",
        file_type="システム用ファイル",
        subject_count_range="10万人以上100万人未満",
        subject_scope="第1号被保険者及び世帯員並びに認定を受けた第2号被保険者",
        record_item_count_range="100項目以上",
        record_item_categories=("個人番号", "4情報"),
        retention_start=YearMonth(2015, 10),
        departments=("健康福祉局長寿社会部介護保険課",),
        acquisition=Acquisition(
            ("本人又は本人の代理人", "評価実施機関内の他部署"),
            "財政局市民税管理課",
            ("紙", "庁内連携システム"),
            None,
            "異動が発生した都度",
            "番号法第9条第2項に基づく条例",
            loc(f"{f1}/3", 166, 172),
        ),
        use=Use(
            "被保険者資格情報の管理",
            ("健康福祉局長寿社会部介護保険課",),
            "100人以上500人未満",
            "本人等の申請内容、住民票関係情報",
            "介護保険料の賦課決定",
            date(2016, 1, 1),
            loc(f"{f1}/3", 173, 183),
        ),
        outsourcing_declared=6,
        outsourcing=outsourcing,
        provision_declared=27,
        transfer_declared=10,
        flows=flows,
        storage=Storage("データセンター", "[20年以上]", "システムで自動消去", loc(f"{f1}/6", 560, 575)),
        record_items=(RecordItem(1, "宛名番号", loc("別添2", 1150)), RecordItem(2, "個人番号", loc("別添2", 1151))),
        location=loc(f1, 145, 160),
    )
    basic = BasicInfo(
        affair_name="介護保険法による介護保険に関する事務",
        affair_description="介護保険法に基づき、被保険者の資格管理、保険料の賦課徴収、保険給付を行う。",
        subject_count_range="30万人以上",
        systems=(
            SystemListing(
                3,
                "中間サーバー",
                "符号管理機能、情報照会機能、情報提供機能",
                ("情報提供ネットワークシステム", "庁内連携システム", "宛名システム等"),
                None,
                loc("Ⅰ/2/システム3", 35, 38),
            ),
            SystemListing(
                4, "サービス検索・電子申請機能", None, ("その他",), "申請管理システム", loc("Ⅰ/2/システム4", 39, 42)
            ),
        ),
        file_names=("介護保険情報ファイル",),
        number_use_basis=cite(
            "番号法第9条第1項 別表の100の項",
            loc("Ⅰ/5", 54),
            ProvisionRef(BANGO, article="9", paragraph="1", table="別表", table_item="100"),
        ),
        network_linkage=True,
        network_basis=(
            cite(
                "【情報照会】 番号法第19条第8号に基づく主務省令第2条の表の131の項、132の項",
                loc("Ⅰ/6", 60),
                ProvisionRef(BANGO, article="19", item="8"),
                order_item("131"),
                order_item("132"),
            ),
        ),
        department="健康福祉局長寿社会部介護保険課",
        head_post="介護保険課長",
        other_bodies=None,
        location=loc("Ⅰ", 30, 70),
    )
    cover = Cover(
        form="full",
        number="61",
        title="介護保険法による介護保険に関する事務 全項目評価書",
        form_version="平成30年5月 様式4",
        declaration="川崎市は、介護保険事務における特定個人情報ファイルの取扱いにあたり、...宣言する。",
        special_notes=None,
        assessing_body="神奈川県川崎市市長",
        local_government="川崎市",
        prefecture="神奈川県",
        approval_date=None,
        published=published,
        location=loc("表紙", 1, 21),
    )
    return AssessmentRecord(
        source=source,
        layout="html-cells",
        cover=cover,
        basic=basic,
        files=(file1,),
        risks=(
            Risk(
                1,
                "入手",
                1,
                "目的外の入手が行われるリスク",
                "対象者以外の情報の入手を防止する",
                "十分である",
                loc("Ⅲ/ファイル1/2/リスク1", 640, 650),
            ),
        ),
        other_measures=(OtherMeasure("自己点検", "年1回の自己点検", "十分である", loc("Ⅳ/1", 850, 852)),),
        serious_incident=True,
        serious_incident_text="令和6年3月支給分の国民健康保険高額療養費支給申請書を紛失した。",
        contacts=(ContactPoint("inquiry", "健康福祉局長寿社会部介護保険課", loc("Ⅴ/2", 870, 872)),),
        procedure=(ProcedureStep("public-comment", date(2026, 6, 4), "30日間", loc("Ⅵ/2", 863, 864)),),
        changes=(
            ChangeRecord(
                date(2024, 4, 1),
                "Ⅱ 5 提供先1",
                "別表第二の1の項",
                "第2条の表の2の項",
                "事後",
                "法改正",
                loc("別添3", 1250),
            ),
        ),
        annexes=(
            Annex(
                "Ⅱ-5別紙",
                "情報照会者一覧",
                (
                    AnnexRow(
                        "12",
                        "後期高齢者医療広域連合",
                        cite("第2条の表の132の項", row_loc, order_item("132")),
                        None,
                        None,
                        row_loc,
                    ),
                ),
                loc("Ⅱ-5別紙", 1195, 1210),
            ),
        ),
    )


def second_document() -> AssessmentRecord:
    """Another municipality citing the same provisions, naming the same bodies and vendor."""
    record = kawasaki_kaigo(sha256="c0" * 32)
    cover = replace(
        record.cover, number="12", assessing_body="埼玉県川口市長", local_government="川口市", prefecture="埼玉県"
    )
    return replace(record, cover=cover, source=replace(record.source, name="other.txt", sha256="c0" * 32))


def stored(mapped: MappedAssessment) -> EmbeddedStore:
    """An in-memory store holding one mapped assessment, stored as the pipeline stores it."""
    store = EmbeddedStore(None)
    store.replace_graph(mapped.graph, mapped.nquads, shared=mapped.shared_nquads, shared_graph=mapped.reference_graph)
    return store


def mapped_store(record: AssessmentRecord) -> EmbeddedStore:
    """``record`` mapped with the default IRI base and stored."""
    return stored(map_assessment(record, IriMinter()))


def select(store: EmbeddedStore, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT (with the project's prefixes) as plain strings."""
    return [{k: v.value for k, v in row.items()} for row in store.select(sparql_prologue() + query).rows]
