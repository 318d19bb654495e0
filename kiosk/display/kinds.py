"""The slide kinds the playlist can name: how each reads its data and how it is drawn.

A kind is a `SlideKind(key, title, load, render)`:
- `load(ctx)` runs in a worker thread inside a database connection and calls the domain only;
  it returns the kind's data, or something empty (None, []) when there is nothing to show;
- `render(data, width, height)` is pure (kiosk/render/slides/) and returns the kind's items
  (each item becomes one slide; a long item is cut into pages).

Adding a kind: write its render module, then call `register(SlideKind(key, N_(title), load,
render))` from a module listed in EXTENSIONS (as kiosk.display.votes does for household votes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from typing import Any, Callable

from rich.console import RenderableType

from kiosk.config import Settings
from kiosk.domain.estates import EstateInfo
from kiosk.i18n import N_

Loader = Callable[["Context"], Any]
Renderer = Callable[[Any, int, int], list[RenderableType]]


@dataclasses.dataclass(frozen=True)
class Context:
    estate: EstateInfo
    settings: Settings
    now: dt.datetime


@dataclasses.dataclass(frozen=True)
class SlideKind:
    key: str
    title: str  # marked with N_(): translate when shown
    load: Loader
    render: Renderer
    # When this data goes out of date by the clock alone (a meeting starts): read again then.
    until: Callable[[Any], dt.datetime | None] | None = None


SOLVED_DAYS = 30
KINDS: dict[str, SlideKind] = {}
# Modules that register more kinds when they exist (imported once, on first use).
EXTENSIONS = ("kiosk.display.votes",)
_extended = False


def register(kind: SlideKind) -> None:
    KINDS[kind.key] = kind


def get(key: str) -> SlideKind:
    _load_extensions()
    return KINDS[key]


def known() -> list[str]:
    _load_extensions()
    return list(KINDS)


def _load_extensions() -> None:
    global _extended
    if _extended:
        return
    _extended = True
    for name in EXTENSIONS:
        try:
            importlib.import_module(name)
        except ImportError:
            continue


# ---- the built-in kinds: loaders call the domain, renderers live in kiosk/render/slides -------

def _notices(ctx: Context):
    from kiosk.domain import notices

    # Emergencies are not slides: they take the whole screen (see the app).
    return [n for n in notices.live(ctx.estate.id, now=ctx.now) if not n.emergency]


def _funding(ctx: Context):
    from kiosk.domain import funding, works
    from kiosk.render.slides.funding import ProjectFigures

    projects = funding.list_projects(ctx.estate.id, active_only=True)
    ids = [p.id for p in projects]
    snaps = funding.snapshots(ids)
    progress = works.progress_many(ids)
    return [ProjectFigures(p, snaps[p.id], progress[p.id]) for p in projects]


def _fixed(ctx: Context):
    from kiosk.domain import reports

    return reports.recently_resolved(ctx.estate.id, days=SOLVED_DAYS, limit=8)


def _meetings(ctx: Context):
    from kiosk.domain import meetings

    return meetings.list_meetings(ctx.estate.id, upcoming=True, limit=6)


def _first_meeting_starts(data) -> dt.datetime | None:
    """Just after the first meeting's start time, when it stops being upcoming."""
    first = min((m.held_at for m in data), default=None) if data else None
    return first + dt.timedelta(seconds=1) if first else None


def _oldest_solved_leaves(data) -> dt.datetime | None:
    return min((r.updated_at for r in data), default=None) + dt.timedelta(days=SOLVED_DAYS) if data else None


def _pledge(ctx: Context):
    """The current campaign: a project raising money, else the active project furthest from its target."""
    from kiosk.domain import funding
    from kiosk.render.slides.pledge import Campaign, gap

    projects = funding.list_projects(ctx.estate.id, active_only=True)
    snaps = funding.snapshots([p.id for p in projects])
    open_ = [p for p in projects if gap(snaps[p.id]) > 0]
    if not open_:
        return None
    best = min(open_, key=lambda p: (p.status != "fundraising", -gap(snaps[p.id]), p.id))
    url = ctx.settings.pledge_url.format(project_id=best.id, estate_id=best.estate_id)
    return Campaign(best, snaps[best.id], url)


def _daily(ctx: Context):
    from kiosk.domain import disclosure

    return disclosure.daily(ctx.estate.id, ctx.now.date())


def _render(module: str) -> Renderer:
    def render(data, width: int, height: int) -> list[RenderableType]:
        return importlib.import_module(f"kiosk.render.slides.{module}").render(data, width, height)

    return render


for _kind in (
    SlideKind("notices", N_("Notices"), _notices, _render("notice")),
    SlideKind("funding", N_("Project funding"), _funding, _render("funding")),
    SlideKind("fixed", N_("Solved"), _fixed, _render("fixed"), _oldest_solved_leaves),
    SlideKind("meetings", N_("Meetings"), _meetings, _render("meetings"), _first_meeting_starts),
    SlideKind("pledge", N_("Pledge"), _pledge, _render("pledge")),
    SlideKind("daily", N_("Today's disclosure"), _daily, _render("daily")),
):
    register(_kind)
