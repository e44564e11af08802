"""Legal citations -> ProvisionRefs, by the grammar of Japanese legal citations.

The text is folded (width, Kangxi radicals), HTML tags dropped and the spaces/line breaks that wrapping put
inside words removed, keeping a map back to the text as written. A scanner then reads tokens left to right:
law names (known names, abbreviations, generic 「…法」「…条例」 followed by a provision), 第N条 / 第N項 /
第N号 (lists too), tables (別表, 別表第一/第二, 第2条の表) and their items (「…の項」, lists), 同法 / 同条,
promulgation numbers (skipped) and parentheses (a parenthesis can name another law; after it the outer
context resumes). A bare 主務省令 resolves by the table or provision it follows; what cannot be resolved
gives no provision (never a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from loaders.citations.laws import (
    AFFAIRS_ORDER,
    APPENDIX2_ORDER,
    BANGO_ACT,
    BANGO_FULL_NAME,
    CARD_ORDER,
    CARD_ORDER_TITLES,
    KNOWN_ABBREVIATIONS,
    PROVISION_ORDER,
    law_by_name,
    number_use_ordinance,
    ordinance_issuer,
)
from loaders.model import LawRef, ProvisionRef
from loaders.normalize.names import split_local_government
from loaders.normalize.numbers import KANJI_NUMERAL_CHARS, int_to_kanji, normalise_item_number, parse_int
from loaders.normalize.text import fold_char_map

# ----------------------------------------------------------------------------- text preparation

STATEMENT_MARKERS = "・※【①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # a line starting with one begins a new statement

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def prepare(text: str) -> tuple[str, list[int]]:
    """(normalised text, index in ``text`` of each normalised character).

    Width folded; tags dropped; a line break between two non-ASCII characters or two digits (a wrap) dropped
    unless the next line starts a statement (・, ※, 【, ①..⑳);
    other whitespace runs (tabs separate cells) become one space, which the patterns below tolerate."""
    folded, origin = fold_char_map(text)
    keep = [True] * len(folded)
    for tag in _TAG.finditer(folded):
        for index in range(tag.start(), tag.end()):
            keep[index] = False
    chars = [(ch, origin[i]) for i, ch in enumerate(folded) if keep[i]]
    out: list[tuple[str, int]] = []
    index = 0
    while index < len(chars):
        ch, position = chars[index]
        if not ch.isspace():
            out.append((ch, position))
            index += 1
            continue
        end = index
        while end < len(chars) and chars[end][0].isspace():
            end += 1
        before = out[-1][0] if out else ""
        after = chars[end][0] if end < len(chars) else ""
        run = "".join(c for c, _ in chars[index:end])
        wrapped = "\n" in run and "\t" not in run and after not in STATEMENT_MARKERS
        joins_words = wrapped and not before.isascii() and not after.isascii()
        joins_digits = wrapped and before.isdigit() and after.isdigit()
        if before and after and not (joins_words or joins_digits):
            out.append((" ", position))
        index = end
    return "".join(c for c, _ in out), [p for _, p in out]


# ----------------------------------------------------------------------------- tokens

_N = rf"(?:\d+|[{KANJI_NUMERAL_CHARS}]+)"
_SUB = rf"{_N}(?:\s?の\s?{_N})*"
_K = r"[一-龥々〆ヵヶァ-ヴー・]"
_CONNECTOR = r"(?:の|に関する|における|のための|及び|並びに|等の|等に関する|に係る|に対する)"
# inside a law's name, between its words: a particle or okurigana of one or two kana (「子ども・子育て支援法」,
# 「…社会生活を総合的に支援するための法律」); a longer kana run (「…であって」) ends the name
_KANA_JOINT = r"[ぁ-ゖ]{1,2}"
# what may precede the start of a name that has such kana: a boundary (start, space, punctuation, bracket), a
# coordinating word or a phrase's kana ending (「…であって」); otherwise the kana may end another phrase
# (「…に基づき児童福祉法」) and the name is only the part after the last kana run
_NAME_BOUNDARY = re.compile(r"(?:^|[\s、。,.・「」『』()\[\]【】<>〈〉]|及び|並びに|又は|若しくは|[ぁ-ゖ]{3})$")
_LAW_END = r"(?:法律|施行令|施行規則|政令|省令|命令|規則|条例|法)"
_ERA = r"(?:明治|大正|昭和|平成|令和)"


def _spaced(literal: str) -> str:
    """A pattern for ``literal`` that tolerates one space between any two characters (PDF wraps)."""
    return r"\s?".join(re.escape(ch) for ch in literal)


_BANGO_FULL = _spaced(BANGO_FULL_NAME)
_BANGO = rf"(?:{_BANGO_FULL}|番号法)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "card_order",
            rf"{_BANGO}\s?(?:{'|'.join(_spaced(title) for title in CARD_ORDER_TITLES)})"
            rf"|{_spaced(str(CARD_ORDER.short_name))}",
        ),
        (
            "provision_order",
            rf"{_BANGO}\s?第\s?(?:19|十九)\s?条\s?第\s?(?:8|八)\s?号\s?に基づく\s?"
            rf"(?:\(?{_spaced('利用特定個人情報の提供に関する命令')}\)?|主務省令)",
        ),
        (
            "provision_order_short",
            rf"{_spaced('利用特定個人情報')}(?:{_spaced('の提供に関する命令')}|提供主務省令|提供命令)",
        ),
        (
            "affairs_order",
            rf"(?:{_BANGO})?別表(?:第(?:1|一))?の主務省令で定める事務を定める命令|別表第(?:1|一)(?:主務)?省令",
        ),
        (
            "appendix2_order",
            rf"(?:{_BANGO})?別表第(?:2|二)の主務省令で定める事務(?:及び情報)?を定める命令|別表第(?:2|二)(?:主務)?省令",
        ),
        ("ambiguous_order", r"主務省令事項を定める命令|主務省令|命令"),
        (
            "number_use_ordinance",
            rf"(?P<gov>[〇一-龥々ヶ]+?)(?:{_BANGO_FULL}\s?{_spaced('に基づく個人番号の利用及び特定個人情報の提供に関する条例')}"
            rf"|{_spaced('行政手続における特定の個人を識別するための番号の利用等に関する条例')}|番号利用条例)",
        ),
        ("based_ordinance", r"(?:に基づく|の)(?:市|町|村|区)?条例|番号利用条例"),
        ("promulgation", rf"{_ERA}\s?(?:元|{_N})\s?年(?:{_N}月{_N}日)?[^\s()第]{{0,12}}?第\s?{_N}\s?号"),
        ("same", r"同(?P<level>法|条|項)"),
        ("order_table", rf"第\s?(?P<article>{_SUB})\s?条\s?の?\s?(?:別表|表)"),
        ("numbered_table", rf"別表\s?第\s?(?P<number>{_N})(?!\s?(?:条|項|号|欄))"),
        ("table", r"別表"),
        ("column", rf"第\s?{_N}\s?欄"),
        (
            "table_items",
            rf"(?:の\s?)?(?:第\s?)?(?P<items>{_SUB}(?:\s?(?:の項|項)?\s?[、,]\s?(?:第\s?)?{_SUB})*)\s?(?:の\s?)?項(?!目)",
        ),
        ("article_list", rf"第\s?(?P<items>{_N}(?:条(?:の{_N})*)?(?:\s?[、,]\s?{_N}(?:条(?:の{_N})*)?)+)"),
        ("supplementary", rf"附則\s?第\s?(?P<number>{_N})\s?条(?P<sub>(?:\s?の\s?{_N})*)"),
        ("article", rf"第\s?(?P<number>{_N})\s?条(?P<sub>(?:\s?の\s?{_N})*)"),
        ("item", rf"(?:第|(?<=条)|(?<=項))\s?(?P<number>{_SUB})\s?号"),
        ("bango_full", rf"{_BANGO_FULL}(?:施行令|施行規則)?(?!の施行に伴う)"),
        (
            "law",
            rf"(?![・{KANJI_NUMERAL_CHARS}]|及び|並びに){_K}+"
            rf"(?:(?:{_CONNECTOR}|(?:する)?ための){_K}*|{_KANA_JOINT}{_K}+)*{_LAW_END}",
        ),
        ("open", r"\("),
        ("close", r"\)"),
    )
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_ANY_TOKEN = re.compile("|".join("(?:" + _NAMED_GROUP.sub("(?:", pattern.pattern) + ")" for _, pattern in _PATTERNS))
_BARE_ITEMS = re.compile(rf"\s?(?P<items>{_SUB}(?:\s?[、,]\s?{_SUB})*)(?!\s?(?:条|号|欄|項|の|\d))")
_NOT_A_CITATION = ("関係", "による", "上の", "等の")
_FOLLOWED_BY_PROVISION = re.compile(rf"\s?(?:\([^()]*\)\s?)*(?:第\s?{_N}\s?条|別表|附則)")
_FOLLOWED_BY_PROMULGATION = re.compile(rf"\s?\([^()]*(?:法律|政令|省令|規則|条例)第\s?{_N}\s?号[^()]*\)")


def _number(text: str) -> str | None:
    return normalise_item_number(re.sub(r"\s", "", text))


def _list_items(text: str) -> list[str]:
    """'2の項、3の項' / '2、3、6' / '第1、第2' -> ['2', '3', ...] in arabic, 'の' sub-numbers kept."""
    items: list[str] = []
    for part in re.split(r"[、,]", text):
        part = re.sub(r"\s", "", part).removeprefix("の").removeprefix("第").removesuffix("項").removesuffix("の")
        number = _number(part)
        if number is not None:
            items.append(number)
    return items


def table_name(written: str) -> str:
    """'別表' / '別表第1' / '別表第一' / '別表第2' -> '別表' / '別表第一' / '別表第二'."""
    match = re.fullmatch(rf"別表\s?第\s?(?P<number>{_N})", written)
    if not match:
        return "別表"
    value = parse_int(match.group("number"))
    return f"別表第{int_to_kanji(value)}" if value is not None else written


# ----------------------------------------------------------------------------- scanning state


@dataclass
class _Context:
    law: LawRef | None = None
    article: str | None = None
    paragraph: str | None = None
    item: str | None = None
    pending: bool = False  # the path above has not been emitted yet
    table: str | None = None
    table_article: str | None = None
    table_active: bool = False  # the last provision token was a table or a table item
    table_pending: bool = False


@dataclass
class Scanner:
    """Reads tokens left to right and collects the ProvisionRefs they name; the law context persists
    across calls to ``scan`` (one statement after another), the collected refs are reset by the caller."""

    municipality: str | None
    refs: list[ProvisionRef] = field(default_factory=list)
    context: _Context = field(default_factory=_Context)
    stack: list[_Context] = field(default_factory=list)
    last_law: LawRef | None = None
    saw_token: bool = False
    dropped: bool = False  # a provision was written but its law is unknown

    # -- emission
    def emit(self, ref: ProvisionRef) -> None:
        self.refs.append(ref)

    def flush(self) -> None:
        ctx = self.context
        if ctx.pending and ctx.law is not None:
            self.emit(ProvisionRef(ctx.law, ctx.article, ctx.paragraph, ctx.item))
        elif ctx.pending:
            self.dropped = True
        ctx.pending = False
        if ctx.table_pending and ctx.law is not None:
            self.emit(ProvisionRef(ctx.law, ctx.table_article, table=ctx.table))
        ctx.table_pending = False

    def set_law(self, law: LawRef | None) -> None:
        self.flush()
        self.context = _Context(law=law, pending=law is not None)
        if law is not None:
            self.last_law = law

    # -- path levels
    def set_article(self, article: str | None) -> None:
        self.flush()
        ctx = self.context
        ctx.article, ctx.paragraph, ctx.item = article, None, None
        ctx.pending, ctx.table_active = True, False

    def set_paragraph(self, paragraph: str | None) -> None:
        ctx = self.context
        if ctx.paragraph is not None or ctx.item is not None:
            self.flush()
        ctx.paragraph, ctx.item = paragraph, None
        ctx.pending, ctx.table_active = True, False

    def set_item(self, item: str | None) -> None:
        ctx = self.context
        if ctx.item is not None:
            self.flush()
        ctx.item = item
        ctx.pending, ctx.table_active = True, False

    def set_table(self, table: str, article: str | None) -> None:
        ctx = self.context
        if ctx.table_pending:
            self.flush()
        ctx.table, ctx.table_article = table, article
        ctx.table_active = ctx.table_pending = True
        if ctx.pending and ctx.article is None:
            ctx.pending = False  # 「番号法別表…」: the law is cited through its table

    def add_table_items(self, items: list[str]) -> None:
        ctx = self.context
        if ctx.table is None and ctx.law == PROVISION_ORDER:
            ctx.table, ctx.table_article = "第2条の表", "2"  # the order's only table: 「主務省令…の項」
        if ctx.law is None or ctx.table is None:
            self.dropped = True
            return
        for item in items:
            self.emit(ProvisionRef(ctx.law, ctx.table_article, table=ctx.table, table_item=item))
        ctx.table_pending = False
        ctx.table_active = True
        if ctx.pending and ctx.article is None:
            ctx.pending = False

    def open(self) -> None:
        self.stack.append(replace(self.context))

    def close(self) -> None:
        if not self.stack:
            return
        self.flush()
        self.context = self.stack.pop()

    def resolve_bare_order(self) -> LawRef | None:
        """主務省令 / 命令 without a name: the order of the table or provision just cited, else unknown."""
        ctx = self.context
        if ctx.law == BANGO_ACT and ctx.table == "別表第二":
            return APPENDIX2_ORDER
        if ctx.law == BANGO_ACT and ctx.table in ("別表", "別表第一"):
            return AFFAIRS_ORDER
        if ctx.law == BANGO_ACT and (ctx.article, ctx.item) == ("19", "8"):
            return PROVISION_ORDER
        if ctx.law in (PROVISION_ORDER, AFFAIRS_ORDER, APPENDIX2_ORDER):
            return ctx.law
        return None


_PLAIN_LAW_NAME = re.compile(rf"(?![・{KANJI_NUMERAL_CHARS}]){_K}+(?:{_CONNECTOR}{_K}*)*{_LAW_END}")


def _name_start(name: str, text: str, start: int) -> str:
    """The law name a ``law`` token starting at ``start`` writes: all of it when it starts at a boundary or has no
    kana but connectors; else its longest end written without other kana (「基づき児童福祉法」 -> 児童福祉法)."""
    if _PLAIN_LAW_NAME.fullmatch(name) or _NAME_BOUNDARY.search(text[:start]):
        return name
    return next((name[i:] for i in range(1, len(name)) if _PLAIN_LAW_NAME.fullmatch(name[i:])), name)


_NAMED_LAWS = (
    "card_order",
    "provision_order",
    "provision_order_short",
    "affairs_order",
    "appendix2_order",
    "bango_full",
)


def _named_law_inside(text: str, start: int, end: int) -> int | None:
    """Where a law known by its name starts between ``start`` and ``end`` (「…事務を個人番号カード命令」), if any."""
    for position in range(start, end):
        if any(_PATTERNS_BY_NAME[name].match(text, position) for name in _NAMED_LAWS):
            return position
    return None


def _law_candidate(name: str, text: str, end: int, municipality: str | None) -> LawRef | None:
    """A generic law name is a citation only when a provision or a promulgation number follows it."""
    if text.startswith(_NOT_A_CITATION, end):
        return None  # 「国保法関係」「国保法による…事務」: naming an affair, not citing the law
    known = next((abbr for abbr in KNOWN_ABBREVIATIONS if name.endswith(abbr)), None)
    if known and not name.startswith(known):
        name = known  # 「当市の番号法」: the known name at the end
    if name.startswith((*KNOWN_ABBREVIATIONS, BANGO_FULL_NAME)):
        return law_by_name(name, municipality=municipality)
    if _FOLLOWED_BY_PROVISION.match(text, end) or _FOLLOWED_BY_PROMULGATION.match(text, end):
        if name.endswith("条例") and not (ordinance_issuer(name) or municipality):
            return None
        return law_by_name(name, municipality=municipality)
    return None


def _issuer_of(prefix: str, municipality: str | None) -> str | None:
    prefecture, local = split_local_government(prefix)
    return local or prefecture or municipality


def _next_token(text: str, position: int) -> tuple[str, re.Match[str]] | None:
    """The first token at or after ``position``: the earliest place any pattern matches, and there the
    first pattern in priority order (``_ANY_TOKEN`` finds the place in one pass of the regex engine)."""
    while True:
        anywhere = _ANY_TOKEN.search(text, position)
        if anywhere is None:
            return None
        position = anywhere.start()
        for name, pattern in _PATTERNS:
            match = pattern.match(text, position)
            if match and match.end() > position:
                return name, match
        position += 1  # only an empty match here


def scan(scanner: Scanner, text: str) -> None:
    """Scan ``text`` (already ``prepare``d), adding to ``scanner.refs``."""
    position = 0
    while position < len(text):
        token = _next_token(text, position)
        if token is None:
            break
        name, match = token
        position = match.end()
        ctx = scanner.context
        if name == "provision_order":
            scanner.set_law(BANGO_ACT)
            scanner.set_article("19")
            scanner.set_item("8")
            scanner.set_law(PROVISION_ORDER)
        elif name == "provision_order_short":
            scanner.set_law(PROVISION_ORDER)
        elif name == "affairs_order":
            scanner.set_law(AFFAIRS_ORDER)
        elif name == "appendix2_order":
            scanner.set_law(APPENDIX2_ORDER)
        elif name == "ambiguous_order":
            scanner.set_law(scanner.resolve_bare_order())
        elif name == "number_use_ordinance":
            issuer = _issuer_of(match.group("gov"), scanner.municipality)
            scanner.set_law(number_use_ordinance(issuer) if issuer else None)
        elif name == "based_ordinance":
            if ctx.law != BANGO_ACT and not match.group(0).startswith("番号利用"):
                continue
            scanner.set_law(number_use_ordinance(scanner.municipality) if scanner.municipality else None)
        elif name == "promulgation":
            if not scanner.stack:
                scanner.set_law(None)  # 「平成19年法律第30号附則第39条」: a law named by its number only
        elif name == "same":
            level = match.group("level")
            if level == "法":
                scanner.set_law(scanner.last_law)
            elif level == "条":
                scanner.set_article(ctx.article)
            elif level == "項":
                scanner.set_paragraph(ctx.paragraph)
        elif name in ("order_table", "numbered_table", "table"):
            if name == "order_table":
                article = _number(match.group("article"))
                scanner.set_table(f"第{article}条の表", article)
            else:
                scanner.set_table(table_name(match.group(0)), None)
            # 「別表2、3、6」「第2条 別表2、3」: numbers right after the table are its items, even without 「の項」
            bare = _BARE_ITEMS.match(text, position) if name != "numbered_table" else None
            if bare and not _PATTERNS_BY_NAME["table_items"].match(text, position):
                scanner.add_table_items(_list_items(bare.group("items")))
                position = bare.end()
        elif name == "table_items":
            written = re.sub(r"\s", "", match.group(0))
            if "の項" in written or written.startswith("の") or ctx.table_active:
                scanner.add_table_items(_list_items(match.group("items")))
            else:  # 「第1項」「第2項及び第3項」: paragraphs of the article
                for paragraph in _list_items(match.group("items")):
                    scanner.set_paragraph(paragraph)
        elif name == "article_list":
            for part in re.split(r"[、,]", match.group("items")):
                number = _number(re.sub(r"\s", "", part).replace("条", ""))
                if number:
                    scanner.set_article(number)
        elif name == "supplementary":
            scanner.set_article(f"附則{_number(match.group('number') + match.group('sub'))}")
        elif name == "article":
            scanner.set_article(_number(match.group("number") + match.group("sub")))
        elif name == "item":
            scanner.set_item(_number(match.group("number")))
        elif name == "card_order":
            scanner.set_law(CARD_ORDER)
        elif name in ("bango_full", "law"):
            written = _name_start(match.group(0), text, match.start()) if name == "law" else match.group(0)
            named = _named_law_inside(text, match.start() + 1, match.end()) if name == "law" else None
            if named is not None or written != match.group(0):
                # the name starts later (after another phrase's kana, or where a law known by name is written)
                position = named if named is not None else match.end() - len(written)
                continue
            law = _law_candidate(written, text, match.end(), scanner.municipality)
            if law is None:
                continue
            scanner.set_law(law)
        elif name == "open":
            scanner.open()
        elif name == "close":
            scanner.close()
        if name not in _NON_CITING or scanner.context.law is not None:
            scanner.saw_token = True
    while scanner.stack:
        scanner.close()
    scanner.flush()


_PATTERNS_BY_NAME = dict(_PATTERNS)
# Tokens that alone do not make a statement a citation (a bare 主務省令 that did not resolve, a parenthesis).
_NON_CITING = frozenset({"open", "close", "column", "ambiguous_order", "based_ordinance", "promulgation", "same"})
