"""The named-query catalogue: one SPARQL file per question in ``queries/``, parameters bound safely.

Each ``.rq`` file starts with a header of ``#`` comment lines::

    # @title-ja 事務のデータの提供先
    # @title-en Recipients of an affair's data
    # @description Who receives the data of an administrative affair, ...
    #   (indented comment lines continue the description)
    # @param affair text required: 事務の分類名 (ja/en) or free text, e.g. 介護保険

Parameter types: ``iri``, ``text``, ``integer``, ``date``, ``boolean`` and ``enum(a|b|c)``; flags
``required`` or ``optional`` and ``list`` (several values). Every parameter has exactly one line
``VALUES ?name { ... }`` in the query body holding its example value, so the file runs as it is
(researchers copy and adapt it). Binding replaces that line with the values given (validated IRIs,
escaped literals), or with ``UNDEF`` when an optional parameter is left out. Values are never pasted
into the query text in any other way, and ``substitutions=`` is not used (slow on pyoxigraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pia_kg.namespaces import XSD

MAX_TEXT_LENGTH = 500
MAX_VALUES = 1000
_PARAM_LINE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>iri|text|integer|date|boolean|enum\((?P<choices>[^)]*)\))"
    r"(?P<flags>(?:\s+(?:required|optional|list))*)\s*:\s*(?P<description>.*)$"
)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|^`\\\x00-\x20\x7f]*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class ParameterError(ValueError):
    """A parameter value that cannot be bound (unknown name, wrong type, missing, too long)."""


class UnknownQueryError(KeyError):
    """No named query has this name."""


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query."""

    name: str
    type: str  # iri | text | integer | date | boolean | enum
    required: bool
    multiple: bool
    description: str
    choices: tuple[str, ...] = ()
    example: tuple[str, ...] = ()  # the value(s) written in the file's VALUES line

    def literal(self, value: str) -> str:
        """``value`` as a SPARQL term of this parameter's type; ``ParameterError`` when it is not one."""
        if self.type == "iri":
            return iri_term(value)
        if self.type == "text":
            return text_term(value)
        if self.type == "enum":
            if value not in self.choices:
                raise ParameterError(f"{self.name}: expected one of {', '.join(self.choices)}, got {value[:40]!r}")
            return text_term(value)
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d{1,18}", value.strip()):
                raise ParameterError(f"{self.name}: expected an integer, got {value[:40]!r}")
            return f'"{int(value)}"^^<{XSD}integer>'
        if self.type == "date":
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                raise ParameterError(f"{self.name}: expected a date YYYY-MM-DD, got {value[:40]!r}") from None
            return f'"{day.isoformat()}"^^<{XSD}date>'
        if value.strip().lower() not in ("true", "false"):
            raise ParameterError(f"{self.name}: expected true or false, got {value[:40]!r}")
        return f'"{value.strip().lower()}"^^<{XSD}boolean>'


def iri_term(value: str) -> str:
    """``<value>`` after checking it is an absolute IRI with no character that could end the term."""
    if len(value) > 2000 or not _IRI.match(value):
        raise ParameterError(f'not an absolute IRI (no spaces or <>"{{}}|^`\\): {value[:80]!r}')
    return f"<{value}>"


