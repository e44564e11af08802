"""003: 高崎市 住民基本台帳 全項目評価書, PDF text extraction (three files, 別紙1-3).

Expectations written from a reading of the document itself: what a reader can decide from the text, and
what the segmenter must leave unread because the extraction lost it (the cover's 公表日, the change
history's rows, rows printed out of order).
"""

from __future__ import annotations

from corpus_blocks import blocks_at, value_at

from loaders.model import AssessmentRecord, SegmentedDocument, SourceDocument
from loaders.segment.pdf_form import compact

NAME = "003_397d9b1e6256da99.txt"


def test_layout_and_cover(doc: SegmentedDocument) -> None:
    assert doc.layout == "pdf-text"
    assert doc.form == "full"
    cover = {b.label: b.value for b in blocks_at(doc, "表紙")}
    assert cover["評価書名"] == "住民基本台帳に関する事務 全項目評価書"
    assert cover["評価書番号"] == "1"
    assert cover["評価実施機関名"] == "高崎市長"  # printed after the form title, which sits under the label
    assert cover["個人のプライバシー等の権利利益の保護の宣言"].startswith("高崎市は、住民基本台帳事務における")
    assert "公表日" not in cover  # no date is printed on this cover


def test_systems(doc: SegmentedDocument) -> None:
    names = {b.headings[-1]: b.value for b in doc.blocks if b.label == "①システムの名称"}
    assert names["システム1"] == "既存住民基本台帳システム（以下「既存住基システム」という）"
    assert names["システム2"].startswith("住民基本台帳ネットワークシステム\n※「３．特定個人情報ファイル名」")
    assert names["システム3"] == "団体内統合宛名システム"
    assert names["システム4"] == "共通基盤システム（庁内連携システム）"
    assert names["システム5"] == "中間サーバ"
    assert names["システム6"] == "サービス検索・電子申請機能"
    assert names["システム7"] == "コンビニ交付システム"
    assert len(names) == 7


def test_system_connections_where_decidable(doc: SegmentedDocument) -> None:
    grids = {b.headings[-1]: b.value for b in doc.blocks if b.label == "③他のシステムとの接続"}
    assert grids["システム3"] == (
        "[ ] 情報提供ネットワークシステム [○] 庁内連携システム [ ] 住民基本台帳ネットワークシステム "
        "[○] 既存住民基本台帳システム [○] 宛名システム等 [○] 税務システム [○] その他 （中間サーバ、個別業務システム）"
    )
    assert grids["システム5"] == (
        "[○] 情報提供ネットワークシステム [ ] 庁内連携システム [ ] 住民基本台帳ネットワークシステム "
        "[ ] 既存住民基本台帳システム [○] 宛名システム等 [ ] 税務システム [ ] その他"
    )
    assert grids["システム7"] == (
        "[ ] 情報提供ネットワークシステム [ ] 庁内連携システム [ ] 住民基本台帳ネットワークシステム "
        "[○] 既存住民基本台帳システム [ ] 宛名システム等 [○] 税務システム [○] その他 （印鑑登録、戸籍システム）"
    )
    assert "[○] 既存住民基本台帳システム" in grids["システム6"]
    # システム1, 2, 4: some of their rows are printed on another page among other systems' boxes
    assert set(grids) == {"システム3", "システム5", "システム6", "システム7"}


def test_file_names(doc: SegmentedDocument) -> None:
    listed = [b.value for b in blocks_at(doc, "Ⅰ", "3") if b.label == ""]
    assert listed == ["（１）住民基本台帳ファイル\n（２）本人確認情報ファイル\n（３）送付先情報ファイル"]
    names = [[b.value for b in blocks_at(doc, "Ⅱ", f"ファイル{k}", "1") if b.label == ""] for k in (1, 2, 3)]
    assert names == [["（１）住民基本台帳ファイル"], ["（２）本人確認情報ファイル"], ["（３）送付先情報ファイル"]]


