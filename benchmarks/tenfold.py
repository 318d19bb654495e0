"""Ten times the sub-district (300 estates, 200,000 households, 2,000,000 contributions): what
must not grow with the ledger. Only with `--tenfold` (building it takes minutes).

- `kiosk export report` (every estate, JSON) must stay within 2 s: it reads the running totals
  (`funding_total`), never the ledger;
- the lobby's first paint and peak memory on the big database against the same lobby on the 1×
  one, alternating starts in the same run: the same within noise (home reads the totals too).
"""

from __future__ import annotations

import dataclasses
import os

from benchmarks import commands, generate, startup
from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.stats import median

SAME = 1.1  # "the same": within a tenth


def measure(ctx: Context, factor: float, term=None) -> list[Row]:
    sc = generate.Scale.of(factor)
    path = os.path.join(ctx.out, "tenfold.db")
    ctx.progress.step(f"building ten times the sub-district: {sc.estates} estates, {sc.households:,} households, "
                      f"{sc.contributions:,} contributions (minutes)")
    summary = generate.build(path, sc, lambda what, done, total: ctx.progress.update(f"generating {what} (10×)", done, total))
    big = dataclasses.replace(ctx, db=path, estate=summary.estate_name)
    c = summary.counts
    rows = [Row("10×: build", f"{summary.seconds:.0f} s", "", None,
                f"{c['estates']} estates, {c['households']:,} households, {c['contributions']:,} contributions, "
                f"{c['reports']:,} reports", data={"counts": c, "seconds": summary.seconds})]
    rows.append(commands.export(big, 3 if ctx.quick else 5, "10×: kiosk export report", commands.EXPORT_S_10X))
    if term is None:
        return rows + [unavailable("10×: lobby first paint and memory", "tmux is not installed")]
    ok, why = app_available("lobby")
    if not ok:
        return rows + [unavailable("10×: lobby first paint and memory", why)]
    return rows + _lobby_against_1x(ctx, big, term)


def _lobby_against_1x(small: Context, big: Context, term) -> list[Row]:
    """The lobby on the 1× and the 10× database, alternating starts."""
    runs = {"1x": ([], []), "10x": ([], [])}
    total = 2 * (small.repeats + 1)
    k = 0
    for i in range(small.repeats + 1):
        for label, ctx in (("1x", small), ("10x", big)):
            small.progress.update("lobby cold starts, 1× and 10× alternating", k, total)
            k += 1
            seconds, peak, _screen = startup._one(term, ctx, f"tenfold-{label}-{i}", ctx.kiosk("lobby"), ctx.estate)
            if i > 0:
                runs[label][0].append(seconds)
                runs[label][1].append(peak)
    small.progress.update("lobby cold starts", total, total)
    s1, s10 = median(runs["1x"][0]), median(runs["10x"][0])
    m1, m10 = median(runs["1x"][1]), median(runs["10x"][1])
    note = f"median of {small.repeats} starts each, alternating with the lobby on the 1× database"
    return [
        Row("10×: lobby first paint / 1×", f"{s10:.3f} s vs {s1:.3f} s = {s10 / s1:.2f}×", f"≤ {SAME}×", s10 / s1 <= SAME,
            note, data={"seconds_10x": runs["10x"][0], "seconds_1x": runs["1x"][0]}),
        Row("10×: lobby peak memory / 1×", f"{m10 / 1024:.1f} MB vs {m1 / 1024:.1f} MB = {m10 / m1:.2f}×", f"≤ {SAME}×",
            m10 / m1 <= SAME, data={"peak_kb_10x": runs["10x"][1], "peak_kb_1x": runs["1x"][1]}),
    ]
