"""The 一户一策 forms: a new plan (its rule), and per household a hardship reduction or a share
fixed by hand, each with the reason residents read. The domain (kiosk.domain.plans) checks and
writes; the amounts typed here are yuan."""

from __future__ import annotations

import unicodedata

from textual.app import ComposeResult

from kiosk.domain import funding, plans
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_dialog import RecordDialog
from kiosk.screens.admin.record_form import RecordForm


class PlanForm(RecordForm):
    TITLES = (N_("New household plan"), N_("New household plan"))
    FIRST = "project"

    def read(self):
        return {"project": [(f"{p.estate} · {p.title}", p.id) for p in funding.list_projects()]}

    def fields(self) -> ComposeResult:
        yield field(_("Project"), select("project", [], blank=True))
        yield field(_("Title"), text_input("title", _("One household, one policy"), max_length=80))
        yield field(_("Yuan per m²"), text_input("rate", placeholder="500", max_length=12))
        yield field(_("Coefficients"), text_input("coefficients", placeholder="3=1.0,4=1.2,5=1.4,6=1.6", max_length=120))
        yield field(_("Low floors"), text_input("low_floors", "2", max_length=2))
        yield field(_("Low floors are"), select("low_floor_mode", [(plans.low_floor_label(k), k) for k in plans.LOW_FLOOR_MODES],
                                                "exempt"))
        yield field(_("Compensation (yuan)"), text_input("compensation", placeholder=_("each low-floor household, if compensated"),
                                                         max_length=12))
        yield field(_("Building"), text_input("building", placeholder=_("only this building (empty: the whole estate)"),
                                              max_length=40))

    def submit(self) -> plans.PlanInfo:
        project = self.choice("project")
        if project is None:
            raise ValidationError(_("Choose a project."), "project")
        return plans.create_plan(
            self.actor, int(project), title=self.value("title"), rate_fen_per_m2=parse.amount(self.value("rate"), "rate"),
            coefficients=plans.parse_coefficients(self.value("coefficients")),
            low_floors=parse.whole(self.value("low_floors"), "low_floors", low=0, high=plans.MAX_FLOOR),
            low_floor_mode=str(self.choice("low_floor_mode") or "exempt"),
            compensation_fen=parse.amount(self.value("compensation"), "compensation", required=False),
            building=self.value("building").strip() or None)


class _ShareDialog(RecordDialog):
    def __init__(self, plan_id: int, line: plans.ShareLine) -> None:
        super().__init__(line)
        self.plan_id = plan_id

    @property
    def line(self) -> plans.ShareLine:
        return self.record

    def where(self) -> str:
        x = self.line
        return one_line(f"{x.building} {x.unit} {x.room}") + "  " + yuan(x.share_fen)


class HardshipDialog(_ShareDialog):
    FIRST = "percent"

    def heading(self) -> str:
        return _("Hardship reduction: {where}").format(where=self.where())

    def fields(self) -> ComposeResult:
        x = self.line
        yield field(_("Percent off"), text_input("percent", str(x.hardship_percent), max_length=3))
        yield field(_("Why"), text_input("reason", x.hardship_reason, placeholder=_("e.g. minimum living allowance (低保)"), max_length=100))

    def submit(self) -> plans.ShareLine:
        percent = parse.whole(self.value("percent"), "percent", low=0, high=100)
        return plans.set_hardship(self.actor, self.plan_id, self.line.household_id, percent, self.value("reason"))


class OverrideDialog(_ShareDialog):
    FIRST = "amount"

    def heading(self) -> str:
        return _("Fix the share by hand: {where}").format(where=self.where())

    def fields(self) -> ComposeResult:
        x = self.line
        shown = "" if x.override_fen is None else ("-" if x.override_fen < 0 else "") + parse.show_amount(abs(x.override_fen))
        yield field(_("Share (yuan)"), text_input("amount", shown, placeholder=_("empty: back to the rule; -: paid to them"),
                                                  max_length=14))
        yield field(_("Why"), text_input("reason", x.override_reason, max_length=100))

    def submit(self) -> plans.ShareLine:
        typed = self.value("amount").strip()
        amount = None
        if typed:
            negative = typed.startswith(("-", "－"))
            digits = typed[1:] if negative else typed
            amount = 0 if set(unicodedata.normalize("NFKC", digits)) <= set("0.") else parse.amount(digits, "amount")
            amount = -amount if negative else amount
        return plans.set_override(self.actor, self.plan_id, self.line.household_id, amount, self.value("reason"))
