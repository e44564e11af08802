"""PDF-extracted text segmenter: synthetic snippets showing the extraction faults it must survive."""

from __future__ import annotations

import hashlib

from loaders.model import Block, SegmentedDocument, SourceDocument
from loaders.segment import detect_layout
from loaders.segment.pdf_checkbox import read_connection_grid
from loaders.segment.pdf_text import segment


def _segment(text: str) -> SegmentedDocument:
    doc = SourceDocument("snippet.txt", hashlib.sha256(text.encode()).hexdigest(), "utf-8", text)
    return segment(doc)


def _find(doc: SegmentedDocument, label: str) -> list[Block]:
    return [b for b in doc.blocks if b.label == label]


def _only(doc: SegmentedDocument, label: str) -> Block:
    found = _find(doc, label)
    assert len(found) == 1, found
    return found[0]


FILE_HEAD = "Ⅱ　特定個人情報ファイルの概要\n １．特定個人情報ファイル名\n\n住民ファイル\n\n"
SYSTEMS_HEAD = "Ⅰ　基本情報\n ２．特定個人情報ファイルを取り扱う事務において使用するシステム\n\n"


def test_pdf_text_is_the_fallback_layout() -> None:
    text = SYSTEMS_HEAD + " システム1\n\n ①システムの名称 宛名システム\n"
    doc = SourceDocument("x.txt", "0", "utf-8", text)
    assert detect_layout(doc) == "pdf-text"


def test_split_checkbox_bracket_belongs_to_the_next_option() -> None:
    text = SYSTEMS_HEAD + (
        " システム1\n\n ①システムの名称 宛名システム\n\n ②システムの機能 宛名の管理\n\n"
        "[ ] 住民基本台帳ネットワークシステム [ ○\n ③他のシステムとの接続\n\n"
        "[ ○ ] 情報提供ネットワークシステム [\n\n[ ] 宛名システム等 [ ○\n\n"
        "[ ○ ] その他 （ 中間サーバ ）\n\n] 税務システム\n\n] 既存住民基本台帳システム\n\n] 庁内連携システム\n"
    )
    block = _only(_segment(text), "③他のシステムとの接続")
    assert block.headings == ("Ⅰ", "2", "システム1")
    assert block.value == (
        "[○] 情報提供ネットワークシステム [ ] 庁内連携システム [ ] 住民基本台帳ネットワークシステム "
        "[○] 既存住民基本台帳システム [ ] 宛名システム等 [○] 税務システム [○] その他 （中間サーバ）"
    )
    assert block.span.start == text.splitlines().index("[ ] 住民基本台帳ネットワークシステム [ ○") + 1


def test_a_separated_tick_leaves_the_grid_undecided() -> None:
    lines = [
        "[ ] 情報提供ネットワークシステム [",
        "○",
        "[ ] 住民基本台帳ネットワークシステム [ ] 既存住民基本台帳システム",
        "[ ] 宛名システム等 [ ○",
        "[ ] その他 （ ）",
    ]
    assert read_connection_grid(lines) is None  # the lone ○ may be 庁内連携システム's
    assert read_connection_grid([line for line in lines if line != "○"]) is not None
    assert read_connection_grid(lines[:3]) is None  # rows missing: not read


def test_vertical_text_and_split_brackets_are_never_values() -> None:
    text = FILE_HEAD + (
        " ４．特定個人情報ファイルの取扱いの委託\n\n ③委託先名\n\n再\n委\n託\n\n ④再委託の有無　※ [\n\n"
        " ②委託先における取扱者数\n\n再委託する\n"
    )
    doc = _segment(text)
    assert _find(doc, "③委託先名") == []
    assert _find(doc, "④再委託の有無") == []
    assert _find(doc, "②委託先における取扱者数") == []  # another field's option is not this one's value


