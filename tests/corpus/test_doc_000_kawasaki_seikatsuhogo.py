"""000: 川崎市 生活保護 重点項目評価書, PDF text extraction with table cells out of order.

Expectations written from a reading of the document itself. In this extraction most item tables come out
scrambled (items printed 10 before 9, rows of one item between another's heading and rows), so the test
also pins down what must NOT be read: rows whose item cannot be decided stay unowned. The change history
(別添2) confirms the point: it restates 提供先3 as 表１８の項 and 提供先4 as 表２０の項, while the body prints
表１８の項 right under 提供先4's heading.
"""

from __future__ import annotations

from corpus_blocks import blocks_at, value_at

from loaders.model import AssessmentRecord, SegmentedDocument, SourceDocument
from loaders.segment.pdf_form import compact

NAME = "000_f28069411e69241a.txt"
FLOWS = ("Ⅱ", "ファイル1", "5")


def _items(doc: SegmentedDocument, kind: str) -> dict[int, str]:
    return {
        int(b.headings[-1].removeprefix(kind)): b.value
        for b in doc.blocks
        if b.label == "" and b.headings[:3] == FLOWS and b.headings[-1].startswith(kind)
    }


def test_layout_and_cover(doc: SegmentedDocument) -> None:
    assert doc.layout == "pdf-text"
    assert doc.form == "focused"
    cover = {b.label: b.value for b in blocks_at(doc, "表紙")}
    assert cover["評価書名"] == "生活保護の決定及び実施、就労自立給付金の支給等に関する事務 重点項目評価書"
    assert cover["個人のプライバシー等の権利利益の保護の宣言"].startswith("川崎市は、生活保護の決定及び実施")
    # this extraction lost the cover table: number, body and dates are not printed anywhere
    assert set(cover) == {"評価書名", "個人のプライバシー等の権利利益の保護の宣言"}


def test_systems_are_numbered_where_the_change_history_restates_them(doc: SegmentedDocument) -> None:
    names = {b.headings[-1]: b.value for b in doc.blocks if b.label == "①システムの名称"}
    # the items come out as システム1, 2, 4, 3, 5 with their rows interleaved. The change history restates
    # システム4 and 5 with their names (【①システムの名称】...); 2 and 3 then read in order among the items left,
    # each with its name in the box right after its heading; システム1 takes the one name left
    assert names == {
        "システム1": "福祉総合情報システム（生活保護システム）",
        "システム2": "システム連携基盤",
        "システム3": "中間サーバー",
        "システム4": "生活保護等版レセプト管理クラウド",
        "システム5": "医療保険者等向け中間サーバー等",
    }
    assert not [b for b in doc.blocks if b.label == "③他のシステムとの接続"]  # ticks scattered over the page


def test_section_one(doc: SegmentedDocument) -> None:
    assert value_at(doc, "①事務の名称", "Ⅰ", "1") == "生活保護の決定及び実施、就労自立給付金の支給等に関する事務"
    assert value_at(doc, "③対象人数", "Ⅰ", "1") == "[1万人以上10万人未満]"
    use = value_at(doc, "法令上の根拠", "Ⅰ", "4")  # 重点項目評価書: 4. 個人番号の利用
    assert use.startswith("・番号法第９条第１項 別表の２３の項\n・川崎市行政手続における特定の個人を識別するための")
    linkage = [b for b in blocks_at(doc, "Ⅰ", "5") if b.label == "①実施の有無"]
    assert [b.value for b in linkage] == ["[実施する]"]  # the option printed alone, 14 lines above its label
    assert linkage[0].span.start < linkage[0].span.end
    network = value_at(doc, "②法令上の根拠", "Ⅰ", "5")
    assert network.startswith(
        "【情報照会】番号法第１９条第８号に基づく主務省令第２条の表４２の項、１６１の項\n【情報提供】"
    )
    assert compact(network).endswith("１７１の項、１７２の項")
    assert value_at(doc, "①部署", "Ⅰ", "6") == "健康福祉局生活保護・自立支援室"
    assert value_at(doc, "②所属長の役職名", "Ⅰ", "6") == "保護指導担当課長"


