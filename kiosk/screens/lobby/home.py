"""Home: the estate's name, live notices (emergencies first and unmistakable), every active
project with a funding bar and a works bar, and the numbered tiles of the sections."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Container, Grid, Vertical, VerticalScroll
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import acceptance, disclosure, funding, notices, votes
from kiosk.domain.money import yuan
from kiosk.domain.sources import short_label
from kiosk.i18n import _, ngettext
from kiosk.render.acceptance_view import accepted_short
from kiosk.render.bars import legend_block
from kiosk.render.dates import day
from kiosk.render.disclosure_ref import reference
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import LobbyScreen
from kiosk.screens.lobby.tiles import HOME_TILES
from kiosk.widgets.key_tile import KeyTile
from kiosk.widgets.project_summary import ProjectSummary
from kiosk.widgets.quorum_meter import QuorumLine

NOTICE_LINES = 3
NOTICE_LINES_WIDE = 12
VOTE_LINES = 2  # open votes shown on home; more are counted, and 7 shows them all


def notice_list(items: list[notices.NoticeInfo], count: int, wide: bool) -> Text:
    """The notices panel as one renderable: heading, then a line per notice (cropped to one line
    on a small screen; whole, a blank line apart, on a big one)."""
    text = Text(no_wrap=not wide, overflow="crop")
    text.append(_("Notices") + (f" ({count})" if count else ""), style="bold")
    if not items:
        text.append("\n")
        text.append(_("No notices at the moment."), style="dim")
    for i, n in enumerate(items):
        text.append("\n\n" if wide and i else "\n")
        text.append_text(notice_line(n))
    return text


def notice_line(n: notices.NoticeInfo) -> Text:
    text = Text()
    if n.emergency:
        text.append(_("[Emergency]"), style="bold white on red")
        text.append(" ")
    elif n.pinned:
        text.append(_("[Pinned]"), style="bold yellow")
        text.append(" ")
    text.append(one_line(n.title), style="bold red" if n.emergency else "")
    text.append("  " + day(n.publish_at.date()), style="dim")
    return text


def estate_line(estate) -> Text:
    """盈谷中心小区  建西社区  滨河街道  2003年建成 (the big-screen heading)."""
    text = Text()
    text.append(" " + one_line(estate.name) + " ", style="bold reverse")
    for part in (estate.community, estate.sub_district):
        if part and part != estate.name:
            text.append("  " + one_line(part))
    if estate.build_year:
        text.append("  " + _("built in {year}").format(year=estate.build_year), style="dim")
    return text


def today_line(daily) -> Text:
    """今日到账 (the daily disclosure): money received today, per source, and the disclosure's short
    reference (公示第997号（12月6日）, as the TV names it)."""
    total = sum(daily.received_today.values())
    text = Text()
    text.append(_("Received today") + " ", style="bold")
    text.append(yuan(total), style="bold green" if total else "bold")
    for key, fen in daily.received_today.items():
        if fen:
            text.append(f"   {short_label(key)} {yuan(fen)}")
    text.append("   " + reference(daily.chain_seq, daily.date), style="dim")
    return text


class HomeScreen(LobbyScreen):
    SECTION = ""

    def read(self) -> tuple:
        from kiosk.screens.lobby.reading.project_pick import estate_project_lines

        estate_id = self.app.estate.id
        # Kept for tiles 2, 3 and 6 too, which open a project when there is one.
        daily = disclosure.daily(estate_id, projects=estate_project_lines(self.app))
        now, days = clock.now(), self.app.settings.closed_visible_days
        # Active projects, and an accepted one while it is still on show (as 已验收).
        shown = [pl for pl in daily.projects
                 if pl.info.status in funding.ACTIVE or (pl.accepted is not None and acceptance.on_show(pl.info, now, days))]
        return (notices.live(estate_id), daily, shown,
                [(p, votes.turnout(p.id)) for p in votes.open_polls(estate_id)])

    def compose_body(self):
        self.live_notices, self.daily, self.projects, self.open_votes = self.data  # read in a worker
        emergencies = [n for n in self.live_notices if n.emergency]
        wide = self.app.has_class("-roomy")  # a big screen gets more panels (the app recomposes on a switch)
        with Vertical(id="home-body"):
            if wide:
                yield Static(estate_line(self.app.estate), id="home-head", markup=False)
            if emergencies:
                banner = Text(no_wrap=True, overflow="crop")
                banner.append(" " + _("EMERGENCY") + " ", style="bold reverse")
                banner.append("  " + one_line(emergencies[0].title))
                yield Static(banner, id="emergency-banner", markup=False)
            with Container(id="home-top"):
                with Vertical(id="home-notices"):
                    shown = self.live_notices[:NOTICE_LINES_WIDE if wide else NOTICE_LINES]
                    yield Static(notice_list(shown, len(self.live_notices), wide), id="home-notice-list", markup=False)
                with VerticalScroll(id="home-projects", can_focus=False):
                    count = f" ({len(self.projects)})" if self.projects else ""
                    yield Static(Text(_("Projects under way") + count, style="bold"), classes="heading", markup=False)
                    if not self.projects:
                        yield Static(Text(_("No project under way at the moment.")), classes="dim", markup=False)
                    for pl in self.projects:
                        if pl.accepted is not None:  # in the title: a two-line summary has no room for a status
                            title = pl.info.title + "  " + accepted_short(pl.accepted, clock.today())
                            yield ProjectSummary(title, pl.funding, pl.works_percent, "")
                        else:
                            yield ProjectSummary(pl.info.title, pl.funding, pl.works_percent, funding.status_label(pl.info.status))
                    if self.projects and wide:
                        yield Static(legend_block(), id="home-legend", markup=False)
                        yield Static(today_line(self.daily), id="home-today", markup=False)
            if self.open_votes:
                with Vertical(id="home-votes"):
                    for p, turnout in self.open_votes[:VOTE_LINES]:
                        yield QuorumLine(p, turnout, id=f"quorum-{p.id}")
                    more = len(self.open_votes) - VOTE_LINES
                    if more > 0:
                        yield Static(Text(ngettext("{n} more vote open: press 7", "{n} more votes open: press 7", more).format(n=more), style="dim"), markup=False)
            with Grid(id="home-tiles", classes="-many" if len(HOME_TILES) > 6 else None):
                for tile in HOME_TILES:
                    yield KeyTile(tile.key, _(tile.label), _(tile.hint), action="open", value=tile,
                                  id=f"tile-{tile.key}", classes="-danger" if tile.danger else None)

    def key_tiles(self) -> list[KeyTile]:
        return []

    def home_key(self) -> list[KeyTile]:
        return []  # already home

    def key_hint(self) -> str:
        return _("Press a number, or use the arrows and Enter, or touch the screen")

    def tile_open(self, tile) -> None:
        self.app.open_screen(tile.open(self.app))

    def action_back(self) -> None:
        pass  # home is the bottom: Escape does nothing here