def test_legal_bases_of_section_one(doc: SegmentedDocument) -> None:
    use = value_at(doc, "法令上の根拠", "Ⅰ", "5")
    assert use.startswith("１．行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）")
    assert "第１７条（個人番号カードの交付等）" in use
    assert compact(use).endswith(
        "第３０条の１２（通知都道府県以外の都道府県の区域内の市町村の執行機関への本人確認情報の提供）"
    )
    assert value_at(doc, "①実施の有無", "Ⅰ", "6") == "[実施する]"
    network = value_at(doc, "②法令上の根拠", "Ⅰ", "6")
    assert network.startswith("・番号法第１９条第８号（特定個人情報の提供の制限）及び主務省令に定める事務")
    assert "１６５、１６６の項）" in network
    assert value_at(doc, "①部署", "Ⅰ", "7") == "市民部市民課"
    assert value_at(doc, "②所属長の役職名", "Ⅰ", "7") == "市民課長"


def test_file_basics_placed_in_their_file(doc: SegmentedDocument) -> None:
    # each file's 基本情報 starts on a page printed before that file's heading
    assert value_at(doc, "⑤保有開始日", "Ⅱ", "ファイル1", "2") == "平成２７年６月１日"
    assert value_at(doc, "⑥事務担当部署", "Ⅱ", "ファイル2", "2") == "市民部市民課"
    assert value_at(doc, "⑤保有開始日", "Ⅱ", "ファイル3", "2") == "平成２７年１０月５日"
    assert value_at(doc, "⑨使用開始日", "Ⅱ", "ファイル2", "3") == "平成27年6月1日"
    assert value_at(doc, "②対象となる本人の数", "Ⅱ", "ファイル1", "2") == "[10万人以上100万人未満]"


def test_outsourcing(doc: SegmentedDocument) -> None:
    contractors = ["株式会社ジーシーシー", "株式会社 両毛システムズ", "株式会社 両毛システムズ"]
    titles = ["既存住基システムの運用保守委託", "住基ネットCSの運用保守委託", "住基ネットCSの運用保守委託"]
    for k, (contractor, title) in enumerate(zip(contractors, titles, strict=True), start=1):
        item = ("Ⅱ", f"ファイル{k}", "4", "委託事項1")
        assert value_at(doc, "", *item) == title
        assert value_at(doc, "⑥委託先名", *item) == contractor
        assert value_at(doc, "⑦再委託の有無", *item) == "[再委託しない]"
        assert value_at(doc, "委託の有無", "Ⅱ", f"ファイル{k}", "4") == "[委託する] （1） 件"
    assert not [b for b in doc.blocks if "委託事項2" in b.headings]


def test_recipients_and_their_legal_basis(doc: SegmentedDocument) -> None:
    file1 = ("Ⅱ", "ファイル1", "5")
    assert (
        value_at(doc, "", *file1, "提供先1") == "番号法第１９条第８号に基づく主務省令に定める情報照会者（別紙１参照）"
    )
    assert value_at(doc, "", *file1, "提供先2") == "番号法第９条第１項別表に定める情報提供先の事務（別紙２参照）"
    assert value_at(doc, "", *file1, "移転先1") == "番号法第９条第１項別表に定める情報移転先の事務（別紙３参照）"
    assert value_at(doc, "①法令上の根拠", *file1, "移転先1") == "番号法第９条第１項別表"
    assert value_at(doc, "②移転先における用途", *file1, "移転先1") == "番号法別表に定める各事務（別紙３）"
    # 提供先1 and 提供先2 share a page with their rows interleaved: the ① printed in the box right after
    # 提供先2's heading is 提供先2's (a heading and its table's first row stay together), the other ① is then
    # 提供先1's (the one item left without one); the other rows stay unowned
    assert value_at(doc, "①法令上の根拠", *file1, "提供先2") == "番号法第９条第１項別表"
    assert value_at(doc, "①法令上の根拠", *file1, "提供先1") == "番号法第１９条第８号に基づく主務省令第２条の表"
    assert not [b for b in blocks_at(doc, *file1) if b.label == "①法令上の根拠"]
    assert [b.label for b in blocks_at(doc, *file1, "提供先2") if b.label] == ["①法令上の根拠"]
    file2 = ("Ⅱ", "ファイル2", "5")
    assert value_at(doc, "", *file2, "提供先1") == "都道府県"
    assert value_at(doc, "", *file2, "提供先2") == "都道府県及び地方公共団体情報システム機構（機構）"
    assert value_at(doc, "①法令上の根拠", *file2, "提供先2").startswith("住基法第１４条")  # same page layout
    assert value_at(doc, "①法令上の根拠", *file2, "提供先1").startswith("住基法第３０条の６")
    file3 = ("Ⅱ", "ファイル3", "5", "提供先1")
    assert value_at(doc, "", *file3) == "地方公共団体情報システム機構（機構）"
    assert value_at(doc, "③提供する情報", *file3) == "「２．④記録される項目」と同じ。"
    # file 3 ticks no transfer: its empty 移転先1 heading owns none of the rows, so the only filled
    # ①法令上の根拠 of the region is its only provision's
    assert (
        value_at(doc, "①法令上の根拠", *file3)
        == "個人番号カード命令第23条の2（個人番号通知書及び個人番号カードに関し機構が処理する事務）"
    )


