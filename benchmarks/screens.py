"""Key press → next screen fully painted, for every lobby screen, in a real terminal.

The lobby runs in tmux at 80×24. Its screens are found the way a resident finds them:
- each digit 1–9 is pressed on the home screen; a digit that changes the screen opens a section,
  and the first of 0, Backspace or Escape that brings the home screen back is its way home;
- on each section, 1 and Enter are pressed (open the first item); a key that leads to yet
  another screen adds it, with its own way back to the section.
Then every screen found is opened and left `presses` times. The lobby keeps screens of public
data between visits (kiosk/apps/kept_screens.py), so most of those opens show a kept screen
again; a row of its own times each screen's first open in a lobby just started (composed anew,
its module imported), what a resident meets after a restart or a change of the data.

A switch is timed from the moment the key is sent until the screen matches that screen's settled
picture and stays unchanged for a quarter of a second; the time is when that final picture was
first seen (so a screen that paints in two steps counts from the second). Polling is every 3 ms
through a tmux control client.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.stats import percentile
from benchmarks.terminal import CLOCK, Tmux, similarity

P95_MS = 50.0
DIGITS = "123456789"
ITEM_KEYS = ("1", "Enter")  # on a section: open its first item
# Escape last: a terminal cannot tell a lone ESC from the start of an escape sequence, so Textual
# waits ESCDELAY (100 ms by default) before it believes it, in any app.
BACK_KEYS = ("0", "BSpace", "Escape")
QUIET_S = 0.25
# While finding the screens, a picture counts as settled after a longer pause: a screen may paint
# first and fill in when its read returns (on a remote database, a few round trips later).
FIND_QUIET_S = 1.0
SAME = 0.9  # share of lines that must match to call it the same screen (a clock may tick)
OTHER = 0.8  # below this share it is another screen
STATE_OF = 0.5  # a section with a message added still shares this much with itself
# Focus is drawn as a heavy border: the same screen with another tile focused is still that screen.
UNFOCUSED = str.maketrans("┏┓┗┛━┃", "╭╮╰╯─│")
NAME = "screens"


@dataclasses.dataclass
class Node:
    label: str
    path: list[tuple[str, str]]  # (key, the screen it leads to), from home
    back: list[tuple[str, str]]  # (key, the screen it leads to), back to home


def _title(screen: str, before: str) -> str:
    seen = set(before.splitlines())
    for line in screen.splitlines():
        text = " ".join(line.split())
        if text and line not in seen:
            out, width = "", 0
            for c in text:
                width += 2 if unicodedata.east_asian_width(c) in "WF" else 1
                if width > 16:
                    return out + "…"
                out += c
            return out
    return "?"


def _start(term: Tmux, ctx: Context) -> str:
    term.start(NAME, ctx.kiosk("lobby"), env=ctx.pane_env(), size=ctx.size)
    seen = term.watch(NAME, lambda s: ctx.estate in s, timeout=30, quiet=FIND_QUIET_S)
    if ctx.estate not in seen.screen:
        raise RuntimeError(f"the lobby never showed {ctx.estate!r}:\n{seen.screen}")
    return seen.screen


def _press(term: Tmux, key: str, target: str, timeout: float = 5) -> tuple[float, bool]:
    """Press `key`, wait for `target` to be painted; (milliseconds, settled)."""
    t0 = term.keys(NAME, key)
    seen = term.watch(NAME, lambda s: similarity(s, target) >= SAME, timeout=timeout, quiet=QUIET_S)
    return (seen.at - t0) * 1000, not seen.timed_out


def _leads_elsewhere(term: Tmux, key: str, *avoid: str) -> str | None:
    """Press `key`; the new settled screen, or None when nothing else appeared."""
    term.keys(NAME, key)
    seen = term.watch(NAME, lambda s: all(similarity(s, a) < OTHER for a in avoid), timeout=3, quiet=FIND_QUIET_S)
    if seen.timed_out and any(similarity(seen.screen, a) >= OTHER for a in avoid):
        return None
    return seen.screen


def _same_screen(a: str, b: str) -> bool:
    return similarity(a.translate(UNFOCUSED), b.translate(UNFOCUSED)) >= SAME


def _way_back(term: Tmux, to: str, leaving: str, tried_first: str | None) -> tuple[str, str] | None:
    """The first back key that returns to `to`, and the picture it returns to. That picture is
    the switch's target from then on: the screen left behind may look a little different on the
    way back (the tile just used keeps the focus), which is the app's settled picture all the same."""
    for key in dict.fromkeys(((tried_first,) if tried_first else ()) + BACK_KEYS):
        term.keys(NAME, key)
        seen = term.watch(NAME, lambda s: _same_screen(s, to) and similarity(s, leaving) < OTHER,
                          timeout=2, quiet=QUIET_S)
        if not seen.timed_out:
            return key, seen.screen
    return None


