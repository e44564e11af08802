"""Section Ⅱ per file: basic facts, acquisition and use, storage and erasure, the record items annex (別添2 of a
全項目評価書, 別添1 of a 重点項目評価書). Parts are found by meaning (forms.py)."""

from __future__ import annotations

import re

from loaders.extract.blocks import FormBlocks, Path, meaningful
from loaders.extract.values import chosen, enumerated, ticked
from loaders.model import Acquisition, Location, PartialDate, RecordItem, Storage, Use
from loaders.normalize.dates import parse_wareki
from loaders.normalize.text import fold_width

_LIST_SEPARATORS = re.compile(r"[、,，\s]+")
_BRACKETED_GROUP = re.compile(r"^【([^【】]+)】\s*$", re.MULTILINE)
_NUMBERED_CAPTION = re.compile(r"[(]([0-9]+)[)](.+)")


def file_paths(form: FormBlocks, section: str) -> list[tuple[int, Path]]:
    """(K, path) of every ファイルK of ``section`` in document order."""
    numbers = []
    for heading in form.child_headings((section,)):
        match = re.fullmatch(r"ファイル(\d+)", heading)
        if match:
            numbers.append(int(match.group(1)))
    return [(no, (section, f"ファイル{no}")) for no in numbers]


def file_name(form: FormBlocks, path: Path) -> str | None:
    """Ⅱ-1 特定個人情報ファイル名, without a list enumerator (「（１）住民基本台帳ファイル」)."""
    text = form.free_text(form.path("file-name", path) or (*path, "1"))
    names = enumerated(text)
    return names[0] if len(names) == 1 else text


def choice(form: FormBlocks, path: Path, *labels: str, required: bool = True) -> str | None:
    """The chosen option of a single-choice field; a warning when printed but unreadable."""
    value = form.value(path, *labels, required=required)
    picked = chosen(value)
    if value and picked is None:
        form.warn(f"{labels[0]}: the chosen option cannot be read", form.location(path, form.find_all(path, *labels)))
    return picked


def checked(form: FormBlocks, path: Path, label: str) -> tuple[tuple[str, ...] | None, str | None]:
    """(ticked option names, notes of the ticked options) of a checkbox group; (None, None) when undecidable."""
    value = form.value(path, label)
    options = ticked(value)
    if value is not None and options is None:
        form.warn(f"{label}: ticks cannot be decided", form.location(path, form.find_all(path, label)))
    if options is None:
        return None, None
    notes = [f"{name}: {note}" for name, note in options if note]
    return tuple(name for name, _ in options), "; ".join(notes) or None


def split_list(text: str | None) -> tuple[str, ...]:
    """``国民健康保険課、国保収納課`` -> (国民健康保険課, 国保収納課)."""
    if not text:
        return ()
    return tuple(part for part in _LIST_SEPARATORS.split(text) if part)


def a_date(form: FormBlocks, path: Path, label: str) -> PartialDate | None:
    text = form.value(path, label)
    value = parse_wareki(text) if text else None
    if text and value is None:
        form.warn(f"{label}: no date in {text!r}", form.location(path, form.find_all(path, label)))
    return value


def basic_facts(form: FormBlocks, path: Path) -> dict[str, object]:
    """Ⅱ-2 基本情報 as FileRecord keyword arguments."""
    basic = form.path("file-basics", path) or (*path, "2")
    categories, _ = checked(form, basic, "主な記録項目")
    return {
        "file_type": choice(form, basic, "①ファイルの種類"),
        "subject_count_range": choice(form, basic, "②対象となる本人の数"),
        "subject_scope": form.text(basic, "③対象となる本人の範囲"),
        "record_item_count_range": choice(form, basic, "④記録される項目"),
        "record_item_categories": categories,
        "retention_start": a_date(form, basic, "⑤保有開始日"),
        "departments": split_list(form.text(basic, "⑥事務担当部署")),
    }


def acquisition(form: FormBlocks, path: Path) -> Acquisition | None:
    section = form.path("acquisition-use", path) or (*path, "3")
    if not form.under(section):
        form.warn("3. 特定個人情報の入手・使用: not found", form.location(path))
        return None
    sources, source_note = checked(form, section, "①入手元")
    methods, method_note = checked(form, section, "②入手方法")
    return Acquisition(
        sources=sources,
        source_note=source_note,
        methods=methods,
        method_note=method_note,
        timing=form.text(section, "③入手の時期・頻度"),
        notice=form.text(section, "⑤本人への明示"),
        location=form.location(section),
    )