def test_annex_tables(doc: SegmentedDocument) -> None:
    header = value_at(doc, "header", "別紙1")
    assert header == "項番\t情報照会者\t事務\t情報提供者\t利用特定個人情報"
    rows = {b.value.split("\t")[0]: b.value.split("\t")[1] for b in blocks_at(doc, "別紙1") if b.label == "row"}
    assert rows["1"] == "厚生労働大臣"
    assert rows["13"] == "都道府県知事"
    assert rows["65"] == "国家公務員共済組合"
    assert rows["69"] == "市町村長又は国民健康保険組合"
    assert rows["66"] == "国家公務員共済組合連合会"  # a wrapped name in its own box, the number in the next
    assert rows["53"].startswith("公営住宅法（昭和二十六年法律第百九十三号）第二条第十六号に規定する事業主体")
    assert rows["5"] == "厚生労働大臣"  # glued to its number, the information cell after a space
    assert rows["115"] == "後期高齢者医療広域連合"  # wrapped in its own box, the number before a wide cell
    assert rows["163"].endswith("の供給を行う都道府県知事又は市町村長")  # number first, wrapped over 13 lines
    assert len(rows) == 60  # all of 別紙1's rows (60 of the 63 provisions; 別紙2 holds the other 3)
    assert value_at(doc, "header", "別紙2") == "事務\t項番\t関係課"
    rows2 = [b.value for b in blocks_at(doc, "別紙2") if b.label == "row"]
    assert rows2 == [
        "就学援助\t38\t教職員課",
        "学校保健安全\t40\t健康教育課",
        "高等学校等就学支援金\t123\t経済大学付属高等学校",
    ]
    # 別紙3's pages print no title; they restart their page numbers at 1 after 別紙2's page, the body points
    # to 別紙3 (移転先1: （別紙３参照）) and 別紙1, 別紙2 are titled: the untitled table is 別紙3, with a warning
    assert value_at(doc, "header", "別紙3") == "事務\t項番\t関係課"
    rows3 = {b.value.split("\t")[1]: b.value.split("\t")[2] for b in blocks_at(doc, "別紙3") if b.label == "row"}
    assert len(rows3) == 40  # 移転を行っている （ 40 ） 件
    assert rows3["8"] == "こども発達支援センター、保健予防課、障害福祉課"
    assert rows3["9"] == "障害福祉課、保育課"  # 事務 項番 関係課 spaced on one line
    assert rows3["32"] == "社会福祉課"  # its last line "課" was put atop the next box
    assert rows3["82の2"] == "社会福祉課"  # the item number wrapped in its cell
    assert [w.location.section for w in doc.warnings if "its title is not in the text" in w.message] == ["別紙3"]


def test_risks(doc: SegmentedDocument) -> None:
    use = ("Ⅲ", "ファイル1", "3")
    assert (
        value_at(doc, "", *use, "リスク2")
        == "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク"
    )
    assert value_at(doc, "ユーザ認証の管理", *use, "リスク2") == "[行っている]"
    assert value_at(doc, "リスクへの対策は十分か", *use, "リスク2") == "[十分である]"
    assert value_at(doc, "リスクへの対策は十分か", *use, "リスク4") == "[十分である]"
    risks = [b for b in doc.blocks if b.label == "" and b.headings[-1].startswith("リスク")]
    assert len(risks) == 3 * 21  # Ⅲ-2: 4, Ⅲ-3: 4, Ⅲ-5: 3, Ⅲ-6: 7, Ⅲ-7: 3 per file, each read once
    assert all(b.headings[0] == "Ⅲ" and (len(b.headings) == 2 or b.headings[1].startswith("ファイル")) for b in risks)
    placed = [b for b in risks if len(b.headings) == 4]
    assert len(placed) >= 50  # the others: worded alike in Ⅲ-2 and Ⅲ-6 with no typed neighbours agreeing


