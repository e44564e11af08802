"""Legal citations written as in the corpus -> ProvisionRefs."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.citations import (
    AFFAIRS_ORDER,
    APPENDIX2_ORDER,
    BANGO_ACT,
    CARD_ORDER,
    PROVISION_ORDER,
    annex_reference,
    order_table_item,
    parse_citation,
    parse_citations,
)
from loaders.model import Location, ProvisionRef, Span

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
HERE = Location("Ⅱ/ファイル1/5/提供先1", Span(1, 1))
BANGO = BANGO_ACT.key
ORDER = PROVISION_ORDER.key
AFFAIRS = AFFAIRS_ORDER.key
APPENDIX2 = APPENDIX2_ORDER.key
KAWASAKI_ORDINANCE = "ordinance-川崎市-bango-riyo"

Row = tuple[str, str | None, str | None, str | None, str | None, str | None]


def rows(text: str, municipality: str | None = "川崎市") -> list[Row]:
    citation = parse_citation(text, HERE, municipality=municipality)
    return [(p.law.key, p.article, p.paragraph, p.item, p.table, p.table_item) for p in citation.provisions]


def table_items(*items: str) -> list[Row]:
    return [(ORDER, "2", None, None, "第2条の表", item) for item in items]


BANGO_19_8: Row = (BANGO, "19", None, "8", None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "番号法第9条第1項 別表の100の項",
            [(BANGO, None, None, None, "別表", "100"), (BANGO, "9", "1", None, None, None)],
        ),
        (
            "・番号法第9条第1項 別表の44の項(国保法関係)",
            [(BANGO, None, None, None, "別表", "44"), (BANGO, "9", "1", None, None, None)],
        ),
        ("番号法第19条第8号", [BANGO_19_8]),
        ("番号法第１９条第８号", [BANGO_19_8]),
        ("番号法第19条第8号に基づく主務省令第2条の表の131の項、132の項", [BANGO_19_8, *table_items("131", "132")]),
        ("番号法第１９条第８号に基づく主務省令第２条の表１３の項", [BANGO_19_8, *table_items("13")]),
        ("番号法第１９条第８号に基づく主務省令第２条の表１６１の項", [BANGO_19_8, *table_items("161")]),
        (
            "・番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第2条 別表69、70、71の項",
            [BANGO_19_8, *table_items("69", "70", "71")],
        ),
        (
            "番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第2条の別表(Ⅱ-5別紙参照)",
            [BANGO_19_8, (ORDER, "2", None, None, "第2条の表", None)],
        ),
        ("番号法第１９条第８号に基づく主務省令第２条の表", [BANGO_19_8, (ORDER, "2", None, None, "第2条の表", None)]),
        (
            "・番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第71、72、73条",
            [
                BANGO_19_8,
                (ORDER, "71", None, None, None, None),
                (ORDER, "72", None, None, None, None),
                (ORDER, "73", None, None, None, None),
            ],
        ),
        ("利用特定個人情報提供主務省令第２条の表１３の項に規定される事務", table_items("13")),
        ("番号法第９条第１項別表", [(BANGO, "9", "1", None, None, None), (BANGO, None, None, None, "別表", None)]),
        ("番号法別表第２第１１６項に規定される事務", [(BANGO, None, None, None, "別表第二", "116")]),
        ("・番号法別表第二に基づき、情報提供ネット", [(BANGO, None, None, None, "別表第二", None)]),
        (
            "①番号法第9条第1項 別表第1 8の項(別表第1省令第8条)",
            [
                (BANGO, None, None, None, "別表第一", "8"),
                (BANGO, "9", "1", None, None, None),
                (AFFAIRS, "8", None, None, None, None),
            ],
        ),
        (
            "番号法第9条第1項 別表 24の項 (番号法別表の主務省令で定める事務を定める命令第16条)",
            [
                (BANGO, None, None, None, "別表", "24"),
                (BANGO, "9", "1", None, None, None),
                (AFFAIRS, "16", None, None, None, None),
            ],
        ),
        (
            "行政手続における特定の個人を識別するための番号の利用等に関する法律別表の主務省令で定める事務を定める命令"
            "(平成26年内閣府・総務省令第5号)第50条第11号",
            [(AFFAIRS, "50", None, "11", None, None)],
        ),
        (
            "【情報照会】番号法第１９条第７号　別表第２の２６の項（番号法別表第２の主務省令で定める事務を定める命令"
            "第１９条第１号、第２号及び第６号）",
            [
                (BANGO, None, None, None, "別表第二", "26"),
                (BANGO, "19", None, "7", None, None),
                (APPENDIX2, "19", None, "1", None, None),
                (APPENDIX2, "19", None, "2", None, None),
                (APPENDIX2, "19", None, "6", None, None),
            ],
        ),
        (  # the same abbreviation resolves by the table it follows
            "番号法第19条第7号 別表第2 93の項(主務省令事項を定める命令第46条第1号)",
            [
                (BANGO, None, None, None, "別表第二", "93"),
                (BANGO, "19", None, "7", None, None),
                (APPENDIX2, "46", None, "1", None, None),
            ],
        ),
        (
            "番号法第9条第1項 別表第1の68の項(主務省令事項を定める命令第50条第1号)",
            [
                (BANGO, None, None, None, "別表第一", "68"),
                (BANGO, "9", "1", None, None, None),
                (AFFAIRS, "50", None, "1", None, None),
            ],
        ),
        (
            "・番号法別表第2の主務省令で定める事務及び情報を定める命令第25条、25条の2",
            [(APPENDIX2, "25", None, None, None, None), (APPENDIX2, "25の2", None, None, None, None)],
        ),
        (
            "住基法第３０条の６（市町村長から都道府県知事への本人確認情報の通知等）",
            [("住民基本台帳法", "30の6", None, None, None, None)],
        ),
        ("住民基本台帳法第7条第10号", [("住民基本台帳法", "7", None, "10", None, None)]),
        ("住民基本台帳法施行令第３４条第２項(保存）", [("住民基本台帳法施行令", "34", "2", None, None, None)]),
        (
            "・国保法 第113条の3 第1項及び第2項",
            [("国民健康保険法", "113の3", "1", None, None, None), ("国民健康保険法", "113の3", "2", None, None, None)],
        ),
        (
            "介護保険法第18条第1号の介護給付、同条第2号の予防給付又は同条第3号の市町村特別給付の支給に関する情報",
            [("介護保険法", "18", None, str(n), None, None) for n in (1, 2, 3)],
        ),
        ("・番号法附則第6条第4項 (利用目的:情報連携のためではなく…)", [(BANGO, "附則6", "4", None, None, None)]),
        ("生活保護法（昭和２５年法律第１４４号）に基づき", [("生活保護法", None, None, None, None, None)]),
        (
            "個人情報の保護に関する法律第７７条第１項の規定に基づき",
            [("個人情報の保護に関する法律", "77", "1", None, None, None)],
        ),
        (
            "川崎市行政手続における特定の個人を識別するための番号の利用等に関する条例第3条第2項(別表第2の7の項、36の項)及び第3項",
            [
                (KAWASAKI_ORDINANCE, None, None, None, "別表第二", "7"),
                (KAWASAKI_ORDINANCE, None, None, None, "別表第二", "36"),
                (KAWASAKI_ORDINANCE, "3", "2", None, None, None),
                (KAWASAKI_ORDINANCE, "3", "3", None, None, None),
            ],
        ),
        (
            "・番号法第９条第２項及び第１９条第１１号に基づく条例に規定される事項に限り提供又は移転する。",
            [
                (BANGO, "9", "2", None, None, None),
                (BANGO, "19", None, "11", None, None),
                (KAWASAKI_ORDINANCE, None, None, None, None, None),
            ],
        ),
        (
            "川口市情報公開条例第6条に基づく公開請求により委託契約書を確認することができる",
            [("ordinance-川口市-川口市情報公開条例", "6", None, None, None, None)],
        ),
    ],
)
def test_corpus_citations(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


def test_table_items_in_kanji_and_fullwidth() -> None:
    text = (
        "番号法第十九条第八号に基づく利用特定個人情報の提供に関する命令"
        "第二条の表の第十三の項、百六十一の項、八十二の二の項"
    )
    assert rows(text) == [BANGO_19_8, *table_items("13", "161", "82の2")]
    assert rows("番号法第１９条第８号に基づく主務省令第２条の表１３の項") == rows(
        "番号法第19条第8号に基づく主務省令第2条の表13の項"
    )


def test_long_name_of_the_order_and_short_names_give_the_same_law() -> None:
    long_name = (
        "行政手続における特定の個人を識別するための番号の利用等に関する法律第十九条第八号に基づく"
        "利用特定個人情報の提供に関する命令第2条の表の131の項"
    )
    assert rows(long_name) == rows("番号法第19条第8号に基づく主務省令第2条の表の131の項")
    assert rows(long_name) == rows("番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第2条 別表131の項")


def test_pre_2024_tables_stay_distinct() -> None:
    current = rows("番号法第9条第1項 別表の44の項")[0]
    appendix1 = rows("番号法第９条第１項　別表第１の１５の項")[0]
    appendix2 = rows("番号法第19条第7号 別表第二の26の項")[0]
    order = rows("番号法第19条第8号に基づく主務省令第2条の表の26の項")[1]
    assert {current[4], appendix1[4], appendix2[4], order[4]} == {"別表", "別表第一", "別表第二", "第2条の表"}
    assert rows("番号法別表第2の26の項") == rows("番号法別表第二の２６の項") == rows("番号法 別表第２ 26の項")


def test_network_basis_of_001_lists_every_item() -> None:
    text = (
        "【情報照会】 番号法第19条第8号に基づく主務省令第2条の表の131の項、132の項 "
        "【情報提供】 番号法第19条第8号に基づく主務省令第2条の表の2の項、3の項、7の項、11の項"
    )
    citations = parse_citations(text, HERE)
    assert [c.text for c in citations] == [
        "【情報照会】 番号法第19条第8号に基づく主務省令第2条の表の131の項、132の項",
        "【情報提供】 番号法第19条第8号に基づく主務省令第2条の表の2の項、3の項、7の項、11の項",
    ]
    assert [p.table_item for p in citations[0].provisions] == [None, "131", "132"]
    assert [p.table_item for p in citations[1].provisions] == [None, "2", "3", "7", "11"]


def test_pdf_wrapped_list_and_inferred_order_table() -> None:
    """003: 「主務省令に定める事務 … 項（１、２、…６\\n９、…の項）」 with a number wrapped across lines."""
    text = (
        "・番号法第１９条第８号（特定個人情報の提供の制限）及び主務省令に定める事務\n"
        "第三欄（情報提供者）が「市町村長」の項のうち、第四欄（利用特定個人情報）に「住民票関係情報」が含\n"
        "まれる項（１、２、３、５、６\n９、７３の項）"
    )
    assert rows(text, "高崎市") == [BANGO_19_8, *table_items("1", "2", "3", "5", "69", "73")]


def test_law_context_carries_over_headings_and_lines() -> None:
    text = (
        "１．行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）\n"
        "（平成２５年５月３１日法律第２７号）\n第７条（指定及び通知）\n第１６条（本人確認の措置）\n"
        "２．住民基本台帳法（住基法）（昭和４２年７月２５日法律第８１号）\n第５条（住民基本台帳の備付け）\n"
        "第３０条の６（市町村長から都道府県知事への本人確認情報の通知等）"
    )
    assert rows(text, "高崎市") == [
        (BANGO, "7", None, None, None, None),
        (BANGO, "16", None, None, None, None),
        ("住民基本台帳法", "5", None, None, None, None),
        ("住民基本台帳法", "30の6", None, None, None, None),
    ]


def test_same_law_refers_back_across_statements() -> None:
    citations = parse_citations("・介護保険法第12条 ・同法第19条8号", HERE)
    assert [[(p.law.key, p.article, p.item) for p in c.provisions] for c in citations] == [
        [("介護保険法", "12", None)],
        [("介護保険法", "19", "8")],
    ]


def test_ordinance_by_reference_needs_the_municipality() -> None:
    text = "番号法第9条第2項に基づく条例"
    assert rows(text, "川崎市") == [
        (BANGO, "9", "2", None, None, None),
        (KAWASAKI_ORDINANCE, None, None, None, None, None),
    ]
    assert rows(text, None) == [(BANGO, "9", "2", None, None, None)]
    ordinance = parse_citation("番号利用条例第3条", HERE, municipality="川口市").provisions[0].law
    assert (ordinance.kind, ordinance.issuer, ordinance.key) == ("ordinance", "川口市", "ordinance-川口市-bango-riyo")


def test_number_use_ordinance_names_converge() -> None:
    kawaguchi = (
        "川口市行政手続における特定の個人を識別するための番号の利用等に関する法律に基づく個人番号の利用及び"
        "特定個人情報の提供に関する条例第3条"
    )
    assert rows(kawaguchi, "川口市") == [("ordinance-川口市-bango-riyo", "3", None, None, None, None)]
    assert rows("番号利用条例第3条", "川口市") == rows(kawaguchi, None)


def test_unresolvable_citation_is_returned_without_provisions() -> None:
    citations = parse_citations("同法第19条8号に明示されている", HERE)
    assert len(citations) == 1 and citations[0].provisions == ()
    assert parse_citations("照会を受けた都度", HERE) == ()
    assert parse_citations("生活保護関係情報であって主務省令で定めるもの", HERE) == ()


def test_affair_names_are_not_citations() -> None:
    assert rows("国保法による保険給付の支給に関する事務") == []
    assert rows("提供方法 電子記録媒体") == []


def test_text_as_written_is_kept() -> None:
    text = " ①法令上の根拠 番号法第１９条第８号に基づく主務省令第２条の表１０８の項\n"
    assert parse_citation(text, HERE).text == text.strip()
    citations = parse_citations("・番号法第９条第１項　別表の２３の項\n・番号法第9条第2項", HERE)
    assert [c.text for c in citations] == ["・番号法第９条第１項　別表の２３の項", "・番号法第9条第2項"]
    assert all(c.location == HERE for c in citations)


def test_order_table_item_for_annex_rows() -> None:
    assert order_table_item("百十五", HERE).provisions == (
        ProvisionRef(PROVISION_ORDER, "2", table="第2条の表", table_item="115"),
    )
    assert (
        order_table_item("七", HERE).provisions
        == parse_citation("番号法第19条第8号に基づく主務省令第2条の表の7の項", HERE).provisions[1:]
    )
    assert order_table_item("—", HERE).provisions == ()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("番号法第19条第8号に基づく利用特定個人情報の提供に関する命令第2条の別表(Ⅱ-5別紙参照)", "Ⅱ-5別紙"),
        ("番号法第19条第8号別表第2(別紙II-5参照)", "Ⅱ-5別紙"),
        ("(II-5別紙)番号法第19条第8号に基づく", "Ⅱ-5別紙"),
        ("番号法第１９条第８号に基づく主務省令に定める情報照会者（別紙１参照）", "別紙1"),
        ("番号法別表第２（別紙１）に定める各事務", "別紙1"),
        ("番号法第９条第１項別表に定める情報提供先の事務（別紙２参照）", "別紙2"),
        ("別紙（個人情報に関する重大事故について） を参照", "別紙"),
        ("番号法第19条第8号", None),
    ],
)
def test_annex_reference(text: str, label: str | None) -> None:
    assert annex_reference(text) == label


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
def test_every_flow_basis_of_001_parses() -> None:
    lines = (CORPUS / "001_b80d6855a7643af9.txt").read_text(encoding="utf-8").splitlines()
    bases = [line.split("\t")[1] for line in lines if line.startswith("①法令上の根拠\t")]
    assert len(bases) >= 30
    for basis in bases:
        citation = parse_citation(basis, HERE, municipality="川崎市")
        assert citation.provisions, basis
        if basis.startswith("番号法第19条第8号に基づく主務省令第2条の表の"):
            assert [p.law for p in citation.provisions] == [BANGO_ACT, PROVISION_ORDER]
            assert (
                citation.provisions[1].table_item
                == basis.removeprefix("番号法第19条第8号に基づく主務省令第2条の表の").split("の項")[0]
            )


SOCIAL_LIFE_ACT = "障害者の日常生活及び社会生活を総合的に支援するための法律"


@pytest.mark.parametrize(
    ("text", "law", "article"),
    [
        ("二　子ども・子育て支援法第二十条第一項の教育・保育給付認定", "子ども・子育て支援法", "20"),  # 003
        ("障害者の日常生活及び社会生活を総合的に支援するための法律第５条", SOCIAL_LIFE_ACT, "5"),
        ("難病の患者に対する医療等に関する法律第７条", "難病の患者に対する医療等に関する法律", "7"),
        ("第７条及び子ども・子育て支援法第８条", "子ども・子育て支援法", "8"),
        ("事務であって子ども・子育て支援法第９条", "子ども・子育て支援法", "9"),
    ],
)
def test_law_names_written_partly_in_kana(text: str, law: str, article: str) -> None:
    assert (law, article) in [(row[0], row[1]) for row in rows(text)]


def test_kana_that_end_another_phrase_are_not_part_of_the_law_name() -> None:
    assert rows("番号法第９条に基づき児童福祉法第５条") == [
        (BANGO, "9", None, None, None, None),
        ("児童福祉法", "5", None, None, None, None),
    ]
    assert rows("番号法第19条第8号に基づき主務省令第2条の表の144の項")[-1:] == table_items("144")
    assert rows("生活保護法による保護の実施に関する事務であって主務省令で定めるもの") == []


def test_the_card_order_by_its_definition_and_its_titles_is_one_law() -> None:
    card = CARD_ORDER.key
    assert rows("個人番号カード命令第２３条の２") == [(card, "23の2", None, None, None, None)]
    assert rows("印刷及び送付に係る事務を個人番号カード命令第23条の2") == [(card, "23の2", None, None, None, None)]
    current = (
        "行政手続における特定の個人を識別するための番号の利用等に関する法律に規定する個人番号、個人番号カード、特"
        "定個人情報の提供等に関する命令（平成２６年１１月２０日総務省令第８５号。以下「個人番号カード命令」と\n"
        "いう。））第２３条の２（個人番号通知書及び個人番号カードに関し機構が処理する事務）"
    )
    assert rows(current) == [(card, "23の2", None, None, None, None)]
    before_2024 = (
        "行政手続における特定の個人を識別するための番号の利用等に関する法律の規定による通知カード及び個人番号カード"
        "並びに情報提供ネットワークシステムによる特定個人情報の提供等に関する命令第３５条"
    )
    assert rows(before_2024) == [(card, "35", None, None, None, None)]
