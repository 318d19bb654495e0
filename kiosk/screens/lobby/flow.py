"""A flow: one resident's pass through a form (report a problem, pledge, vote).

The flow owns its draft and says which step comes next; its screens hold the flow itself, never a
field of the app. A flow ends once: finished (its receipt is shown), or abandoned (home, idle, the
pause screen). Its screens may still be on their way off the stack then, and a closed flow's step
does nothing when live data, the idle timer, a resize or the clock would refresh it — so no step is
ever re-entered with its draft gone.

While the flow is open, live data refreshes what a step shows (figures, lists) but never what the
resident typed or chose: that lives in the draft, not in the widgets.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from kiosk.screens.lobby.base import LobbyScreen

D = TypeVar("D")


class Flow(Generic[D]):
    SECTION = ""  # marked with N_: the title of every step

    def __init__(self, draft: D) -> None:
        self.draft = draft
        self.closed = False
        self.saving = False  # a save of this flow is under way (saving.SaveStep): one at a time

    def close(self) -> None:
        self.closed = True

    def continues(self, other: "Flow") -> bool:
        """True when starting `other` means carrying on with this one (same kind of form)."""
        return type(other) is type(self)


class FlowStep(LobbyScreen):
    """A screen that is one step of a flow."""

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        if flow.SECTION and not self.SECTION:
            self.SECTION = flow.SECTION

    @property
    def draft(self):
        return self.flow.draft

    def live(self) -> bool:
        """False once the flow has ended: the step is only waiting to leave the stack."""
        return not self.flow.closed

    async def reload(self) -> None:
        if self.live():
            await super().reload()
