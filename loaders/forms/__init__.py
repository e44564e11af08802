"""The PPC's forms as data: one TOML file per form (``full.toml`` 様式4, ``focused.toml`` 様式3, ``basic.toml``
様式2), read and checked against the schema below when first asked for.

Each file holds the form's cover fields in printed order, its sections and their numbered parts (titles as
printed, the fields a part asks for, the numbered items it lists), its annexes (別添) and its item kinds
(システムN, 委託事項N, 提供先N, 移転先N, リスクN with their ①..⑨ labels), and the versions the documents show
with the labels that differ in each. The segmenters and extractors take their form facts from here; adding a
form version is a change to these files plus test documents (see docs/loaders.md).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast, get_args

from loaders.model import FormKind

FieldType = Literal[
    "number", "title", "declaration", "text", "body", "date", "affair-name", "select", "checkbox", "list", "citation"
]
FORM_FILES: dict[FormKind, str] = {"full": "full.toml", "focused": "focused.toml", "basic": "basic.toml"}


class FormFileError(ValueError):
    """A form file that does not follow the schema: names the file and the problem."""

    def __init__(self, file: str, problem: str) -> None:
        super().__init__(f"{file}: {problem}")
        self.file, self.problem = file, problem


@dataclass(frozen=True)
class Field:
    """One labelled cell: its key in the records, the labels printed for it, its type."""

    key: str
    labels: tuple[str, ...]
    type: FieldType
    national_only: bool = False  # 【行政機関等のみ】: left empty by local governments


@dataclass(frozen=True)
class PartTemplate:
    """A numbered subsection (Ⅰ-1, Ⅱ-5, ...): its meaning, printed titles, fields and item kinds."""

    number: str
    meaning: str
    titles: tuple[str, ...]
    fields: tuple[Field, ...] = ()
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionTemplate:
    numeral: str  # Ⅰ..Ⅵ
    meaning: str
    titles: tuple[str, ...]
    per_file: bool = False  # printed once per 特定個人情報ファイル
    parts: tuple[PartTemplate, ...] = ()


@dataclass(frozen=True)
class AnnexTemplate:
    label: str  # 別添1
    meaning: str
    titles: tuple[str, ...]


@dataclass(frozen=True)
class ItemKind:
    """A numbered item a part lists (heading 提供先 -> 提供先1, 提供先2, ...) and its labels in order."""

    kind: str
    heading: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class FormVersion:
    name: str  # 平成26年4月
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)  # field key -> labels there


@dataclass(frozen=True)
class FormTemplate:
    form: FormKind
    style: int  # 様式N
    name: str  # 全項目評価書
    printed_titles: tuple[str, ...]
    versions: tuple[FormVersion, ...]
    cover: tuple[Field, ...]
    sections: tuple[SectionTemplate, ...]
    annexes: tuple[AnnexTemplate, ...]
    items: tuple[ItemKind, ...]

    def cover_fields(self, version: str | None = None) -> tuple[Field, ...]:
        """The cover fields with the labels ``version`` prints (every known label when it is unknown)."""
        overrides = next((v.labels for v in self.versions if v.name == version), {})
        return tuple(replace(f, labels=overrides[f.key]) if f.key in overrides else f for f in self.cover)

    def section(self, meaning: str) -> SectionTemplate | None:
        return next((s for s in self.sections if s.meaning == meaning), None)

    def part(self, meaning: str) -> tuple[SectionTemplate, PartTemplate] | None:
        """The section and part that mean ``meaning`` (the first, where a meaning is printed in two sections)."""
        return next(((s, p) for s in self.sections for p in s.parts if p.meaning == meaning), None)

    def item(self, kind: str) -> ItemKind | None:
        return next((i for i in self.items if i.kind == kind), None)


# ----------------------------------------------------------------------------- schema


class _Table:
    """A TOML table read key by key: every key checked for type, unknown keys refused."""

    def __init__(self, data: Any, file: str, where: str) -> None:
        if not isinstance(data, dict):
            raise FormFileError(file, f"{where}: expected a table")
        self.data, self.file, self.where, self.read = data, file, where, set()

    def get(self, key: str, kind: type, default: Any = ...) -> Any:
        self.read.add(key)
        if key not in self.data:
            if default is ...:
                raise FormFileError(self.file, f"{self.where}: missing {key!r}")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise FormFileError(self.file, f"{self.where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
        return value

    def strings(self, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(key, list, default)
        if not all(isinstance(v, str) and v for v in values):
            raise FormFileError(self.file, f"{self.where}.{key}: expected a list of non-empty strings")
        return tuple(values)

    def tables(self, key: str) -> list[_Table]:
        return [_Table(t, self.file, f"{self.where}{key}[{i}]") for i, t in enumerate(self.get(key, list, []))]

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise FormFileError(self.file, f"{self.where or 'top level'}: unknown keys {unknown}")


def _field(table: _Table) -> Field:
    kind = table.get("type", str)
    if kind not in get_args(FieldType):
        raise FormFileError(table.file, f"{table.where}.type: unknown field type {kind!r}")
    result = Field(
        key=table.get("key", str),
        labels=table.strings("labels"),
        type=cast(FieldType, kind),
        national_only=table.get("national_only", bool, False),
    )
    table.done()
    return result


def _part(table: _Table) -> PartTemplate:
    result = PartTemplate(
        number=table.get("number", str),
        meaning=table.get("meaning", str),
        titles=table.strings("titles"),
        fields=tuple(_field(t) for t in table.tables("fields")),
        items=tuple(table.get("items", str, "").split()),
    )
    table.done()
    return result


def _section(table: _Table) -> SectionTemplate:
    result = SectionTemplate(
        numeral=table.get("numeral", str),
        meaning=table.get("meaning", str),
        titles=table.strings("titles"),
        per_file=table.get("per_file", bool, False),
        parts=tuple(_part(t) for t in table.tables("parts")),
    )
    table.done()
    return result


def _version(table: _Table) -> FormVersion:
    name = table.get("name", str)
    labels_table = _Table(table.get("labels", dict, {}), table.file, f"{table.where}.labels")
    labels = {key: labels_table.strings(key) for key in list(labels_table.data)}
    labels_table.done()
    table.done()
    return FormVersion(name, labels)


def parse_form(data: dict[str, Any], file: str) -> FormTemplate:
    """A form template from the TOML ``data`` of ``file``; FormFileError names any departure from the schema."""
    top = _Table(data, file, "")
    form = top.get("form", str)
    if form not in FORM_FILES:
        raise FormFileError(file, f"form: {form!r} is not one of {sorted(FORM_FILES)}")
    template = FormTemplate(
        form=cast(FormKind, form),
        style=top.get("style", int),
        name=top.get("name", str),
        printed_titles=top.strings("printed_titles"),
        versions=tuple(_version(t) for t in top.tables("versions")),
        cover=tuple(_field(t) for t in top.tables("cover")),
        sections=tuple(_section(t) for t in top.tables("sections")),
        annexes=tuple(
            AnnexTemplate(t.get("label", str), t.get("meaning", str), t.strings("titles"))
            for t in top.tables("annexes")
        ),
        items=tuple(
            ItemKind(t.get("kind", str), t.get("heading", str), t.strings("labels", ())) for t in top.tables("items")
        ),
    )
    top.done()
    _check(template, file)
    return template


def _check(template: FormTemplate, file: str) -> None:
    """What the schema cannot say: unique keys and meanings, item kinds that exist, version overrides of real keys."""
    keys = [f.key for f in template.cover] + [f.key for s in template.sections for p in s.parts for f in p.fields]
    if len(keys) != len(set(keys)):
        raise FormFileError(file, f"field keys repeated: {sorted({k for k in keys if keys.count(k) > 1})}")
    numerals = [s.numeral for s in template.sections]
    if len(numerals) != len(set(numerals)):
        raise FormFileError(file, "a section numeral is repeated")
    kinds = {i.kind for i in template.items}
    for section in template.sections:
        numbers = [p.number for p in section.parts]
        if numbers != [str(n) for n in range(1, len(numbers) + 1)]:
            raise FormFileError(file, f"section {section.numeral}: parts not numbered 1..{len(numbers)}")
        for part in section.parts:
            if missing := set(part.items) - kinds:
                raise FormFileError(file, f"{section.numeral}-{part.number}: unknown item kinds {sorted(missing)}")
    cover_keys = {f.key for f in template.cover}
    for version in template.versions:
        if unknown := set(version.labels) - cover_keys:
            raise FormFileError(file, f"version {version.name}: labels for unknown cover fields {sorted(unknown)}")


@cache
def forms() -> dict[FormKind, FormTemplate]:
    """Every form template, read once from the files beside this module."""
    folder = Path(__file__).parent
    loaded: dict[FormKind, FormTemplate] = {}
    for kind, name in FORM_FILES.items():
        try:
            data = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise FormFileError(name, f"not valid TOML: {error}") from error
        loaded[kind] = parse_form(data, name)
    return loaded


def form(kind: FormKind) -> FormTemplate:
    return forms()[kind]


def form_of_style(style: int) -> FormTemplate | None:
    """The form printed as 様式``style`` on a cover."""
    return next((t for t in forms().values() if t.style == style), None)