def text_term(value: str) -> str:
    """``value`` as a SPARQL string literal, every special character escaped."""
    if len(value) > MAX_TEXT_LENGTH:
        raise ParameterError(f"text longer than {MAX_TEXT_LENGTH} characters")
    escaped = "".join(
        _ECHAR.get(ch) or (f"\\u{ord(ch):04X}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch) for ch in value
    )
    return f'"{escaped}"'


@dataclass(frozen=True)
class NamedQuery:
    """A named SPARQL query read from ``queries/{name}.rq``."""

    name: str
    title_ja: str
    title_en: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str

    def parameter(self, name: str) -> Parameter:
        for param in self.parameters:
            if param.name == name:
                return param
        raise ParameterError(f"{self.name} has no parameter {name!r}; it takes {', '.join(self.names) or 'none'}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    def bind(self, values: Mapping[str, str | Sequence[str] | None] | None = None) -> str:
        """The query text with each parameter's VALUES line replaced by the values given."""
        values = values or {}
        for name in values:
            self.parameter(name)
        text = self.text
        for param in self.parameters:
            given = values.get(param.name)
            items = [given] if isinstance(given, str) else list(given or ())
            items = [v for v in items if v is not None and (v != "" or param.type == "text")]
            if not items and param.required:
                raise ParameterError(f"{self.name}: parameter {param.name!r} is required ({param.description})")
            if len(items) > 1 and not param.multiple:
                raise ParameterError(f"{self.name}: parameter {param.name!r} takes one value")
            if len(items) > MAX_VALUES:
                raise ParameterError(f"{self.name}: at most {MAX_VALUES} values for {param.name!r}")
            terms = " ".join(param.literal(v) for v in items) or "UNDEF"
            text = _values_line(param.name).sub(lambda _m, t=terms, n=param.name: f"VALUES ?{n} {{ {t} }}", text)
        return text


def _values_line(name: str) -> re.Pattern[str]:
    return re.compile(rf"VALUES\s+\?{re.escape(name)}\s*\{{[^}}\n]*\}}")


def _example_terms(body: str) -> tuple[str, ...]:
    """The values written in a VALUES line, as plain strings (IRIs without <>, literals unquoted)."""
    found: list[str] = []
    for iri, literal in re.findall(r'<([^>]*)>|"((?:[^"\\]|\\.)*)"', body):
        found.append(iri or literal)
    return tuple(found)


def parse(name: str, text: str) -> NamedQuery:
    """Read the header and check that every parameter has exactly one VALUES line."""
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    current: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        content = line[1:].strip()
        match = re.match(r"@(title-ja|title-en|description|param)\s+(.*)$", content)
        if match:
            key, rest = match.groups()
            if key == "param":
                params.append(_parameter(name, rest))
                current = None
            else:
                fields[key] = rest.strip()
                current = key
        elif current and line.startswith("#  ") and content:
            fields[current] += " " + content
        else:
            current = None
    for key in ("title-ja", "title-en", "description"):
        if key not in fields:
            raise ValueError(f"{name}.rq: header lacks @{key}")
    bound: list[Parameter] = []
    for param in params:
        lines = _values_line(param.name).findall(text)
        if len(lines) != 1:
            raise ValueError(
                f"{name}.rq: parameter {param.name} needs exactly one 'VALUES ?{param.name} {{ ... }}' line"
            )
        example = _example_terms(lines[0].split("{", 1)[1])
        bound.append(Parameter(**{**param.__dict__, "example": example}))
    return NamedQuery(name, fields["title-ja"], fields["title-en"], fields["description"], tuple(bound), text)


def _parameter(query: str, declaration: str) -> Parameter:
    match = _PARAM_LINE.match(declaration.strip())
    if not match:
        raise ValueError(f"{query}.rq: cannot read parameter declaration {declaration!r}")
    flags = match["flags"].split()
    kind = "enum" if match["choices"] is not None else match["type"]
    choices = tuple(c.strip() for c in (match["choices"] or "").split("|") if c.strip())
    return Parameter(
        name=match["name"],
        type=kind,
        required="required" in flags,
        multiple="list" in flags,
        description=match["description"].strip(),
        choices=choices,
    )


class Catalogue:
    """All named queries of a folder, by name."""

    def __init__(self, queries: Iterable[NamedQuery]) -> None:
        self._queries = {q.name: q for q in sorted(queries, key=lambda q: q.name)}

    @classmethod
    def from_dir(cls, folder: Path) -> Catalogue:
        return cls(parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq")))

    def __getitem__(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise UnknownQueryError(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._queries

    def __iter__(self):
        return iter(self._queries.values())

    def __len__(self) -> int:
        return len(self._queries)


@cache
def catalogue(folder: Path) -> Catalogue:
    """The catalogue of ``folder``, read once per process."""
    return Catalogue.from_dir(folder)
