"""The keys every list screen has, in the order the footer shows them: Esc (back) first, then
Enter on the chosen record, the screen's own keys, and / (search) last."""

from __future__ import annotations

from textual.binding import Binding

from kiosk.i18n import N_


def list_bindings(*own: Binding, enter: str = "", search: bool = True) -> list[Binding]:
    """`enter`: the message id of what Enter does to the chosen record (empty: Enter is not bound)."""
    keys = [Binding("escape", "app.pop_screen", N_("Back"))]
    if enter:
        # A priority binding: Enter in the search line (or on the table) reaches the screen.
        keys.append(Binding("enter", "enter", enter, priority=True, key_display="Enter"))
    keys += own
    if search:
        keys.append(Binding("slash", "search", N_("Search"), key_display="/"))
    return keys
