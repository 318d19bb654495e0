"""What the staff console prints: each kind of document with the records it is printed for (a
project, an estate, a vote …) and how its PDF is made. A new document: one line in KINDS.

Most documents are built from what is on record (`build`). Ballot papers and code slips carry
one-time codes that exist in plain only at the moment they are issued, so they are issued and
printed in one step (`issue`): the PDF is built from the codes and handed to the printer before
the codes are committed; a printer that refuses issues nothing, and the old slips still work."""

from __future__ import annotations

import dataclasses
from typing import Callable

from kiosk.config import Settings
from kiosk.domain import estates, household_codes, votes
from kiosk.domain import funding as funds
from kiosk.i18n import N_, _

Send = Callable[[bytes], object]  # hands the built PDF to its printer or folder


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    label: str  # message id of the document's name
    subjects: Callable[[], list[tuple[int, str]]]  # (id, what it is for), a domain read
    build: Callable[[int, Settings], bytes] | None = None
    # issue(actor, subject_id, settings, send, reissue) -> how many codes were issued and printed
    issue: Callable[[str, int, Settings, Send, bool], int] | None = None


@dataclasses.dataclass(frozen=True)
class Printable:
    kind: str
    subject_id: int
    document: str  # the document's name, translated
    subject: str  # what it is for: a title someone typed (data, never markup)
    issues_codes: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject_id}"

    @property
    def title(self) -> str:
        return f"{self.document} {self.subject}"


# ---- what each document is printed for ---------------------------------------------------------

def _projects() -> list[tuple[int, str]]:
    return [(p.id, f"{p.estate} {p.title}") for p in funds.list_projects()]


def _estates() -> list[tuple[int, str]]:
    return [(e.id, e.name) for e in estates.list_estates()]


def _closed_polls() -> list[tuple[int, str]]:
    return [(p.id, f"{p.estate} {p.title}") for p in votes.list_polls(states=("closed",))]


def _votable_polls() -> list[tuple[int, str]]:
    """Votes that still take ballots: codes can be issued for them."""
    return [(p.id, f"{p.estate} {p.title}") for p in votes.list_polls(states=("scheduled", "open", "counting"))]


def _plans() -> list[tuple[int, str]]:
    from kiosk.domain import plans

    return [(p.id, p.title) for p in plans.list_plans()]


# ---- how each is made ---------------------------------------------------------------------------

def _funding(project_id: int, settings: Settings) -> bytes:
    from kiosk.paper import funding

    return funding.build(project_id, settings)


def _funding_estate(estate_id: int, settings: Settings) -> bytes:
    from kiosk.paper import funding

    return funding.build_estate(estate_id, settings)


def _vote_result(poll_id: int, settings: Settings) -> bytes:
    from kiosk.paper import vote_result

    return vote_result.build(poll_id, settings)


def _statements(plan_id: int, settings: Settings) -> bytes:
    from kiosk.paper import statements

    return statements.build(plan_id, settings)


def _poster(project_id: int, settings: Settings) -> bytes:
    from kiosk.paper import poster

    return poster.build(project_id, settings)


def _poster_estate(estate_id: int, settings: Settings) -> bytes:
    from kiosk.paper import poster

    return poster.build_estate(estate_id, settings)


def _ballot_papers(actor: str, poll_id: int, settings: Settings, send: Send, reissue: bool) -> int:
    from kiosk.paper import ballots

    poll = votes.get_poll(poll_id)
    issued = votes.issue_codes(actor, poll_id, reissue=reissue, deliver=lambda slips: send(ballots.build(poll, slips, settings)))
    return len(issued)


def _vote_code_slips(actor: str, poll_id: int, settings: Settings, send: Send, reissue: bool) -> int:
    from kiosk.paper import slips as code_slips

    poll = votes.get_poll(poll_id)
    issued = votes.issue_codes(actor, poll_id, reissue=reissue,
                               deliver=lambda slips: send(code_slips.vote_codes(poll, slips, settings)))
    return len(issued)


def _household_code_slips(actor: str, estate_id: int, settings: Settings, send: Send, reissue: bool) -> int:
    from kiosk.paper import slips as code_slips

    estate = estates.get_estate(estate_id).name
    issued = household_codes.issue(actor, estate_id, reissue=reissue,
                                   deliver=lambda slips: send(code_slips.household_codes_pdf(estate, slips, settings)))
    return len(issued)


# In the order the console lists them.
KINDS = [
    Kind("funding-estate", N_("Funding disclosure of the estate"), _estates, build=_funding_estate),
    Kind("funding", N_("Funding disclosure"), _projects, build=_funding),
    Kind("vote-result", N_("Vote result disclosure"), _closed_polls, build=_vote_result),
    Kind("ballots", N_("Ballot papers"), _votable_polls, issue=_ballot_papers),
    Kind("vote-slips", N_("Vote-code slips"), _votable_polls, issue=_vote_code_slips),
    Kind("statements", N_("Household plan statements"), _plans, build=_statements),
    Kind("household-slips", N_("Household code slips"), _estates, issue=_household_code_slips),
    Kind("poster-estate", N_("QR poster of the estate"), _estates, build=_poster_estate),
    Kind("poster", N_("QR poster"), _projects, build=_poster),
]


def _kind(item: Printable) -> Kind:
    return next(k for k in KINDS if k.key == item.kind)


def printables() -> list[Printable]:
    """Every document the console can print now, with what it is for (domain reads)."""
    return [Printable(k.key, sid, _(k.label), name, k.issue is not None) for k in KINDS for sid, name in k.subjects()]


def printable(kind: str, subject_id: int, subject: str) -> Printable:
    """One document for one record, as a screen that shows the record offers it."""
    k = next(k for k in KINDS if k.key == kind)
    return Printable(k.key, subject_id, _(k.label), subject, k.issue is not None)


def build(item: Printable, settings: Settings) -> bytes:
    """The document's PDF as of now (domain reads, then drawing: run it in a worker)."""
    return _kind(item).build(item.subject_id, settings)


def issue(item: Printable, actor: str, settings: Settings, send: Send, *, reissue: bool = False) -> int:
    """Issue the document's codes and `send` its PDF before they are committed (in a worker);
    how many were issued. Codes issued before are refused (Conflict) unless `reissue`."""
    return _kind(item).issue(actor, item.subject_id, settings, send, reissue)
