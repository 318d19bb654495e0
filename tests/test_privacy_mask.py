"""The one masking function for public text: phones, ID numbers and rooms in the many ways
residents and staff write them; dates, tickets, amounts and building numbers left readable."""

from __future__ import annotations

import pytest

from kiosk.domain import privacy, tickets

FW = str.maketrans("0123456789 ", "０１２３４５６７８９\u3000")  # full-width digits and space

MASKED = [
    # mobiles: first 3 and last 4 kept
    ("13800138000", "138****8000"),
    ("电话13800138000", "电话138****8000"),
    ("138 0013 8000", "138****8000"),
    ("138-0013-8000", "138****8000"),
    ("1 3 8 0 0 1 3 8 0 0 0", "138****8000"),
    ("１３８００１３８０００", "138****8000"),
    ("１３８\u3000００１３\u3000８０００", "138****8000"),
    ("138\u00a00013\u00a08000", "138****8000"),
    ("138－0013－8000", "138****8000"),
    ("138  0013  8000。", "138****8000。"),
    # other long numbers lose every digit
    ("+86 138 0013 8000", "+*************"),
    ("座机010-69123456", "座机***********"),
    ("6912 3456", "********"),
    ("(010) 6912-3456", "(010) ********"),  # the area code alone names no one
    # 18-digit PRC ID, with X
    ("110101199003071234", "******************"),
    ("11010119900307123X", "******************"),
    ("身份证 110101 19900307 123x，", "身份证 ******************，"),
    ("１１０１０１１９９００３０７１２３Ｘ", "******************"),
    # rooms
    ("住502室", "住***室"),
    ("502室漏水", "***室漏水"),
    ("５０２室", "***室"),
    ("502 室", "*** 室"),
    ("502号", "***号"),
    ("1302房间", "****房间"),
    ("3-502", "3-***"),
    ("3 - 502", "3 - ***"),
    ("5-2-502", "5-2-***"),
    ("３－５０２", "３－***"),
    ("3号楼2单元502", "3号楼2单元***"),
    ("2单元 1302", "2单元 ****"),
    ("5号楼302", "5号楼***"),
    ("家住602", "家住***"),
    ("房号 701", "房号 ***"),
    ("张三 13800138000 住502室", "张三 138****8000 住***室"),
    # written other ways: dots, slashes, underscores; after a colon; English; traditional 號;
    # a phone read out in Chinese numerals
    ("138.0013.8000", "138****8000"),
    ("138/0013/8000", "138****8000"),
    ("138_0013_8000", "138****8000"),
    ("房号：502", "房号：***"),
    ("房间号: 1302", "房间号: ****"),
    ("Room 502", "Room ***"),
    ("flat 1502, call me", "flat ****, call me"),
    ("Apt. 502", "Apt. ***"),
    ("502號", "***號"),
    ("一三八零零一三八零零零", "*" * 11),
    ("电话幺三八 零零幺三 八零零零", "电话" + "*" * 11),
]

KEPT = [
    "3号楼2单元", "12号楼", "文乐胡同14号楼", "府前西街7号楼", "107号院",
    "预计2026-12-01 10:30完工", "2026年12月1日开工", "2026/12/01", "11-25",
    "共120户，费用¥1,200", "楼下1000元", "5层", "30.2%", "10:30",
    "已受理，物业将上门查看。",
    "2026.12.01", "面积86.50平方米", "¥1,234.56", "3.5万", "第一二三次",
]


@pytest.mark.parametrize("text, shown", MASKED)
def test_private_numbers_are_masked(text, shown):
    assert privacy.mask(text) == shown
    assert privacy.mask(shown) == shown  # masking twice changes nothing


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_numbers_stay(text):
    assert privacy.mask(text) == text


def test_full_width_text_around_numbers_is_kept():
    text = "联系：１３８　００１３　８０００（白天），住５０２室。"
    assert privacy.mask(text) == "联系：138****8000（白天），住***室。"


def test_a_ticket_in_a_note_stays_readable_but_a_near_miss_does_not():
    body = "12345678"
    ticket = body + tickets.check_digit(body)
    assert privacy.mask(f"已合并到 {tickets.show(ticket)}") == f"已合并到 {tickets.show(ticket)}"
    assert privacy.mask(f"已合并到{ticket}") == f"已合并到{ticket}"
    wrong = ticket[:-1] + str((int(ticket[-1]) + 1) % 10)  # 9 digits, not a ticket: hidden
    assert privacy.mask(wrong) == "*" * 9


def test_a_phone_inside_a_longer_number_run_is_still_hidden():
    for text in ("12 13800138000", "13800138000 12", "13800138000 13900139000"):
        assert "0013" not in privacy.mask(text) and "8000" not in privacy.mask(text).replace("138****8000", "")


def test_empty_and_none():
    assert privacy.mask("") == "" and privacy.mask(None) == ""
