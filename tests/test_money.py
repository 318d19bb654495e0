import pytest

from kiosk import i18n
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import parse_area, parse_yuan, percent, yuan, yuan_short


@pytest.mark.parametrize("text,fen", [
    ("1", 100), ("0.01", 1), ("0.1", 10), ("1,234.50", 123450), ("￥300", 30000), ("¥ 12", 1200),
    ("１２３", 12300), ("１２３．４５", 12345), ("500元", 50000), ("  7.5 ", 750), ("+3", 300),
])
def test_parse_yuan_accepts_what_people_type(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["", "abc", "1.005", "1e9", "-0", "-5", "0", "0.00", "1.2.3", "1,0x", "NaN", "inf", "٣"])
def test_parse_yuan_refuses_with_a_message(text):
    with pytest.raises(ValidationError) as err:
        parse_yuan(text)
    assert str(err.value)
    assert err.value.field == "amount"


def test_sums_of_fen_are_exact():
    assert sum(parse_yuan("0.10") for _ in range(1000)) == 10000


def test_yuan_formats_exactly():
    assert yuan(48761234) == "¥487,612.34"
    assert yuan(50000000) == "¥500,000"
    assert yuan(5) == "¥0.05"


def test_yuan_short_uses_wan_in_chinese_and_k_in_english():
    i18n.set_language("zh")
    assert yuan_short(48761234) == "¥48.76万"
    assert yuan_short(99900) == "¥999"
    i18n.set_language("en")
    assert yuan_short(48761234) == "¥487.61K"


def test_percent_and_area():
    assert percent(1, 3) == 33.3
    assert percent(5, 0) == 0.0
    assert parse_area("86.5") == 8650
    assert parse_area("１００.０１") == 10001
    with pytest.raises(ValidationError):
        parse_area("86.555")


def test_plain_and_decorated_amounts_agree():
    from kiosk.domain.money import parse_yuan

    for plain, decorated in (("1234.5", "￥1,234.50"), ("7", "７元"), ("0.01", " 0.01 ")):
        assert parse_yuan(plain) == parse_yuan(decorated)
    for bad in ("0", "0.00", "1.005", "00", "1e3", "-1", "1."):
        try:
            parse_yuan(bad)
        except Exception:
            continue
        raise AssertionError(bad)