def test_scrambled_cover_is_read_by_shape() -> None:
    text = (
        "  個人のプライバシー等の権利利益の保護の宣言\n\n 評価書名\n\n住民基本台帳に関する事務　全項目評価書\n\n"
        "評価書番号\n\n12\n\n　甲市は、住民基本台帳事務における特定個人情報ファイルの取扱いにあたり、\n"
        "適切な措置を講じていることを宣言する。\n\n 評価実施機関名\n\n特定個人情報保護評価書（全項目評価書）\n\n"
        " 公表日\n\n甲市長\n\n令和6年4月1日\n\n特記事項\n\n3\n\n"
        "Ⅰ　基本情報\n １．特定個人情報ファイルを取り扱う事務\n\n ①事務の名称 住民基本台帳に関する事務\n"
    )
    doc = _segment(text)
    assert doc.form == "full"
    cover = {b.label: b.value for b in doc.blocks if b.headings == ("表紙",)}
    assert cover["評価書名"] == "住民基本台帳に関する事務 全項目評価書"
    assert cover["評価書番号"] == "12"
    assert cover["評価実施機関名"] == "甲市長"
    assert cover["公表日"] == "令和6年4月1日"
    assert cover["個人のプライバシー等の権利利益の保護の宣言"].endswith("宣言する。")
    assert "特記事項" not in cover  # the "3" near it is a page number, not its value


def test_table_of_contents_is_not_the_body() -> None:
    text = (
        "項目一覧\n\nⅠ　基本情報\n\n（別添１） 事務の内容\n\nⅡ　特定個人情報ファイルの概要\n\n"
        "Ⅵ　評価実施手続\n\n（別添３） 変更箇所\n\n"
        "Ⅰ　基本情報\n １．特定個人情報ファイルを取り扱う事務\n\n ①事務の名称 住民基本台帳に関する事務\n"
    )
    block = _only(_segment(text), "①事務の名称")
    assert block.headings == ("Ⅰ", "1")
    assert block.span.start == len(text.splitlines())


def test_label_printed_before_its_heading_is_placed_by_the_form() -> None:
    text = FILE_HEAD + (
        " ２．基本情報\n\n ⑤保有開始日 平成27年6月1日\n\n ⑨使用開始日 平成27年10月1日\n\n"
        " ３．特定個人情報の入手・使用\n\n ①入手元　※\n"
    )
    doc = _segment(text)
    assert _only(doc, "⑨使用開始日").headings == ("Ⅱ", "ファイル1", "3")
    assert _only(doc, "⑤保有開始日").headings == ("Ⅱ", "ファイル1", "2")
    assert _only(doc, "").headings == ("Ⅱ", "ファイル1", "1")


def test_group_headings_are_not_items_and_continuation_sheets_are() -> None:
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n"
        " 提供先2～5\n\n 提供先20 市町村長\n\n"
        " ７．備考\n\n 提供先21 都道府県知事\n\n"
        " ①法令上の根拠 番号法第１９条第８号に基づく主務省令第２条の表１５８の項\n"
    )
    doc = _segment(text)
    items = {b.headings[-1]: b.value for b in doc.blocks if b.label == "" and b.headings[-1].startswith("提供先")}
    assert items == {"提供先20": "市町村長", "提供先21": "都道府県知事"}
    basis = _only(doc, "①法令上の根拠")
    assert basis.headings == ("Ⅱ", "ファイル1", "5", "提供先21")
    assert not any("～" in h for b in doc.blocks for h in b.headings)


def test_rows_read_in_the_form_order_belong_to_their_item() -> None:
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n 提供先1 都道府県知事\n\n"
        " ①法令上の根拠 表１の項\n\n ②提供先における用途 事務A\n\n 提供先2 市町村長\n\n"
        " ①法令上の根拠 表２の項\n\n ③提供する情報 情報B\n"
    )
    doc = _segment(text)
    owners = {(b.label, b.value): b.headings[-1] for b in doc.blocks if b.label}
    assert owners[("①法令上の根拠", "表１の項")] == "提供先1"
    assert owners[("②提供先における用途", "事務A")] == "提供先1"
    assert owners[("①法令上の根拠", "表２の項")] == "提供先2"
    assert owners[("③提供する情報", "情報B")] == "提供先2"


