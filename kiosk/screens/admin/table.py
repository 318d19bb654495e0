"""A searchable list: a search line over a DataTable. Typing filters the rows by any column's
text; the cursor stays on the same record when the data is reloaded."""

from __future__ import annotations

import dataclasses
from typing import Hashable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input

from kiosk.i18n import _
from kiosk.render.safe import one_line


@dataclasses.dataclass(frozen=True)
class Row:
    key: Hashable
    cells: tuple  # str (data: drawn inert) or Text (already safe)
    limits: tuple = ()  # max terminal cells per column (None: no limit; CJK takes 2), so 80 columns suffice
    extra: str = ""  # more text the search should find (e.g. what the cut cells leave out)

    def search_text(self) -> str:
        parts = [c.plain if isinstance(c, Text) else str(c) for c in self.cells]
        return (" ".join(parts) + " " + self.extra).lower()


def cell(value: object, limit: int | None = None) -> Text:
    """Anything typed by people, as a safe one-line cell of at most `limit` cells."""
    text = value if isinstance(value, Text) else Text(one_line("" if value is None else value))
    if limit is not None and text.cell_len > limit:
        text = text.copy()
        text.truncate(limit, overflow="ellipsis")
    return text


def cursor_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None (an empty table)."""
    if table.row_count == 0:
        return None
    try:
        row_key, _col = table.coordinate_to_cell_key(table.cursor_coordinate)
    except Exception:
        return None
    return row_key.value


def refill(table: DataTable, rows: list[tuple[object, tuple]]) -> None:
    """Replace a plain table's rows (key, cells), the cursor staying on the same line."""
    keep = table.cursor_row
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=str(key))
    if table.row_count:
        table.move_cursor(row=min(keep, table.row_count - 1))


class SearchTable(Vertical):
    DEFAULT_CSS = """
    SearchTable { height: 1fr; }
    SearchTable > Input { height: 1; margin: 0 0 0 0; }
    SearchTable > DataTable { height: 1fr; }
    """

    def __init__(self, columns: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns
        self._rows: list[Row] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("Search: type to filter (/)"), compact=True, classes="search")
        table = DataTable(cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        self.table.add_columns(*self.columns)

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    @property
    def search(self) -> Input:
        return self.query_one(Input)

    def set_rows(self, rows: list[Row]) -> None:
        self._rows = list(rows)
        self._fill()

    def _fill(self) -> None:
        table = self.table
        keep = self.selected_key()
        needle = self.search.value.strip().lower()
        table.clear()
        for row in self._rows:
            if needle and needle not in row.search_text():
                continue
            limits = row.limits or (None,) * len(row.cells)
            table.add_row(*(cell(c, n) for c, n in zip(row.cells, limits)), key=str(row.key))
        if keep is not None:
            self.select_key(keep)

    def selected_key(self) -> str | None:
        return cursor_key(self.table)

    def select_key(self, key: object) -> None:
        try:
            index = self.table.get_row_index(str(key))
        except Exception:
            return
        self.table.move_cursor(row=index)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def focus_search(self) -> None:
        self.search.focus()

    def focus(self, scroll_visible: bool = True):
        self.table.focus(scroll_visible)
        return self


def is_search(widget) -> bool:
    """Is this the search line of a SearchTable (where Enter means "go to the list")?"""
    return isinstance(widget, Input) and widget.has_class("search")
