"""What the staff console prints: each kind of document with the records it is printed for (a
project, an estate …) and how its PDF is built. A new document: one line in KINDS."""

from __future__ import annotations

import dataclasses
from typing import Callable

from kiosk.config import Settings
from kiosk.domain import estates
from kiosk.domain import funding as funds
from kiosk.i18n import N_, _


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    label: str  # message id of the document's name
    subjects: Callable[[], list[tuple[int, str]]]  # (id, what it is for), a domain read
    build: Callable[[int, Settings], bytes]


@dataclasses.dataclass(frozen=True)
class Printable:
    kind: str
    subject_id: int
    document: str  # the document's name, translated
    subject: str  # what it is for: a title someone typed (data, never markup)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject_id}"

    @property
    def title(self) -> str:
        return f"{self.document} {self.subject}"


def _projects() -> list[tuple[int, str]]:
    return [(p.id, f"{p.estate} {p.title}") for p in funds.list_projects()]


def _estates() -> list[tuple[int, str]]:
    return [(e.id, e.name) for e in estates.list_estates()]


def _funding(project_id: int, settings: Settings) -> bytes:
    from kiosk.paper import funding

    return funding.build(project_id, settings)


def _funding_estate(estate_id: int, settings: Settings) -> bytes:
    from kiosk.paper import funding

    return funding.build_estate(estate_id, settings)


# In the order the console lists them.
KINDS = [
    Kind("funding-estate", N_("Funding disclosure of the estate"), _estates, _funding_estate),
    Kind("funding", N_("Funding disclosure"), _projects, _funding),
]


def printables() -> list[Printable]:
    """Every document the console can print now, with what it is for (domain reads)."""
    return [Printable(k.key, sid, _(k.label), name) for k in KINDS for sid, name in k.subjects()]


def build(item: Printable, settings: Settings) -> bytes:
    """The document's PDF as of now (domain reads, then drawing: run it in a worker)."""
    kind = next(k for k in KINDS if k.key == item.kind)
    return kind.build(item.subject_id, settings)
