"""Print: staff choose a document (a 公示 …), then a printer of this box or the office folder,
see how many pages it is, confirm, and read the job number. The document is built and the
printers are listed in a worker; the job is sent in a worker too."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kiosk.domain.errors import Conflict, DomainError
from kiosk.i18n import N_, _, ngettext
from kiosk.paper import catalog, destinations, printers
from kiosk.render.safe import one_line
from kiosk.screens.admin.base import AdminModal
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.record_dialog import dialog_title
from kiosk.screens.admin.table import Row


class PrintScreen(ListScreen):
    TITLE_ID = N_("Print")
    BINDINGS = list_bindings(enter=N_("Print"))
    COLUMNS = (N_("Document"), N_("For"))
    TABLE_ID = "printables"
    CHOOSE_FIRST = N_("Choose a document in the list first.")

    def load(self) -> list[catalog.Printable]:
        return catalog.printables()

    def row(self, item: catalog.Printable) -> Row:
        return Row(item.key, (item.document, item.subject), limits=(None, 40))

    def enter(self, item: catalog.Printable) -> None:
        self.app.push_screen(PrintDialog(item))


class Prepared:
    """The dialog's read: the document's PDF and its pages (none yet for a document whose codes
    are issued as it prints), where it can go, or why it cannot be printed."""

    def __init__(self, pdf: bytes | None, problem: str, choices: destinations.Choices | None) -> None:
        self.pdf = pdf
        self.pages = printers.page_count(pdf) if pdf else 0
        self.problem = problem
        self.choices = choices


class PrintDialog(AdminModal):
    BINDINGS = [Binding("escape", "dismiss_dialog", N_("Back"))]

    def __init__(self, item: catalog.Printable) -> None:
        super().__init__()
        self.item = item
        self.sending = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="print-dialog"):
            yield dialog_title(one_line(self.item.title, 60))
            yield Static(_("Preparing the document…"), id="print-pages", markup=False)
            yield OptionList(id="print-to")
            yield Static("", id="print-result", markup=False)
            yield Static(_("A digit or Enter: print there   Esc: back"), classes="hint", markup=False)

    def reload(self) -> None:
        """Prepared once: what staff confirm (its pages, the printer) is what is sent, not a copy
        rebuilt under them when the data or the screen stack changes."""
        if self.data is None:
            super().reload()

    def read(self) -> Prepared:
        settings = self.app.settings
        choices = destinations.available(settings)
        if self.item.issues_codes:
            # Plain codes go to a printer only: a file of them would sit in a shared folder.
            choices = destinations.Choices([d for d in choices.destinations if d.printer is not None], choices.problem)
            return Prepared(None, "", choices)
        try:
            pdf = catalog.build(self.item, settings)
        except DomainError as exc:  # no Chinese font, a record gone
            return Prepared(None, str(exc), None)
        return Prepared(pdf, "", choices)

    def show(self, data: Prepared) -> None:
        pages = self.query_one("#print-pages", Static)
        listing = self.query_one("#print-to", OptionList)
        listing.clear_options()
        listing.display = bool(data.choices and data.choices.destinations)
        if data.choices is None:
            pages.update(Text(data.problem, style="bold red"))
            return
        if self.item.issues_codes:
            line = Text(_("New codes are issued as this prints; only the paper holds them.") + "  ")
        else:
            line = Text(ngettext("{n} page (A4)", "{n} pages (A4)", data.pages).format(n=data.pages) + "  ")
        line.append(_("Print on:") if data.choices.destinations else "", style="bold")
        pages.update(line)
        for i, d in enumerate(data.choices.destinations, 1):
            text = Text(f"{i}  " + one_line(d.label, 48))
            if d.printer is not None:
                state = printers.state_label(d.state)
                if d.reason:
                    state = _("{state}: {reason}").format(state=state, reason=d.reason)
                text.append("  " + one_line(state, 24), style="red" if d.state == printers.STOPPED else "dim")
            listing.add_option(Option(text, id=str(i - 1), disabled=d.state == printers.STOPPED))
        if data.choices.problem:
            self.query_one("#print-result", Static).update(Text(data.choices.problem, style="bold red"))
        if data.choices.destinations:
            listing.highlighted = next((i for i, d in enumerate(data.choices.destinations) if d.state != printers.STOPPED), None)
            listing.focus()

    def on_key(self, event) -> None:
        """Digits choose a printer, as in the console's menus."""
        if event.character and event.character.isdigit() and self.data and self.data.choices:
            index = int(event.character) - 1
            if 0 <= index < len(self.data.choices.destinations):
                event.stop()
                self.choose(index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(int(event.option.id))

    def choose(self, index: int) -> None:
        data: Prepared = self.data
        if self.sending or data is None or data.choices is None:
            return
        where = data.choices.destinations[index]
        if where.state == printers.STOPPED:
            return
        title = one_line(self.item.title, 40)
        if self.item.issues_codes:
            question = _("Issue the codes and print “{title}” on {printer}?").format(title=title, printer=one_line(where.label, 30))
        elif where.printer is None:
            n = ngettext("{n} page", "{n} pages", data.pages).format(n=data.pages)
            question = _("Save “{title}” ({pages}) to the office folder?").format(title=title, pages=n)
        else:
            n = ngettext("{n} page", "{n} pages", data.pages).format(n=data.pages)
            question = _("Print “{title}” ({pages}) on {printer}?").format(title=title, pages=n, printer=one_line(where.label, 30))
        self.app.push_screen(ConfirmDialog(question), lambda yes: self.run_worker(self.send(where)) if yes else None)

    async def send(self, where: destinations.Destination, *, reissue: bool = False) -> None:
        self.sending = True
        result = self.query_one("#print-result", Static)
        result.update(_("Sending…"))
        settings, title = self.app.settings, self.item.title
        try:
            if self.item.issues_codes:
                said = await self.fetch(lambda: self._issue(where, reissue))
            else:
                pdf = self.data.pdf
                said = await self.fetch(lambda: destinations.send(where, pdf, title, settings))
        except Conflict:
            # Codes were issued before: new ones make the old slips invalid, so ask first.
            result.update("")
            self.app.push_screen(ConfirmDialog(_("Codes for this were issued before. Print new ones? The old slips stop working.")),
                                 lambda yes: self.run_worker(self.send(where, reissue=True)) if yes else None)
            return
        except DomainError as exc:
            result.update(Text(str(exc), style="bold red"))
            self.app.notify(str(exc), markup=False, severity="error", timeout=6)
            return
        finally:
            self.sending = False
        if said is not None:
            result.update(Text(said, style="bold"))
            self.app.notify(said, markup=False, timeout=6)

    def _issue(self, where: destinations.Destination, reissue: bool) -> str:
        """In the worker: issue the codes, the PDF printed before they are committed."""
        said = []
        settings = self.app.settings
        n = catalog.issue(self.item, self.actor, settings, lambda pdf: said.append(destinations.send(where, pdf, self.item.title, settings)),
                          reissue=reissue)
        return ngettext("Issued {n} code.", "Issued {n} codes.", n).format(n=n) + " " + said[0]

    def action_dismiss_dialog(self) -> None:
        if self.sending:  # the job's number (or why it failed) is on its way: wait for it
            return
        self.dismiss(None)