def test_change_history_rows_read_in_order(doc: SegmentedDocument, source: SourceDocument) -> None:
    start = source.lines.index("（別添３）変更箇所") + 1
    late = [b for b in doc.blocks if b.span.start > start and not b.headings[0].startswith("別紙")]
    assert {b.headings for b in late} == {("別添3",)}  # its cells restate labels: none is read as the body
    rows = [b.value.split("\t") for b in doc.blocks if b.headings == ("別添3",) and b.label == "row"]
    assert len(rows) == 95
    use = next(r for r in rows if r[1] == "Ⅰ 基本情報５．個人番号の利用法令上の根拠")
    assert use[2].startswith("２．住民基本台帳法（住基法）")
    assert use[3].startswith("２．住民基本台帳法（住基法）")
    assert compact(use[3]).endswith(
        "第３０条の１２（通知都道府県以外の都道府県の区域内の市町村の執行機関への本人確認情報の提供）"
    )
    assert use[4:] == ["事後", "重要な変更に当たらない（軽微な修正）"]
    dated = [r for r in rows if r[0]]
    assert len(dated) == 31  # the first pages print their dates apart from the rows: those stay unread
    assert dated[1][:2] == [
        "令和1年7月23日",
        "Ⅱ 特定個人情報ファイルの概要（別添２）特定個人情報ファイル記録項目２．本人確認情報ファイル",
    ]


def test_every_block_points_at_its_lines(doc: SegmentedDocument, source: SourceDocument) -> None:
    lines = source.lines
    for block in doc.blocks:
        assert 1 <= block.span.start <= block.span.end <= len(lines)
        text = compact("".join(lines[block.span.start - 1 : block.span.end]))
        if block.label not in ("", "row", "header"):
            assert compact(block.label)[:4] in text, block
        if block.label in ("row", "header"):
            assert all(compact(cell) in text for cell in block.value.split("\t")), block
        elif block.value and not block.value.startswith("["):
            assert compact(block.value)[:6] in text, block


def test_record_end_to_end(record: AssessmentRecord) -> None:
    assert record.cover.assessing_body == "高崎市長"
    assert record.cover.number == "1"
    assert record.cover.title == "住民基本台帳に関する事務 全項目評価書"
    assert record.cover.published is None
    basic = record.basic
    assert basic is not None
    assert [s.no for s in basic.systems] == [1, 2, 3, 4, 5, 6, 7]
    assert basic.network_linkage is True
    assert basic.department == "市民部市民課"
    assert [f.no for f in record.files] == [1, 2, 3]
    assert [f.outsourcing[0].contractor for f in record.files] == [
        "株式会社ジーシーシー",
        "株式会社 両毛システムズ",
        "株式会社 両毛システムズ",
    ]
    assert all(f.outsourcing[0].subcontracting is False for f in record.files)
    assert len(record.changes) == 95
    assert sum(change.date is not None for change in record.changes) == 31
    transfer = next(f for f in record.files[0].flows if f.kind == "transfer" and f.annex_row is None)
    assert transfer.legal_basis is not None
    assert transfer.legal_basis.text == "番号法第９条第１項別表"
    # 別紙1's title names the 第19条第8号 order without its table: its 項番 are items of the order's 第2条の表
    rows = [f for f in record.files[0].flows if f.annex == "別紙1" and f.annex_row is not None]
    assert len(rows) == 60
    items = {(p.law.key, p.table) for f in rows if f.legal_basis for p in f.legal_basis.provisions}
    assert items == {("bango-19-8-order", "第2条の表")}
    assert sum(1 for f in rows if f.legal_basis and f.legal_basis.provisions) == 60
    # 別紙3 names no table: its 項番 are items of the table 移転先1's ①法令上の根拠 names (番号法第9条第1項別表)
    moved = [f for f in record.files[0].flows if f.annex == "別紙3" and f.annex_row is not None]
    assert len(moved) == record.files[0].transfer_declared == 40
    assert {(p.law.key, p.table) for f in moved if f.legal_basis for p in f.legal_basis.provisions} == {
        ("425AC0000000027", "別表")
    }
    assert any("別紙3: its title is not in the text" in w.message for w in record.warnings)
