"""A slower processor, approximated: one core (taskset) and a share of its time (a Linux cgroup's
CPU quota), for the small-box rows.

A Raspberry Pi-class board runs CPython several times slower per core than a server core. Short of
measuring on one, the apps here get `SHARE` of one core: the kernel lets them run 4 ms, then
holds them until the period (13 ms) ends, so a key press sees stalls of a few milliseconds, much
as on a slower clock, rather than the 70 ms stalls of the default 100 ms period. (A 1 ms quota,
the kernel's shortest, overshoots at the scheduler's tick and gave less than 2× here.) The rows
report the slow-down a pure-Python loop measured, to compare with a benchmark of the board. Needs a cgroup the benchmark may create (root, or a delegated cgroup v2 subtree);
otherwise the rows say why they are not available.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys

SHARE = 0.3  # of one core: about a third of this machine's speed (see docs/benchmarks.md)
RUN_US = 4000  # quota per period, in microseconds
NAME = f"kiosk-benchmark-slow-{os.getpid()}"  # one per run: runs side by side keep apart
V1 = "/sys/fs/cgroup/cpu"
V2 = "/sys/fs/cgroup"


class SlowCpu:
    """`with SlowCpu() as slow:` — `slow.prefix` runs a command inside the quota (None, with
    `slow.why`, when it cannot be set up here)."""

    def __init__(self, share: float = SHARE) -> None:
        self.share = share
        self.path: str | None = None
        self.prefix: tuple[str, ...] | None = None
        self.why = ""

    def __enter__(self) -> "SlowCpu":
        if not shutil.which("taskset"):
            self.why = "taskset is not installed"
            return self
        period = round(RUN_US / self.share)
        try:
            if os.path.isfile(os.path.join(V1, "cpu.cfs_quota_us")):
                self.path = os.path.join(V1, NAME)
                os.makedirs(self.path, exist_ok=True)
                _write(self.path, "cpu.cfs_period_us", period)
                _write(self.path, "cpu.cfs_quota_us", RUN_US)
            elif "cpu" in _read(V2, "cgroup.subtree_control").split():
                self.path = os.path.join(V2, NAME)
                os.makedirs(self.path, exist_ok=True)
                _write(self.path, "cpu.max", f"{RUN_US} {period}")
            else:
                self.why = "no cgroup CPU controller that this user may use"
                return self
        except OSError as error:
            self.why = f"cannot set a CPU quota here ({error.strerror or error}); run as root"
            self.path = None
            return self
        procs = os.path.join(self.path, "cgroup.procs")
        # The shell moves itself into the group, then becomes the app (same pid, so its peak
        # memory is still read from /proc/<pid>).
        self.prefix = ("sh", "-c", 'echo $$ > "$0" && exec "$@"', procs, "taskset", "-c", "0")
        return self

    def slowdown(self, runs: int = 3) -> float:
        """How many times longer a pure-Python loop takes inside the quota than on one whole core
        (medians of alternating runs): the figure a deployer compares with their board's."""
        whole, slow = [], []
        for _ in range(runs):
            whole.append(_loop_seconds(("taskset", "-c", "0")))
            slow.append(_loop_seconds(self.prefix))
        return statistics.median(slow) / statistics.median(whole)

    def cpu_share(self) -> float:
        """The share of the time a pure-Python loop inside the quota got the processor: the
        quota's ceiling, whatever else the machine runs (other work can only lower it)."""
        out = subprocess.run([*self.prefix, sys.executable, "-c", _SHARE_LOOP], capture_output=True, text=True, check=True)
        return float(out.stdout)

    def __exit__(self, *exc) -> None:
        if self.path:
            try:
                os.rmdir(self.path)  # refused while a process is still inside: left for the next run
            except OSError:
                pass


_LOOP = "import time; t = time.perf_counter(); sum(i * i for i in range(2_000_000)); print(time.perf_counter() - t)"

_SHARE_LOOP = ("import time; t, c = time.perf_counter(), time.process_time(); sum(i * i for i in range(2_000_000)); "
               "print((time.process_time() - c) / (time.perf_counter() - t))")


def _loop_seconds(prefix) -> float:
    out = subprocess.run([*prefix, sys.executable, "-c", _LOOP], capture_output=True, text=True, check=True)
    return float(out.stdout)


def _write(directory: str, name: str, value) -> None:
    with open(os.path.join(directory, name), "w", encoding="ascii") as fh:
        fh.write(f"{value}\n")


def _read(directory: str, name: str) -> str:
    try:
        with open(os.path.join(directory, name), encoding="ascii") as fh:
            return fh.read()
    except OSError:
        return ""
