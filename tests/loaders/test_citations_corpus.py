"""The citation parser over the whole corpus: nothing raises, and the legal-basis cells give what they say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.citations import BANGO_ACT, CARD_ORDER, PROVISION_ORDER, parse_citation, parse_citations
from loaders.model import Location, Span
from loaders.normalize.numbers import normalise_item_number
from loaders.normalize.text import fold_width, strip_tags

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")
HERE = Location("test", Span(1, 1))
MUNICIPALITY = {"000": "川崎市", "001": "川崎市", "002": "川口市", "003": "高崎市"}


def corpus_lines(prefix: str) -> list[str]:
    path = next(CORPUS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("prefix", sorted(MUNICIPALITY))
def test_every_line_parses_without_error_and_keeps_its_text(prefix: str) -> None:
    for line in corpus_lines(prefix):
        for citation in parse_citations(line, HERE, municipality=MUNICIPALITY[prefix]):
            assert citation.text in line


@pytest.mark.parametrize("prefix", sorted(MUNICIPALITY))
def test_order_table_items_written_on_a_line_are_all_found(prefix: str) -> None:
    """Every 「主務省令第2条の表(の)N の項」 on a line gives the order's table item N (any width, any numerals)."""
    pattern = re.compile(r"主務省令第2条の表の?(\d+(?:の\d+)?)の項")
    checked = 0
    for line in corpus_lines(prefix):
        written = set(pattern.findall(fold_width(strip_tags(line))))
        if not written:
            continue
        refs = parse_citation(line, HERE, municipality=MUNICIPALITY[prefix]).provisions
        found = {ref.table_item for ref in refs if ref.law == PROVISION_ORDER and ref.table == "第2条の表"}
        assert written <= found, line
        checked += 1
    if prefix in ("000", "001"):  # the two Kawasaki documents cite one table item per flow
        assert checked > 10


def test_network_basis_of_kawasaki_care_insurance() -> None:
    """001 I-6 ②: 2 items queried, 27 provided (every 「の項」 listed in the cell)."""
    cell = next(line for line in corpus_lines("001") if line.startswith("②法令上の根拠\t【情報照会】"))
    query, provide = parse_citations(cell.split("\t", 1)[1], HERE, municipality="川崎市")
    assert query.text.startswith("【情報照会】") and provide.text.startswith("【情報提供】")
    assert [ref.table_item for ref in query.provisions if ref.law == PROVISION_ORDER] == ["131", "132"]
    provided = [ref.table_item for ref in provide.provisions if ref.law == PROVISION_ORDER]
    assert len(provided) == provide.text.count("の項") == 27
    assert provided[:3] == ["2", "3", "7"] and provided[-1] == "161"
    assert all(citation.provisions[0].law == BANGO_ACT for citation in (query, provide))


def test_network_basis_of_kawaguchi_national_health_insurance() -> None:
    """002 I-6 ②: the order's table items listed as 「別表2、3、…の項」 under 【情報提供】/【情報照会】 headings."""
    cell = next(line for line in corpus_lines("002") if "②法令上の根拠" in line and "情報照会" in line)
    citations = parse_citations(strip_tags(cell), HERE, municipality="川口市")
    listed = [c for c in citations if re.search(r"命令第2条 別表[\d、]+の項", c.text)]
    assert len(listed) == 4
    for citation in listed:
        numbers = re.search(r"別表([\d、]+)の項", citation.text).group(1).split("、")
        items = [ref.table_item for ref in citation.provisions if ref.law == PROVISION_ORDER]
        assert items == [normalise_item_number(n) for n in numbers]


def test_kawasaki_transfer_bases_use_the_ordinance() -> None:
    bases = [line.split("\t")[1] for line in corpus_lines("001") if line.startswith("①法令上の根拠\t川崎市")]
    assert bases
    for basis in bases:
        refs = parse_citation(basis, HERE, municipality="川崎市").provisions
        assert refs and all(ref.law.key == "ordinance-川崎市-bango-riyo" for ref in refs), basis
        assert {ref.article for ref in refs if ref.table is None} == {"3"}


def test_the_card_order_and_kana_law_names_of_003_are_read_as_written() -> None:
    """003 defines 「個人番号カード命令」 and cites it and 「子ども・子育て支援法第…条」 (a name partly in kana)."""
    card = kana = 0
    for line in corpus_lines("003"):
        laws = {ref.law.key for ref in parse_citation(line, HERE, municipality="高崎市").provisions}
        if "個人番号カード命令第" in fold_width(line):
            assert CARD_ORDER.key in laws, line
            card += 1
        if "子ども・子育て支援法第" in fold_width(line):
            assert "子ども・子育て支援法" in laws and "支援法" not in laws, line
            kana += 1
    assert card >= 5 and kana >= 10
