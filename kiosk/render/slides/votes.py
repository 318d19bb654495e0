"""Household votes on the notice board (居民议、居民定): an open poll shows how many have taken
part so far against the 2/3 the law needs; a poll closed in the last days shows its result per
option by households, owners and area. Totals only: a ballot is never tied to a name or a room.

Percentages come from kiosk.domain.numbers (66.65% reads 66.6, exactly 2/3 reads 66.7), so the
board never shows a 2/3 that was not reached, nor hides one that was; whether it was reached comes
from the domain's exact arithmetic."""

from __future__ import annotations

import dataclasses
import datetime as dt

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kiosk.domain.money import area_text
from kiosk.domain.votes import PollInfo, Tally, Turnout, matter_label
from kiosk.domain.numbers import Percent
from kiosk.i18n import _
from kiosk.render import palette
from kiosk.render.safe import one_line
from kiosk.render.slides.common import ACCENT, GOOD, INK, MUTED, WARN, WIDE, figure, heading, is_tv, when_text
from kiosk.render.quorum import meter_bar, quorum_line, turnout_figures, turnout_percent
from kiosk.render.votes import option_shares, outcome_text

CHIP_INK = palette.CHIP_INK


@dataclasses.dataclass(frozen=True)
class VoteFigures:
    """One poll on the board: participation while open; the published count once closed."""

    poll: PollInfo
    turnout: Turnout
    results: Tally | None = None


@dataclasses.dataclass(frozen=True)
class VoteBoard:
    items: tuple[VoteFigures, ...]
    # When the clock alone changes what belongs here: a poll opens or closes by its times, or
    # a result has been up for its days.
    next_change: dt.datetime | None = None


class Meter:
    """A labelled bar across the width it is given: part/whole filled, the 2/3 cell marked."""

    def __init__(self, label: str, part: int, whole: int, *, rows: int = 1, reached: bool = False,
                 note: str = "", shown: Percent | None = None) -> None:
        self.label, self.part, self.whole = label, part, whole
        self.rows, self.reached, self.note = rows, reached, note
        self.shown = shown if shown is not None else turnout_percent(part, whole)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label = Text(one_line(self.label, 12), style=f"bold {INK}")
        tail = Text(f" {self.shown}%".rjust(8), style=f"bold {GOOD if self.reached else INK}")
        if self.note:
            tail.append("  " + self.note, style=MUTED)
        label_w = max(8, label.cell_len + 1)
        bar_w = max(6, options.max_width - label_w - tail.cell_len)
        bar = meter_bar(self.part, self.whole, bar_w, reached=self.reached, shown=self.shown)
        middle = self.rows // 2
        for row in range(self.rows):
            line = Text(no_wrap=True, overflow="crop")
            line.append_text(label if row == middle else Text(""))
            line.append(" " * (label_w - (label.cell_len if row == middle else 0)))
            line.append_text(bar)
            if row == middle:
                line.append_text(tail)
            yield line


def _heading(p: PollInfo, title: str, note: str) -> Group:
    return Group(heading(title, ACCENT["votes"], note), Text(""), Text(one_line(p.title), style=f"bold {INK}"),
                 Text(matter_label(p.matter) + _scope(p), style=MUTED))


def _band(title: str, tv: bool) -> RenderableType:
    """The poll's title on a coloured band, read across the room."""
    return Padding(Text(one_line(title), style=f"bold {CHIP_INK}"), (1 if tv else 0, 2), style=f"on {ACCENT['votes']}")


def _turnout_figures(t: Turnout, tv: bool) -> Table:
    colour = ACCENT["votes"]
    scale = 4 if tv else 0
    grid = Table.grid(padding=(0, 10 if tv else 4))
    for _i in range(3):
        grid.add_column(no_wrap=True)
    need = Text(_("2/3 needed"), style=f"bold {WARN}")
    if t.quorate:
        need = Text(_("2/3 reached"), style=f"bold {GOOD}")
    area, owners = turnout_figures(t)
    grid.add_row(figure(_("Area taking part"), str(area), "%", GOOD if t.quorate else colour, scale=scale),
                 figure(_("Owners taking part"), str(owners), "%", GOOD if t.quorate else colour, scale=scale),
                 Group(Text(""), Text(""), need) if not tv else Group(*([Text("")] * 5), need))
    return grid


def _meters(t: Turnout, rows: int) -> Group:
    e, p = t.eligible, t.participating
    area_met = e.area_cm2 > 0 and 3 * p.area_cm2 >= 2 * e.area_cm2
    owners_met = e.owners > 0 and 3 * p.owners >= 2 * e.owners
    return Group(Meter(_("Area"), p.area_cm2, e.area_cm2, rows=rows, reached=area_met),
                 *([Text("")] if rows > 1 else []),
                 Meter(_("Owners (by head)"), p.owners, e.owners, rows=rows, reached=owners_met))


