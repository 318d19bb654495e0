"""一户一策 ("one household, one policy"): each household's cost share of a project, its consent
and the notes kept on it — e.g. the lift retrofit of 文乐胡同14号楼.

The rule: share = rate per m² x floor area x the floor's coefficient, rounded to whole yuan (half
up). Floors 1..low_floors gain little from a lift: they are exempt (0) or compensated (a fixed sum
paid to them, shown as a negative share). A hardship reduction takes a percentage off (rounded to
whole yuan). A manual override replaces the computed share and must say why.

Only what changed is stored (PlanShare, created on a household's first change); everything else
follows the rule, so changing the rule moves every share that is not overridden.

What residents see: their own statement after entering their household's statement code, and, per
unit, only how many households agreed — never who objected, never anyone else's amount.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata

from kiosk import clock
from kiosk.db.models import Building, Household, HouseholdPlan, PlanShare, Project, Unit
from kiosk.domain import address, audit, codes
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.money import MAX_FEN
from kiosk.domain.numbers import AT_LEAST_TWO_THIRDS, percent
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

LOW_FLOOR_MODES = {"exempt": N_("exempt"), "compensated": N_("compensated")}
CONSENTS = {"agree": N_("Agrees"), "object": N_("Objects"), "undecided": N_("Undecided")}
CODE_PURPOSE = "plan"
MAX_FLOOR = 60


def consent_label(key: str) -> str:
    return _(CONSENTS.get(key, key))


def low_floor_label(key: str) -> str:
    return _(LOW_FLOOR_MODES.get(key, key))


# ---- the rule (pure) -----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Rule:
    rate_fen_per_m2: int
    coefficients: tuple[tuple[int, int], ...]  # (from floor, percent) ascending; 100 = x1.00
    low_floors: int = 2
    low_floor_mode: str = "exempt"
    compensation_fen: int = 0

    def coefficient(self, floor: int) -> int:
        """Percent for a floor: the entry for the highest listed floor at or below it (100 if none)."""
        if floor <= self.low_floors:
            return 0
        pct = 100
        for from_floor, value in self.coefficients:
            if from_floor <= floor:
                pct = value
        return pct


def rule_share(rule: Rule, floor: int, area_cm2: int) -> int:
    """Fen, before hardship and overrides. Exact integers: fen/m² x (m²/100) x (percent/100)."""
    if floor <= rule.low_floors:
        return -rule.compensation_fen if rule.low_floor_mode == "compensated" else 0
    raw = rule.rate_fen_per_m2 * area_cm2 * rule.coefficient(floor)  # in 1/10000 fen
    return ((raw + 500_000) // 1_000_000) * 100  # whole yuan, half up


def hardship_reduction(share_fen: int, percent: int) -> int:
    """What a hardship reduction takes off a positive share, in whole yuan (half up)."""
    if share_fen <= 0 or percent <= 0:
        return 0
    return ((share_fen * percent + 5_000) // 10_000) * 100


# ---- plain data -------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class PlanInfo:
    id: int
    project_id: int
    project: str
    estate_id: int
    building: str | None  # None: every building of the estate
    title: str
    rule: Rule
    version: int
    updated_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ShareLine:
    """Staff view of one household (private: room, note)."""

    household_id: int
    building: str
    unit: str
    room: str
    floor: int
    area_cm2: int
    coefficient: int  # percent
    rule_fen: int
    hardship_percent: int
    hardship_reason: str
    hardship_fen: int  # taken off
    override_fen: int | None
    override_reason: str
    share_fen: int  # what the household pays (negative: it is paid)
    consent: str
    consent_at: dt.datetime | None
    note: str


@dataclasses.dataclass(frozen=True)
class Statement:
    """A household's own statement at the kiosk, after its code: no room, no staff note."""

    plan_id: int
    plan_title: str
    project: str
    building: str
    unit: str
    floor: int
    area_cm2: int
    low_floor: bool
    low_floor_mode: str
    rate_fen_per_m2: int
    coefficient: int
    rule_fen: int
    hardship_percent: int
    hardship_fen: int
    override_fen: int | None
    override_reason: str
    share_fen: int
    consent: str


