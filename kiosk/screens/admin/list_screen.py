"""A list screen, declared: its columns, a loader (a domain call), how one record becomes a row,
and (optionally) a detail panel under the list. The base keeps the loaded records in `rows` (row
key -> record), keeps the cursor on the same record across reloads, shows the chosen record's
detail, and has the standard keys (see keys.py): Esc, Enter on the chosen record, / to search."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from kiosk.i18n import N_, _
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.table import Row, SearchTable, is_search


class ListScreen(AdminScreen):
    COLUMNS: tuple[str, ...] = ()  # message ids of the column titles
    TABLE_ID = ""  # id of the SearchTable
    DETAIL_ID = ""  # id of the detail panel under the list; empty: no panel
    CHOOSE_FIRST = ""  # said when a key needs a record and none is chosen; empty: nothing is said
    SAVED = N_("Saved.")  # said when a form opened from here saved (may name the record's {id})
    SELECT_SAVED = True  # after a save, put the cursor on the saved record
    CLICK_OPENS = False  # a click on the chosen row does what Enter does

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[Any, Any] = {}  # row key -> record, in the order shown
        self._by_text: dict[str, Any] = {}  # the table's string key -> record

    # ---- what each screen declares --------------------------------------------------------------

    def compose_head(self) -> ComposeResult:
        """Anything above the list (filters, a status line)."""
        yield from ()

    def load(self) -> list | None:
        """The records to list (a domain call); None: leave the list as it is (a refused filter)."""
        raise NotImplementedError

    def row(self, record) -> Row:
        raise NotImplementedError

    def detail(self, record) -> Text | str:
        return ""

    def empty_detail(self) -> Text | str:
        """The detail panel when no record is chosen."""
        return ""

    def enter(self, record) -> None:
        """What Enter does to the chosen record."""

    def refusal(self) -> str:
        """Why the signed-in user may not use this screen (empty: they may); it closes at once."""
        return ""

    # ---- the pattern ----------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield from self.compose_head()
        yield SearchTable([_(c) for c in self.COLUMNS], id=self.TABLE_ID or None)
        if self.DETAIL_ID:
            yield Static("", classes="detail", id=self.DETAIL_ID, markup=False)

    @property
    def table(self) -> SearchTable:
        return self.query_one(SearchTable)

    def on_mount(self) -> None:
        refusal = self.refusal()
        if refusal:
            self.say(refusal, error=True)
            self.app.pop_screen()
            return
        self.table.focus()

    def reload(self) -> None:
        records = self.load()
        if records is None:
            return
        rows = [self.row(r) for r in records]
        self.rows = {row.key: r for row, r in zip(rows, records)}
        self._by_text = {str(row.key): r for row, r in zip(rows, records)}
        self.table.set_rows(rows)
        self.show_detail()

    def chosen(self):
        """The record under the cursor, or None (says nothing)."""
        key = self.table.selected_key()
        return None if key is None else self._by_text.get(key)

    def selected(self):
        """The record under the cursor; when there is none, says so (CHOOSE_FIRST)."""
        record = self.chosen()
        if record is None and self.CHOOSE_FIRST:
            self.say(_(self.CHOOSE_FIRST), error=True)
        return record

    def show_detail(self) -> None:
        if not self.DETAIL_ID:
            return
        record = self.chosen()
        panel = self.query_one(f"#{self.DETAIL_ID}", Static)
        panel.update(self.empty_detail() if record is None else self.detail(record))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.CLICK_OPENS:
            event.stop()
            self.action_enter()

    def action_enter(self) -> None:
        if is_search(self.focused):  # Enter in the search line: go to the list
            self.table.focus()
            return
        record = self.selected()
        if record is not None:
            self.enter(record)

    def action_search(self) -> None:
        self.table.focus_search()

    def open_form(self, form) -> None:
        """Push a form (or dialog); when it saves, say so, reload and show the saved record."""
        self.app.push_screen(form, self.saved)

    def saved(self, result) -> None:
        if result is None:
            return
        self.say(_(self.SAVED).format(id=getattr(result, "id", "")))
        self.reload()
        if self.SELECT_SAVED and getattr(result, "id", None) is not None:
            self.table.select_key(result.id)
