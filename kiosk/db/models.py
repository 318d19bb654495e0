"""Peewee models. Money is integer fen (BigIntegerField); floor area is integer hundredths of m².

Private columns (owner names, phone numbers, rooms) never leave the domain layer towards public
screens; see kiosk/domain/privacy.py.
"""

from __future__ import annotations

import peewee as pw

database = pw.DatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class KioskState(BaseModel):
    """One row: schema version, change revision (bumped by every write) and the audit chain head."""

    id = pw.IntegerField(primary_key=True)
    schema_version = pw.IntegerField()
    revision = pw.BigIntegerField(default=0)
    chain_seq = pw.BigIntegerField(default=0)
    chain_hash = pw.CharField(max_length=64, default="0" * 64)


class SubDistrict(BaseModel):
    name = pw.CharField(unique=True)


class Community(BaseModel):
    sub_district = pw.ForeignKeyField(SubDistrict, backref="communities")
    name = pw.CharField()

    class Meta:
        indexes = ((("sub_district", "name"), True),)


class Estate(BaseModel):
    community = pw.ForeignKeyField(Community, backref="estates")
    name = pw.CharField(unique=True)
    build_year = pw.IntegerField(null=True)
    address = pw.CharField(default="")


class Building(BaseModel):
    estate = pw.ForeignKeyField(Estate, backref="buildings")
    name = pw.CharField()
    sort = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("estate", "name"), True),)


class Unit(BaseModel):
    building = pw.ForeignKeyField(Building, backref="units")
    name = pw.CharField()
    sort = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("building", "name"), True),)


class Household(BaseModel):
    unit = pw.ForeignKeyField(Unit, backref="households")
    room = pw.CharField()  # private
    floor = pw.IntegerField()
    area_cm2 = pw.IntegerField()  # floor area in 0.01 m²
    owner_key = pw.CharField(index=True)  # same owner of two flats counts once
    owner_name = pw.CharField(null=True)  # private
    phone = pw.CharField(null=True)  # private

    class Meta:
        indexes = ((("unit", "room"), True),)


class Project(BaseModel):
    estate = pw.ForeignKeyField(Estate, backref="projects")
    title = pw.CharField()
    description = pw.TextField(default="")
    status = pw.CharField(default="planning", index=True)
    target_fen = pw.BigIntegerField(default=0)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)  # optimistic concurrency for staff edits
    # Version 7: an emergency repair from the maintenance fund (no owners' vote first) or an
    # ordinary project; when a completed project was closed by its acceptance (竣工验收).
    kind = pw.CharField(default="ordinary")  # ordinary | emergency
    closed_at = pw.DateTimeField(null=True)


class SourcePlan(BaseModel):
    project = pw.ForeignKeyField(Project, backref="plans")
    source = pw.CharField()
    planned_fen = pw.BigIntegerField(default=0)

    class Meta:
        indexes = ((("project", "source"), True),)


class Contribution(BaseModel):
    """A ledger entry. Amount, source and project never change; status moves forward only."""

    id = pw.BigIntegerField(primary_key=True)
    # No index of its own: the composite indexes below all start with the project (version 7
    # dropped the single-column one, which every imported row paid for and no query used).
    project = pw.ForeignKeyField(Project, backref="contributions", index=False)
    source = pw.CharField()
    contributor = pw.CharField(default="")  # organisation name; "" for a household
    household = pw.ForeignKeyField(Household, null=True)
    amount_fen = pw.BigIntegerField()
    status = pw.CharField()  # pledged | received | cancelled
    created_status = pw.CharField()
    pledged_on = pw.DateField(null=True)
    received_on = pw.DateField(null=True)  # a day's receipts: the last composite index below
    receipt_no = pw.CharField(null=True)
    idempotency_key = pw.CharField(null=True, unique=True)
    note = pw.CharField(default="")
    cancel_reason = pw.CharField(default="")
    created_at = pw.DateTimeField()
    entry_seq = pw.BigIntegerField(index=True)  # the audit entry that created it

    class Meta:
        indexes = (
            (("project", "receipt_no"), True),
            # Covering index for money received in a date range (the daily disclosure on the
            # lobby's home; without it a day's sum scanned every receipt of the project) and for
            # a project's sums by source and status. Version 8 dropped two that it makes redundant
            # (received_on alone; project, status, source, amount): each imported row paid for them.
            (("project", "status", "received_on", "source", "amount_fen"), False),
        )


