"""The benchmark rows added for a sub-district's server and a small box run at a tiny scale:
verify from the checkpoint, the latency proxy, the ten-times build with its export, the one-core
start-up, and the screen switches on PostgreSQL through the proxy (with KIOSK_TEST_PG).
No timing is asserted: speed is what `python -m benchmarks` reports."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import os
import shutil
import socket
import threading
import time

import pytest

from benchmarks import commands, generate, latency_proxy, postgres, startup, tenfold
from benchmarks.__main__ import SMALL_BOX
from benchmarks.context import Context
from benchmarks.report import Progress
from benchmarks.terminal import Tmux
from benchmarks.terminal import available as tmux_available

TINY = generate.Scale.of(0.005)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-rows")
    summary = generate.build(str(out / "subdistrict.db"), TINY)
    ctx = Context(out=str(out), db=summary.path, quick=True, progress=Progress(io.StringIO()), estate=summary.estate_name)
    return ctx, summary


def test_verify_rows_full_then_from_the_checkpoint(built):
    ctx, summary = built
    full = commands.verify(ctx, full=True)
    assert full.data["exit"] == 0 and full.name.startswith("kiosk verify --full"), full.note
    commands.import_csv(ctx, summary.open_project_ids, 200)
    since = commands.verify(ctx)
    assert since.data["exit"] == 0, since.note
    assert "checked from the last --full" in since.note


def _echo_server() -> tuple[socket.socket, int]:
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()

    def serve() -> None:
        conn, _addr = srv.accept()
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    return srv, srv.getsockname()[1]


def test_the_latency_proxy_adds_the_round_trip_and_keeps_the_bytes():
    srv, port = _echo_server()
    ready = threading.Event()
    bound: list[int] = []
    loop = asyncio.new_event_loop()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(latency_proxy.serve("127.0.0.1", 0, "127.0.0.1", port, 40.0,
                                                        lambda p: (bound.append(p), ready.set())))
        except asyncio.CancelledError:
            pass

    threading.Thread(target=run, daemon=True).start()
    assert ready.wait(10)
    with socket.create_connection(("127.0.0.1", bound[0])) as c:
        payload = bytes(range(256)) * 300
        t0 = time.perf_counter()
        c.sendall(payload)
        got = b""
        while len(got) < len(payload):
            got += c.recv(65536)
        elapsed = time.perf_counter() - t0
    assert got == payload
    assert elapsed >= 0.040  # 20 ms each way, at least
    srv.close()
    for task in asyncio.all_tasks(loop):
        loop.call_soon_threadsafe(task.cancel)


def test_the_tenfold_rows_build_and_export(built):
    ctx, _summary = built
    rows = tenfold.measure(ctx, 0.01)
    names = [r.name for r in rows]
    assert names[:2] == ["10×: build", "10×: kiosk export report"], rows
    assert rows[0].data["counts"]["contributions"] == generate.Scale.of(0.01).contributions
    assert rows[1].data.get("seconds"), rows[1].note
    assert names[2:] == ["10×: lobby first paint and memory"]  # no terminal given


@pytest.mark.skipif(not tmux_available() or not shutil.which("taskset"), reason="needs tmux and taskset")
def test_the_small_box_start_runs_on_one_core(built):
    ctx, _summary = built
    one = dataclasses.replace(ctx, prefix=SMALL_BOX, repeats=1)
    with Tmux(ctx.out) as term:
        rows = startup.measure(one, term)
    assert one.kiosk("lobby")[:3] == list(SMALL_BOX)
    assert rows[1].name == "first paint, lobby / bare" and rows[1].data["seconds"], rows


def test_the_slow_box_quota_slows_a_loop_and_leaves_no_group_behind():
    from benchmarks import slow_cpu

    with slow_cpu.SlowCpu() as slow:
        if slow.prefix is None:
            pytest.skip(f"no CPU quota here: {slow.why}")
        share = slow.cpu_share()
        path = slow.path
    # At most about a third of the processor's time (the kernel's accounting is coarse). The
    # slow-down against a whole core is not asserted: a busy machine slows the whole-core run
    # too, down to below the quota (seen at load 11), so only the ceiling holds every time.
    assert share <= slow_cpu.SHARE + 0.1, share
    assert not os.path.exists(path)


@pytest.mark.skipif(not tmux_available() or not os.environ.get("KIOSK_TEST_PG"), reason="needs tmux and KIOSK_TEST_PG")
def test_screen_switches_run_on_postgresql_through_the_proxy(tmp_path):
    # A sub-district of its own: the module's is imported into by other tests, and a file whose
    # receipts are already recorded imports nothing (the import row then says so, next test).
    summary = generate.build(str(tmp_path / "subdistrict.db"), TINY)
    ctx = Context(out=str(tmp_path), db=summary.path, quick=True, progress=Progress(io.StringIO()),
                  estate=summary.estate_name, presses=1)
    with Tmux(ctx.out) as term:
        rows = postgres.measure(ctx, term, os.environ["KIOSK_TEST_PG"], summary.open_project_ids, 50)
    *switches, imported, floor = rows
    assert switches and all(r.name.startswith("PG +5 ms: ") for r in switches)
    assert any(r.data.get("ms") for r in switches), [(r.name, r.figure, r.note) for r in switches]
    assert imported.data.get("rows") == 50, imported.note
    # The floor copied exactly the rows the import wrote, into a database left as it was before.
    assert floor.data["rows"] == 50 and floor.data["seconds"] > 0, (floor, imported)


def test_an_import_that_writes_nothing_is_not_timed_as_an_import(tmp_path):
    summary = generate.build(str(tmp_path / "subdistrict.db"), TINY)
    ctx = Context(out=str(tmp_path), db=summary.path, quick=True, progress=Progress(io.StringIO()), estate=summary.estate_name)
    first = commands.import_csv(ctx, summary.open_project_ids, 30)
    again = commands.import_csv(ctx, summary.open_project_ids, 30, "the same receipts again")
    assert first.data.get("rows") == 30, first.note
    assert again.ok is False and "rows" not in again.data, again  # refused, or wrote nothing: a FAIL, never a time
