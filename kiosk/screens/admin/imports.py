"""Import a file already on the box (staff have no way to copy one there themselves beyond the
office folder): choose what it holds, pick it from the office folder and home listing or type its
path, read the preview — every bad row by its line, nothing written — then import its rows after a
yes, with progress for a long file. The checks and the write are the import driver's
(kiosk.domain.imports); both run in a worker, off the UI thread."""

from __future__ import annotations

import os

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from kiosk.domain import imports
from kiosk.domain.errors import DomainError
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminScreen
from kiosk.screens.admin.form import select, select_value, text_input
from kiosk.screens.admin.table import refill
from kiosk.screens.reads import read_off_ui


def folders(settings) -> list[str]:
    """Where staff's files are: the office folder (when set), then the home folder."""
    return [f for f in (settings.office_folder, os.path.expanduser("~")) if f]


def shown_folder(folder: str) -> str:
    """The home folder as ~ (its path says nothing more to staff)."""
    home = os.path.expanduser("~")
    return "~" + folder[len(home):] if folder == home or folder.startswith(home + os.sep) else folder


class ImportScreen(AdminScreen):
    TITLE_ID = N_("Import a file")
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("enter", "enter", N_("Preview"), priority=True, key_display="Enter"),
        Binding("ctrl+s", "import_rows", N_("Import")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.files: list[imports.FileOnBox] = []
        self.previewed: tuple[str, str, imports.Preview] | None = None  # (kind, path, preview)
        self.busy = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield select("kind", [(imports.kind_label(k), k) for k in imports.KINDS], "households")
            yield text_input("path", placeholder=_("path of a file on the box, or pick one below"), max_length=4096)
        yield DataTable(id="files", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="preview-box"):
            yield Static("", id="preview", markup=False)
        yield ProgressBar(id="progress", show_eta=False)

    def on_mount(self) -> None:
        files = self.query_one("#files", DataTable)
        for label, width in ((_("File"), 44), (_("Size"), 8), (_("Saved"), 16)):
            files.add_column(label, width=width)
        files.styles.height = 7
        self.query_one("#f-path").styles.width = "1fr"
        self.query_one("#progress").display = False
        files.focus()

    # ---- the listing ---------------------------------------------------------------------------

    def read(self) -> list[imports.FileOnBox]:
        return imports.listing(folders(self.app.settings))

    def show(self, files: list[imports.FileOnBox]) -> None:
        self.files = files
        refill(self.query_one("#files", DataTable),
               [(i, (Text(one_line(f.name, 44)), _size(f.size), f.modified.strftime("%Y-%m-%d %H:%M")))
                for i, f in enumerate(files)])
        if not files and not self.query_one("#preview", Static).visual:
            self.say_preview(Text(_("No CSV files in {folders}: type the file's path above.").format(
                folders="、".join(shown_folder(f) for f in folders(self.app.settings))), style="dim"))
        if not files and self.focused is self.query_one("#files", DataTable):
            self.query_one("#f-path", Input).focus()  # nothing to pick: what staff type goes to the path

    # ---- preview -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "enter":  # elsewhere (the kind's list) Enter keeps its own meaning
            return getattr(self.focused, "id", None) in ("files", "f-path")
        return True

    def action_enter(self) -> None:
        """Enter on a listed file or in the path line: preview it."""
        table = self.query_one("#files", DataTable)
        path = self.query_one("#f-path", Input)
        if self.focused is table:
            if self.files and table.row_count:
                path.value = self.files[table.cursor_row].path
            self.preview()
        else:
            path.call_later(self.preview)  # after the keys typed before Enter reach the line

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.previewed = None
        if self.query_one("#f-path", Input).value.strip():
            self.preview()

    def say_preview(self, text: Text) -> None:
        self.query_one("#preview", Static).update(text)

    def preview(self) -> None:
        if self.busy:
            return
        kind = select_value(self.query_one("#f-kind", Select))
        path = os.path.expanduser(self.query_one("#f-path", Input).value.strip())
        self.previewed = None
        if not path or kind is None:
            self.say_preview(Text(_("Pick a file or type its path first."), style="bold red"))
            return
        self.say_preview(Text(_("Reading {file} …").format(file=one_line(path)), style="dim"))
        read_off_ui(self.app, lambda: imports.preview_file(str(kind), path),
                    lambda p: self.previewed_file(str(kind), path, p), self.refused, name="import preview")

    def refused(self, error: BaseException) -> None:
        if not isinstance(error, DomainError):
            self.app.recover(error)
            return
        self.previewed = None
        self.busy = False
        self.query_one("#progress").display = False
        self.say_preview(Text(one_line(str(error)), style="bold red"))

    def previewed_file(self, kind: str, path: str, p: imports.Preview) -> None:
        self.previewed = (kind, path, p)
        text = Text(one_line(p.label), style="bold")
        text.append("  " + imports.kind_label(kind) + "\n")
        text.append(_("{rows} rows: {ok} to import, {skipped} left out, {bad} bad.").format(
            rows=p.rows, ok=p.to_import, skipped=len(p.skipped), bad=len(p.problems)) + "\n")
        if p.total_fen:
            text.append(_("Money in the rows to import: {amount}").format(amount=yuan(p.total_fen)) + "\n")
        if p.problems:
            text.append(_("Nothing can be imported until every bad row is corrected in the file:") + "\n", style="bold red")
            for x in p.problems:
                text.append(_("  line {line}: {problem}").format(line=x.line, problem=one_line(x.problem)) + "\n")
        for x in p.skipped:
            text.append(_("  line {line}: {problem}").format(line=x.line, problem=one_line(x.problem)) + "\n", style="dim")
        if p.ok:
            text.append(_("Ctrl+S: import {n} rows.").format(n=p.to_import) + "\n", style="bold")
        elif not p.problems:
            text.append(_("Nothing new to import in this file.") + "\n", style="bold")
        self.say_preview(text)

    # ---- the import ----------------------------------------------------------------------------

    def action_import_rows(self) -> None:
        from kiosk.screens.admin.dialogs import ConfirmDialog

        if self.busy:
            return
        if self.previewed is None or not self.previewed[2].ok:
            self.say(_("Preview a file without bad rows first (Enter)."), error=True)
            return
        kind, path, p = self.previewed

        def answered(yes: bool | None) -> None:
            if yes:
                self.start_import(kind, path, p)

        self.app.push_screen(ConfirmDialog(_("Import {n} rows from {file}? This is recorded in the audit log.").format(
            n=p.to_import, file=one_line(p.label, 40))), answered)

    def start_import(self, kind: str, path: str, p: imports.Preview) -> None:
        self.busy = True
        bar = self.query_one("#progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, p.to_import), progress=0)
        app, actor = self.app, self.actor

        def progress(done: int, total: int) -> None:
            app.call_from_thread(bar.update, total=max(1, total), progress=done)

        read_off_ui(app, lambda: imports.import_file(kind, actor, path, progress, expect_sha256=p.sha256),
                    self.imported, self.refused, name="import")

    def imported(self, result: imports.ImportResult) -> None:
        self.busy = False
        self.previewed = None
        self.query_one("#progress").display = False
        text = Text(_("Imported {n} of {rows} rows.").format(n=result.imported, rows=result.rows), style="bold")
        if result.total_fen:
            text.append(" " + _("Total {amount}.").format(amount=yuan(result.total_fen)))
        self.say_preview(text)
        self.say(text.plain)


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