class FundingTotal(BaseModel):
    """The ledger summed per project, source and status. Written only by the database's own
    triggers on `contribution`, in the same transaction as the entry (see
    backend.total_statements), so funding figures cost a few rows however long the history;
    `kiosk verify` checks it against the ledger."""

    project = pw.ForeignKeyField(Project, backref="+")
    source = pw.CharField()
    status = pw.CharField()
    amount_fen = pw.BigIntegerField()
    entries = pw.BigIntegerField()

    class Meta:
        primary_key = pw.CompositeKey("project", "source", "status")


class Stage(BaseModel):
    project = pw.ForeignKeyField(Project, backref="stages")
    name = pw.CharField()
    weight = pw.IntegerField(default=1)
    percent = pw.IntegerField(default=0)
    sort = pw.IntegerField(default=0)
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)


class Milestone(BaseModel):
    project = pw.ForeignKeyField(Project, backref="milestones")
    on = pw.DateField()
    title = pw.CharField()
    done = pw.BooleanField(default=False)


class Notice(BaseModel):
    estate = pw.ForeignKeyField(Estate, null=True, backref="notices")  # null: every estate
    title = pw.CharField()
    body = pw.TextField(default="")
    category = pw.CharField(default="general")
    publish_at = pw.DateTimeField(index=True)
    expires_at = pw.DateTimeField(null=True)
    pinned = pw.BooleanField(default=False)
    emergency = pw.BooleanField(default=False)
    withdrawn_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)


class Report(BaseModel):
    estate = pw.ForeignKeyField(Estate, backref="reports")
    ticket = pw.CharField(unique=True)
    category = pw.CharField()
    building = pw.ForeignKeyField(Building)
    unit = pw.ForeignKeyField(Unit, null=True)
    floor = pw.IntegerField(null=True)
    description = pw.TextField()
    phone = pw.CharField(null=True)  # private
    status = pw.CharField(default="new", index=True)
    me_too = pw.IntegerField(default=0)
    merged_into = pw.ForeignKeyField("self", null=True)
    hidden = pw.BooleanField(default=False)
    hidden_reason = pw.CharField(default="")
    # No index of its own since version 8: report_window below starts with it.
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)
    # Version 7: the project or poll that answers the report (the loop closed).
    project = pw.ForeignKeyField(Project, null=True, backref="reports")
    poll = pw.DeferredForeignKey("Poll", null=True, backref="reports")
    # Version 8: when it was first taken up (accepted, in progress or resolved), kept with its
    # trail: the response rate reads it instead of grouping every event of the year.
    taken_up_at = pw.DateTimeField(null=True)

    class Meta:
        # Covering the report rates' pass over a year of reports (read from the index alone,
        # not from rows that carry descriptions), and any other look-up by time.
        indexes = ((("created_at", "estate", "category", "status", "hidden", "taken_up_at"), False),)


class ReportEvent(BaseModel):
    """Public status trail of a report."""

    report = pw.ForeignKeyField(Report, backref="events")
    at = pw.DateTimeField()
    status = pw.CharField()
    note = pw.TextField(default="")  # public
    actor = pw.CharField(default="")


class Meeting(BaseModel):
    estate = pw.ForeignKeyField(Estate, backref="meetings")
    project = pw.ForeignKeyField(Project, null=True, backref="meetings")
    kind = pw.CharField()
    held_at = pw.DateTimeField(index=True)
    topic = pw.CharField()
    location = pw.CharField(default="")
    attendance = pw.IntegerField(default=0)
    decisions = pw.TextField(default="")
    created_at = pw.DateTimeField()