def _state_of(section: str, item: str, after_back_keys: str, home: str) -> bool:
    """Whether `item`, from which no back key returned to `section`, is `section` in another
    state: the same title line (the section's name, the clock aside), most of its lines the
    section's, and the back keys took it where the section's own way back goes, home. A real
    screen below a section goes back to the section (or is reported as having no way back)."""
    def title(screen: str) -> str:
        return CLOCK.sub("##:##", (screen.splitlines() or [""])[0]).rstrip()

    return (title(item) == title(section) and similarity(item, section) >= STATE_OF
            and _same_screen(after_back_keys, home))


def discover(term: Tmux, ctx: Context, home: str) -> tuple[list[Node], list[str], str]:
    """Every screen reachable as described above, labels of screens with no way back, and the
    home screen (as last started)."""
    nodes, stuck, back = [], [], None
    for n, digit in enumerate(DIGITS):
        ctx.progress.update("finding the lobby's screens", n, len(DIGITS))
        section = _leads_elsewhere(term, digit, home)
        if section is None or _same_screen(section, home):
            continue  # nothing behind this digit (at most the focus moved)
        label = f"{digit} → {_title(section, home)}"
        # Its items, one level down.
        children = []
        for key in ITEM_KEYS:
            item = _leads_elsewhere(term, key, section, home, *(c[1] for c in children))
            if item is None:
                # Nothing new; but the key may have opened an item already found (Enter on the
                # focused first tile is that tile's digit): go back from it the way it goes back.
                now = term.capture(NAME)
                known = next((c for c in children if _same_screen(now, c[1]) and not _same_screen(now, section)), None)
                if known is not None:
                    back_key, _picture = known[2]
                    _press(term, back_key, section)
                continue
            to_section = _way_back(term, section, item, back[0] if back else None)
            if to_section is None and _state_of(section, item, term.capture(NAME), home):
                # Not another screen: the section itself with a message or a typed character
                # (查询进度: Enter on its ticket field says the number is wrong), left the
                # section's own way, home. Open the section again for its next key.
                if _leads_elsewhere(term, digit, home) is None:
                    break
                continue
            if to_section is None:
                stuck.append(f"{label} › {key}")
                term.stop(NAME)
                home = _start(term, ctx)
                if _leads_elsewhere(term, digit, home) is None:
                    break
                continue
            children.append((key, item, to_section))
        back = _way_back(term, home, section, back[0] if back else None)
        if back is None:
            stuck.append(label)
            term.stop(NAME)  # no key leads home from here: start again
            home = _start(term, ctx)
            continue
        nodes.append(Node(label, [(digit, section)], [back]))
        for key, item, to_section in children:
            nodes.append(Node(f"{digit} › {key} → {_title(item, section)}", [(digit, section), (key, item)],
                              [to_section, back]))
    ctx.progress.update("finding the lobby's screens", 1, 1)
    return nodes, stuck, home


