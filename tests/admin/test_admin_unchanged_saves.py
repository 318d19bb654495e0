"""A save that changes nothing writes no audit entry and moves no "last updated": a stage, a
project and a notice opened and saved as they were. A real change still writes one."""

from __future__ import annotations

from support import press
from support.admin import SIZE, make_app, sign_in

from kiosk.domain import audit, funding, notices, works
from kiosk.screens.admin.notice_form import NoticeForm
from kiosk.screens.admin.project_form import ProjectForm
from kiosk.screens.admin.works_forms import StageForm


def head() -> int:
    return audit.head().seq


async def test_saving_a_stage_unchanged_writes_nothing(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "2")
        project_id = app.screen.project_id
        before = works.progress(project_id).stages[0]
        seq = head()
        await press(pilot, "e")
        assert isinstance(app.screen, StageForm)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, StageForm)
        assert head() == seq
        assert works.progress(project_id).stages[0] == before  # version and updated_at stay
        # A real change is recorded, with only what changed.
        await press(pilot, "e")
        app.screen.query_one("#f-percent").value = str((before.percent + 1) % 101)
        await press(pilot, "ctrl+s")
    entry = audit.entries(entity="stage", entity_id=str(before.id), limit=1)[0]
    assert entry.seq == seq + 1 and entry.action == "stage.update"
    assert set(entry.data) == {"project", "percent"}


async def test_saving_a_project_unchanged_writes_nothing(demo_db):
    p0 = funding.get_project(1)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        seq = head()  # the sign-in is an entry of its own
        await press(pilot, "1", "e")
        assert isinstance(app.screen, ProjectForm)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ProjectForm)
        assert head() == seq
    assert funding.get_project(1) == p0


async def test_saving_a_notice_unchanged_writes_nothing(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3")
        n0 = notices.get(app.screen.selected().id)
        seq = head()
        await press(pilot, "enter")
        assert isinstance(app.screen, NoticeForm)
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NoticeForm)
        assert head() == seq
        assert notices.get(n0.id) == n0
        # Only the title changed: the entry names the title alone.
        await press(pilot, "enter")
        app.screen.query_one("#f-title").value = n0.title + "（更正）"
        await press(pilot, "ctrl+s")
    entry = audit.entries(entity="notice", entity_id=str(n0.id), limit=1)[0]
    assert (entry.seq, entry.action, entry.data) == (seq + 1, "notice.edit", {"title": n0.title + "（更正）"})