class Staff(BaseModel):
    username = pw.CharField(unique=True)
    display_name = pw.CharField(default="")
    role = pw.CharField(default="staff")  # admin | staff
    password_hash = pw.CharField()
    failed_attempts = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    disabled = pw.BooleanField(default=False)
    created_at = pw.DateTimeField()
    last_login = pw.DateTimeField(null=True)


class AuditEntry(BaseModel):
    """Append-only, hash-chained. The database refuses UPDATE and DELETE (see backend.guard_statements)."""

    seq = pw.BigIntegerField(primary_key=True)
    at = pw.CharField()  # ISO timestamp, exactly as hashed
    actor = pw.CharField(index=True)
    action = pw.CharField()
    entity = pw.CharField()
    entity_id = pw.CharField(default="")
    data = pw.TextField(default="{}")  # canonical JSON, exactly as hashed
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


# ---- schema version 2: household votes (Civil Code art. 278) and 一户一策 plans ----------------


class Poll(BaseModel):
    """A household vote. Scope: the whole estate, or the buildings listed in PollBuilding."""

    estate = pw.ForeignKeyField(Estate, backref="polls")
    project = pw.ForeignKeyField(Project, null=True, backref="polls")
    meeting = pw.ForeignKeyField(Meeting, null=True, backref="polls")  # the meeting it came from
    title = pw.CharField()
    matter = pw.CharField(default="ordinary")  # ordinary | major (art. 278 items 6-8); immutable
    opens_at = pw.DateTimeField()
    closes_at = pw.DateTimeField(null=True)  # null: open until staff close it
    closed_at = pw.DateTimeField(null=True)  # set once, by staff: results become public
    created_at = pw.DateTimeField()


class PollOption(BaseModel):
    poll = pw.ForeignKeyField(Poll, backref="options")
    label = pw.CharField()
    sort = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("poll", "label"), True),)


class PollBuilding(BaseModel):
    """A building a poll covers (no rows: the whole estate). Append-only: scope never changes."""

    poll = pw.ForeignKeyField(Poll, backref="buildings")
    building = pw.ForeignKeyField(Building)

    class Meta:
        indexes = ((("poll", "building"), True),)


class Ballot(BaseModel):
    """One household, one ballot: UNIQUE(poll, household) across every channel. Append-only."""

    poll = pw.ForeignKeyField(Poll, backref="ballots")
    household = pw.ForeignKeyField(Household)
    option = pw.ForeignKeyField(PollOption)
    channel = pw.CharField()  # kiosk | paper | proxy
    proxy_holder = pw.CharField(default="")  # version 7: who voted for the household (proxy only); private
    receipt = pw.CharField(unique=True)  # what the household keeps to check its ballot was counted
    cast_at = pw.DateTimeField()
    entry_seq = pw.BigIntegerField(index=True)  # the audit entry that recorded it

    class Meta:
        indexes = ((("poll", "household"), True),)


class VoteCode(BaseModel):
    """A one-time household vote code, stored only as a hash. used_at/revoked_at are set once."""

    poll = pw.ForeignKeyField(Poll, backref="codes")
    household = pw.ForeignKeyField(Household)
    code_hash = pw.CharField(max_length=64, unique=True)
    issued_at = pw.DateTimeField()
    used_at = pw.DateTimeField(null=True)
    revoked_at = pw.DateTimeField(null=True)

    class Meta:
        indexes = ((("poll", "household"), False),)


