"""Display: the open-vote slide — which vote, until when, and how many have taken part so far
(area and owners against the 2/3 the law needs). Never how anyone voted, never running totals
per option: those are published when the poll closes.

For the display loop: `open_poll_ids(estate_id)` (empty: skip the slide) and `VoteSlide(poll_id)`;
call `slide.refresh_data()` on `DataChanged`. `VoteSlideScreen` shows the first open vote alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Static

from kiosk.domain import votes
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.render.safe import one_line


def open_poll_ids(estate_id: int) -> list[int]:
    return [p.id for p in votes.open_polls(estate_id)]


def slide_heading(p: votes.PollInfo) -> Text:
    text = Text(_("Vote in progress"), style="bold reverse")
    if p.closes_at:
        text.append("  " + _("until {when}").format(when=f"{p.closes_at:%m-%d %H:%M}"), style="bold")
    text.append("\n")
    text.append(one_line(p.title), style="bold")
    text.append("\n" + votes.matter_label(p.matter))
    if p.buildings:
        text.append("  " + _("For: {buildings}").format(buildings="、".join(one_line(b) for b in p.buildings)))
    return text


class VoteSlide(Vertical):
    DEFAULT_CSS = """
    VoteSlide { height: auto; padding: 1 2; }
    VoteSlide .heading { height: auto; margin: 0 0 1 0; }
    VoteSlide .figures { height: auto; }
    VoteSlide .figure { width: auto; height: auto; margin: 0 4 0 0; }
    VoteSlide .figure Static { width: auto; }
    VoteSlide Digits { width: auto; }
    VoteSlide .bars { height: auto; margin: 1 0; }
    VoteSlide .hint { height: auto; color: $text-muted; }
    """

    def __init__(self, poll_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.poll_id = poll_id

    def compose(self) -> ComposeResult:
        yield Static("", classes="heading")
        with Horizontal(classes="figures"):
            with Vertical(classes="figure"):
                yield Static(_("Area taking part (%)"))
                yield Digits("0", id="area")
            with Vertical(classes="figure"):
                yield Static(_("Owners taking part (%)"))
                yield Digits("0", id="owners")
        yield Static("", classes="bars")
        yield Static("", classes="line")
        yield Static(_("One household, one ballot: vote at the lobby kiosk with your code, or hand in a paper ballot."),
                     classes="hint")

    def on_mount(self) -> None:
        self.refresh_data()

    def on_resize(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        p = votes.get_poll(self.poll_id)
        t = votes.turnout(self.poll_id)
        self.query_one(".heading", Static).update(slide_heading(p))
        self.query_one("#area", Digits).update(str(t.area_percent))
        self.query_one("#owners", Digits).update(str(t.owners_percent))
        width = max(20, min((self.size.width or 80) - 6, 160))
        self.query_one(".bars", Static).update(render.turnout_bars(t, width))
        self.query_one(".line", Static).update(render.quorum_line(t))


class VoteSlideScreen(Screen):
    """The first open vote of an estate, alone (for trying the slide; the display loop embeds VoteSlide)."""

    DEFAULT_CSS = """
    VoteSlideScreen { align: center middle; }
    VoteSlideScreen VoteSlide { max-width: 160; }
    """

    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.estate_id = estate_id

    def compose(self) -> ComposeResult:
        ids = open_poll_ids(self.estate_id)
        if ids:
            yield VoteSlide(ids[0])
        else:
            yield Static(_("No vote is open at the moment."))
