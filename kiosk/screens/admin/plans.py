"""一户一策 plans in the console: every plan with its consent so far; a new plan for a project
(rate per m², floor coefficients, low floors exempt or compensated); and per plan, every
household's share, where staff record its consent (agree / object / undecided), a hardship
reduction with its reason, or a share fixed by hand with its reason. Every change is one call to
kiosk.domain.plans, with its audit entry."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding

from kiosk.domain import plans
from kiosk.domain.errors import DomainError
from kiosk.domain.money import area_text, yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.keys import list_bindings
from kiosk.screens.admin.list_screen import ListScreen
from kiosk.screens.admin.table import Row


def summary_line(s: plans.PlanSummary) -> str:
    return _("{n} households: {a} agree, {o} object, {u} undecided; owners pay {pay}, compensation {comp}.").format(
        n=s.households, a=s.agreed, o=s.objected, u=s.undecided, pay=yuan(s.payable_fen), comp=yuan(s.compensation_fen))


def rule_line(rule: plans.Rule) -> str:
    coefficients = "，".join(f"{floor}={pct / 100:.2f}" for floor, pct in rule.coefficients) or "1.00"
    low = _("floors 1–{n} {mode}").format(n=rule.low_floors, mode=plans.low_floor_label(rule.low_floor_mode))
    if rule.low_floor_mode == "compensated":
        low += " " + yuan(rule.compensation_fen)
    return _("{rate} per m², coefficients {coefficients}; {low}").format(rate=yuan(rule.rate_fen_per_m2),
                                                                          coefficients=coefficients, low=low)


class PlansScreen(ListScreen):
    TITLE_ID = N_("One household, one policy")
    BINDINGS = list_bindings(Binding("n", "new", N_("New plan")), enter=N_("Shares"))
    COLUMNS = (N_("ID"), N_("Project"), N_("Plan"), N_("Building"), N_("Households"), N_("Agreed"))
    TABLE_ID = "plans"
    DETAIL_ID = "plan-detail"
    CHOOSE_FIRST = N_("Choose a plan in the list first.")

    def load(self) -> list[plans.PlanSummary]:
        return [plans.summary(p.id) for p in plans.list_plans()]

    def row(self, s: plans.PlanSummary) -> Row:
        p = s.plan
        return Row(p.id, (str(p.id), p.project, p.title, p.building or _("all"), str(s.households), str(s.agreed)),
                   limits=(None, 20, 20, 8, None, None))

    def empty_detail(self) -> Text | str:
        return Text(_("No plans yet: press n to create one.")) if not self.rows else ""

    def detail(self, s: plans.PlanSummary) -> Text:
        text = Text(one_line(s.plan.title), style="bold")
        text.append("\n" + one_line(rule_line(s.plan.rule)))
        text.append("\n" + summary_line(s))
        return text

    def action_new(self) -> None:
        from kiosk.screens.admin.plan_forms import PlanForm

        self.open_form(PlanForm())

    def enter(self, s: plans.PlanSummary) -> None:
        self.app.push_screen(PlanSharesScreen(s.plan.id))


class PlanSharesScreen(ListScreen):
    """Every household of one plan (private: rooms, notes)."""

    TITLE_ID = N_("Shares and consent")
    BINDINGS = list_bindings(
        Binding("a", "consent('agree')", N_("Agrees")),
        Binding("o", "consent('object')", N_("Objects")),
        Binding("u", "consent('undecided')", N_("Undecided")),
        Binding("h", "hardship", N_("Hardship")),
        Binding("v", "override", N_("Override")),
    )
    COLUMNS = (N_("Building"), N_("Unit"), N_("Room"), N_("Floor"), N_("Area m²"), N_("Share (yuan)"), N_("Consent"))
    TABLE_ID = "shares"
    DETAIL_ID = "share-detail"
    CHOOSE_FIRST = N_("Choose a household in the list first.")

    def __init__(self, plan_id: int) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.summary: plans.PlanSummary | None = None

    def load(self) -> list[plans.ShareLine]:
        self.summary = plans.summary(self.plan_id)
        return plans.shares(self.plan_id)

    def row(self, x: plans.ShareLine) -> Row:
        marks = ("*" if x.hardship_percent else "") + ("!" if x.override_fen is not None else "")
        return Row(x.household_id, (x.building, x.unit, x.room, str(x.floor), area_text(x.area_cm2), yuan(x.share_fen) + marks,
                                    plans.consent_label(x.consent)), limits=(10, 8, 6, None, None, None, None))

    def detail(self, x: plans.ShareLine) -> Text:
        text = Text(one_line(f"{x.building} {x.unit} {x.room}"), style="bold")
        text.append("  " + _("rule {amount} (×{coef:.2f})").format(amount=yuan(x.rule_fen), coef=x.coefficient / 100))
        if x.hardship_percent:
            text.append("\n" + _("hardship -{p}% ({reason})").format(p=x.hardship_percent, reason=one_line(x.hardship_reason)))
        if x.override_fen is not None:
            text.append("\n" + _("fixed by hand at {amount}: {reason}").format(amount=yuan(x.override_fen),
                                                                              reason=one_line(x.override_reason)))
        if self.summary is not None:
            text.append("\n" + summary_line(self.summary), style="dim")
        return text

    def _write(self, call) -> None:
        try:
            call()
        except DomainError as exc:
            self.say(str(exc), error=True)
            return
        self.say(_("Saved."))
        self.reload()

    def action_consent(self, consent: str) -> None:
        x = self.selected()
        if x is not None and x.consent != consent:
            self._write(lambda: plans.set_consent(self.actor, self.plan_id, x.household_id, consent))

    def action_hardship(self) -> None:
        from kiosk.screens.admin.plan_forms import HardshipDialog

        x = self.selected()
        if x is not None:
            self.open_form(HardshipDialog(self.plan_id, x))

    def action_override(self) -> None:
        from kiosk.screens.admin.plan_forms import OverrideDialog

        x = self.selected()
        if x is not None:
            self.open_form(OverrideDialog(self.plan_id, x))

    def saved(self, result) -> None:
        if result is not None:
            self.say(_("Saved."))
            self.reload()
