"""Property tests: the same provision written any way parses to the same refs; lists expand; text is kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.citations import BANGO_ACT, PROVISION_ORDER, parse_citation, parse_citations
from loaders.model import Location, Span

HERE = Location("Ⅰ/6", Span(10, 12))
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI_DIGITS = "〇一二三四五六七八九"


def kanji(value: int) -> str:
    text = ""
    for unit, unit_char in ((1000, "千"), (100, "百"), (10, "十")):
        digit = value // unit % 10
        if digit:
            text += ("" if digit == 1 else KANJI_DIGITS[digit]) + unit_char
    return text + (KANJI_DIGITS[value % 10] if value % 10 else "")


def spell(number: tuple[int, ...], style: str) -> str:
    """An item number such as (82, 2) -> '82の2' / '８２の２' / '八十二の二'."""
    if style == "fullwidth":
        return "の".join(str(part).translate(FULLWIDTH) for part in number)
    if style == "kanji":
        return "の".join(kanji(part) for part in number)
    return "の".join(str(part) for part in number)


item_numbers = st.tuples(st.integers(1, 999)) | st.tuples(st.integers(1, 999), st.integers(2, 9))
styles = st.sampled_from(["arabic", "fullwidth", "kanji"])


@given(item=item_numbers, article=st.integers(1, 200), style_a=styles, style_b=styles)
def test_order_table_item_is_spelling_invariant(
    item: tuple[int, ...], article: int, style_a: str, style_b: str
) -> None:
    def text(style: str) -> str:
        order = f"番号法第{spell((19,), style)}条第{spell((8,), style)}号に基づく主務省令"
        return f"{order}第{spell((2,), style)}条の表の{spell(item, style)}の項"

    first = parse_citation(text(style_a), HERE).provisions
    assert first == parse_citation(text(style_b), HERE).provisions
    assert [ref.law for ref in first] == [BANGO_ACT, PROVISION_ORDER]
    assert first[1].table_item == "の".join(str(part) for part in item)


@given(article=item_numbers, paragraph=st.integers(1, 30), item=st.integers(1, 30), style_a=styles, style_b=styles)
def test_article_paragraph_item_is_spelling_invariant(
    article: tuple[int, ...], paragraph: int, item: int, style_a: str, style_b: str
) -> None:
    def text(style: str) -> str:
        number = spell(article[:1], style) + "条" + "".join(f"の{spell((sub,), style)}" for sub in article[1:])
        return f"介護保険法第{number}第{spell((paragraph,), style)}項第{spell((item,), style)}号"

    refs = parse_citation(text(style_a), HERE).provisions
    assert refs == parse_citation(text(style_b), HERE).provisions
    assert [(r.article, r.paragraph, r.item) for r in refs] == [
        ("の".join(str(part) for part in article), str(paragraph), str(item))
    ]


@given(
    items=st.lists(item_numbers, min_size=1, max_size=12, unique=True),
    form=st.sampled_from(["each", "shared", "bare"]),
    style=styles,
)
def test_list_expansion_gives_one_ref_per_item(items: list[tuple[int, ...]], form: str, style: str) -> None:
    spelled = [spell(item, style) for item in items]
    if form == "each":  # 「131の項、132の項」
        listed = "第2条の表の" + "、".join(f"{s}の項" for s in spelled)
    elif form == "shared":  # 「別表2、3、6の項」
        listed = "第2条 別表" + "、".join(spelled) + "の項"
    else:  # 「別表2、3、6」 with no 「の項」
        listed = "第2条 別表" + "、".join(spelled)
    refs = parse_citation(f"番号法第19条第8号に基づく利用特定個人情報の提供に関する命令{listed}", HERE).provisions
    table_refs = [ref for ref in refs if ref.law == PROVISION_ORDER]
    assert [ref.table_item for ref in table_refs] == ["の".join(str(part) for part in item) for item in items]
    assert {(ref.article, ref.table) for ref in table_refs} == {("2", "第2条の表")}


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_arbitrary_text_never_raises_and_text_is_kept(text: str) -> None:
    citation = parse_citation(text, HERE, municipality="川崎市")
    assert citation.text == text.strip()
    for piece in parse_citations(text, HERE, municipality="川崎市"):
        assert piece.text and piece.text in text
        assert piece.location == HERE


_NOISE_CHARACTERS = (
    "番号法第条項号の表別紙参照、，及び並びに()（）【】・※①②同主務省令命令条例市長0123456789０１２３十百千一二三 \n\t"
)
_NOISE_WORDS = [
    "別表",
    "別表第二",
    "に基づく",
    "利用特定個人情報の提供に関する命令",
    "川崎市",
    "の項",
    "附則",
    "平成25年法律第27号",
]
citation_alphabet = st.sampled_from([*_NOISE_CHARACTERS, *_NOISE_WORDS])


@given(st.lists(citation_alphabet, max_size=60).map("".join))
@settings(max_examples=500)
def test_citation_like_noise_never_raises(text: str) -> None:
    citation = parse_citation(text, HERE, municipality="川崎市")
    for ref in citation.provisions:
        for part in (ref.article, ref.paragraph, ref.item, ref.table_item):
            assert part is None or part.isascii() or part.startswith("附則")
    for piece in parse_citations(text, HERE):
        assert piece.text in text