def test_scrambled_rows_stay_unattributed() -> None:
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n ②提供先における用途 事務A\n\n"
        " ②提供先における用途 事務B\n\n 提供先1 都道府県知事\n\n ⑦時期・頻度 都度\n\n ①法令上の根拠 表１の項\n\n"
        " 提供先2 市町村長\n\n ①法令上の根拠 表２の項\n\n 提供先4 市町村長\n\n 提供先3 都道府県知事\n\n"
        " ①法令上の根拠 表３の項\n"
    )
    doc = _segment(text)
    labelled = [b for b in doc.blocks if b.label]
    assert len(labelled) == 6  # 提供先2 is followed by 提供先4: its rows cannot be told from 提供先3's
    assert all(b.headings == ("Ⅱ", "ファイル1", "5") for b in labelled), labelled


def test_the_first_row_after_an_item_heading_is_that_items() -> None:
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n ⑦時期・頻度 随時\n\n 提供先2～5\n\n"
        " 提供先2 都道府県及び機構\n\n ①法令上の根拠 住基法第１４条\n\n ⑤提供する情報の対象となる本人の範囲 住民\n\n"
        " ②提供先における用途 確認\n\n ①法令上の根拠 住基法第３０条の６\n\n 提供・移転の有無\n\n 提供先1 都道府県\n"
    )
    owners = {b.value: b.headings[-1] for b in _find(_segment(text), "①法令上の根拠")}
    assert owners == {"住基法第１４条": "提供先2", "住基法第３０条の６": "提供先1"}  # the other by elimination


def test_out_of_order_items_keep_their_first_row_only_inside_a_run() -> None:
    items = "".join(f" 提供先{n} 市町村長\n\n ①法令上の根拠 表{n}の項\n\n ⑦時期・頻度 随時\n\n" for n in (21, 22, 23))
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n 提供先3 市町村長\n\n ①法令上の根拠 表3の項\n\n"
        " ②提供先における用途 事務\n\n 提供先2 都道府県知事\n\n ①法令上の根拠 表2の項\n\n ⑦時期・頻度 随時\n\n" + items
    )
    owners = {b.value: b.headings[-1] for b in _find(_segment(text), "①法令上の根拠")}
    # 提供先3 and 2 are printed out of order: their ① rows stay unowned; 21-23 read in a run, each heading with
    # its first row (21's run starts after 2, which is not numbered 20: 21 stays unowned too)
    assert owners == {"表3の項": "5", "表2の項": "5", "表21の項": "5", "表22の項": "提供先22", "表23の項": "提供先23"}


def test_the_last_item_missing_a_label_takes_the_one_left() -> None:
    text = SYSTEMS_HEAD + (
        " ①システムの名称 既存住基システム\n\n システム1\n\n ②システムの機能 住民記録\n\n"
        " システム2\n\n ①システムの名称 中間サーバ\n"
    )
    names = {b.headings[-1]: b.value for b in _find(_segment(text), "①システムの名称")}
    assert names == {"システム1": "既存住基システム", "システム2": "中間サーバ"}


def test_value_printed_before_its_label_on_one_line() -> None:
    text = FILE_HEAD + " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n必要に応じて都度 ⑦時期・頻度\n"
    block = _only(_segment(text), "⑦時期・頻度")
    assert block.value == "必要に応じて都度"
    assert block.headings == ("Ⅱ", "ファイル1", "5")


def test_wrapped_label_and_selection_after_its_options() -> None:
    text = FILE_HEAD + (
        " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n 提供先1 市町村長\n\n"
        " ④提供する情報の対象となる\n本人の数\n\n＜選択肢＞\n1） 1万人未満\n\n[ 10万人以上100万人未満\n"
    )
    block = _only(_segment(text), "④提供する情報の対象となる本人の数")
    assert block.value == "[10万人以上100万人未満]"
    assert block.headings[-1] == "提供先1"
    assert (block.span.start, block.span.end) == (10, 16)  # the label's lines to the selection's


