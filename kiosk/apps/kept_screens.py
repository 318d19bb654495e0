"""Screens of public data kept between visits: a list or a project opened again is shown as it was
left, instead of composing its 15-20 widgets anew (most of what a switch cost: issue #21).

Only screens that opt in (`LobbyScreen.KEEP`) are kept, and none of them holds anything a resident
typed: a form, a code, a receipt is never kept. A kept screen is forgotten when the data changes
anywhere (the change detector), when the terminal is resized (the layout classes change), on the
pause screen, and when it is left in a state the next resident should not find (another page, a
message shown, a read under way). Shown again, it is as a newcomer finds it: read from the top,
the first tile focused. Textual keeps an installed screen when it is popped; that is all this uses.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from kiosk.config import Settings

log = logging.getLogger("kiosk.lobby")


class KeptScreens:
    def __init__(self, app, at_most: int) -> None:
        """`at_most` (the `kept_screens` setting): the sections and the last few items opened, a
        resident's round of the lobby; each kept screen holds its widgets and their drawn lines,
        ≈ 1.5 MB at a sub-district's scale. The oldest goes first."""
        self.app = app
        if not isinstance(at_most, int) or isinstance(at_most, bool) or at_most < 0:
            log.warning("lobby: kept_screens must be a whole number ≥ 0, not %r; keeping %d", at_most,
                        Settings.kept_screens)
            at_most = Settings.kept_screens
        self.at_most = at_most
        self._screens: OrderedDict[tuple, object] = OrderedDict()  # oldest first

    def __len__(self) -> int:
        return len(self._screens)

    def __contains__(self, screen) -> bool:
        return any(kept is screen for kept in self._screens.values())

    def reuse(self, screen):
        """The kept screen that shows what `screen` would (ready for a new visit), or `screen`."""
        key = screen.keep_key()
        kept = self._screens.get(key) if key is not None else None
        if kept is None or kept is screen or self._in_stack(kept):
            return screen
        self._screens.move_to_end(key)
        kept.prepare_for_visit()
        return kept

    def left(self, screen) -> None:
        """`screen` has just left the stack (Textual removes it next unless it is installed): keep
        it, or let it go."""
        key = screen.keep_key()
        if key is None:
            return
        kept = self._screens.get(key)
        if not self.at_most or not screen.fit_to_show_again():
            if kept is screen:
                self._forget(key, remove=False)  # Textual removes it, as any screen left
            return
        if kept is not None and kept is not screen:
            if self._in_stack(kept):
                return  # the kept one is still on the stack, under this one: this one goes
            self._forget(key)
        if kept is not screen:
            self.app.install_screen(screen, _name(key))
            self._screens[key] = screen
        self._screens.move_to_end(key)
        for old in [k for k, s in self._screens.items() if not self._in_stack(s)][:-self.at_most]:
            self._forget(old)

    def forget_all(self) -> None:
        """The data or the layout changed: every kept screen is composed afresh next time. One on
        the stack now (Textual cannot uninstall it there) is judged as it leaves (`left`): by then
        it is stale, or has read again."""
        for key in [k for k, s in self._screens.items() if not self._in_stack(s)]:
            self._forget(key)

    def _forget(self, key: tuple, *, remove: bool = True) -> None:
        screen = self._screens.pop(key)
        self.app.uninstall_screen(_name(key))
        if remove:
            screen.remove()

    def _in_stack(self, screen) -> bool:
        return screen in self.app.screen_stack


def _name(key: tuple) -> str:
    return "kept " + " ".join(str(part) for part in key)
