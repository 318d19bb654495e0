"""Votes and 一户一策 as Rich renderables: results tables, statements, meetings (the live quorum
meter is in `kiosk.render.quorum`).

Percentages come from kiosk.domain.numbers: turnouts against 2/3 as in `kiosk.render.quorum`;
option shares are whole numbers that add up to 100 (largest remainder) without lifting a share
across the matter's bound (> 1/2, >= 3/4) that it did not reach. Whether a bound is met always
comes from the domain's exact arithmetic. Labels and
titles typed by staff go through `inert()`.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kiosk.domain import codes
from kiosk.domain.meetings import MeetingInfo, kind_label
from kiosk.domain.money import area_text, yuan
from kiosk.domain.plans import Statement, UnitConsent, consent_label, low_floor_label
from kiosk.domain.votes import PollInfo, Tally, state_label
from kiosk.i18n import _
from kiosk.domain.numbers import AT_LEAST_THREE_QUARTERS, MORE_THAN_HALF, Percent, shares
from kiosk.render.address import address
from kiosk.render.dates import day_time
from kiosk.render.quorum import meter_bar, quorum_line, turnout_bars, turnout_percent
from kiosk.render.safe import inert, one_line


def option_shares(t: Tally) -> list[tuple[Percent, Percent]]:
    """(area, owners) share of those who took part, per option, as printed: each column adds up
    to 100 with what went to no option (split flats)."""
    bound = (AT_LEAST_THREE_QUARTERS if t.matter == "major" else MORE_THAN_HALF,)
    area = shares([o.counts.area_cm2 for o in t.options], t.participating.area_cm2, thresholds=bound)
    owners = shares([o.counts.owners for o in t.options], t.participating.owners, thresholds=bound)
    return list(zip(area, owners))


def outcome_text(t: Tally) -> Text:
    if t.eligible.households == 0:
        return Text(_("No households are covered by this poll."))
    if t.state != "closed":
        return Text(_("The poll is not closed: no option is approved until staff close it."), style="bold")
    if not t.quorate:
        return Text(_("Fewer than 2/3 of the area or of the owners took part: the vote is not valid."), style="bold yellow")
    if t.outcome is None:
        return Text(_("The vote is valid, but no option was approved."), style="bold")
    text = Text(_("The vote is valid. Approved: "), style="bold")
    text.append("「" + one_line(t.outcome) + "」", style="bold green")
    return text


def results_table(t: Tally) -> Group:
    """Totals per option by households, owners and area, each share of those who took part next to
    its figure (so the table fits 76 cells in both languages). No names."""
    table = Table(expand=False, pad_edge=False, show_edge=False, box=None, padding=(0, 1))
    table.add_column(_("Option"), no_wrap=False)
    table.add_column(_("Households"), justify="right")
    table.add_column(_("Owners (by head)"), justify="right", no_wrap=True)
    table.add_column(_("Area m²"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for o, (area_share, owners_share) in zip(t.options, option_shares(t)):
        owners = f"{o.counts.owners} ({owners_share}%)"
        area = f"{area_text(o.counts.area_cm2)} ({area_share}%)"
        # `approved` is the domain's decision (closed and quorate, art. 278); before the vote is
        # decided no option is marked either way.
        mark = Text(_("approved"), style="bold green") if o.approved else Text(_("not approved") if t.decided else "", style="grey62")
        table.add_row(Text(inert(o.label)), str(o.counts.households), owners, area, mark)
    table.add_row(Text(_("Took part"), style="bold"), str(t.participating.households), str(t.participating.owners),
                  area_text(t.participating.area_cm2), "")
    table.add_row(Text(_("Eligible"), style="bold"), str(t.eligible.households), str(t.eligible.owners),
                  area_text(t.eligible.area_cm2), "")
    note = Text(_("(%): share of those who took part"), style="grey62")
    return Group(table, note)


def results(t: Tally, width: int = 60, *, title: bool = True) -> RenderableType:
    rule = _("Ordinary matter: more than half of the area and of the owners who took part.") if t.matter == "ordinary" else \
        _("Major matter: at least 3/4 of the area and of the owners who took part.")
    parts = [Text(one_line(t.title), style="bold")] if title else []
    return Group(*parts, quorum_line(t.turnout), turnout_bars(t.turnout, width), Text(""),
                 results_table(t), Text(""), outcome_text(t), Text(rule, style="grey62"))


def receipt_big(receipt: str) -> Text:
    return Text(codes.show(receipt), style="bold reverse")


def statement_table(s: Statement) -> Table:
    """A household's own 一户一策 line, in words a resident reads."""
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column(no_wrap=True, style="grey70")
    table.add_column()
    table.add_row(_("Project"), Text(one_line(s.project)))
    table.add_row(_("Address"), Text(address(s.building, s.unit, s.floor)))
    table.add_row(_("Floor area"), _("{area} m²").format(area=area_text(s.area_cm2)))
    if s.low_floor:
        table.add_row(_("Rule"), _("Low floor: {mode}").format(mode=low_floor_label(s.low_floor_mode)))
    else:
        table.add_row(_("Rule"), _("{rate} per m² x {area} m² x coefficient {c}").format(
            rate=yuan(s.rate_fen_per_m2), area=area_text(s.area_cm2), c=f"{s.coefficient / 100:.2f}"))
    table.add_row(_("By the rule"), yuan(s.rule_fen))
    if s.hardship_percent:
        table.add_row(_("Hardship reduction"), f"-{yuan(s.hardship_fen)} ({s.hardship_percent}%)")
    if s.override_fen is not None:
        table.add_row(_("Agreed amount"), Text(yuan(s.override_fen) + "  " + inert(s.override_reason)))
    share = Text(yuan(s.share_fen), style="bold")
    if s.share_fen < 0:
        share.append("  " + _("(paid to you)"))
    table.add_row(Text(_("Your share"), style="bold"), share)
    table.add_row(_("Your opinion on record"), consent_label(s.consent))
    return table