@dataclasses.dataclass(frozen=True)
class UnitConsent:
    building: str
    unit: str
    households: int
    agreed: int

    @property
    def percent(self) -> int:
        """Whole percent as every screen prints it (numbers.percent): exactly 2/3 reads 67."""
        return percent(self.agreed, self.households, places=0, thresholds=(AT_LEAST_TWO_THIRDS,)).units


@dataclasses.dataclass(frozen=True)
class PlanSummary:
    plan: PlanInfo
    households: int
    agreed: int
    objected: int
    undecided: int
    payable_fen: int  # sum of positive shares
    compensation_fen: int  # sum paid to households (positive number)


@dataclasses.dataclass(frozen=True)
class CodeSlip:
    building: str
    unit: str
    room: str
    code: str


# ---- validation -----------------------------------------------------------------------------------

def _money(value: int, field: str, *, negative: bool = False) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > MAX_FEN or (value < 0 and not negative):
        raise ValidationError(_("Amount out of range."), field)
    return value


def _rule(rate_fen_per_m2: int, coefficients: dict[int, int] | None, low_floors: int, low_floor_mode: str,
          compensation_fen: int) -> Rule:
    _money(rate_fen_per_m2, "rate")
    if low_floor_mode not in LOW_FLOOR_MODES:
        raise ValidationError(_("Low floors are exempt or compensated, not {value!r}.").format(value=low_floor_mode), "low_floor_mode")
    if not isinstance(low_floors, int) or not 0 <= low_floors <= MAX_FLOOR:
        raise ValidationError(_("Low floors: a whole number from 0 to {n}.").format(n=MAX_FLOOR), "low_floors")
    _money(compensation_fen, "compensation")
    pairs = []
    for floor, pct in sorted((coefficients or {}).items()):
        if not isinstance(floor, int) or not 1 <= floor <= MAX_FLOOR:
            raise ValidationError(_("Bad floor {value!r} in the coefficients.").format(value=floor), "coefficients")
        if not isinstance(pct, int) or not 0 <= pct <= 1000:
            raise ValidationError(_("A coefficient is between 0 and 10 (got {value}).").format(value=pct), "coefficients")
        pairs.append((floor, pct))
    return Rule(rate_fen_per_m2, tuple(pairs), low_floors, low_floor_mode, compensation_fen)


def parse_coefficients(text: str | None) -> dict[int, int]:
    """'3=1.0,4=1.2' (or '3=1，4=1.2', full-width) -> {3: 100, 4: 120}: percent, exact, at most two
    decimals. The one reading of what staff type, for the command line and the console."""
    out: dict[int, int] = {}
    for part in unicodedata.normalize("NFKC", text or "").replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{1,2})\s*[=:]\s*(\d+)(?:\.(\d{1,2}))?", part)
        if not m:
            raise ValidationError(_("Bad coefficient {value}: write FLOOR=FACTOR, e.g. 5=1.4").format(value=part), "coefficients")
        out[int(m[1])] = int(m[2]) * 100 + int((m[3] or "0").ljust(2, "0"))
    return out


def _plan_row(plan_id: int) -> HouseholdPlan:
    p = HouseholdPlan.select(HouseholdPlan, Project).join(Project).where(HouseholdPlan.id == plan_id).first()
    if p is None:
        raise NotFound(_("No household plan with id {id}.").format(id=plan_id))
    return p


def _rule_of(p: HouseholdPlan) -> Rule:
    coeffs = {int(k): int(v) for k, v in json.loads(p.coefficients or "{}").items()}
    return Rule(int(p.rate_fen_per_m2), tuple(sorted(coeffs.items())), p.low_floors, p.low_floor_mode, int(p.compensation_fen))


def _info(p: HouseholdPlan) -> PlanInfo:
    building = Building.get_by_id(p.building_id).name if p.building_id else None
    return PlanInfo(p.id, p.project_id, p.project.title, p.project.estate_id, building, p.title, _rule_of(p), p.version, p.updated_at)


