"""In Chinese, the console shows no English: every section, page and form a staff member walks
through, footer and dialogs included, is read for Latin words that are not key names, acronyms
or data (user names as typed). An untranslated message, a raw action code or a JSON key fails."""

from __future__ import annotations

from support import press, screen_text
from support.admin import make_app, sign_in
from support.words import untranslated

from kiosk.db import models
from kiosk.screens.admin.dashboard import SECTIONS

# Keys after a section's own key: its pages and forms, then back. A section not named here is
# still opened and read (its list), then left with escape.
DEEPER = {
    "1": ("enter", "x", "escape", "escape", "e", "escape", "n", "escape"),
    "2": ("a", "escape"),
    "3": ("enter", "escape", "n", "escape"),
    "4": ("m", "escape"),
    "5": ("n", "escape"),
    "7": ("enter", "escape", "n", "escape"),
    "h": ("enter", "escape", "n", "escape", "c", "escape", "t", "escape", "i", "escape",
          "p", "enter", "h", "escape", "v", "escape", "escape", "n", "escape", "escape"),
}


async def test_no_english_on_any_console_screen_in_chinese(demo_db):
    # user names as typed, and the demo builder's name in the log: data
    data = {s.username for s in models.Staff.select()} | {a for (a,) in models.AuditEntry.select(models.AuditEntry.actor).distinct().tuples()}
    app = make_app(lang="zh")
    leaks: dict[str, set[str]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(pilot, "admin")
        for section in SECTIONS:
            for key in (section.key, *DEEPER.get(section.key, ()), "escape"):
                await press(pilot, key)
                found = untranslated(screen_text(app), data)
                if found:
                    leaks.setdefault(type(app.screen).__name__, set()).update(found)
    assert leaks == {}
