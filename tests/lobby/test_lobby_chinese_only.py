"""In Chinese, the lobby shows no English: every section, page and flow step a resident walks
through (the walk of test_reads_off_ui) is read for Latin words that are not key names or
acronyms; in English, no Chinese but the data (titles, names typed in Chinese)."""

from __future__ import annotations

from support import press, screen_text, settle
from support.words import untranslated
from test_reads_off_ui import WALK


async def test_no_english_on_any_lobby_screen_in_chinese(make_app):
    app = make_app(lang="zh")
    leaks: dict[str, set[str]] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for keys in WALK:
            for key in keys:
                await press(pilot, key)
                found = untranslated(screen_text(app))
                if found:
                    leaks.setdefault(type(app.screen).__name__, set()).update(found)
    assert leaks == {}