def test_change_history_is_not_read_as_the_body() -> None:
    text = FILE_HEAD + (
        " ２．基本情報\n\n ⑤保有開始日 平成27年6月1日\n\nⅢ　リスク対策\n\n（別添２）変更箇所\n\n"
        "Ⅱ　特定個人情報ファイルの概\n要（２．基本情報）\n\n ⑤保有開始日 平成28年1月1日\n\n 提供先9 市町村長\n"
    )
    doc = _segment(text)
    assert [b.value for b in _find(doc, "⑤保有開始日")] == ["平成27年6月1日"]
    assert not any("提供先9" in b.headings for b in doc.blocks)


def test_annex_table_repeated_on_each_page() -> None:
    header = "項番 情報照会者 事務 情報提供者 利用特定個人情報"
    title = "（別紙１）番号法第１９条第８号に基づく主務省令に定める事務"
    text = (
        f"{header}\n\n{title}\n\n3 健康保険組合 健康保険法による保険給付の支給に関する事務であって\n\n"
        f"厚生労働大臣1\n\n{header}\n\n{title}\n\n69 市町村長又は国民健康\n保険組合\n\n"
        "115 地方税関係情報、住民票関係情報又 は介護保険給付等\n\n厚生労働大臣1\n\n"
        "国家公務員共済組合連\n合会\n\n66\n\n"
        f"{header}\n\n一　ある事務\n\n12 市町村長 頁に題のない表\n"
    )
    doc = _segment(text)
    annex = [b for b in doc.blocks if b.headings == ("別紙1",)]
    assert [b.value for b in annex if b.label == "header"] == [header.replace(" ", "\t")]
    rows = [b.value.split("\t")[:2] for b in annex if b.label == "row"]
    assert rows == [
        ["3", "健康保険組合"],
        ["1", "厚生労働大臣"],
        ["69", "市町村長又は国民健康保険組合"],
        ["66", "国家公務員共済組合連合会"],
        ["12", "市町村長"],  # a page without a title, same header, numbering not restarted: the same annex
    ]
    assert _only(doc, "").value == "番号法第１９条第８号に基づく主務省令に定める事務"
    assert not doc.warnings


QUERIER_HEADER = "項番 情報照会者 事務 情報提供者 利用特定個人情報"
DEPARTMENT_HEADER = "事務 項番 関係課"


def _rows(doc: SegmentedDocument, label: str) -> list[list[str]]:
    return [b.value.split("\t") for b in doc.blocks if b.headings == (label,) and b.label == "row"]


def test_querier_cells_glued_or_wrapped_beside_their_number() -> None:
    text = (
        f"{QUERIER_HEADER}\n\n（別紙１）ある命令に定める事務\n\n"
        "厚生労働大臣5 地方税関係情報又 は住民票関係情報であって第七条で\n定めるもの\n\n"
        "都道府県知事等81\n\n"
        "後期高齢者医療広域連\n合\n\n115 地方税関係情報、住民票関係情報又 は介護保険給付等\n\n"
        "日本私立学校振興・共\n済事業団\n\n57\n\n"
        "163 地域優良賃貸住宅制度\n要綱に規定する住宅の\n供給を行う市町村長\n\n"
        "12 地方税関係情報又 は住民票関係情報であって\n\n"  # a wide cell after a number: no recipient
        "市町村長又は都道府\n県知事\n\n7\n\n\n\n"  # a lone number before the page break: the page number
    )
    assert [row[:2] for row in _rows(_segment(text), "別紙1")] == [
        ["5", "厚生労働大臣"],
        ["81", "都道府県知事等"],
        ["115", "後期高齢者医療広域連合"],
        ["57", "日本私立学校振興・共済事業団"],
        ["163", "地域優良賃貸住宅制度要綱に規定する住宅の供給を行う市町村長"],
    ]


