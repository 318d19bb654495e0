"""KIOSK_CLOCK_SPEED fast-forwards kiosk time (for the display soak); anything odd is ignored."""

import subprocess
import sys

from kiosk_process import kiosk_env

PROBE = (
    "import time; from kiosk import clock; a = clock.now(); time.sleep(0.5); b = clock.now(); "
    "print(clock.speed(), (b - a).total_seconds())"
)


def _probe(speed: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=kiosk_env(KIOSK_CLOCK_SPEED=speed), check=True)
    s, elapsed = out.stdout.split()
    return float(s), float(elapsed)


def test_speed_runs_the_clock_faster():
    speed, elapsed = _probe("3600")
    assert speed == 3600
    assert elapsed >= 1500  # half a real second is half an hour


def test_bad_speeds_leave_real_time():
    for value in ("0", "-5", "fast", ""):
        speed, elapsed = _probe(value)
        assert speed == 1
        assert elapsed <= 2
