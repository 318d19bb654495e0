"""The slide kinds the playlist can name, in one explicit list (ALL, at the end).

Adding a kind: write its render module in kiosk/render/slides/, its loader here (or in its own
module, as kiosk.display.votes), and add its SlideKind to ALL.
"""

from __future__ import annotations

import datetime as dt

from kiosk.display import votes
from kiosk.display.kind import Context, Loader, Renderer, SlideKind
from kiosk.i18n import N_
from kiosk.render.slides import daily as daily_slide, fixed as fixed_slide, funding as funding_slide
from kiosk.render.slides import meetings as meetings_slide, notice as notice_slide, pledge as pledge_slide
from kiosk.render.slides import repairs as repairs_slide
from kiosk.render.slides import rates as rates_slide

__all__ = ["ALL", "Context", "KINDS", "Loader", "Renderer", "SlideKind", "get", "known"]

SOLVED_DAYS = 30


# ---- the built-in kinds: loaders call the domain, renderers live in kiosk/render/slides -------

def _notices(ctx: Context):
    from kiosk.domain import notices

    # Emergencies are not slides: they take the whole screen (see the app).
    return [n for n in notices.live(ctx.estate.id, now=ctx.now) if not n.emergency]


def _funding(ctx: Context):
    from kiosk.domain import acceptance, funding, works

    # Active projects, and closed ones for closed_visible_days after they closed (with their acceptance).
    days = ctx.settings.closed_visible_days
    projects = [p for p in funding.list_projects(ctx.estate.id)
                if p.status in funding.ACTIVE or (p.closed_at is not None and acceptance.on_show(p, ctx.now, days))]
    ids = [p.id for p in projects]
    snaps = funding.snapshots(ids)
    progress = works.progress_many(ids)
    accepted = acceptance.for_projects(ids)
    return [funding_slide.ProjectFigures(p, snaps[p.id], progress[p.id], accepted.get(p.id), days) for p in projects]


def _first_closed_leaves(data) -> dt.datetime | None:
    """When the first closed project on show leaves the slides."""
    return min((p.info.closed_at + dt.timedelta(days=p.shown_days) for p in data or () if p.info.closed_at), default=None)


def _fixed(ctx: Context):
    from kiosk.domain import reports

    return reports.recently_resolved(ctx.estate.id, days=SOLVED_DAYS, limit=8)


def _rates(ctx: Context):
    from kiosk.domain import report_rates

    return report_rates.for_estate(ctx.estate.id, now=ctx.now)


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

    projects = funding.list_projects(ctx.estate.id, active_only=True)
    snaps = funding.snapshots([p.id for p in projects])
    open_ = [p for p in projects if pledge_slide.gap(snaps[p.id]) > 0]
    if not open_:
        return None
    best = min(open_, key=lambda p: (p.status != "fundraising", -pledge_slide.gap(snaps[p.id]), p.id))
    url = ctx.settings.pledge_template().format(project_id=best.id, estate_id=best.estate_id)
    return pledge_slide.Campaign(best, snaps[best.id], url)


def _daily(ctx: Context):
    from kiosk.domain import disclosure

    return disclosure.daily(ctx.estate.id, ctx.now.date())


def _repairs(ctx: Context):
    from kiosk.domain import emergency

    return emergency.current_disclosures(ctx.estate.id, ctx.now.date())


def _first_disclosure_ends(data) -> dt.datetime | None:
    """Midnight after the first disclosure's last day, when it leaves the screen."""
    last = min((d.repair.disclose_until for d in data), default=None) if data else None
    return dt.datetime.combine(last + dt.timedelta(days=1), dt.time()) if last else None


ALL = (
    SlideKind("notices", N_("Notices"), _notices, notice_slide.render),
    SlideKind("funding", N_("Project funding"), _funding, funding_slide.render, _first_closed_leaves),
    SlideKind("fixed", N_("Solved"), _fixed, fixed_slide.render, _oldest_solved_leaves),
    SlideKind("rates", N_("Response, resolution and satisfaction"), _rates, rates_slide.render),
    SlideKind("meetings", N_("Meetings"), _meetings, meetings_slide.render, _first_meeting_starts),
    SlideKind("pledge", N_("Pledge"), _pledge, pledge_slide.render),
    SlideKind("daily", N_("Today's disclosure"), _daily, daily_slide.render),
    votes.KIND,
    SlideKind("repairs", N_("Emergency repairs"), _repairs, repairs_slide.render, _first_disclosure_ends),
)
KINDS: dict[str, SlideKind] = {k.key: k for k in ALL}


def get(key: str) -> SlideKind:
    return KINDS[key]


def known() -> list[str]:
    return list(KINDS)
