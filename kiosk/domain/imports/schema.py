"""What one kind of import is, as data: its columns (each with the parser of its cells), the
dataclass a valid row becomes, the checks across rows, and how rows are written. The driver
(`driver.run`) does everything else, the same way for every kind.

A new kind of import is a new module with a `Schema` subclass, never a new driver.
"""

from __future__ import annotations

import abc
import contextlib
import dataclasses
from typing import Any, Callable, ClassVar, Generic, TypeVar

from kiosk.domain import audit
from kiosk.domain.errors import DomainError
from kiosk.domain.imports.problems import LineProblem

CHUNK = 5000  # rows per insert, and between two progress reports

Row = TypeVar("Row")


@dataclasses.dataclass(frozen=True)
class Column:
    name: str  # the header, lower case
    parse: Callable[[str], Any]  # the cell's stripped text -> the value; raises Problem (one line)
    required: bool = True  # an optional column may be left out of the file: its cells read as ""
    # Its cells recur (project ids, sources, names, dates): each distinct text is parsed once. Only
    # for a parser that answers the same text the same way all through the import.
    repeats: bool = False


@dataclasses.dataclass(frozen=True)
class Settled(Generic[Row]):
    """What the checks inside the write lock decided."""

    todo: list[Row]  # rows to write, in file order
    skipped: list[LineProblem] = dataclasses.field(default_factory=list)  # left out, the rest is written
    refused: list[LineProblem] = dataclasses.field(default_factory=list)  # any: nothing is written


class Schema(abc.ABC, Generic[Row]):
    """One kind of import. An instance lives for one import: `__init__` loads what checking
    needs (known projects, polls …), and checks may keep state across rows (duplicates)."""

    action: ClassVar[str]  # the audit action of the import's entry, e.g. contribution.import
    entity: ClassVar[str]  # its entity, one of fingerprints.BATCH_ENTITIES
    row: ClassVar[type]  # a dataclass: `line`, then one field per column, in column order
    chunk: ClassVar[int] = CHUNK

    total_fen: int = 0  # money the import added, for its result

    @abc.abstractmethod
    def columns(self) -> tuple[Column, ...]:
        """The file's columns, optional ones last."""

    def check(self, row: Row) -> Row:
        """Checks across the columns of a row and across rows of the file (duplicates); raises
        Problem. Returns the row to write (it may resolve names to ids)."""
        return row

    def settle(self, rows: list[Row]) -> Settled[Row]:
        """Inside the write lock, before any row is written: what the database already holds."""
        return Settled(rows)

    def writing(self) -> contextlib.AbstractContextManager:
        """Around all the chunks' writes, inside the transaction (e.g. totals summed once at the end)."""
        return contextlib.nullcontext()

    @abc.abstractmethod
    def write(self, w: audit.Write, seq: int, rows: list[Row]) -> None:
        """Write one chunk (insert_many), inside the import's audited transaction. `seq` is the
        import's audit entry, which rows may point at."""

    def audit_fields(self, skipped: int) -> dict[str, Any]:
        """What the import's audit entry records beyond file, sha256, rows and count."""
        return {}

    def refusal(self, exc: Exception) -> DomainError | None:
        """A database error of the write that a person should see as a refusal, or None."""
        return None


def field_names(schema: Schema) -> tuple[str, ...]:
    """The row dataclass's fields after `line`: they must be the columns, in order."""
    return tuple(f.name for f in dataclasses.fields(schema.row))[1:]