class HouseholdPlan(BaseModel):
    """一户一策: the cost-share rule of a project (floor coefficient x area, low floors, hardship)."""

    project = pw.ForeignKeyField(Project, backref="household_plans")
    building = pw.ForeignKeyField(Building, null=True)  # null: every building of the estate
    title = pw.CharField()
    rate_fen_per_m2 = pw.BigIntegerField()  # fen per m² at coefficient 1.00
    coefficients = pw.TextField(default="{}")  # JSON {floor: percent}; floors above the last use the last
    low_floors = pw.IntegerField(default=2)  # floors 1..low_floors are exempt or compensated
    low_floor_mode = pw.CharField(default="exempt")  # exempt | compensated
    compensation_fen = pw.BigIntegerField(default=0)  # paid to each low-floor household when compensated
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)


class PlanShare(BaseModel):
    """One household's line of a plan; created on the first change (defaults otherwise)."""

    plan = pw.ForeignKeyField(HouseholdPlan, backref="shares")
    household = pw.ForeignKeyField(Household)
    hardship_percent = pw.IntegerField(default=0)
    hardship_reason = pw.CharField(default="")
    override_fen = pw.BigIntegerField(null=True)
    override_reason = pw.CharField(default="")
    consent = pw.CharField(default="undecided")  # agree | object | undecided
    consent_at = pw.DateTimeField(null=True)
    note = pw.TextField(default="")  # staff only
    code_hash = pw.CharField(max_length=64, null=True, unique=True)  # the household's statement code
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("plan", "household"), True),)


# ---- schema version 6: household codes, kiosk pledge references, "me too" by household ------------


class HouseholdCode(BaseModel):
    """A household's private code (a printed slip), stored only as a hash; reissuing replaces it."""

    household = pw.ForeignKeyField(Household, unique=True)
    code_hash = pw.CharField(max_length=64, unique=True)
    issued_at = pw.DateTimeField()


class PledgeReference(BaseModel):
    """The reference number of a pledge made at a kiosk, which the household brings to the office."""

    contribution = pw.ForeignKeyField(Contribution, unique=True)
    household = pw.ForeignKeyField(Household)
    project = pw.ForeignKeyField(Project)
    reference = pw.CharField(unique=True)
    kiosk = pw.CharField(default="")
    created_at = pw.DateTimeField()

    class Meta:
        indexes = ((("household", "created_at"), False),)


class ReportMeToo(BaseModel):
    """One "me too" on a report: by a household (its code; once per report) or by a tap without a
    code (household null: shown apart, limited per kiosk)."""

    report = pw.ForeignKeyField(Report, backref="me_toos")
    household = pw.ForeignKeyField(Household, null=True)
    kiosk = pw.CharField(default="")
    at = pw.DateTimeField()

    class Meta:
        indexes = ((("report", "household"), True), (("kiosk", "at"), False))


# ---- schema version 7: money out, acceptance, emergency repairs, the loop closed -------------------


class Payment(BaseModel):
    """Money paid out of a project's funds. Entered by one staff member and decided (approved or
    rejected) by another, never the same; never edited: a correction is a reversing entry (negative
    amount, `reverses` naming the payment it undoes), itself approved by a second person."""

    project = pw.ForeignKeyField(Project, backref="payments")
    payee = pw.CharField()  # the organisation paid
    purpose = pw.CharField()  # what for: a works stage or item
    stage = pw.ForeignKeyField(Stage, null=True)
    document_no = pw.CharField(default="")  # contract or invoice number
    amount_fen = pw.BigIntegerField()  # negative for a reversal
    paid_on = pw.DateField()
    reverses = pw.ForeignKeyField("self", null=True, unique=True, backref="reversed_by")
    advance_reason = pw.CharField(default="")  # an admin's reason to pay beyond what was received
    status = pw.CharField(default="pending", index=True)  # pending | approved | rejected
    entered_by = pw.CharField()
    entered_at = pw.DateTimeField()
    decided_by = pw.CharField(null=True)
    decided_at = pw.DateTimeField(null=True)
    decision_note = pw.CharField(default="")
    entry_seq = pw.BigIntegerField(index=True)  # the audit entry that recorded it


