"""Open the store named by a URL and bind the models to it."""

from __future__ import annotations

import peewee as pw

from kiosk.db import backend, models, schema
from kiosk.i18n import _

DatabaseUnavailable = backend.DatabaseUnavailable


def connect(url: str, *, check_schema: bool = True, cache_kib: int | None = None) -> pw.Database:
    """Bind the models to `url`. With check_schema, refuse a missing, old or newer schema.
    `cache_kib`: SQLite's page cache per connection (see backend.open_database)."""
    target = backend.parse_url(url)
    if target.kind == "sqlite" and target.path != ":memory:" and check_schema:
        import os

        if not os.path.exists(target.path):
            raise schema.SchemaError(
                _("No database at {path}: run `kiosk init` or `kiosk demo` first.").format(path=target.path)
            )
    db = backend.open_database(target, create=not check_schema, cache_kib=cache_kib)
    models.database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except pw.OperationalError as exc:
        raise DatabaseUnavailable(
            _("Cannot open the database {where}: {error}").format(where=target.describe(), error=backend.one_line(exc))
        ) from None
    if check_schema:
        schema.check(db)
    return db


def close() -> None:
    db = models.database.obj
    if db is not None and not db.is_closed():
        db.close()


def current() -> pw.Database:
    return models.database.obj
