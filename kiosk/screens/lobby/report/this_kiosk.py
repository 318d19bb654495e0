"""The name a lobby gives itself when it files a report: reports.submit(kiosk=…) counts its rate
limit per kiosk (one person at one kiosk blocks no other), and the report's first event and its
audit entry say which box filed it (staff only)."""

from __future__ import annotations

import os
import socket


def kiosk_name() -> str:
    """Host and process: two lobbies never share a count, even on one box."""
    return f"{socket.gethostname()}:{os.getpid()}"