def get_plan(plan_id: int) -> PlanInfo:
    return _info(_plan_row(plan_id))


def list_plans(*, project_id: int | None = None, estate_id: int | None = None) -> list[PlanInfo]:
    q = HouseholdPlan.select(HouseholdPlan, Project).join(Project).order_by(HouseholdPlan.id)
    if project_id is not None:
        q = q.where(HouseholdPlan.project == project_id)
    if estate_id is not None:
        q = q.where(Project.estate == estate_id)
    return [_info(p) for p in q]


def _households(p: HouseholdPlan):
    q = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Building.estate == p.project.estate_id)
         .order_by(Building.sort, Building.id, Unit.sort, Unit.id, Household.floor, Household.room))
    if p.building_id:
        q = q.where(Building.id == p.building_id)
    return q


def _in_plan(p: HouseholdPlan, household_id: int) -> Household:
    h = _households(p).where(Household.id == household_id).first()
    if h is None:
        raise ValidationError(_("This household is not covered by the plan."), "household")
    return h


def find_household(plan_id: int, building: str, unit: str, room: str) -> int:
    p = _plan_row(plan_id)
    found = address.household(p.project.estate_id, building, unit, room)
    h = _households(p).where(Household.id == found.id).first()
    if h is None:
        raise NotFound(_("No household {building} {unit} {room} in this plan.").format(
            building=found.unit.building.name, unit=found.unit.name, room=found.room))
    return h.id


def _line(rule: Rule, h: Household, s: PlanShare | None) -> ShareLine:
    base = rule_share(rule, h.floor, int(h.area_cm2))
    pct = s.hardship_percent if s else 0
    cut = hardship_reduction(base, pct)
    override = int(s.override_fen) if s and s.override_fen is not None else None
    final = override if override is not None else base - cut
    return ShareLine(h.id, h.unit.building.name, h.unit.name, h.room, h.floor, int(h.area_cm2), rule.coefficient(h.floor),
                     base, pct, s.hardship_reason if s else "", cut, override, s.override_reason if s else "", final,
                     s.consent if s else "undecided", s.consent_at if s else None, s.note if s else "")


def shares(plan_id: int) -> list[ShareLine]:
    p = _plan_row(plan_id)
    rule = _rule_of(p)
    stored = {s.household_id: s for s in PlanShare.select().where(PlanShare.plan == plan_id)}
    return [_line(rule, h, stored.get(h.id)) for h in _households(p)]


def summary(plan_id: int) -> PlanSummary:
    lines = shares(plan_id)
    by = {k: sum(1 for x in lines if x.consent == k) for k in CONSENTS}
    return PlanSummary(get_plan(plan_id), len(lines), by["agree"], by["object"], by["undecided"],
                       sum(x.share_fen for x in lines if x.share_fen > 0), -sum(x.share_fen for x in lines if x.share_fen < 0))


def building_view(plan_id: int) -> list[UnitConsent]:
    """Per unit: households and how many agreed. Nothing else (no objections, no amounts)."""
    out: dict[tuple[str, str], list[int]] = {}
    for x in shares(plan_id):
        row = out.setdefault((x.building, x.unit), [0, 0])
        row[0] += 1
        row[1] += x.consent == "agree"
    return [UnitConsent(b, u, n, a) for (b, u), (n, a) in out.items()]


def _by_household_code(code: str) -> tuple[HouseholdPlan, Household, PlanShare | None] | None:
    """The newest plan covering the household a household code names (codes.py: one code, every use)."""
    from kiosk.domain import household_codes

    household_id = household_codes.household_of(code)
    if household_id is None:
        return None
    h = Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id == household_id).get()
    covering = (HouseholdPlan.select(HouseholdPlan, Project).join(Project)
                .where(Project.estate == h.unit.building.estate_id,
                       (HouseholdPlan.building.is_null()) | (HouseholdPlan.building == h.unit.building_id))
                .order_by(HouseholdPlan.id.desc()).first())
    if covering is None:
        return None
    return covering, h, PlanShare.get_or_none(PlanShare.plan == covering.id, PlanShare.household == h.id)


