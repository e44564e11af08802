"""The affair's name falls back to the 評価書名 when the form's ①事務の名称 cell is not printed."""

import pytest

from loaders.extract.basic import affair_name_from_title


@pytest.mark.parametrize(
    ("title", "municipality", "expected"),
    [
        ("介護保険法による介護保険に関する事務 全項目評価書", "川崎市", "介護保険法による介護保険に関する事務"),
        ("川口市 国民健康保険に関する事務 全項目評価書", "川口市", "国民健康保険に関する事務"),
        ("住民基本台帳に関する事務\u3000全項目評価書", None, "住民基本台帳に関する事務"),
        ("生活保護に関する事務 重点項目評価書", "川崎市", "生活保護に関する事務"),
        ("児童手当に関する事務 基礎項目評価書", None, "児童手当に関する事務"),
    ],
)
def test_affair_name_from_title(title: str, municipality: str | None, expected: str) -> None:
    assert affair_name_from_title(title, municipality) == expected


@pytest.mark.parametrize("title", [None, "", "全項目評価書", "介護保険に関する事務"])
def test_no_affair_name_without_the_form_suffix(title: str | None) -> None:
    assert affair_name_from_title(title, None) is None
