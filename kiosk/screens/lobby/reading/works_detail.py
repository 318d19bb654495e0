"""工程进度 of one project, the daily disclosure of works: the weighted overall percent, each
stage with its weight and percent, dated milestones, and when it was last updated."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Container, Vertical
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import acceptance, funding, works
from kiosk.i18n import N_, _
from kiosk.render.acceptance_view import accepted_block
from kiosk.render.dates import day_in_year
from kiosk.render.safe import inert
from kiosk.render.works_view import DONE_STYLE, StageTable, milestone_table
from kiosk.screens.lobby.reading.project_item import ProjectScreen
from kiosk.widgets.progress_line import ProgressLine


class WorksDetailScreen(ProjectScreen):
    SECTION = N_("Works progress")
    def load(self):
        return super().load(), works.progress(self.item_id), acceptance.get(self.item_id)

    def compose_item(self, item):
        info, prog, accepted = item
        today = clock.today()
        title = Text(inert(info.title), style="bold")
        title.append("  " + funding.status_label(info.status), style="dim")
        yield Static(title, classes="read-title", markup=False)
        if accepted is not None:
            yield Static(accepted_block(accepted, today), classes="accepted", markup=False)
        head = Text()
        head.append(_("Overall") + " ")
        head.append(f"{prog.percent:.1f}%", style="bold green")
        if prog.updated_at is not None:
            head.append("   " + _("Updated on {date}").format(date=day_in_year(prog.updated_at.date(), today)), style="dim")
        yield Static(head, classes="figures", markup=False)
        yield ProgressLine(prog.percent, DONE_STYLE, classes="overall")
        with Container(classes="cols"):  # side by side on a big screen
            with Vertical(classes="col-main"):
                if prog.stages:
                    yield Static(StageTable(prog), classes="stages", markup=False)
                else:
                    yield Static(Text(_("No stages recorded yet.")), classes="dim", markup=False)
            with Vertical(classes="col-side"):
                if prog.milestones:
                    yield Static(Text(_("Milestones"), style="bold"), classes="heading", markup=False)
                    yield Static(milestone_table(prog, today), classes="milestones", markup=False)
