"""The web service's database. Pages read through `db` (on PostgreSQL a read-only role); the two
writes (a pledge, an Open311 report) go through `web_writer_db` when it is set (a writer role).

Every handler runs whole on the event loop's one thread (see pages.handler), so swapping the
models' binding for one write cannot interleave with another request."""

from __future__ import annotations

import contextlib
from typing import Iterator

from kiosk.config import Settings
from kiosk.db import backend, connection, models


class Store:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.writer = None

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        if models.database.obj is None:  # `kiosk web` connected already; tests build the app alone
            connection.connect(self.settings.db_url())
        with connection.for_thread():
            yield

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """The block's domain writes go through the writer role (when there is one)."""
        if not self.settings.web_writer_db:
            yield
            return
        if self.writer is None:
            self.writer = backend.open_database(backend.parse_url(self.settings.web_writer_db), create=False)
        reader = models.database.obj
        models.database.initialize(self.writer)
        try:
            with connection.for_thread():
                yield
        finally:
            models.database.initialize(reader)