def statement(code: str) -> Statement:
    """By the plan's statement code, or by the household code (the household's newest plan)."""
    if not codes.looks_like(code, codes.CODE_DIGITS):
        raise ValidationError(_("A household code has {n} digits.").format(n=codes.CODE_DIGITS), "code")
    s = PlanShare.get_or_none(PlanShare.code_hash == codes.code_hash(CODE_PURPOSE, code))
    if s is not None:
        p = _plan_row(s.plan_id)
        h = Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id == s.household_id).get()
    else:
        found = _by_household_code(code)
        if found is None:
            raise NotFound(_("This code is not valid. Check the slip and try again."))
        p, h, s = found
    rule = _rule_of(p)
    x = _line(rule, h, s)
    return Statement(p.id, p.title, p.project.title, x.building, x.unit, x.floor, x.area_cm2, x.floor <= rule.low_floors,
                     rule.low_floor_mode, rule.rate_fen_per_m2, x.coefficient, x.rule_fen, x.hardship_percent, x.hardship_fen,
                     x.override_fen, x.override_reason, x.share_fen, x.consent)


# ---- writing ----------------------------------------------------------------------------------------

def create_plan(actor: str, project_id: int, *, title: str, rate_fen_per_m2: int, coefficients: dict[int, int] | None = None,
                low_floors: int = 2, low_floor_mode: str = "exempt", compensation_fen: int = 0,
                building: str | None = None) -> PlanInfo:
    title = clean_line(title, field="title", limit=80)
    rule = _rule(rate_fen_per_m2, coefficients, low_floors, low_floor_mode, compensation_fen)
    now = clock.now()
    with audit.write(actor) as w:
        project = Project.get_or_none(Project.id == project_id)
        if project is None:
            raise NotFound(_("No project with id {id}.").format(id=project_id))
        building_id = None
        if building:
            b = address.building(project.estate_id, building)
            building = b.name
            building_id = b.id
        p = HouseholdPlan.create(project=project_id, building=building_id, title=title, rate_fen_per_m2=rule.rate_fen_per_m2,
                                 coefficients=json.dumps(dict(rule.coefficients)), low_floors=rule.low_floors,
                                 low_floor_mode=rule.low_floor_mode, compensation_fen=rule.compensation_fen,
                                 created_at=now, updated_at=now)
        w.record("plan.create", "household_plan", p.id, project_id=project_id, building=building, title=title,
                 rule=dataclasses.asdict(rule))
    return get_plan(p.id)


def update_rule(actor: str, plan_id: int, expected_version: int, *, rate_fen_per_m2: int, coefficients: dict[int, int] | None,
                low_floors: int, low_floor_mode: str, compensation_fen: int) -> PlanInfo:
    rule = _rule(rate_fen_per_m2, coefficients, low_floors, low_floor_mode, compensation_fen)
    before = _plan_row(plan_id)
    if before.version == expected_version and _rule_of(before) == rule:
        return _info(before)  # nothing changed: no audit entry
    with audit.write(actor) as w:
        n = (HouseholdPlan.update(rate_fen_per_m2=rule.rate_fen_per_m2, coefficients=json.dumps(dict(rule.coefficients)),
                                  low_floors=rule.low_floors, low_floor_mode=rule.low_floor_mode,
                                  compensation_fen=rule.compensation_fen, updated_at=clock.now(),
                                  version=HouseholdPlan.version + 1)
             .where(HouseholdPlan.id == plan_id, HouseholdPlan.version == expected_version).execute())
        if n == 0:
            _plan_row(plan_id)
            raise Conflict(_("Someone else changed this plan while you were editing. Reload and try again."))
        w.record("plan.rule", "household_plan", plan_id, rule=dataclasses.asdict(rule))
    return get_plan(plan_id)


