"""The cells segmenter on small synthetic snippets in both styles (html-cells, markdown-cells)."""

from __future__ import annotations

from loaders.model import Block, SourceDocument
from loaders.segment import detect_layout, segment
from loaders.segment.cells import clean_cell, detect_style

UNTICKED = '[<input type="checkbox"/>]'
FILLER = "\n".join(f"行{index}\t値{index}" for index in range(25))


def _doc(text: str) -> SourceDocument:
    return SourceDocument(name="t.txt", sha256="0" * 64, encoding="utf-8", text=text)


def _blocks(text: str) -> list[Block]:
    return list(segment(_doc(text)).blocks)


def _find(blocks: list[Block], path: str, label: str) -> Block:
    found = [b for b in blocks if "/".join(b.headings) == path and b.label == label]
    assert found, f"no block {path} {label!r} in {[('/'.join(b.headings), b.label) for b in blocks]}"
    return found[0]


HTML = f"""
特定個人情報保護評価書(全項目評価書)

評価書番号\t評価書名
7\t〇〇市 介護保険に関する事務 全項目評価書

評価実施機関名

〇〇県〇〇市長

項目一覧

I 基本情報
II 特定個人情報ファイルの概要

I 基本情報

<p>システム1</p>\t
①システムの名称\t介護保険システム
③他のシステムとの接続\t<p>[<input type="radio"/>] 情報提供ネットワークシステム {UNTICKED} 庁内連携システム</p>
<p>システム2～5</p>\t
5. 個人番号の利用 ※

法令上の根拠\t番号法第9条第1項 別表の100の項

II 特定個人情報ファイルの概要

1. 特定個人情報ファイル名\t
介護保険情報ファイル\t
4. 特定個人情報ファイルの取扱いの委託\t\t
委託の有無 ※\t[委託する] <選択肢> 1) 委託する 2) 委託しない (2) 件\t
委託事項1\t保守業務\t
⑥委託先名\t株式会社〇〇\t
再委託\t⑦再委託の有無 ※\t[再委託しない]\t<選択肢> 1) 再委託する 2) 再委託しない
5. 特定個人情報の提供・移転(委託に伴うものを除く。)\t
提供先1\t全国健康保険協会
①法令上の根拠\t番号法第19条第8号に基づく主務省令第2条の表の2の項
⑥提供方法\t<input checked="" type="checkbox"/> 情報提供ネットワークシステム <input type="checkbox"/> 専用線
提供先2～5\t
提供先21\t市町村長

(別紙1) 情報照会者一覧

No.\t情報照会者\t法令上の根拠(項番)\t用途
1\t厚生労働大臣\t一\t健康保険に関する事務

{FILLER}
"""

MARKDOWN = f"""
# 特定個人情報保護評価書(重点項目評価書)

## 評価実施機関名

〇〇市長

# I 基本情報

**6. 情報提供ネットワークシステムによる情報連携 ※**

<p>①実施の有無</p>\t<p>[ 実施する ]</p> <p>&lt;選択肢&gt; 1) 実施する 2) 実施しない 3) 未定</p>

### 7. 評価実施機関における担当部署

①部署\t〇〇課

## II 特定個人情報ファイルの概要

1. 特定個人情報ファイル名\t
Aファイル\t
2. 基本情報\t
\t対象となる本人の数 [ 1万人未満 ] <選択肢> 1) 1万人未満 2) 1万人以上10万人未満
⑦使用の主体\t使用部署 ※\t〇〇課
1. 特定個人情報ファイル名\t
Bファイル\t

### Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※(7. リスク1⑨を除く。)

#### 2. 特定個人情報の入手

##### リスク1： 目的外の入手が行われるリスク

リスクへの対策は十分か\t[ 十分である ]\t<選択肢> 1) 特に力を入れている 2) 十分である

### (別添3)変更箇所

変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\t提出時期に係る説明
令和7年6月6日\t別添1\t図 省略\t図 省略\t事後\t文言修正

{FILLER}
"""


def test_styles_are_detected() -> None:
    assert detect_style(HTML) == "html-cells"
    assert detect_style(MARKDOWN) == "markdown-cells"
    assert detect_layout(_doc("plain text\nwithout cells\n" * 30)) == "pdf-text"


def test_form_kind_from_the_cover_title() -> None:
    assert segment(_doc(HTML)).form == "full"
    assert segment(_doc(MARKDOWN)).form == "focused"


def test_cover_caption_row_pairs_with_its_values() -> None:
    blocks = _blocks(HTML)
    assert _find(blocks, "表紙", "評価書番号").value == "7"
    assert _find(blocks, "表紙", "評価書名").value == "〇〇市 介護保険に関する事務 全項目評価書"
    assert _find(blocks, "表紙", "評価実施機関名").value == "〇〇県〇〇市長"