def use(form: FormBlocks, path: Path) -> Use | None:
    section = form.path("acquisition-use", path) or (*path, "3")
    if not form.under(section):
        return None
    return Use(
        purpose=form.text(section, "⑥使用目的"),
        departments=split_list(form.text(section, "使用部署")),
        user_count_range=choice(form, section, "使用者数"),
        matching=form.text(section, "情報の突合"),
        decisions=form.text(section, "権利利益に影響を与え得る決定"),
        start_date=a_date(form, section, "⑨使用開始日"),
        location=form.location(section),
    )


def storage(form: FormBlocks, path: Path) -> Storage | None:
    section = form.path("storage", path) or (*path, "6")
    if not form.under(section):
        form.warn("6. 特定個人情報の保管・消去: not found", form.location(path))
        return None
    period_block = form.find(section, "期間") or form.find(section, "②保管期間")
    period = chosen(period_block.value) if period_block else None
    if period is None:
        form.warn("②保管期間: the chosen period cannot be read", form.location(section))
    return Storage(
        place=form.text(section, "①保管場所"),
        period=period,
        erasure=form.text(section, "③消去方法"),
        location=form.location(section),
    )


def _grouped_lists(text: str, location: Location) -> list[RecordItem]:
    """「【group】」 lines each followed by the group's items separated by 「、」 (not inside brackets)."""
    items: list[RecordItem] = []
    group: str | None = None
    for line in text.splitlines():
        caption = _BRACKETED_GROUP.fullmatch(line.strip())
        if caption:
            group = caption.group(1).strip()
            continue
        items.extend(RecordItem(None, name, location, group) for name in _top_level_items(line))
    return items


def _top_level_items(line: str) -> list[str]:
    """``氏名、資産保有情報（土地、家屋）`` -> [氏名, 資産保有情報（土地、家屋）]."""
    names, depth, current = [], 0, ""
    for char in line:
        depth += char in "（(「【"
        depth -= char in "）)」】"
        if char in "、," and depth <= 0:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    return [name.strip() for name in names if meaningful(name.strip())]


def record_items(form: FormBlocks, file_names: dict[int, str]) -> dict[int | None, tuple[RecordItem, ...]]:
    """The record items annex, per file: table rows of (No, 項目名) column pairs under group captions, or one item
    per line. A document with several files introduces each file's items with a caption naming it (「（２）本人確認
    情報ファイル」, or the file's name alone): items go to the file the last caption named (None before any)."""
    found: dict[int | None, list[RecordItem]] = {}
    file_no: int | None = None
    groups: list[str | None] = []
    group: str | None = None
    annex = form.path("record-items")
    for block in form.under(annex) if annex else []:
        if block.label == "title":
            continue
        captioned = _file_caption(block.value.split("\t")[0] if block.label != "row" else "", file_names)
        if captioned is not None:
            file_no, groups, group = captioned, [], None
            continue
        items = found.setdefault(file_no, [])
        location = form.block_location(block)
        if block.label == "header":
            cells = [cell.strip() for cell in block.value.split("\t")]
            if not any(cell in ("No", "No.", "項番") for cell in cells):
                groups = [cells[index] or None for index in range(0, len(cells), 2)]
        elif block.label == "row":
            cells = block.value.split("\t")
            for index in range(0, len(cells) - 1, 2):
                number, name = cells[index].strip(), cells[index + 1].strip()
                if name and number.isdigit():
                    column_group = groups[index // 2] if index // 2 < len(groups) else None
                    items.append(RecordItem(int(number), name, location, column_group))
        elif block.label == "" and _BRACKETED_GROUP.match(block.value):
            items.extend(_grouped_lists(block.value, location))
        elif block.label == "" and re.fullmatch(r"[<＜].*[>＞]", block.value):
            group = block.value.strip("<>＜＞ ")
        elif block.label == "" and block.value.startswith(("・", "-")):
            name = meaningful(block.value.lstrip("・- "))
            if name:
                items.append(RecordItem(None, name, location, group))
        elif block.label == "" and len(block.value) <= 30:
            groups = [block.value]  # a caption printed alone above a (No, 項目名) table
    return {no: tuple(items) for no, items in found.items() if items}


def _file_caption(text: str, file_names: dict[int, str]) -> int | None:
    """The file a caption names: 「（K）name」 with K and name those of one file, or one file's name alone."""
    squeezed = fold_width(re.sub(r"\s+", "", text)).strip("「」")
    numbered = _NUMBERED_CAPTION.fullmatch(squeezed)
    names = {no: fold_width(re.sub(r"\s+", "", name)) for no, name in file_names.items() if name}
    if numbered:
        no = int(numbered.group(1))
        return no if names.get(no) == numbered.group(2) else None
    matching = [no for no, name in names.items() if name == squeezed]
    return matching[0] if len(matching) == 1 else None
