"""Character-level normalisers for text read from assessments.

Never apply NFKC to whole strings: it turns the form's item markers (①..⑳, Ⅰ..Ⅹ) into digits and letters.
The functions here fold only the characters that have one meaning in every document.
"""

from __future__ import annotations

import html
import re
import unicodedata

_FULLWIDTH_TILDE = "～"  # the one form wave dashes fold to
_WAVE_DASHES = {"〜", "~", "⁓", "∼"}
_MINUS_VARIANTS = {"－", "−", "‐", "‑", "‒", "–", "﹣"}
_PROLONGED_SOUND_MARK = "ー"


def _is_katakana(ch: str) -> bool:
    return "゠" <= ch <= "ヿ" or "ㇰ" <= ch <= "ㇿ" or "\u3099" <= ch <= "\u309c"  # with (semi-)voiced marks


def _is_halfwidth_katakana(ch: str) -> bool:
    return "｡" <= ch <= "ﾟ"


def _needs_compatibility_fold(ch: str) -> bool:
    """Kangxi radicals, CJK radicals supplement and CJK compatibility ideographs."""
    code = ord(ch)
    return 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if ch == "\u3000":
        return " "
    if ch in _WAVE_DASHES:
        return _FULLWIDTH_TILDE
    if ch in _MINUS_VARIANTS:
        return "-"
    if 0xFF01 <= code <= 0xFF5D:  # full-width ASCII (＼ and ～ excluded: ～ is the wave dash form)
        return chr(code - 0xFEE0)
    if _needs_compatibility_fold(ch):
        return unicodedata.normalize("NFKC", ch)
    return ch


def _minus_like_prolonged_mark(text: str, index: int) -> bool:
    """ー used as a minus/hyphen: not after a katakana, and followed by a digit or an ASCII letter."""
    before = text[index - 1] if index > 0 else ""
    after = _fold_char(text[index + 1]) if index + 1 < len(text) else ""
    if before and (_is_katakana(before) or before == _PROLONGED_SOUND_MARK or _is_halfwidth_katakana(before)):
        return False
    return bool(after) and after.isascii() and after.isalnum()