def test_file_basics(doc: SegmentedDocument) -> None:
    assert value_at(doc, "", "Ⅱ", "ファイル1", "1") == "生活保護ファイル"
    assert value_at(doc, "①ファイルの種類", "Ⅱ", "ファイル1", "2") == "[システム用ファイル]"
    assert value_at(doc, "⑤保有開始日", "Ⅱ", "ファイル1", "2") == "平成27年10月"
    assert value_at(doc, "使用部署", "Ⅱ", "ファイル1", "3") == "健康福祉局生活保護・自立支援室\n各区保護課"
    assert value_at(doc, "⑥使用開始日", "Ⅱ", "ファイル1", "3") == "平成28年1月1日"


def test_outsourcing_read_but_not_given_to_items(doc: SegmentedDocument) -> None:
    # the count is printed apart from its brackets: read because it is the number of 委託事項 listed
    assert value_at(doc, "委託の有無", "Ⅱ", "ファイル1", "4") == "[委託する] （4） 件"
    # 委託事項3's ①..⑥ are printed in one run in the form's order, its ① restated by the change history: the run's
    # ③ is its contractor. The other tables are printed out of the form's order (③④①②⑤⑥, ②⑤⑥④①③) or apart:
    # which item each ③ is cannot be told, so they stay at the subsection (the loose 「富士通Japan 株式会社」 box that
    # is the value of the ③ printed empty is not read at all).
    owned = [(b.headings[-1], b.value) for b in doc.blocks if b.label == "③委託先名" and len(b.headings) == 4]
    assert owned == [("委託事項3", "富士通Japan 株式会社")]
    loose = sorted(b.value for b in blocks_at(doc, "Ⅱ", "ファイル1", "4") if b.label == "③委託先名")
    assert loose == ["富士通Japan 株式会社", "社会保険診療報酬支払基金"]
    # vertical 再委託 and other fields' options are never taken as a value
    assert not [b for b in doc.blocks if b.value in ("再委託", "再委託する", "10人以上50人未満") and b.label]


def test_outsourcing_items_bounded_by_the_declared_count(record: AssessmentRecord) -> None:
    # 委託事項2 and 4 are printed as bare headings (their titles and rows are loose boxes): listed because the
    # declared 「（4）件」 includes them, every field unread and named in the warnings
    (file,) = record.files
    assert [o.no for o in file.outsourcing] == [1, 2, 3, 4]
    read = [(o.no, o.contractor, o.subcontracting) for o in file.outsourcing]
    assert read == [(1, None, None), (2, None, None), (3, "富士通Japan 株式会社", None), (4, None, None)]
    unread = {(w.location.section, w.message) for w in record.warnings if w.location}
    for no in (1, 2, 4):
        assert (f"Ⅱ/ファイル1/4/委託事項{no}", "③委託先名: not found") in unread
    for no in (1, 2, 3, 4):
        assert (f"Ⅱ/ファイル1/4/委託事項{no}", "④再委託の有無: not found") in unread
    assert not [w for w in record.warnings if w.message.startswith("委託")]  # 4 declared, 4 listed


