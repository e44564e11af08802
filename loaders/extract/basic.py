"""Section Ⅰ 基本情報: the affair, systems, file names, legal bases for the number's use and the network linkage,
department, other bodies. Each part is found by meaning (forms.py): 個人番号の利用 is Ⅰ-5 in a 全項目評価書,
Ⅰ-4 in a 重点項目評価書 and Ⅰ-3 in a 基礎項目評価書."""

from __future__ import annotations

import re

from loaders.citations import parse_citations
from loaders.extract.blocks import FormBlocks, Path, meaningful
from loaders.extract.values import chosen, enumerated, note_of, ticked, without_note
from loaders.forms import form as form_template
from loaders.model import BasicInfo, Citation, FieldReading, Location, SystemListing

_NETWORK_PARTS = re.compile(r"(【[^【】]*】)")
_FORM_SUFFIX = re.compile(r"\s*(全項目|重点項目|基礎項目)評価書\s*$")


def merged_citation(text: str, location: Location, municipality: str | None) -> Citation | None:
    """One Citation for ``text`` holding every provision the parser finds in it."""
    found = parse_citations(text, location, municipality=municipality)
    if not found:
        return None
    provisions = tuple(dict.fromkeys(p for citation in found for p in citation.provisions))
    return Citation(text=text, provisions=provisions, location=location)


def affair_name_from_title(title: str | None, municipality: str | None) -> str | None:
    """The affair named by a 評価書名, which the PPC forms build as「{事務の名称} {評価書の種類}」."""
    if not title or not _FORM_SUFFIX.search(title):
        return None
    name = _FORM_SUFFIX.sub("", title).strip()
    if municipality and name.startswith(municipality):
        name = name[len(municipality) :].strip()
    return name or None


def extract_basic(form: FormBlocks, municipality: str | None, title: str | None = None) -> BasicInfo | None:
    section = (form.section("basic") or "Ⅰ",)
    reading = form.segmented.reading
    if not form.under(section) and not (reading and any(f.key.startswith("Ⅰ-") for f in reading.fields)):
        form.warn("section Ⅰ 基本情報 not found", None)
        return None
    affair = _part(form, "affair")
    department = _part(form, "department")
    read = reading.get if reading else (lambda key: None)
    affair_name = _read_text(read("Ⅰ-1.affair_name")) or form.value(affair, "①事務の名称")
    if affair_name is None and (affair_name := affair_name_from_title(title, municipality)):
        form.warn(f"①事務の名称: not printed; read from the 評価書名 as「{affair_name}」", form.location(affair))
    return BasicInfo(
        affair_name=affair_name,
        affair_description=form.value(affair, "②事務の内容"),
        subject_count_range=_choice(form, affair, "③対象人数"),
        systems=_listed_systems(form, read("Ⅰ-1.systems")) or _systems(form),
        file_names=_read_list(read(f"Ⅰ-{_number(form, 'file-names')}.file_names")) or _file_names(form),
        number_use_basis=_read_basis(form, read(f"Ⅰ-{_number(form, 'number-use')}.number_use_basis"), municipality)
        or _number_use_basis(form, municipality),
        network_linkage=_network_linkage(form),
        network_basis=_network_basis(form, municipality),
        department=form.value(department, "①部署"),
        head_post=form.value(department, "②所属長の役職名", "②所属長"),
        other_bodies=next((meaningful(b.value) for b in form.at(_part(form, "other-bodies")) if b.label == ""), None),
        location=form.location(section),
    )


def _read_text(reading: FieldReading | None) -> str | None:
    return reading.value if reading is not None and isinstance(reading.value, str) else None


def _read_list(reading: FieldReading | None) -> tuple[str, ...]:
    return reading.value if reading is not None and isinstance(reading.value, tuple) else ()


def _number(form: FormBlocks, meaning: str) -> str:
    """The number the document's form prints a part of Ⅰ at (forms data)."""
    placed = form_template(form.parts.form).part(meaning)
    return placed[1].number if placed else ""


def _listed_systems(form: FormBlocks, reading: FieldReading | None) -> tuple[SystemListing, ...]:
    """The systems a 基礎項目評価書 lists under Ⅰ-1 ③システムの名称, as the form reader read them."""
    if reading is None:
        return ()
    location = Location("Ⅰ/1/③システムの名称", reading.span)
    return tuple(
        SystemListing(no=no, name=name, function=None, connections=None, connection_note=None, location=location)
        for no, name in enumerate(_read_list(reading), start=1)
    )


def _read_basis(form: FormBlocks, reading: FieldReading | None, municipality: str | None) -> Citation | None:
    text = _read_text(reading)
    if reading is None or text is None:
        return None
    return merged_citation(text, Location("Ⅰ/個人番号の利用/法令上の根拠", reading.span), municipality)


