"""Sign-ins from several processes at the same moment, as several SSH sessions send them: each
process connects, waits for the others, then (after its position's share of a short stagger, so
that "position 27" means the 27th attempt sent) signs in once."""

from __future__ import annotations

import multiprocessing
import time

# Between two positions' attempts: short against a password hash (~0.1 s), so every attempt is
# still hashing while the later ones are sent.
STAGGER_S = 0.01


def _worker(db: str, position: int, username: str, password: str, barrier, results) -> None:
    from kiosk.db import connection
    from kiosk.domain import auth
    from kiosk.domain.errors import AuthError

    connection.connect(db)
    try:
        barrier.wait(timeout=300)
        time.sleep(position * STAGGER_S)
        try:
            auth.login(username, password)
            results.put((position, "in", ""))
        except AuthError as exc:
            results.put((position, "refused", str(exc)))
        except Exception as exc:  # anything else is a failure the test must see
            results.put((position, "error", repr(exc)))
    finally:
        connection.close()


def race(db: str, username: str, passwords: list[str]) -> dict[int, tuple[str, str]]:
    """One process per password, positions 1, 2, …; returns {position: (outcome, message)}."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(passwords))
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(db, i, username, pw, barrier, results))
             for i, pw in enumerate(passwords, start=1)]
    for proc in procs:
        proc.start()
    got = {}
    for _ in procs:
        position, outcome, message = results.get(timeout=300)
        got[position] = (outcome, message)
    for proc in procs:
        proc.join(timeout=60)
    return got