def open_vote(v: VoteFigures, width: int, height: int) -> RenderableType:
    p, t = v.poll, v.turnout
    tv = is_tv(width, height)
    note = _("until {when}").format(when=when_text(p.closes_at)) if p.closes_at else ""
    hint = Text(_("One household, one ballot: vote at the lobby kiosk with your code, or hand in a paper ballot."),
                style=f"bold {INK}" if tv else MUTED)
    if tv:
        body = Group(heading(_("Vote in progress"), ACCENT["votes"], note), Text(""), _band(p.title, tv),
                     Text(matter_label(p.matter) + _scope(p), style=MUTED), Text(""), Text(""),
                     _turnout_figures(t, tv), Text(""), Text(""), _meters(t, 3), Text(""), quorum_line(t), Text(""), hint)
        return Padding(body, (0, 6))
    body = Group(_heading(p, _("Vote in progress"), note), Text(""), _turnout_figures(t, tv), Text(""),
                 _meters(t, 1), quorum_line(t), Text(""), hint)
    return Padding(body, (0, 4 if width >= WIDE else 1))


def _scope(p: PollInfo) -> str:
    if not p.buildings:
        return ""
    return "    " + _("For: {buildings}").format(buildings="、".join(one_line(b) for b in p.buildings))


def options_table(r: Tally, tv: bool) -> Table:
    """Per option: households, owners, area, the share of those who took part. No names, no rooms."""
    table = Table.grid(padding=(0, 4 if tv else 2))
    table.add_column(no_wrap=False, max_width=40)
    for _i in range(4):
        table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_row(*(Text(h, style=MUTED) for h in
                    (_("Option"), _("Households"), _("Owners (by head)"), _("Area m²"), _("Share"), "")))
    for o, (area_share, owners_share) in zip(r.options, option_shares(r)):
        share = _("area {a}% owners {o}%").format(a=area_share, o=owners_share)
        # The domain's decision (closed and quorate): without the quorum the board marks none.
        style = f"bold {GOOD}" if o.approved else INK
        mark = Text(_("approved"), style=f"bold {GOOD}") if o.approved else Text(_("not approved") if r.decided else "", style=MUTED)
        table.add_row(Text(one_line(o.label), style=f"bold {INK}"), Text(str(o.counts.households), style=style),
                      Text(str(o.counts.owners), style=style), Text(area_text(o.counts.area_cm2), style=style),
                      Text(share, style=style), mark)
        if tv:
            table.add_row("", "", "", "", "", "")
    for name, c in ((_("Took part"), r.participating), (_("Eligible"), r.eligible)):
        table.add_row(Text(name, style=MUTED), Text(str(c.households), style=MUTED), Text(str(c.owners), style=MUTED),
                      Text(area_text(c.area_cm2), style=MUTED), "", "")
    return table


def _option_meters(r: Tally, rows: int) -> Group:
    """Each option's share of the participating area as a bar (on a TV)."""
    parts: list[RenderableType] = []
    for o, (area_share, _owners) in zip(r.options, option_shares(r)):
        parts += [Meter(o.label, o.counts.area_cm2, r.participating.area_cm2, rows=rows, reached=o.approved,
                        note=_("of the area that took part"), shown=area_share), Text("")]
    return Group(*parts)


def closed_vote(v: VoteFigures, width: int, height: int) -> RenderableType:
    p, r = v.poll, v.results
    assert r is not None
    tv = is_tv(width, height)
    note = _("closed {when}").format(when=when_text(p.closed_at)) if p.closed_at else ""
    outcome = outcome_text(r)
    outcome.stylize(f"bold {INK}")
    rule = _("Ordinary matter: more than half of the area and of the owners who took part.") if r.matter == "ordinary" else \
        _("Major matter: at least 3/4 of the area and of the owners who took part.")
    if tv:
        body = Group(heading(_("Vote result"), ACCENT["votes"], note), Text(""), _band(p.title, tv), Text(""),
                     Padding(outcome, (1, 2), style=f"on {palette.PANEL}"), Text(""), _turnout_figures(r.turnout, tv), Text(""),
                     _option_meters(r, 2), options_table(r, tv), Text(""), quorum_line(r.turnout),
                     Text(rule, style=MUTED))
        return Padding(body, (0, 6))
    body = Group(_heading(p, _("Vote result"), note), Text(""), outcome, Text(""), options_table(r, tv), Text(""),
                 quorum_line(r.turnout), Text(rule, style=MUTED))
    return Padding(body, (0, 4 if width >= WIDE else 1))


def render(data: VoteBoard | None, width: int, height: int) -> list[RenderableType]:
    if data is None:
        return []
    return [closed_vote(v, width, height) if v.results is not None else open_vote(v, width, height) for v in data.items]