def unit_consents(view: list[UnitConsent], width: int = 40) -> Table:
    """Per unit: how many households agreed. Nothing about who objected or what anyone pays."""
    table = Table(box=None, padding=(0, 1), pad_edge=False)
    table.add_column(_("Unit"), no_wrap=True)
    table.add_column(_("Agreed"), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("", justify="right", no_wrap=True)
    name_w = max([Text(address(u.building, u.unit)).cell_len for u in view] + [4])
    bar_w = max(6, min(40, width - name_w - 20))
    for u in view:
        shown = turnout_percent(u.agreed, u.households)
        bar = meter_bar(u.agreed, u.households, bar_w, reached=3 * u.agreed >= 2 * u.households, shown=shown)
        table.add_row(Text(address(u.building, u.unit)), f"{u.agreed}/{u.households}", bar, f"{shown}%")
    return table


def meeting_lines(m: MeetingInfo, polls: list[PollInfo], outcomes: dict[int, str | None]) -> Text:
    """A meeting with its decisions and the polls it led to (their outcome once closed)."""
    text = Text()
    text.append(day_time(m.held_at) + "  ", style="bold")
    text.append(kind_label(m.kind) + "  ", style="cyan")
    text.append(one_line(m.topic), style="bold")
    if m.location:
        text.append("  " + one_line(m.location), style="grey70")
    if m.decisions:
        text.append("\n  " + _("Decided: ") + inert(m.decisions).replace("\n", "\n  "))
    for p in polls:
        text.append("\n  " + _("Vote: ") + one_line(p.title) + "  ")
        state = p.state()
        if state == "closed":
            outcome = outcomes.get(p.id)
            text.append(_("result: {outcome}").format(outcome=one_line(outcome)) if outcome else _("no option approved"),
                        style="green" if outcome else "yellow")
        else:
            text.append(state_label(state), style="cyan")
    return text
