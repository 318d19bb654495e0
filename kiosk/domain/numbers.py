"""The one way a percentage is printed, and the one way a bar is filled from it.

Rules, so that a figure read at a glance is never more than the truth:
- rounded down: 99.93% reads 99.9%, never 100% before the target is reached;
- a threshold that is not reached is not shown as reached (66.6%, not 67%, below 2/3), and one
  that is reached reads as reached (2 of 3 reads 66.7%, not 66.6%), even when rounding down
  would fall just short of it;
- shares shown together (vote options, the six sources) add up to 100: largest remainder, never
  lifting a share across a threshold it has not reached;
- a bar fills floor(percent x width) cells of the percent as printed, so cells and words agree.
Pure integer arithmetic (Fraction for thresholds): no float ever decides a figure. It sits in the
domain beside money's yuan() so that the exports and every screen print the same figures.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

TWO_THIRDS = Fraction(2, 3)
HALF = Fraction(1, 2)
THREE_QUARTERS = Fraction(3, 4)


@dataclasses.dataclass(frozen=True)
class Threshold:
    """A bound given as a fraction of the whole; `strict` when it must be exceeded (> 1/2)."""

    value: Fraction
    strict: bool = False

    def met(self, part: int, whole: int) -> bool:
        if whole <= 0:
            return False
        return part * self.value.denominator > self.value.numerator * whole if self.strict else \
            part * self.value.denominator >= self.value.numerator * whole

    def least_units(self, scale: int) -> int:
        """The smallest printable value (in 1/scale of a percent) that reads as this bound met."""
        exact = self.value * 100 * scale
        floor = exact.numerator // exact.denominator
        if exact == floor:
            return floor + 1 if self.strict else floor
        return floor + 1


AT_LEAST_TWO_THIRDS = Threshold(TWO_THIRDS)
MORE_THAN_HALF = Threshold(HALF, strict=True)
AT_LEAST_THREE_QUARTERS = Threshold(THREE_QUARTERS)


@dataclasses.dataclass(frozen=True)
class Percent:
    """A percentage as printed: `units` of 1/10**places of a percent."""

    units: int
    places: int = 1

    @property
    def scale(self) -> int:
        return 10 ** self.places

    def text(self, *, trim: bool = False) -> str:
        """'99.9' ('100' with trim instead of '100.0'); no sign: the caller adds '%'."""
        whole, frac = divmod(self.units, self.scale)
        if not self.places or (trim and frac == 0):
            return str(whole)
        return f"{whole}.{frac:0{self.places}d}"

    def __str__(self) -> str:
        return self.text()

    def __float__(self) -> float:
        return self.units / self.scale

    def cells(self, width: int) -> int:
        """Filled cells of a `width`-cell bar: floor(percent x width), within the bar."""
        if width <= 0:
            return 0
        return max(0, min(width, self.units * width // (100 * self.scale)))


def percent(part: int, whole: int, *, places: int = 1, thresholds: tuple[Threshold, ...] = ()) -> Percent:
    """part/whole as a printed percentage (0 when the whole is 0)."""
    scale = 10 ** places
    if whole <= 0 or part <= 0:
        return Percent(0, places)
    units = part * 100 * scale // whole
    for t in thresholds:
        least = t.least_units(scale)
        if t.met(part, whole):  # rounding down must not hide a bound that was reached
            units = max(units, least)
    return Percent(units, places)


def percent_of_float(value: float, *, places: int = 1) -> Percent:
    """A percentage that is already a float (works progress, 0-100): rounded down likewise."""
    scale = 10 ** places
    # The small nudge keeps 60.0 (stored as 59.99999…) at 60.0; it never lifts a figure past a
    # place that was not there (it is far below the last printed digit).
    units = int(max(0.0, value) * scale + 1e-9)
    return Percent(units, places)


def remainder_order(remainders: list[int], weights: list[int]) -> list[int]:
    """Indices in the order the largest remainder method hands out what is left: the largest
    remainder first, the larger weight on a tie, then the earlier index (the sort is stable)."""
    return sorted(range(len(weights)), key=lambda i: (remainders[i], weights[i]), reverse=True)


def apportion(total: int, weights: list[int]) -> list[int]:
    """`total` (an integer: fen, cells) shared in proportion to `weights` by the largest remainder
    method: every part is its exact share rounded down, plus one for the largest remainders, so
    the parts add up to `total` exactly. All zero when the weights are."""
    whole = sum(weights)
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("apportion takes a non-negative total and weights")
    if whole <= 0:
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    budget = total - sum(parts)
    for i in remainder_order(remainders, weights)[:budget]:
        parts[i] += 1
    return parts


def shares(parts: list[int], whole: int | None = None, *, places: int = 0,
           thresholds: tuple[Threshold, ...] = ()) -> list[Percent]:
    """Each part's share of `whole` (default: their sum), together adding up to 100 when the parts
    make up the whole (largest remainder method). When they do not (ballots for no option), the
    unshown rest takes its own share so that what is shown still adds up with it."""
    scale = 10 ** places
    total_parts = sum(parts)
    whole = total_parts if whole is None else whole
    if whole <= 0:
        return [Percent(0, places) for _p in parts]
    rest = max(0, whole - total_parts)
    items = list(parts) + ([rest] if rest else [])
    exact = [p * 100 * scale for p in items]
    units = [e // whole for e in exact]
    remainders = [e % whole for e in exact]
    budget = 100 * scale - sum(units)
    fixed = set()
    # Thresholds first: a share that reached one reads as reached; one that did not is capped.
    ceiling = [None] * len(items)
    for i in range(len(parts)):
        for t in thresholds:
            least = t.least_units(scale)
            if t.met(items[i], whole):
                if units[i] < least and budget > 0:
                    budget -= least - units[i]
                    units[i] = least
                    fixed.add(i)
            else:
                ceiling[i] = least - 1 if ceiling[i] is None else min(ceiling[i], least - 1)
    for i in remainder_order(remainders, items):
        if budget <= 0:
            break
        if i in fixed or remainders[i] == 0:
            continue
        if ceiling[i] is not None and units[i] + 1 > ceiling[i]:
            continue
        units[i] += 1
        budget -= 1
    return [Percent(u, places) for u in units[: len(parts)]]