def measure(ctx: Context, term: Tmux, p95_ms: float = P95_MS) -> list[Row]:
    ok, why = app_available("lobby")
    if not ok:
        return [unavailable("screen switches (every lobby screen)", why)]
    home = _start(term, ctx)
    target = f"p95 ≤ {p95_ms:.0f} ms"
    try:
        nodes, stuck, home = discover(term, ctx, home)
        rows = [Row(f"key {label}", "no way back", target, False, "none of 0, Backspace, Escape led back") for label in stuck]
        if not nodes:
            return rows or [Row("screen switches", "no screen found", target, False, "no digit 1–9 changed the home screen")]
        opened: dict[str, list[float]] = {node.label: [] for node in nodes}
        closed: dict[str, list[float]] = {}
        misses = 0
        total = ctx.presses * len(nodes)
        for rep in range(ctx.presses):
            for i, node in enumerate(nodes):
                ctx.progress.update(f"screen switches ({len(nodes)} screens × {ctx.presses})", rep * len(nodes) + i, total)
                for key, screen in node.path[:-1]:
                    misses += not _press(term, key, screen)[1]
                ms, settled = _press(term, *node.path[-1])
                opened[node.label].append(ms)
                misses += not settled
                key, screen = node.back[0]
                ms, settled = _press(term, key, screen)
                closed.setdefault(key, []).append(ms)
                misses += not settled
                for key, screen in node.back[1:]:
                    misses += not _press(term, key, screen)[1]
        ctx.progress.update("screen switches", total, total)
        escape = _escape_back(term, ctx, nodes)
        first = _first_opens(term, ctx, nodes)
    finally:
        term.stop(NAME)
    for node in nodes:
        ms = opened[node.label]
        p50, p95 = percentile(ms, 50), percentile(ms, 95)
        rows.append(Row(f"key {node.label}", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms", target, p95 <= p95_ms, data={"ms": ms}))
    for key, ms in closed.items():
        p50, p95 = percentile(ms, 50), percentile(ms, 95)
        note = f"{ctx.presses} presses per screen; the key back from every screen it leaves"
        if key == "Escape":
            note += "; Textual waits ESCDELAY (100 ms by default) to tell a lone Escape from an escape sequence"
        if misses:
            note += f"; {misses} switches never settled (counted at their timeout)"
        rows.append(Row(f"key {key} → back", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms", target, p95 <= p95_ms, note, data={"ms": ms}))
    if first:
        rows.append(Row("first open of each screen", f"p50 {percentile(first, 50):.0f} ms, p95 {percentile(first, 95):.0f} ms",
                        note=f"composed anew, in a lobby just started (nothing kept yet); {len(first)} opens",
                        data={"ms": first}))
    ms, refused = escape
    if ms or refused:
        p50, p95 = (percentile(ms, 50), percentile(ms, 95)) if ms else (float("nan"), float("nan"))
        rows.append(Row("Escape → back (every screen)", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms" if ms else "never back",
                        target, bool(ms) and not refused and p95 <= p95_ms,
                        f"from the Escape key to the screen before painted; {len(ms)} presses"
                        + (f"; did not go back from: {', '.join(refused)}" if refused else ""), data={"ms": ms, "refused": refused}))
    return rows


def _escape_back(term: Tmux, ctx: Context, nodes: list[Node]) -> tuple[list[float], list[str]]:
    """Escape on every screen found: the time until the screen before it is painted again (the
    way back recorded for that screen); screens where Escape does not lead back are named."""
    ms_all: list[float] = []
    refused: list[str] = []
    presses = max(1, min(ctx.presses, 10))
    for i, node in enumerate(nodes):
        ctx.progress.update("Escape on every screen", i, len(nodes))
        for _rep in range(presses):
            for key, screen in node.path:
                _press(term, key, screen)
            back_to = node.back[0][1]
            ms, settled = _press(term, "Escape", back_to, timeout=2)
            if not settled:
                refused.append(node.label)
                _press(term, *node.back[0])
                for key, screen in node.back[1:]:
                    _press(term, key, screen)
                break
            ms_all.append(ms)
            for key, screen in node.back[1:]:
                _press(term, key, screen)
    ctx.progress.update("Escape on every screen", 1, 1)
    return ms_all, refused


def _first_opens(term: Tmux, ctx: Context, nodes: list[Node]) -> list[float]:
    """Each screen's first open: the lobby started afresh, then every screen opened once, in the
    order found (an item's section is then already open once, as a resident would have it)."""
    ms_all: list[float] = []
    rounds = max(1, min(ctx.presses, 3))
    for r in range(rounds):
        ctx.progress.update("first opens", r, rounds)
        term.stop(NAME)
        _start(term, ctx)
        for node in nodes:
            for key, screen in node.path[:-1]:
                _press(term, key, screen)
            ms, _settled = _press(term, *node.path[-1])
            ms_all.append(ms)
            for key, screen in node.back:
                _press(term, key, screen)
    ctx.progress.update("first opens", rounds, rounds)
    return ms_all
