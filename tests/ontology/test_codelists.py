"""concept_for and affair_categories on the spellings real documents use."""

from __future__ import annotations

import re

import pytest

from pia_kg.codelists import affair_categories, concept_for, normalise
from pia_kg.namespaces import CODE

AFFAIR_BY_CORPUS_FILE = {  # from the corpus README
    "000_f28069411e69241a.txt": "public-assistance",
    "001_b80d6855a7643af9.txt": "long-term-care-insurance",
    "002_e85a03c2c6247dbf.txt": "national-health-insurance",
    "003_397d9b1e6256da99.txt": "resident-register",
}


def code(scheme: str, slug: str) -> str:
    return f"{CODE}{scheme}/{slug}"


@pytest.mark.parametrize(
    ("scheme", "text", "slug"),
    [
        ("people-count", "[10万人以上100万人未満]", "100k-1m"),
        ("people-count", "[ 1万人以上10万人未満", "10k-100k"),
        ("people-count", "１，０００万人以上", "ge-10m"),
        ("people-count", "4） 100万人以上1,000万人未満", "1m-10m"),
        ("affair-subject-count", "1) 1,000人未満", "lt-1k"),
        ("staff-count", "500人以上1,000人未満", "500-1000"),
        ("staff-count", "1０人以上５０人未満", "10-50"),
        ("record-item-count", "[ 100項目以上 ]", "ge-100"),
        ("rating", "2", "sufficient"),
        ("rating", "<p>[十分である]</p>".removeprefix("<p>").removesuffix("</p>"), "sufficient"),
        ("rating", "課題が残されている", "issues-remain"),
        ("file-type", "その他の電子ファイル（表計算ファイル等）", "other-electronic-file"),
        ("file-scope", "[ 特定個人情報ファイルの全体 ]", "whole"),
        ("method", "電子記録媒体（フラッシュメモリを除く。）", "electronic-media"),
        ("method", "庁内連携システム", "intra-agency-linkage-system"),
        ("record-item-category", "5情報(氏名、氏名の振り仮名、性別、生年月日、住所)", "basic-identity-information"),
        ("record-item-category", "4情報（氏名、性別、生年月日、住所）", "basic-identity-information"),
        ("acquisition-source", "行政機関・独立行政法人等", "national-agency"),
        ("threshold-result", "基礎項目評価及び重点項目評価の実施が義務付けられる", "basic-and-focused"),
        ("assessment-kind", "全項目評価書", "full"),
        (
            "process-stage",
            "特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）",
            "provision-transfer",
        ),
        ("citation-role", "flow-basis", "flow-basis"),
    ],
)
def test_concept_for_matches_printed_spellings(scheme: str, text: str, slug: str) -> None:
    assert concept_for(scheme, text) == code(scheme, slug)


@pytest.mark.parametrize(("scheme", "text"), [("rating", "十分"), ("people-count", ""), ("method", "FAX")])
def test_concept_for_declines_what_it_does_not_know(scheme: str, text: str) -> None:
    assert concept_for(scheme, text) is None


def test_concept_for_rejects_an_unknown_scheme() -> None:
    with pytest.raises(KeyError):
        concept_for("no-such-scheme", "紙")


def test_normalise_folds_width_brackets_tildes_and_separators() -> None:
    assert normalise(" ［ １，０００人以上 ］ ") == "1000人以上"
    assert normalise("システム２〜５") == normalise("システム2～5") == "システム2~5"


@pytest.mark.parametrize(
    ("name", "slugs"),
    [
        ("介護保険法による介護保険に関する事務", ["long-term-care-insurance"]),
        ("介護保険事務", ["long-term-care-insurance"]),
        ("川口市 国民健康保険に関する事務", ["national-health-insurance"]),
        ("生活保護の決定及び実施、就労自立給付金の支給等に関する事務", ["public-assistance"]),
        ("住民基本台帳に関する事務", ["resident-register"]),
        ("特別児童扶養手当の支給に関する事務", ["special-child-rearing-allowance"]),
        ("児童手当及び児童扶養手当の支給に関する事務", ["child-allowance", "child-rearing-allowance"]),
        ("妊婦健康診査に関する事務", ["maternal-and-child-health"]),
        ("住民基本台帳及び戸籍の附票に関する事務", ["resident-register"]),
        ("個人住民税の賦課に関する事務", ["local-tax"]),
        ("選挙に関する事務", []),
    ],
)
def test_affair_categories_of_names(name: str, slugs: list[str]) -> None:
    assert affair_categories(name) == [code("affair-category", s) for s in slugs]


@pytest.mark.parametrize(("file_name", "slug"), sorted(AFFAIR_BY_CORPUS_FILE.items()))
def test_affair_categories_of_corpus_affair_names(corpus_texts: dict[str, str], file_name: str, slug: str) -> None:
    """The affair name of each document (I-1 ①事務の名称, else the cover's 評価書名) maps to the README's affair."""
    assert affair_categories(affair_name(corpus_texts[file_name])) == [code("affair-category", slug)]


def affair_name(text: str) -> str:
    if named := re.search(r"①事務の名称[ \t]+(\S+)", text):
        return named.group(1)
    cover = re.search(r"評価書名\s*\n\s*\d*\s*(\S.*?)\s*(?:全項目|重点項目|基礎項目)評価書", text)
    assert cover, "neither ①事務の名称 nor 評価書名 found"
    return cover.group(1)
