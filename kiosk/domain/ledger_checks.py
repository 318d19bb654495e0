"""Before money is saved: would this entry take its source far beyond its plan, or the project
beyond its target? The answer is a warning for the person entering it (they confirm or go back),
never a refusal: a generous donor is not an error, a typo of one zero too many usually is."""

from __future__ import annotations

from kiosk.domain import funding, sources
from kiosk.domain.money import yuan
from kiosk.domain.numbers import percent
from kiosk.i18n import _

# A source taken beyond this share of its planned amount is worth a second look.
SOURCE_LIMIT_PERCENT = 150


def _pct(part: int, whole: int) -> str:
    return percent(part, whole).text(trim=True)


def warnings(project_id: int, source: str, amount_fen: int, *, confirming: bool = False) -> list[str]:
    """What to say before recording `amount_fen` from `source`, one sentence a finding (none: save
    at once). A new entry adds to what is received and pledged; confirming a pledge (already
    counted as pledged) adds to what is received."""
    snap = funding.snapshot(project_id)
    figures = next(s for s in snap.sources if s.key == source)
    if confirming:
        after_source, after_project = figures.received_fen + amount_fen, snap.received_fen + amount_fen
    else:
        after_source = figures.received_fen + figures.pledged_fen + amount_fen
        after_project = snap.received_fen + snap.pledged_fen + amount_fen
    out = []
    name = sources.label(source)
    if figures.planned_fen == 0:
        if not confirming:  # a pledge was told this when it was recorded
            out.append(_("“{source}” has no planned amount (plan ¥0): this entry brings it to {after}.").format(
                source=name, after=yuan(after_source)))
    elif after_source * 100 > figures.planned_fen * SOURCE_LIMIT_PERCENT:
        out.append(_("This entry brings “{source}” to {pct}% of its plan ({after} of {plan}).").format(
            source=name, pct=_pct(after_source, figures.planned_fen), after=yuan(after_source), plan=yuan(figures.planned_fen)))
    if snap.target_fen and after_project > snap.target_fen:
        out.append(_("This entry brings the project to {pct}% of its target ({after} of {target}).").format(
            pct=_pct(after_project, snap.target_fen), after=yuan(after_project), target=yuan(snap.target_fen)))
    return out


def plan_mismatch(snap: funding.FundingSnapshot) -> str | None:
    """The sources' planned amounts no longer add up to the target (the target was edited, say)."""
    if snap.planned_fen == snap.target_fen:
        return None
    return _("The sources' plans add up to {planned}, not to the target {target}.").format(
        planned=yuan(snap.planned_fen), target=yuan(snap.target_fen))