class PaymentShare(BaseModel):
    """The part of a payment each source funds; a payment's shares add up to its amount."""

    payment = pw.ForeignKeyField(Payment, backref="shares")
    source = pw.CharField()
    amount_fen = pw.BigIntegerField()

    class Meta:
        indexes = ((("payment", "source"), True),)


class Acceptance(BaseModel):
    """竣工验收: how a project closed, recorded once: who accepted it, its final account and what
    was left over (returned to those who paid, or carried over)."""

    project = pw.ForeignKeyField(Project, unique=True, backref="+")
    accepted_on = pw.DateField()
    parties = pw.CharField()  # comma-separated: owners,property,community
    final_account_fen = pw.BigIntegerField()
    leftover_fen = pw.BigIntegerField(default=0)
    leftover_action = pw.CharField(default="none")  # none | returned | carried_over
    note = pw.TextField(default="")  # public
    recorded_by = pw.CharField()
    recorded_at = pw.DateTimeField()
    entry_seq = pw.BigIntegerField()


class EmergencyRepair(BaseModel):
    """An emergency repair from the maintenance fund (a project of kind "emergency"): one of the
    situations local rules allow without an owners' vote first, its cost shared by floor area."""

    project = pw.ForeignKeyField(Project, unique=True, backref="+")
    situation = pw.CharField()  # roof_leak | lift | water_pump | facade | drain | fire_safety
    found_on = pw.DateField()
    repaired_on = pw.DateField(null=True)
    cost_fen = pw.BigIntegerField(default=0)
    disclosed_at = pw.DateTimeField(null=True)  # when its disclosure to residents began
    disclose_until = pw.DateField(null=True)
    created_at = pw.DateTimeField()
    updated_at = pw.DateTimeField()
    version = pw.IntegerField(default=1)


class EmergencyShare(BaseModel):
    """One household's share of an emergency repair's cost, by floor area (largest remainder)."""

    repair = pw.ForeignKeyField(EmergencyRepair, backref="shares")
    household = pw.ForeignKeyField(Household)
    area_cm2 = pw.IntegerField()
    share_fen = pw.BigIntegerField()

    class Meta:
        indexes = ((("repair", "household"), True),)


class ReportFeedback(BaseModel):
    """"修好了吗？": a resident's answer after staff marked a report fixed (satisfied, basically
    satisfied, not satisfied; the last reopens it). By ticket at the kiosk or on the phone page."""

    report = pw.ForeignKeyField(Report, backref="feedback")
    # The "resolved" event it answers: unique, so each fix is answered once, even by two at once.
    resolution = pw.ForeignKeyField(ReportEvent, unique=True, backref="+")
    rating = pw.CharField()  # satisfied | basic | unsatisfied
    channel = pw.CharField(default="kiosk")  # kiosk | web | staff
    kiosk = pw.CharField(default="")
    at = pw.DateTimeField(index=True)

    class Meta:
        indexes = ((("report", "at"), False),)


V1_MODELS = [
    KioskState, SubDistrict, Community, Estate, Building, Unit, Household, Project, SourcePlan,
    Contribution, Stage, Milestone, Notice, Report, ReportEvent, Meeting, Staff, AuditEntry,
]
V2_MODELS = [Poll, PollOption, PollBuilding, Ballot, VoteCode, HouseholdPlan, PlanShare]

V4_MODELS = [FundingTotal]
V6_MODELS = [HouseholdCode, PledgeReference, ReportMeToo]
V7_MODELS = [Payment, PaymentShare, Acceptance, EmergencyRepair, EmergencyShare, ReportFeedback]
# Columns version 7 adds to tables that existed before it: (model, field name).
V7_COLUMNS = [(Project, "kind"), (Project, "closed_at"), (Report, "project"), (Report, "poll"),
              (Ballot, "proxy_holder")]

ALL_MODELS = V1_MODELS + V2_MODELS + V4_MODELS + V6_MODELS + V7_MODELS
# Tables the database derives from others (by trigger): rebuilt, never copied.
DERIVED_MODELS = [FundingTotal]