def test_recipients_including_the_continuation_sheet(doc: SegmentedDocument) -> None:
    provision = _items(doc, "提供先")
    assert provision[1] == "都道府県知事"  # printed as "都道府県知事 提供先1"
    assert provision[2] == "市町村長"
    assert provision[9] == "公営住宅法第２条第１６号に規定する事業主体である都道府県知事又は市町村長"
    assert provision[10] == "厚生労働大臣"
    assert provision[18] == "独立行政法人日本学生支援機構"
    assert provision[22] == "文部科学大臣、都道府県知事又は都道府県教育委員会"
    assert provision[35] == "都道府県知事又は都道府県教育委員会"
    # 提供先3's recipient is printed apart, in a loose box: read because the change history's latest restatement of
    # 提供先3 names it and no other heading without a recipient restates that text
    assert provision[3] == "都道府県知事"
    assert sorted(provision) == list(range(1, 36))
    transfer = _items(doc, "移転先")
    assert transfer[1] == "こども未来局児童家庭支援・虐待対策室"
    assert transfer[29] == "健康福祉局医療保険部医療保険課"
    # 移転先17's recipient is printed under its heading, in the same box, wrapped over two lines
    assert transfer[17] == (
        "健康福祉局障害保健福祉部障害福祉課、健康福祉局医療保険部国民年金・福祉医療課、こども未来局児童家庭支援・虐待対策室"
    )
    assert sorted(transfer) == [n for n in range(1, 30) if n not in (3, 9)]  # 3's and 9's are printed apart


def test_legal_bases_are_not_guessed(doc: SegmentedDocument) -> None:
    bases = [b for b in doc.blocks if b.label == "①法令上の根拠" and b.headings[:3] == FLOWS]
    texts = {compact(b.value) for b in bases}
    assert "番号法第１９条第８号に基づく主務省令第２条の表１８の項" in texts
    assert "番号法第１９条第８号に基づく主務省令第２条の表２０の項" in texts
    # items printed out of order (提供先1-15, 移転先1-20): a basis is given to an item there only where the change
    # history restates it: 表２０ for 提供先4, printed after 提供先3's heading; 表１８, under 提供先4's heading, for
    # 提供先3 (whose restated recipient is the loose 「都道府県知事」 box); 表１４ for 提供先2, restated on the
    # history's latest date (beside another recipient than the body prints: the item number is this version's)
    owned = {b.headings[-1]: compact(b.value) for b in bases if b.headings != FLOWS}
    assert owned["提供先3"].endswith("表１８の項") and owned["提供先4"].endswith("表２０の項")
    assert owned["提供先2"].endswith("表１４の項")
    # 提供先5, 6 and 12 print their ① empty and its text apart, in a loose box: restated, the text is theirs
    assert owned["提供先5"].endswith("表４０の項") and owned["提供先12"].endswith("表８６の項")
    # 移転先17, the one transfer left without its ①, takes the one ① left (elimination)
    assert "別表第２の２７の項" in owned["移転先17"]
    # the continuation sheets (提供先16-35, 移転先22-29) read in runs, each heading with its ① in the next box
    assert [b for b in bases if b.headings == FLOWS] == []
    assert set(owned) == {f"提供先{n}" for n in range(1, 36)} | {f"移転先{n}" for n in range(1, 30)}
    assert owned["提供先16"].endswith("表１２５の項")
    assert owned["提供先27"].endswith("表６９の項")
    assert owned["移転先22"].endswith("別表第２の１２の項）")


def test_risks(doc: SegmentedDocument) -> None:
    risks = {b.value for b in doc.blocks if b.label == "" and b.headings[-1].startswith("リスク")}
    assert "目的外の入手が行われるリスク" in risks
    assert "特定個人情報の漏えい・滅失・毀損リスク" in risks


def test_change_history_rows_read_in_order(doc: SegmentedDocument, source: SourceDocument) -> None:
    start = next(n for n, line in enumerate(source.lines, start=1) if n > 100 and "（別添２）変更箇所" in line)
    late = [b for b in doc.blocks if b.span.start > start]
    assert {b.headings for b in late} == {("別添2",)}  # its cells restate labels: none is read as the body
    assert [b.value for b in late if b.label == "header"] == [
        "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明"
    ]
    rows = [b.value.split("\t") for b in late if b.label == "row"]
    assert len(rows) == 210
    # older rows name section Ⅰ by its former title 関連情報 (as the 基礎項目評価書 prints it); they are rows too
    assert sum(1 for r in rows if r[1].startswith("Ⅰ関連情報")) == 3
    provision4 = next(r for r in rows if r[1].endswith("提供先４）"))
    assert provision4[0] == "令和7年7月31日"
    assert compact(provision4[2]) == "都道府県知事又は市町村長①法令上の根拠番号法第１９条第８号別表第２の１６の項"
    assert compact(provision4[3]).endswith("主務省令第２条の表２０の項")
    assert provision4[4] == "事後"
    assert {r[4] for r in rows} <= {"事前", "事後"}