def test_department_cells_read_by_the_header_order() -> None:
    text = (
        f"{DEPARTMENT_HEADER}\n\n（別紙２）ある法律別表（情報提供先の事務）\n\n"
        "教職員課38就学援助\n\n"  # glued: department, number, affair
        "健康教育\n課\n\n40\n学校保健\n安全\n\n"  # the department wrapped in its own box, then the number
        "児童福祉 9 障害福祉\n課、保育\n課\n\n"  # 事務 項番 関係課 spaced, as the header prints them
        "精神障害者\n福祉\n\n22 障害福祉\n課\n\n"  # the number, then the department: the box before is 事務
        "社会福祉\n課\n\n82の\n2\n\n災害弔慰金\n\n"  # an item number wrapped in its cell
        "戦没者援護 32 社会福祉\n\n課\n戦傷病者戦没者遺族等援護法（昭和二十\n年法律第百二十七号）による援護\n"
    )
    assert _rows(_segment(text), "別紙2") == [
        ["就学援助", "38", "教職員課"],
        ["学校保健安全", "40", "健康教育課"],
        ["児童福祉", "9", "障害福祉課、保育課"],
        ["", "22", "障害福祉課"],
        ["", "82の2", "社会福祉課"],
        ["戦没者援護", "32", "社会福祉課"],  # as wide as the column: its last line was put atop the next box
    ]


def test_header_lines_repeated_on_every_page_end_before_the_first_row() -> None:
    page = f"{DEPARTMENT_HEADER}\n別表上の「事務」\n\n（平成26年9月10日公布）\n"
    text = (
        f"{page}\n（別紙２）ある法律別表\n\n教職員課38就学援助\n\n\n\n"
        f"{page}戦没者援護 32 社会福祉\n課\n\n{page}市営住宅 52 建築住宅\n課\n"
    )
    assert [row[1:] for row in _rows(_segment(text), "別紙2")] == [
        ["38", "教職員課"],
        ["32", "社会福祉課"],
        ["52", "建築住宅課"],
    ]


ANNEX_POINTERS = (
    FILE_HEAD + " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n"
    " 提供先1 番号法別表に定める情報提供先の事務（別紙１参照）\n\n"
    " 移転先1 番号法別表に定める情報移転先の事務（別紙２参照）\n\n"
)
TITLED_PAGE = f"{DEPARTMENT_HEADER}\n\n（別紙１）ある法律別表（情報提供先の事務）\n\n教職員課38就学援助\n\n1\n\n\n\n"
UNTITLED_PAGE = f"{DEPARTMENT_HEADER}\n\n保険年金\n課\n\n44国民健康保\n険\n\n1\n\n\n\n"


def test_an_untitled_annex_is_the_one_the_body_points_to_and_no_page_titles() -> None:
    doc = _segment(ANNEX_POINTERS + TITLED_PAGE + UNTITLED_PAGE + f"{DEPARTMENT_HEADER}\n\n健康課70\n")
    assert _rows(doc, "別紙1") == [["就学援助", "38", "教職員課"]]
    assert _rows(doc, "別紙2") == [["国民健康保険", "44", "保険年金課"], ["", "70", "健康課"]]  # pages 1 and 2
    assert [(w.location.section, w.location.span.start) for w in doc.warnings if "別紙2" in w.message] == [
        ("別紙2", (ANNEX_POINTERS + TITLED_PAGE).count("\n") + 1)
    ]


def test_untitled_annexes_that_cannot_be_told_apart_are_not_read() -> None:
    pointers = ANNEX_POINTERS.replace("（別紙２参照）", "（別紙３参照）") + " 移転先2 （別紙２参照）\n\n"
    doc = _segment(pointers + TITLED_PAGE + UNTITLED_PAGE)
    assert not [b for b in doc.blocks if b.headings[0].startswith("別紙") and b.headings != ("別紙1",)]
    assert any("print no title" in w.message for w in doc.warnings)
    doc = _segment(ANNEX_POINTERS + UNTITLED_PAGE + TITLED_PAGE)  # printed before 別紙1: not 別紙2's place
    assert not [b for b in doc.blocks if b.headings == ("別紙2",)]


