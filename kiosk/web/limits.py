"""Rate limits in memory: so many events per window for one key (a client address, a household).

In memory of this one process, on purpose: `kiosk web` runs as one process, and a restart that
forgets the counts only gives back a few minutes' allowance. The domain keeps its own lasting
limits (kiosk_pledges: unpaid pledges per household and project, pledges a day)."""

from __future__ import annotations

import time
from collections import deque


class Limiter:
    def __init__(self, events: int, window_s: float, *, max_keys: int = 100_000) -> None:
        self.events = events
        self.window_s = window_s
        self.max_keys = max_keys
        self._seen: dict[str, deque[float]] = {}

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._seen.get(key)
        if q is None:
            if len(self._seen) >= self.max_keys:  # a flood of addresses must not eat the memory
                self._seen.clear()
            q = self._seen[key] = deque()
        while q and q[0] <= now - self.window_s:
            q.popleft()
        return q

    def blocked(self, key: str) -> bool:
        """Whether `key` has used its allowance (without counting this look)."""
        return len(self._recent(key, time.monotonic())) >= self.events

    def hit(self, key: str) -> bool:
        """Count one event; False when it is over the allowance (then it is not counted)."""
        now = time.monotonic()
        q = self._recent(key, now)
        if len(q) >= self.events:
            return False
        q.append(now)
        return True
