"""Dates and times as residents read them: 11月25日 周三 14:05 / Wed 25 Nov 14:05."""

from __future__ import annotations

import datetime as dt

from kiosk.i18n import N_, _, language

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d: dt.date | None) -> str:
    """11月25日 / 25 Nov (the year only when it is not this year's)."""
    if d is None:
        return ""
    if language() == "zh":
        return f"{d.month}月{d.day}日"
    return f"{d.day} {MONTHS[d.month - 1]}"


def day_in_year(d: dt.date | None, today: dt.date) -> str:
    if d is None:
        return ""
    if d.year == today.year:
        return day(d)
    if language() == "zh":
        return f"{d.year}年{day(d)}"
    return f"{day(d)} {d.year}"


def weekday(d: dt.date) -> str:
    return _(WEEKDAYS[d.weekday()])


def clock_line(now: dt.datetime) -> str:
    return f"{day(now.date())} {weekday(now.date())} {now:%H:%M}"


def day_time(at: dt.datetime | None, today: dt.date | None = None) -> str:
    """12月13日 20:00 / 13 Dec 20:00: the one way a moment is written (the year when not this one)."""
    if at is None:
        return ""
    if today is None:
        from kiosk import clock

        today = clock.today()
    return f"{day_in_year(at.date(), today)} {at:%H:%M}"