def test_table_of_contents_is_not_a_section() -> None:
    blocks = _blocks(HTML)
    assert all(b.span.start != 13 for b in blocks)  # "I 基本情報" inside 項目一覧
    assert _find(blocks, "Ⅰ/2/システム1", "①システムの名称").value == "介護保険システム"


def test_ticks_become_text_and_radio_counts_as_ticked() -> None:
    blocks = _blocks(HTML)
    assert _find(blocks, "Ⅰ/2/システム1", "③他のシステムとの接続").value == (
        "[○] 情報提供ネットワークシステム [ ] 庁内連携システム"
    )
    flow = _find(blocks, "Ⅱ/ファイル1/5/提供先1", "⑥提供方法")
    assert flow.value == "[○] 情報提供ネットワークシステム [ ] 専用線"


def test_group_headings_are_not_items_and_continuation_items_are() -> None:
    blocks = _blocks(HTML)
    headings = {"/".join(b.headings) for b in blocks}
    assert not any("～" in heading for heading in headings)
    assert _find(blocks, "Ⅱ/ファイル1/5/提供先21", "").value == "市町村長"


def test_files_items_and_group_labels() -> None:
    blocks = _blocks(HTML)
    assert _find(blocks, "Ⅱ/ファイル1/1", "").value == "介護保険情報ファイル"
    assert _find(blocks, "Ⅱ/ファイル1/4/委託事項1", "").value == "保守業務"
    assert _find(blocks, "Ⅱ/ファイル1/4/委託事項1", "⑦再委託の有無").value.startswith("[再委託しない]")
    assert _find(blocks, "Ⅰ/5", "法令上の根拠").value == "番号法第9条第1項 別表の100の項"


def test_annex_table_rows_keep_their_cells() -> None:
    blocks = _blocks(HTML)
    assert _find(blocks, "別紙1", "title").value == "情報照会者一覧"
    assert _find(blocks, "別紙1", "header").value == "No.\t情報照会者\t法令上の根拠(項番)\t用途"
    assert _find(blocks, "別紙1", "row").value == "1\t厚生労働大臣\t一\t健康保険に関する事務"


def test_markdown_headings_bold_and_entities() -> None:
    blocks = _blocks(MARKDOWN)
    assert _find(blocks, "表紙", "評価実施機関名").value == "〇〇市長"
    assert _find(blocks, "Ⅰ/6", "①実施の有無").value == "[ 実施する ] <選択肢> 1) 実施する 2) 実施しない 3) 未定"
    assert _find(blocks, "Ⅰ/7", "①部署").value == "〇〇課"


def test_second_file_and_inline_labels() -> None:
    blocks = _blocks(MARKDOWN)
    assert _find(blocks, "Ⅱ/ファイル2/1", "").value == "Bファイル"
    assert _find(blocks, "Ⅱ/ファイル1/2", "対象となる本人の数").value.startswith("[ 1万人未満 ]")
    assert _find(blocks, "Ⅱ/ファイル1/2", "使用部署").value == "〇〇課"


def test_risk_items_and_change_history() -> None:
    blocks = _blocks(MARKDOWN)
    assert _find(blocks, "Ⅲ/ファイル1/2/リスク1", "").value == "目的外の入手が行われるリスク"
    assert _find(blocks, "Ⅲ/ファイル1/2/リスク1", "リスクへの対策は十分か").value.startswith("[ 十分である ]")
    assert _find(blocks, "別添3", "row").value.split("\t")[4] == "事後"


def test_clean_cell() -> None:
    assert clean_cell('<p>[ <input checked="" type="checkbox"/> ] 専用線</p>') == "[○] 専用線"
    assert clean_cell("**6. 情報連携 ※**") == "6. 情報連携 ※"
    assert clean_cell("&lt;選択肢&gt;") == "<選択肢>"


def test_missing_section_and_annex_headings_are_inferred_and_reported() -> None:
    lines = ["評価実施機関名", "", "〇〇市長", "", "システム1\t", "①システムの名称\tA", "8. 他の評価実施機関"]
    text = "\n".join([*lines, "", "(備考)", "", "・図の説明", FILLER])
    segmented = segment(_doc(text))
    blocks = list(segmented.blocks)
    assert _find(blocks, "Ⅰ/2/システム1", "①システムの名称").value == "A"
    assert _find(blocks, "別添1", "").value == "(備考)"
    messages = [w.message for w in segmented.warnings]
    assert any("heading Ⅰ not found" in m for m in messages)
    assert any("(別添1) not found" in m for m in messages)