def fold_char_map(text: str) -> tuple[str, list[int]]:
    """``fold_width`` character by character, with the source index of every output character.

    Halfwidth katakana with voiced marks can merge two characters into one; the map then points to the first.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if _is_halfwidth_katakana(ch) and ch in "ﾞﾟ" and folded:
            merged = unicodedata.normalize("NFKC", folded[-1] + ch)
            if len(merged) == 1:
                folded[-1] = merged
                continue
        if ch in (_PROLONGED_SOUND_MARK, "ｰ") and _minus_like_prolonged_mark(text, index):
            piece = "-"
        elif _is_halfwidth_katakana(ch):
            piece = unicodedata.normalize("NFKC", ch)
        else:
            piece = _fold_char(ch)
        for out_ch in piece:
            folded.append(out_ch)
            origin.append(index)
    return "".join(folded), origin


def fold_width(text: str) -> str:
    """Fold full-width ASCII, ideographic space, halfwidth katakana, Kangxi/compatibility ideographs, wave
    dashes and minus signs. Keeps ①..⑳, Ⅰ..Ⅹ and the katakana prolonged sound mark inside words (サーバー).
    Idempotent."""
    while True:
        folded = fold_char_map(text)[0]
        if folded == text:
            return folded
        text = folded


_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>")
_BLOCK_TAGS = frozenset(
    {"p", "br", "li", "ul", "ol", "div", "table", "tr", "td", "th", "thead", "tbody", "h1", "h2", "h3", "h4", "hr"}
)


def strip_tags(text: str) -> str:
    """Remove HTML tags and decode entities; text that only looks like a tag (<選択肢>) is kept.

    Block tags (p, br, li, td, ...) become a space so that the words on either side stay apart.
    """

    def replace(match: re.Match[str]) -> str:
        return " " if match.group(1).lower() in _BLOCK_TAGS else ""

    return html.unescape(_TAG.sub(replace, text))


_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    """Every run of whitespace (including the ideographic space) becomes one space; ends stripped."""
    return _SPACES.sub(" ", text.replace("\u3000", " ")).strip()


def _is_ascii_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_wrapped(lines: list[str] | tuple[str, ...]) -> str:
    """Join lines wrapped by a PDF or a table cell: no space between CJK characters, one between ASCII words."""
    parts = [line.strip() for line in lines]
    parts = [part for part in parts if part]
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        separator = " " if _is_ascii_word_char(joined[-1]) and _is_ascii_word_char(part[0]) else ""
        joined += separator + part
    return joined


# ----------------------------------------------------------------------------- checkboxes

_TICKED_MARKS = "○〇◯●◎✓✔☑■レOoＯｏxX×✕"
_UNTICKED_MARKS = "□☐"
_INPUT = re.compile(r"<input\b[^<>]*>", re.IGNORECASE)
_CHECKED_ATTR = re.compile(r"\bchecked\b(?:\s*=\s*(['\"]?)(checked|true|1|)\1)?", re.IGNORECASE)
_INPUT_TYPE = re.compile(r"\btype\s*=\s*['\"]?(checkbox|radio)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"^\[\s*(.*?)\s*\]$", re.DOTALL)


def checkbox_state(marker: str) -> bool | None:
    """Whether a tick mark says ticked (True), unticked (False) or cannot be decided (None).

    Understands ``<input type="checkbox" checked/>`` (and radio), ``[ ○ ]``, ``[○]``, ``[O]``, ``〇``,
    ``■``/``□`` and ``[ ]``. Anything else is None: an unknown mark is never read as unticked.
    """
    text = marker.strip()
    bracketed = _BRACKETED.match(text)
    inner = bracketed.group(1) if bracketed else text
    input_tag = _INPUT.fullmatch(inner.strip())
    if input_tag:
        if not _INPUT_TYPE.search(input_tag.group(0)):
            return None
        return bool(_CHECKED_ATTR.search(input_tag.group(0)))
    inner = inner.strip()
    if bracketed and inner == "":
        return False
    if len(inner) == 1:
        if inner in _TICKED_MARKS:
            return True
        if inner in _UNTICKED_MARKS:
            return False
    return None


_OPTION_MARKER = re.compile(
    r"\[\s*(?:<input\b[^<>]*>|[^\[\]<>\s]?)\s*\]"  # [ ], [○], [ ○ ], [<input .../>]
    r"|<input\b[^<>]*>"  # a bare input tag
    r"|[■□☑☐]"  # box characters
)


def parse_checkbox_options(line: str) -> list[tuple[str, bool | None]]:
    """The options of a checkbox line as ``(label, state)``, in order.

    ``'[○] その他 (介護保険システム)'`` -> ``[('その他 (介護保険システム)', True)]``. Labels have tags stripped
    and spaces collapsed; a marker whose state cannot be decided gives None. A line with no marker gives [].
    """
    markers = list(_OPTION_MARKER.finditer(line))
    options: list[tuple[str, bool | None]] = []
    for position, marker in enumerate(markers):
        end = markers[position + 1].start() if position + 1 < len(markers) else len(line)
        label = collapse_spaces(strip_tags(line[marker.end() : end]))
        label = label.strip("[] ")
        if label:
            options.append((label, checkbox_state(marker.group(0))))
    return options


# ----------------------------------------------------------------------------- names

_COMPANY_ABBREVIATIONS = {
    "株": "株式会社",
    "有": "有限会社",
    "合": "合同会社",
    "財": "財団法人",
    "社": "社団法人",
}
_PARENTHESISED_ABBREVIATION = re.compile(r"[(（]\s*([株有合財社])\s*[)）]")
_ENCLOSED_ABBREVIATIONS = {"㈱": "株式会社", "㈲": "有限会社", "㈶": "財団法人", "㈳": "社団法人"}
_SPACE_BETWEEN_NON_ASCII = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


_FINAL_PROLONGED_MARKS = re.compile(r"(?<=[ァ-ヺー][ァ-ヺー])ー+(?![ァ-ヺー])")


def _drop_final_prolonged_marks(text: str) -> str:
    """サーバー -> サーバ, コンピューター -> コンピュータ: the ー run ending a katakana word of three or more
    characters (キー keeps its mark)."""
    return _FINAL_PROLONGED_MARKS.sub("", text)


def display_name(text: str) -> str:
    """The one spelling a shared node is labelled with: width folded, tags stripped, company abbreviations
    spelled out and whitespace removed next to non-ASCII characters (「富士通Japan 株式会社」 ->
    「富士通Japan株式会社」). Idempotent."""
    folded = fold_width(strip_tags(text))
    for mark, spelled in _ENCLOSED_ABBREVIATIONS.items():
        folded = folded.replace(mark, spelled)
    folded = _PARENTHESISED_ABBREVIATION.sub(lambda m: _COMPANY_ABBREVIATIONS[m.group(1)], folded)
    folded = collapse_spaces(folded)
    # Removing spaces can bring a ー next to a letter, where width folding reads it as a hyphen: fold again.
    return fold_width(_SPACE_BETWEEN_NON_ASCII.sub("", folded))


def normalise_name(text: str) -> str:
    """An identity form of a name: its ``display_name`` without the word-final ー of katakana loan words
    (サーバー = サーバ). Idempotent."""
    return _drop_final_prolonged_marks(display_name(text))
