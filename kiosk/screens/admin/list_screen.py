"""A list screen, declared: its columns, a loader (a domain call), how one record becomes a row,
and (optionally) a detail panel under the list. The loader and the rows run in a worker (a row may
read, e.g. a vote's ballot count); the list keeps what it shows until they arrive. The base keeps the loaded records in `rows` (row
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
        self.filters: dict = {}  # what the filters above the list asked, for `load`
        self._select_next = None  # the row key to put the cursor on when the next answer arrives

    # ---- what each screen declares --------------------------------------------------------------

    def compose_head(self) -> ComposeResult:
        """Anything above the list (filters, a status line)."""
        yield from ()

    def read_filters(self) -> dict | None:
        """On the UI thread, before each read: what the filters above the list ask (kept in
        `filters` for `load`); None: a filter is refused (said there), the list stays as it is."""
        return {}

    def load(self) -> list:
        """The records to list (domain calls, in the read's worker: no widgets)."""
        raise NotImplementedError

    def show_head(self) -> None:
        """Fill what is above the list from what `load` read (UI thread)."""

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
        filters = self.read_filters()
        if filters is None:
            return
        self.filters = filters
        super().reload()

    def reload_and_select(self, key) -> None:
        """Read again and put the cursor on `key` (a record just saved) when the answer arrives."""
        self._select_next = key
        self.reload()

    def read(self) -> list[tuple[Row, Any]]:
        return [(self.row(r), r) for r in self.load()]

    def show(self, pairs: list[tuple[Row, Any]]) -> None:
        self.show_head()
        self.rows = {row.key: r for row, r in pairs}
        self._by_text = {str(row.key): r for row, r in pairs}
        self.table.set_rows([row for row, _r in pairs])
        if self._select_next is not None:
            self.table.select_key(self._select_next)
            self._select_next = None
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

    async def current(self):
        """The chosen record for Enter (None: none is, and that was said). A screen whose form
        must start from the record as saved now reads it again here (`fetch`, in a worker)."""
        return self.selected()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.CLICK_OPENS:
            event.stop()
            await self.action_enter()

    async def action_enter(self) -> None:
        if is_search(self.focused):  # Enter in the search line: go to the list
            self.table.focus()
            return
        record = await self.current()
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
        if self.SELECT_SAVED and getattr(result, "id", None) is not None:
            self.reload_and_select(result.id)
        else:
            self.reload()