def test_change_history_rows_whose_cells_follow_each_other() -> None:
    text = FILE_HEAD + (
        "Ⅲ　リスク対策\n\n（別添２）変更箇所\n\n変更日 項目 変更前の記載 変更後の記載 提出時期 提出時期に係る説明\n\n"
        "令和7年7月31日\n\nⅡ　特定個人情報ファイルの概\n要（５．提供先４）\n\n①法令上の根拠\n別表第２の１６の項\n\n"
        "①法令上の根拠\n主務省令第２条の表２０の項\n\n事後\n重要な変更に該当しない\n\n"
        "令和6年1月1日\n\n令和6年2月1日\n\nⅡ　特定個人情報ファイルの概\n要（２．基本情報）\n\n旧\n\n新\n\n事前\n\n"
        "Ⅰ基本情報（７．担当部署）\n\n旧\n\n事後\n"
    )
    rows = [b for b in _segment(text).blocks if b.headings == ("別添2",) and b.label == "row"]
    assert [r.value.split("\t") for r in rows] == [
        [
            "令和7年7月31日",
            "Ⅱ 特定個人情報ファイルの概要（５．提供先４）",
            "①法令上の根拠\n別表第２の１６の項",
            "①法令上の根拠\n主務省令第２条の表２０の項",
            "事後",
            "重要な変更に該当しない",
        ],
        ["", "Ⅱ 特定個人情報ファイルの概要（２．基本情報）", "旧", "新", "事前", ""],  # dates printed together
    ]  # the last row has one text cell: which of old and new it is cannot be told


FLOWS_HEAD = FILE_HEAD + " ５．特定個人情報の提供・移転（委託に伴うものを除く。）\n\n"


def _listed_items(kind: str, count: int) -> str:
    return "".join(f" {kind}{n} 市町村長\n\n" for n in range(1, count + 1))


def test_scrambled_flow_counts_are_read_when_they_are_the_numbers_of_items_listed() -> None:
    # 000's layout: the count of one option printed beside the other's text, the other's in a loose bracket
    scrambled = "] 提供を行っている 3 ） 件\n\n ②提供先における用途 事務\n\n 提供・移転の有無\n\n（ ○2\n\n"
    doc = _segment(FLOWS_HEAD + scrambled + _listed_items("提供先", 2) + _listed_items("移転先", 3))
    assert _only(doc, "提供・移転の有無").value == "提供を行っている （2） 件 移転を行っている （3） 件"


def test_scrambled_flow_counts_that_do_not_bound_the_items_listed_are_not_read() -> None:
    scrambled = "] 提供を行っている 3 ） 件\n\n 提供・移転の有無\n\n（ ○4\n\n"
    doc = _segment(FLOWS_HEAD + scrambled + _listed_items("提供先", 2) + _listed_items("移転先", 3))
    assert _find(doc, "提供・移転の有無") == []


def test_a_bare_outsourcing_count_beside_a_split_bracket_is_read_when_it_bounds_the_items() -> None:
    def text(count: int) -> str:
        outsourcing = " ４．特定個人情報ファイルの取扱いの委託\n\n （\n\n ）　件\n\n 委託の有無 [ 委託する ]\n\n"
        return FILE_HEAD + outsourcing + f"{count}\n\n" + _listed_items("委託事項", 2)

    assert _only(_segment(text(2)), "委託の有無").value == "[委託する] （2） 件"
    assert _only(_segment(text(3)), "委託の有無").value == "[委託する]"


