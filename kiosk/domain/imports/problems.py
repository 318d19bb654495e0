"""What an import refuses: one cell or row (`Problem`, one line of text), or a whole file
(`RowErrors`, every bad row with the line number a spreadsheet shows)."""

from __future__ import annotations

import dataclasses

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _

SHOWN = 50


class Problem(ValueError):
    """Why one cell or row cannot be imported: one line, already translated."""

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


@dataclasses.dataclass(frozen=True)
class LineProblem:
    line: int  # spreadsheet row number (header = 1)
    problem: str

    def __iter__(self):  # `for line, why in err.problems` reads as it always did
        return iter((self.line, self.problem))


class RowErrors(ValidationError):
    """Every bad row of a file, each with its spreadsheet line number. Nothing was written."""

    def __init__(self, label: str, problems: list[LineProblem] | list[tuple[int, str]]):
        self.problems = [p if isinstance(p, LineProblem) else LineProblem(*p) for p in problems]
        shown = "\n".join(_("  line {line}: {problem}").format(line=p.line, problem=p.problem) for p in self.problems[:SHOWN])
        more = len(self.problems) - SHOWN
        tail = ("\n" + _("  … and {n} more").format(n=more)) if more > 0 else ""
        super().__init__(
            _("{path}: {n} bad rows, nothing was imported:").format(path=label, n=len(self.problems)) + "\n" + shown + tail
        )
