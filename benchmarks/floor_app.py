"""The stack's floor: the bare app plus only what the lobby cannot start without.

Peewee imported as the lobby imports it (without the drivers a SQLite kiosk never uses, see
kiosk.db.drivers), the database opened through cysqlite with the lobby's pragmas, and one row
read (the first estate's name), shown in one `Static`. No models, domain, screens, translations
or styles. Started beside the bare app and the lobby, it splits their gap into what the required
dependencies take and what the kiosk's own code takes. Run: python -m benchmarks.floor_app DB
"""

import sys

MARKER = "stack floor ready 依赖下限"


def main(path: str) -> None:
    from kiosk.db import drivers  # (light: kiosk's and kiosk.db's packages are docstrings only)

    drivers.skip_unused(path)
    from playhouse.cysqlite_ext import CySqliteDatabase
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    # The pragmas kiosk.db.backend opens a writable SQLite file with, the apps' page cache.
    pragmas = {"journal_mode": "wal", "synchronous": "full", "foreign_keys": 1, "busy_timeout": 3000, "cache_size": -128}
    db = CySqliteDatabase(path, pragmas=pragmas, timeout=3, lock_type="IMMEDIATE", rank_functions=False)
    (estate,) = db.execute_sql("SELECT name FROM estate ORDER BY id LIMIT 1").fetchone()

    class FloorApp(App):
        def compose(self) -> ComposeResult:
            yield Static(f"{MARKER}\n{estate}")

    FloorApp().run()


if __name__ == "__main__":
    main(sys.argv[1])
