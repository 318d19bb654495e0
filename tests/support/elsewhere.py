"""Writes made by another process, as staff make them: the real `kiosk` command in a child process
(run in a thread, so that the app under test keeps running meanwhile)."""

from __future__ import annotations

import asyncio

from kiosk_process import run_kiosk


async def post_notice_elsewhere(db: str, title: str, body: str = "x") -> None:
    result = await asyncio.to_thread(run_kiosk, "--db", db, "notice", "post", "--title", title, "--body", body)
    assert result.returncode == 0, result.stderr