def _part(form: FormBlocks, meaning: str) -> Path:
    """The path of a part every form prints in Ⅰ (forms.PARTS)."""
    path = form.path(meaning)
    assert path is not None, meaning
    return path


def _choice(form: FormBlocks, path: tuple[str, ...], label: str) -> str | None:
    value = form.value(path, label)
    picked = chosen(value)
    if value and picked is None:
        form.warn(f"{label}: the chosen option cannot be read", form.location(path, form.find_all(path, label)))
    return picked


def _systems(form: FormBlocks) -> tuple[SystemListing, ...]:
    listings = []
    systems = form.path("systems")
    if systems is None:
        return ()  # the 基礎項目評価書 has no system list
    numbers = form.item_numbers(systems, "システム")
    form.check_numbering("システム", numbers, form.location(systems))
    for no in numbers:
        path = (*systems, f"システム{no}")
        location = form.location(path)
        printed = form.value(path, "①システムの名称")
        name = without_note(printed)
        if name is None:
            continue
        function = form.value(path, "②システムの機能", required=False)
        note = note_of(printed)  # a ※ note printed under the name belongs with the system's description
        function = "\n".join(part for part in (function, note) if part) or None
        connections_text = form.value(path, "③他のシステムとの接続")
        connected = ticked(connections_text)
        if connections_text and connected is None:
            form.warn("③他のシステムとの接続: ticks cannot be decided", location)
        names = tuple(option for option, _ in connected) if connected else None
        notes = [note for _, note in connected or [] if note]
        listings.append(
            SystemListing(
                no=no,
                name=name,
                function=function,
                connections=names,
                connection_note="、".join(notes) or None,
                location=location,
            )
        )
    return tuple(listings)


def _file_names(form: FormBlocks) -> tuple[str, ...]:
    names = tuple(
        name
        for b in form.at(_part(form, "file-names"))
        if b.label == "" and meaningful(b.value)
        for name in enumerated(b.value)
    )
    if not names:
        form.warn("特定個人情報ファイル名: not found", form.location(_part(form, "file-names")))
    return names


def _number_use_basis(form: FormBlocks, municipality: str | None) -> Citation | None:
    path = _part(form, "number-use")
    block = form.find(path, "法令上の根拠") or next(iter(form.at(path)), None)
    text = meaningful(block.value) if block else None
    if text is None or block is None:
        form.warn("個人番号の利用 法令上の根拠: not found", form.location(path))
        return None
    citation = merged_citation(text, form.block_location(block), municipality)
    if citation is None:
        form.warn("個人番号の利用 法令上の根拠: no provision recognised", form.block_location(block))
    return citation


def _network_linkage(form: FormBlocks) -> bool | None:
    path = _part(form, "network")
    picked = chosen(form.value(path, "①実施の有無"))
    if picked is None:
        form.warn("①実施の有無: the chosen option cannot be read", form.location(path))
        return None
    if picked.startswith("実施する"):
        return True
    if picked.startswith("実施しない"):
        return False
    return None


def _network_basis(form: FormBlocks, municipality: str | None) -> tuple[Citation, ...]:
    """情報連携 ②法令上の根拠: one Citation per 【情報照会】/【情報提供】 part, its text starting with the marker."""
    path = _part(form, "network")
    block = form.find(path, "②法令上の根拠")
    text = meaningful(block.value) if block else None
    if text is None or block is None:
        form.warn("情報連携 ②法令上の根拠: not found", form.location(path))
        return ()
    location = form.block_location(block)
    citations = []
    for marker, part in _network_parts(text):
        citation = merged_citation(part, location, municipality)
        if citation is None:
            form.warn(f"情報連携 ②法令上の根拠: no provision recognised in {part[:40]!r}", location)
            continue
        if marker and not part.startswith(marker):
            citation = Citation(text=f"{marker} {part}", provisions=citation.provisions, location=location)
        citations.append(citation)
    return tuple(citations)


def _network_parts(text: str) -> list[tuple[str | None, str]]:
    """The 【…照会】/【…提供】 parts of 情報連携 ②法令上の根拠, each with its normalised marker (None: other parts)."""
    pieces = _NETWORK_PARTS.split(text)
    if len(pieces) == 1:
        return [(None, text)]
    parts = [(None, pieces[0].strip())] if meaningful(pieces[0]) else []
    for index in range(1, len(pieces) - 1, 2):
        heading, body = pieces[index], pieces[index + 1]
        marker = (
            "【情報照会】" if heading.endswith("照会】") else "【情報提供】" if heading.endswith("提供】") else None
        )
        parts.append((marker, f"{heading} {body.strip()}".strip()))
    return parts
