"""The layout perturbations: what each does on small texts, and on the corpus that they keep the content."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from perturb import PAGE_LINES, PERTURBATIONS, content, pages, variants

PREFIXES = ["000", "001", "002", "003"]
ADDING = {"running-headers"}
# These move lines or blocks, so they keep the content's characters but not their order.
REORDERING = {"pages-reversed", "page-boxes-shuffled", "labels-after-values"}
# The HTML exports write digits and letters in ASCII only, so there is nothing to fold to half width.
UNCHANGED = {("half-width", "001"), ("half-width", "002")}


@cache
def _read(corpus_dir: Path, prefix: str) -> str:
    """The text of the corpus file whose name starts with the prefix."""
    return next(corpus_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def numbered(count: int) -> str:
    """Lines 'line 0' .. 'line {count-1}'."""
    return "\n".join(f"line {n}" for n in range(count))


def test_pages_are_fixed_chunks_of_lines() -> None:
    assert [len(page) for page in pages(numbered(2 * PAGE_LINES + 10))] == [PAGE_LINES, PAGE_LINES, 10]


def test_pages_reversed() -> None:
    text = numbered(PAGE_LINES + 1)
    assert PERTURBATIONS["pages-reversed"](text) == f"line {PAGE_LINES}\n" + numbered(PAGE_LINES)


def test_page_boxes_shuffled_keeps_each_block_together() -> None:
    assert PERTURBATIONS["page-boxes-shuffled"]("a\nb\n\n\nc\n\nd") == "d\n\nc\n\na\nb\n"


def test_page_lines_joined_gives_one_line_per_page() -> None:
    text = "a\tb\n c\n" + numbered(PAGE_LINES - 2) + "\nx\ny"
    first = " ".join(f"line {n}" for n in range(PAGE_LINES - 2))
    assert PERTURBATIONS["page-lines-joined"](text) == f"a b c {first}\nx y"


def test_cells_wrapped_cuts_only_long_lines() -> None:
    short, long = "あ" * 40, "い" * 41
    assert PERTURBATIONS["cells-wrapped"](f"{short}\n{long}") == f"{short}\n{'い' * 15}\n{'い' * 15}\n{'い' * 11}"


def test_labels_after_values() -> None:
    lines = [
        " ①事務の名称 住民基本台帳に関する事務",
        "②システムの機能\t中間サーバー\t",
        "①保管場所 ※\t\tx",
        "評価書番号",
        "",
        "1",
    ]
    text = "\n".join([*lines, "公表日"])
    assert PERTURBATIONS["labels-after-values"](text).split("\n") == [
        " 住民基本台帳に関する事務",
        " ①事務の名称",
        "中間サーバー",
        "②システムの機能",
        "①保管場所 ※\t\tx",
        "",
        "1",
        "評価書番号",
        "公表日",
    ]


def test_running_headers_frame_every_page() -> None:
    text = " 特定個人情報保護評価書（全項目評価書）住民基本台帳\n" + numbered(PAGE_LINES)
    header = "特定個人情報保護評価書（全項目評価書）住"
    framed = PERTURBATIONS["running-headers"](text).split("\n")
    assert framed[:3] == [header, "1/2", " 特定個人情報保護評価書（全項目評価書）住民基本台帳"]
    assert framed[PAGE_LINES + 2 : PAGE_LINES + 6] == ["-1-", header, header, "2/2"]
    assert framed[-4:] == ["2/2", f"line {PAGE_LINES - 1}", "-2-", header]


def test_spaced_chars() -> None:
    assert PERTURBATIONS["spaced-chars"]("評価書番号\t12") == "評 価 書 番 号\t1 2"


def test_full_width() -> None:
    assert PERTURBATIONS["full-width"]("第19条 住民 A, ID: 住民") == "第１９条\u3000住民\u3000Ａ, ＩＤ: 住民"


def test_half_width_leaves_circled_and_roman_numerals() -> None:
    assert PERTURBATIONS["half-width"]("①Ⅰ\u3000第１９条ＡＢｃ（別添１）") == "①Ⅰ 第19条ABc（別添1）"


def test_crlf() -> None:
    assert PERTURBATIONS["crlf"]("a\nb\r\nc") == "a\r\nb\r\nc"


def test_variants_apply_every_perturbation() -> None:
    text = "評価書番号\n1"
    assert variants(text) == {name: perturb(text) for name, perturb in PERTURBATIONS.items()}


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("name", sorted(PERTURBATIONS.keys() - ADDING))
def test_corpus_variants_keep_the_content(corpus_dir: Path, name: str, prefix: str) -> None:
    text = _read(corpus_dir, prefix)
    kept, original = content(PERTURBATIONS[name](text)), content(text)
    if name in REORDERING:
        kept, original = "".join(sorted(kept)), "".join(sorted(original))
    assert kept == original


@pytest.mark.parametrize("prefix", PREFIXES)
def test_corpus_running_headers_keep_every_page_whole(corpus_dir: Path, prefix: str) -> None:
    text = _read(corpus_dir, prefix)
    framed = PERTURBATIONS["running-headers"](text)
    split = pages(text)
    for number, page in enumerate(split, start=1):
        assert "\n".join([f"{number}/{len(split)}", *page, f"-{number}-"]) in framed


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_corpus_variants_are_deterministic_and_change_the_text(corpus_dir: Path, name: str, prefix: str) -> None:
    text = _read(corpus_dir, prefix)
    variant = PERTURBATIONS[name](text)
    assert PERTURBATIONS[name](text) == variant
    assert (variant == text) == ((name, prefix) in UNCHANGED)