def _upsert(plan_id: int, household_id: int, **changes) -> None:
    now = clock.now()
    n = (PlanShare.update(**changes, updated_at=now, version=PlanShare.version + 1)
         .where(PlanShare.plan == plan_id, PlanShare.household == household_id).execute())
    if n == 0:
        PlanShare.create(plan=plan_id, household=household_id, updated_at=now, **changes)


def set_hardship(actor: str, plan_id: int, household_id: int, percent: int, reason: str = "") -> ShareLine:
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise ValidationError(_("A hardship reduction is a whole percent from 0 to 100."), "percent")
    reason = clean_line(reason, field="reason", limit=100, required=percent > 0)
    with audit.write(actor) as w:
        _in_plan(_plan_row(plan_id), household_id)
        _upsert(plan_id, household_id, hardship_percent=percent, hardship_reason=reason if percent else "")
        w.record("plan.hardship", "household_plan", plan_id, household_id=household_id, percent=percent, reason=reason)
    return _one(plan_id, household_id)


def set_override(actor: str, plan_id: int, household_id: int, amount_fen: int | None, reason: str = "") -> ShareLine:
    """A share fixed by hand (None: back to the rule). A reason is required: residents see it."""
    if amount_fen is not None:
        _money(amount_fen, "amount", negative=True)
    reason = clean_line(reason, field="reason", limit=100, required=amount_fen is not None)
    with audit.write(actor) as w:
        _in_plan(_plan_row(plan_id), household_id)
        _upsert(plan_id, household_id, override_fen=amount_fen, override_reason=reason if amount_fen is not None else "")
        w.record("plan.override", "household_plan", plan_id, household_id=household_id, amount_fen=amount_fen, reason=reason)
    return _one(plan_id, household_id)


def set_consent(actor: str, plan_id: int, household_id: int, consent: str, note: str | None = None) -> ShareLine:
    if consent not in CONSENTS:
        raise ValidationError(_("Consent is agree, object or undecided, not {value!r}.").format(value=consent), "consent")
    changes: dict = {"consent": consent, "consent_at": clock.now() if consent != "undecided" else None}
    if note is not None:
        changes["note"] = clean_text(note, field="note", limit=1000, required=False)
    with audit.write(actor) as w:
        _in_plan(_plan_row(plan_id), household_id)
        _upsert(plan_id, household_id, **changes)
        w.record("plan.consent", "household_plan", plan_id, household_id=household_id, consent=consent,
                 note_changed=note is not None)
    return _one(plan_id, household_id)


def _one(plan_id: int, household_id: int) -> ShareLine:
    for x in shares(plan_id):
        if x.household_id == household_id:
            return x
    raise NotFound(_("This household is not covered by the plan."))


def issue_codes(actor: str, plan_id: int, *, reissue: bool = False, household_id: int | None = None,
                deliver=None) -> list[CodeSlip]:
    """Statement codes (reusable, read-only) for every household of the plan, or one (a lost slip).
    `deliver(slips)` runs before the commit (as in votes.issue_codes)."""
    with audit.write(actor) as w:
        p = _plan_row(plan_id)
        targets = list(_households(p))
        if household_id is not None:
            targets = [h for h in targets if h.id == household_id]
            if not targets:
                raise ValidationError(_("This household is not covered by the plan."), "household")
            reissue = True
        ids = [h.id for h in targets]
        existing = PlanShare.select().where(PlanShare.plan == plan_id, PlanShare.household.in_(ids), PlanShare.code_hash.is_null(False))
        if existing.exists() and not reissue:
            raise Conflict(_("Statement codes for this plan were already issued. New slips make the old ones invalid: "
                             "add --reissue to do that."))
        slips = []
        for h in targets:
            while True:
                code = codes.new_code()
                digest = codes.code_hash(CODE_PURPOSE, code)
                if not PlanShare.select().where(PlanShare.code_hash == digest).exists():
                    break
            _upsert(plan_id, h.id, code_hash=digest)
            slips.append(CodeSlip(h.unit.building.name, h.unit.name, h.room, code))
        w.record("plan.codes", "household_plan", plan_id, issued=len(slips), household_id=household_id)
        if deliver is not None:
            deliver(slips)
    return slips