def test_a_recipient_printed_below_its_heading_in_the_same_box_is_the_items() -> None:
    text = FLOWS_HEAD + (
        " 移転先1 財政局税務部市民税管理課\n\n"
        " 移転先2\n健康福祉局障害保健福祉部障害福祉課、こども未来局児童\n家庭支援・虐待対策室\n\n"
        " ①法令上の根拠 条例第３条第２項\n\n 移転先3\n\n ①法令上の根拠 条例第３条第３項\n"
    )
    recipients = {
        b.headings[-1]: (b.value, b.span) for b in _segment(text).blocks if b.label == "" and b.headings[-1:] != ("5",)
    }
    assert recipients["移転先2"][0] == "健康福祉局障害保健福祉部障害福祉課、こども未来局児童家庭支援・虐待対策室"
    assert recipients["移転先2"][1].end - recipients["移転先2"][1].start == 2  # the heading and the two lines
    assert "移転先3" not in recipients  # a heading alone in its box prints no recipient


def _change(day: str, item: str, new: str) -> str:
    return f"{day}\n\nⅡ　特定個人情報ファイルの概\n要（５．{item}）\n\n旧\n\n{new}\n\n事後\n説明\n\n"


RESTATED_BODY = FLOWS_HEAD + (
    " 提供先3\n\n ②提供先における用途 事務C\n\n都道府県知事\n\n 提供先2 市町村長\n\n"
    " ①法令上の根拠 主務省令第２条の表３の項\n\n ①法令上の根拠\n\n ③提供する情報 情報B\n\n主務省令第２条の表２の項\n\n"
    " 提供先1 都道府県知事\n\n ⑦時期・頻度 随時\n\n ①法令上の根拠 主務省令第２条の表１の項\n\n"
)
HISTORY_HEAD = (
    "Ⅲ　リスク対策\n\n（別添２）変更箇所\n\n変更日 項目 変更前の記載 変更後の記載 提出時期 提出時期に係る説明\n\n"
)


def _flow_rows(text: str) -> dict[tuple[str, str], tuple[str, int, int]]:
    return {
        (b.headings[-1], b.label): (b.value, b.span.start, b.span.end)
        for b in _segment(text).blocks
        if b.headings[:3] == ("Ⅱ", "ファイル1", "5") and len(b.headings) == 4
    }


def test_rows_and_recipients_the_change_history_restates_are_the_items() -> None:
    history = HISTORY_HEAD + (
        _change("令和7年7月31日", "提供先３", "都道府県知事 ①法令上の根拠 主務省令第２条の表３の項")
        # the latest date: restated beside another recipient, and with a slip 「第２上の表」, still 提供先2's row
        + _change("令和7年7月31日", "提供先２", "都道府県知事 ①法令上の根拠 主務省令第２上の表２の項")
        + _change("令和2年3月31日", "提供先１", "市町村長 ①法令上の根拠 主務省令第２条の表１の項")
    )
    rows = _flow_rows(RESTATED_BODY + history)
    # 提供先3's heading prints no recipient: the loose 「都道府県知事」 box its restatement names is its
    assert rows[("提供先3", "")] == ("都道府県知事", 8, 12)
    assert rows[("提供先3", "①法令上の根拠")][0] == "主務省令第２条の表３の項"
    # 提供先2's ① is printed empty, its text in a loose box: the restated text decides, the block spans both
    assert rows[("提供先2", "①法令上の根拠")] == ("主務省令第２条の表２の項", 18, 22)
    # 提供先1's restatement (an older date, another recipient) decides nothing: the one ① left is its
    assert rows[("提供先1", "①法令上の根拠")][0] == "主務省令第２条の表１の項"


def test_without_a_current_restatement_the_loose_boxes_stay_unread() -> None:
    history = HISTORY_HEAD + (
        _change("令和2年3月31日", "提供先３", "都道府県知事 ①法令上の根拠 主務省令第２条の表３の項")
        + _change("令和7年7月31日", "提供先４", "市町村長 ①法令上の根拠 主務省令第２条の表４の項")
        # a 項目 naming 提供先2 whose text names 提供先5: which item it is cannot be told
        + _change("令和7年7月31日", "提供先２", "提供先５ 市町村長 ①法令上の根拠 主務省令第２条の表２の項")
    )
    rows = _flow_rows(RESTATED_BODY + history)
    assert ("提供先3", "") not in rows
    assert ("提供先2", "①法令上の根拠") not in rows or rows[("提供先2", "①法令上の根拠")][
        0
    ] != "主務省令第２条の表２の項"


