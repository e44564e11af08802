"""Character normalisers: width folding, tags, checkboxes, wrapped lines, names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalize.text import (
    checkbox_state,
    collapse_spaces,
    fold_char_map,
    fold_width,
    join_wrapped,
    normalise_name,
    parse_checkbox_options,
    strip_tags,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
CIRCLED = [chr(code) for code in range(ord("①"), ord("⑳") + 1)]
ROMAN = [chr(code) for code in range(ord("Ⅰ"), ord("Ⅹ") + 1)]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("番号法第１９条第８号", "番号法第19条第8号"),
        ("ＡＢＣ　ｘｙｚ", "ABC xyz"),
        ("（別紙１参照）", "(別紙1参照)"),
        ("⾏政⼿続", "行政手続"),  # Kangxi radicals from PDF extraction
        ("1〜3", "1～3"),
        ("1~3", "1～3"),
        ("Ⅱ－5別紙", "Ⅱ-5別紙"),
        ("Ⅱ−5別紙", "Ⅱ-5別紙"),
        ("Ⅱー5別紙", "Ⅱ-5別紙"),  # ー used as a hyphen after a Roman numeral
        ("中間サーバー", "中間サーバー"),  # the prolonged sound mark inside words stays
        ("サーバー2台", "サーバー2台"),
        ("ｻｰﾊﾞｰ", "サーバー"),
        ("①②③ⅡⅢ", "①②③ⅡⅢ"),
    ],
)
def test_fold_width(raw: str, folded: str) -> None:
    assert fold_width(raw) == folded


@given(st.text())
def test_fold_width_is_idempotent(text: str) -> None:
    once = fold_width(text)
    assert fold_width(once) == once


@given(st.lists(st.sampled_from(CIRCLED + ROMAN + ["番号法", "第", "１", " ", "ー", "サーバー"])))
def test_fold_width_keeps_item_markers(parts: list[str]) -> None:
    folded = fold_width("".join(parts))
    for marker in CIRCLED + ROMAN:
        assert folded.count(marker) == "".join(parts).count(marker)


@given(st.text())
def test_fold_char_map_points_into_the_source(text: str) -> None:
    folded, origin = fold_char_map(text)
    assert len(folded) == len(origin)
    assert origin == sorted(origin)
    assert all(0 <= index < len(text) for index in origin)


def test_corpus_circled_numbers_survive() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    text = (CORPUS / "001_b80d6855a7643af9.txt").read_text(encoding="utf-8")
    folded = fold_width(text)
    for marker in "①②③④⑤⑥⑦":
        assert folded.count(marker) == text.count(marker) > 0


def test_strip_tags_keeps_lookalikes() -> None:
    assert strip_tags("<p>[番号法]</p><br/>本文") == " [番号法]  本文"
    assert strip_tags("&lt;選択肢&gt; 1) 実施する") == "<選択肢> 1) 実施する"
    assert strip_tags("‹選択肢> <選択肢> a < b") == "‹選択肢> <選択肢> a < b"
    assert strip_tags('<ul style="list-style-type: none"><li>・番号法</li></ul>').strip() == "・番号法"
    assert strip_tags("<span>中間</span>サーバー") == "中間サーバー"


@pytest.mark.parametrize(
    ("marker", "state"),
    [
        ('<input type="checkbox" checked/>', True),
        ('<input type="checkbox" checked="checked">', True),
        ('<input type="radio" checked>', True),
        ('<input type="checkbox"/>', False),
        ('[<input type="checkbox" checked/>]', True),
        ("[ ○ ]", True),
        ("[○]", True),
        ("[O]", True),
        ("〇", True),
        ("■", True),
        ("□", False),
        ("[ ]", False),
        ("[]", False),
        ("[?]", None),
        ("△", None),
        ('<input type="text" value="x">', None),
    ],
)
def test_checkbox_state(marker: str, state: bool | None) -> None:
    assert checkbox_state(marker) is state


def test_parse_checkbox_options() -> None:
    assert parse_checkbox_options("[○] その他 (介護保険システム)") == [("その他 (介護保険システム)", True)]
    html = '<p>[<input type="checkbox" checked/>] 紙 [<input type="checkbox"/>] 電子メール</p>'
    assert parse_checkbox_options(html) == [("紙", True), ("電子メール", False)]
    pdf = "[ ] 情報提供ネットワークシステム [ ○ ] 庁内連携システム"
    assert parse_checkbox_options(pdf) == [("情報提供ネットワークシステム", False), ("庁内連携システム", True)]
    assert parse_checkbox_options("■紙 □電子メール") == [("紙", True), ("電子メール", False)]
    assert parse_checkbox_options("  情報提供ネットワークシステム   専用線 ") == []


def test_parse_checkbox_options_on_corpus_line() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    lines = (CORPUS / "001_b80d6855a7643af9.txt").read_text(encoding="utf-8").splitlines()
    line = next(line for line in lines if line.startswith("⑥提供方法") and 'checked=""' in line)
    options = parse_checkbox_options(line.split("\t", 1)[1])
    assert [label for label, _ in options][:3] == ["情報提供ネットワークシステム", "専用線", "電子メール"]
    assert options[0] == ("情報提供ネットワークシステム", True)
    assert all(state is False for _, state in options[1:])


def test_join_wrapped() -> None:
    assert join_wrapped(
        ["番号法第１９条第８号に基づく主務省令第２条の表１３の項、１４の項、２８の", "項、３７の項"]
    ) == ("番号法第１９条第８号に基づく主務省令第２条の表１３の項、１４の項、２８の項、３７の項")
    assert join_wrapped(["Government", "Cloud"]) == "Government Cloud"
    assert join_wrapped(["  ＩＴリテラ ", "シの", ""]) == "ＩＴリテラシの"
    assert join_wrapped([]) == ""


def test_collapse_spaces() -> None:
    assert collapse_spaces(" a \u3000\t b\n c ") == "a b c"


@pytest.mark.parametrize(
    ("variants", "normal"),
    [
        (
            [
                "株式会社 日立システムズ",
                "株式会社日立システムズ",
                "(株)日立システムズ",
                "（株）日立システムズ",
                "㈱日立システムズ",
            ],
            "株式会社日立システムズ",
        ),
        (["中間サーバ", "中間サーバー", "中間 サーバー"], "中間サーバ"),
        (["中間サーバー・プラットフォーム", "中間サーバ・プラットフォーム"], "中間サーバ・プラットフォーム"),
        (["コンピューター", "コンピュータ"], "コンピュータ"),
        (["富士通Japan株式会社", "富士通Ｊａｐａｎ株式会社"], "富士通Japan株式会社"),
    ],
)
def test_normalise_name_unifies_variants(variants: list[str], normal: str) -> None:
    assert {normalise_name(variant) for variant in variants} == {normal}


def test_normalise_name_keeps_short_words_and_ascii_spaces() -> None:
    assert normalise_name("キー") == "キー"
    assert normalise_name("NEC Solution  Innovators") == "NEC Solution Innovators"
    assert normalise_name("データセンター") == "データセンタ"


@given(st.text(alphabet=st.sampled_from("株式会社日立システムズサーバー ー　（）()Ａa1１・中間")))
def test_normalise_name_is_idempotent_and_width_and_space_invariant(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert normalise_name(fold_width(text)) == once


@given(st.text(alphabet=st.sampled_from("ー－−‐～〜~Ⅱサバ５5ＡA　 ⾏①ｻｰﾊﾞﾟ(（")))
def test_fold_char_map_agrees_with_fold_width(text: str) -> None:
    assert fold_char_map(text)[0] == fold_width(text)
