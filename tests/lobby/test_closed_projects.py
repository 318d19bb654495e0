"""A closed project in the lobby: 已验收 with its day, who accepted it, the final account and the
leftover, and its balance, exactly as the export has them; on home and the lobby's lists until
closed_visible_days have passed since it closed (the clock moved), then gone; still in the export."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.domain import acceptance, disclosure, funding
from kiosk.domain.money import yuan
from kiosk.i18n import _
from support import press, screen_text, settle

ESTATE = "文乐胡同14号楼"  # the demo's lift, accepted ten days before the fixed day


def _closed() -> funding.ProjectInfo:
    (info,) = [p for p in funding.list_projects() if p.closed_at is not None]
    return info


def _exported(project_id: int) -> dict:
    return {p["id"]: p for e in disclosure.as_dict(disclosure.collect())["estates"] for p in e["projects"]}[project_id]


async def test_an_accepted_project_shows_its_acceptance_and_balance(make_app):
    info = _closed()
    a = acceptance.get(info.id)
    p = _exported(info.id)
    assert p["acceptance"]["leftover_fen"] == p["balance_fen"] == a.leftover_fen > 0
    for lang in ("zh", "en"):
        app = make_app(lang, estate=ESTATE)
        async with app.run_test(size=(100, 60)) as pilot:
            await settle(pilot)
            await press(pilot, "2")  # its only project: straight to its funding
            await settle(pilot)
            assert app.screen.item_id == info.id
            text = screen_text(app)
            for need in (acceptance.party_label("owners"), acceptance.party_label("community"),
                         acceptance.leftover_label("returned"), _("Final account"), yuan(a.final_account_fen),
                         _("Balance"), yuan(p["balance_fen"]), yuan(p["paid_fen"])):
                assert need in text, (lang, need)
            assert _("Accepted {day}").format(day="").strip() in text
        assert app.errors == []


async def test_the_lobby_lets_it_go_when_the_period_ends(make_app):
    info = _closed()
    days = 90
    clock.freeze(info.closed_at + dt.timedelta(days=days) - dt.timedelta(minutes=1))
    app = make_app(estate=ESTATE, closed_visible_days=days)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert info.title in screen_text(app) and _("Accepted {day}").format(day="").strip() in screen_text(app)  # home
        await press(pilot, "2")
        await settle(pilot)
        assert getattr(app.screen, "item_id", None) == info.id
    clock.freeze(info.closed_at + dt.timedelta(days=days))
    app = make_app(estate=ESTATE, closed_visible_days=days)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert info.title not in screen_text(app)  # home
        await press(pilot, "2")
        await settle(pilot)
        assert getattr(app.screen, "item_id", None) is None
        assert _("No project at the moment.") in screen_text(app)
    assert _exported(info.id)["status"] == "completed"  # the export keeps it
