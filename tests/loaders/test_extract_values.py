"""Reading chosen options, ticked checkboxes and declared counts from cell values."""

from __future__ import annotations

from loaders.extract.values import chosen, declared_count, options, ticked, without_options, yes_no

RANGE_OPTIONS = "<選択肢> 1) 1万人未満 2) 1万人以上10万人未満 3) 10万人以上100万人未満"


def test_options_are_listed_in_order() -> None:
    assert options(RANGE_OPTIONS) == ["1万人未満", "1万人以上10万人未満", "10万人以上100万人未満"]
    assert options("[実施する]") == []


def test_value_in_brackets() -> None:
    assert chosen(f"[10万人以上100万人未満] {RANGE_OPTIONS}") == "10万人以上100万人未満"
    assert chosen(f"[ 1万人未満 ]\t{RANGE_OPTIONS}") == "1万人未満"
    assert chosen("<選択肢> [十分に行っている] 1) 特に力を入れて行っている 2) 十分に行っている") == "十分に行っている"


def test_value_printed_beside_a_tick_box_before_the_option_list() -> None:
    assert chosen(f"[ ] 1万人以上10万人未満 {RANGE_OPTIONS}") == "1万人以上10万人未満"
    assert chosen("[ ] 十分である [ ] <選択肢> 1) 特に力を入れている 2) 十分である") == "十分である"


def test_value_spelled_as_its_option() -> None:
    assert chosen("[無 料] <選択肢> 1) 有料 2) 無料") == "無料"


def test_option_list_alone_is_not_a_value() -> None:
    assert chosen(RANGE_OPTIONS) is None
    assert chosen("[ ] 10万人以上100万人未満 [ ] 1万人未満 [ ] 1万人以上10万人未満") is None
    assert chosen(None) is None


def test_ticked_options_with_notes() -> None:
    value = "[ ] 専用線 [○] 電子記録媒体(フラッシュメモリを除く。) [○] その他 (LGWAN回線)"
    assert ticked(value) == [("電子記録媒体(フラッシュメモリを除く。)", None), ("その他", "LGWAN回線")]
    assert ticked("[○] その他（証明書コンビニ交付システム）") == [("その他", "証明書コンビニ交付システム")]


def test_undecidable_ticks_are_none_never_unticked() -> None:
    assert ticked("[ ] 専用線 [ ] 電子メール") is None  # the forms require a choice: ticks were lost
    assert ticked("[?] 専用線 [○] 電子メール") is None
    assert ticked("専用線 電子メール") is None


def test_declared_counts() -> None:
    value = "[○] 提供を行っている (27) 件 [○] 移転を行っている ( 10 ) 件 [ ] 行っていない"
    assert declared_count(value, "提供を行っている") == 27
    assert declared_count(value, "移転を行っている") == 10
    assert declared_count("[委託する] <選択肢> 1) 委託する 2) 委託しない (6) 件", "") == 6
    assert declared_count("[ ] 提供を行っている ( ) 件", "提供を行っている") is None


def test_yes_no() -> None:
    assert yes_no("[再委託する] <選択肢> 1) 再委託する 2) 再委託しない", "再委託する", "再委託しない") is True
    assert yes_no("[ 再委託しない ]", "再委託する", "再委託しない") is False
    assert yes_no("<選択肢> 1) 再委託する 2) 再委託しない", "再委託する", "再委託しない") is None


def test_option_list_removed_from_free_text() -> None:
    text = "<選択肢> 1) 再委託する 2) 再委託しない 委託先から書面で申請を受ける。"
    assert without_options(text) == "委託先から書面で申請を受ける。"
    assert without_options("照会を受けた都度") == "照会を受けた都度"