def test_every_block_points_at_its_lines(doc: SegmentedDocument, source: SourceDocument) -> None:
    lines = source.lines
    for block in doc.blocks:
        assert 1 <= block.span.start <= block.span.end <= len(lines)
        text = compact("".join(lines[block.span.start - 1 : block.span.end]))
        if block.label == "header":  # the form's captions; this extraction prints some of them on that line
            assert "変更前の記載" in text, block
            continue
        if block.label == "row":
            assert all(compact(cell) in text for cell in block.value.split("\t")), block
            continue
        if block.label and block.headings != ("表紙",):  # the cover's labels are not printed in this extraction
            assert compact(block.label)[:4] in text, block
        if block.value and not block.value.startswith("["):
            assert compact(block.value)[:6] in text, block


def test_record_end_to_end(record: AssessmentRecord) -> None:
    assert record.layout == "pdf-text"
    assert record.cover.form == "focused"
    assert record.cover.title == "生活保護の決定及び実施、就労自立給付金の支給等に関する事務 重点項目評価書"
    assert record.cover.assessing_body is None
    assert [f.name for f in record.files] == ["生活保護ファイル"]
    recipients = {(f.kind, f.no): f.recipient for f in record.files[0].flows if f.annex_row is None}
    assert recipients[("provision", 21)] == "都道府県知事"
    assert recipients[("transfer", 29)] == "健康福祉局医療保険部医療保険課"
    bases = {(f.kind, f.no): f.legal_basis.text for f in record.files[0].flows if f.legal_basis is not None}
    # decided by the change history, which restates these items with the same recipient and basis
    assert bases[("provision", 4)] == "番号法第１９条第８号に基づく主務省令第２条の表２０の項"
    assert bases[("provision", 17)] == "番号法第１９条第８号に基づく主務省令第２条の表１３２の項"
    assert bases[("provision", 21)] == "番号法第１９条第８号に基づく主務省令第２条の表１５８の項"
    # its recipient is printed apart from its heading; the change history restates both
    assert bases[("provision", 3)] == "番号法第１９条第８号に基づく主務省令第２条の表１８の項"
    assert record.warnings  # what could not be read is reported


def test_record_read_by_the_focused_forms_numbering(record: AssessmentRecord) -> None:
    """重点項目評価書: 個人番号の利用 Ⅰ-4, 情報連携 Ⅰ-5, 担当部署 Ⅰ-6, Ⅳ contacts, 別添1 record items, 別添2 changes."""
    basic = record.basic
    assert basic is not None and basic.number_use_basis is not None
    assert basic.number_use_basis.location.section == "Ⅰ/4"
    assert basic.number_use_basis.text.startswith("・番号法第９条第１項 別表の２３の項")
    assert basic.network_linkage is True
    assert [c.text.split()[0] for c in basic.network_basis] == ["【情報照会】", "【情報提供】"]
    assert (basic.department, basic.head_post) == ("健康福祉局生活保護・自立支援室", "保護指導担当課長")
    assert [(c.kind, c.location.section) for c in record.contacts] == [("disclosure", "Ⅳ/1"), ("inquiry", "Ⅳ/2")]
    items = record.files[0].record_items
    assert len(items) == 131 and {i.location.section for i in items} == {"別添1"}
    assert (items[0].group, items[0].name) == ("決定関連情報", "氏名")
    assert "資産保有情報（土地、家屋、車、各金融機関残高）" in {i.name for i in items}
    assert len(record.changes) == 210 and {c.location.section for c in record.changes} == {"別添2"}