OUTSOURCING_HEAD = FILE_HEAD + " ４．特定個人情報ファイルの取扱いの委託\n\n"


def _outsourcing_history(text: str) -> str:
    """A change-history row restating 委託事項3's ①委託内容 on its latest date."""
    item = "Ⅱ　特定個人情報ファイルの概\n要（４．特定個人情報ファイルの\n取扱いの委託　委託事項３　①\n委託内容）"
    return HISTORY_HEAD + f"令和7年7月31日\n\n{item}\n\n旧\n\n{text}\n\n事後\n説明\n"


def _outsourcing_rows(text: str) -> dict[tuple[str, str], list[str]]:
    rows: dict[tuple[str, str], list[str]] = {}
    for b in _segment(text).blocks:
        if b.headings[:3] == ("Ⅱ", "ファイル1", "4") and b.label:
            rows.setdefault((b.headings[-1], b.label), []).append(b.value)
    return rows


def _whole_table(first: str, second: str) -> str:
    """000's layout: two items' tables printed before their headings, the first item's ① restated."""
    return (
        OUTSOURCING_HEAD
        + (
            " ①委託内容 レセプト管理\n\n ②委託先における取扱者数 [\n\n"
            f"{first}\n\n再\n委\n託\n\n{second}\n\n ⑤再委託の許諾方法\n\n ⑥再委託事項\n\n"
            " ③委託先名 B基金\n\n ④再委託の有無　※ [\n\n ⑤再委託の許諾方法 書面により許諾する\n\n ⑥再委託事項\n\n"
            " 委託事項1\n\n 委託事項2\n\n 委託事項3\n\n 委託事項4\n\n"
        )
        + _outsourcing_history("レセプト管理")
    )


def test_an_items_whole_table_printed_in_the_form_order_is_that_items() -> None:
    rows = _outsourcing_rows(_whole_table(" ③委託先名 A株式会社", " ④再委託の有無　※ ["))
    assert rows[("委託事項3", "①委託内容")] == ["レセプト管理"]  # restated by the change history
    # ①..⑥ read once each, rising, in one run with that ①: the run is 委託事項3's table
    assert rows[("委託事項3", "③委託先名")] == ["A株式会社"]
    assert rows[("4", "③委託先名")] == ["B基金"]  # the other table holds no decided row: its item is unknown


def test_a_table_run_out_of_the_form_order_stays_unowned() -> None:
    rows = _outsourcing_rows(_whole_table(" ④再委託の有無　※ [", " ③委託先名 A株式会社"))
    assert rows[("委託事項3", "①委託内容")] == ["レセプト管理"]
    assert ("委託事項3", "③委託先名") not in rows  # ③ after ④: the rows may be two items'
    assert rows[("4", "③委託先名")] == ["A株式会社", "B基金"]


def test_item_headings_within_the_declared_count_are_listed_with_nothing_read() -> None:
    def items(count: str) -> set[str]:
        flag = " 委託の有無 [ 委託する ]\n\n" + (f"（{count}） 件\n\n" if count else "")
        text = OUTSOURCING_HEAD + flag + " 委託事項1\n\n 委託事項2\n\n 委託事項3\n\n 委託事項4\n"
        return {b.headings[-1] for b in _segment(text).blocks if len(b.headings) == 4}

    assert items("4") == {"委託事項1", "委託事項2", "委託事項3", "委託事項4"}
    assert items("3") == {"委託事項1", "委託事項2", "委託事項3"}  # 委託事項4: an empty table beyond the count
    assert items("") == set()  # no count: the headings may be the empty tables the form prints
