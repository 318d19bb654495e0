"""python -m benchmarks.web [--db FILE] [--scale 1.0] [--seconds 10] [--connections 8]

The estate page of `kiosk web` under load: wrk (a real load generator) against uvicorn, on a
synthetic sub-district (200,000 contributions at scale 1.0, benchmarks.generate) or a database
given with --db. Targets: p95 <= 50 ms and >= 300 requests/s. wrk runs on the same machine and
takes its share of the cores: the figures are what one box serves with the load generator on it.

`measure(ctx-free arguments)` returns Rows for the one benchmark table; `main()` runs it alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchmarks import generate, machine
from benchmarks.report import Progress, Row, table, unavailable

P95_MS = 50.0
MIN_RPS = 300.0
# wrk prints its own figures; this script adds the 95th percentile and the error count, parseable.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("p50_us=%d p95_us=%d p99_us=%d requests=%d errors=%d non2xx=%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kiosk web exited: {proc.stderr.read().decode(errors='replace')[-500:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("kiosk web did not answer within 30 s")


def measure(db: str, *, estate: str | None = None, seconds: int = 10, connections: int = 8) -> list[Row]:
    name = "web: estate page under wrk"
    if shutil.which("wrk") is None:
        return [unavailable(name, "needs wrk (apt-get install wrk)")]
    port = _free_port()
    # A box in one estate (--estate) serves its page at /; a sub-district's service at /?estate=ID.
    url = f"http://127.0.0.1:{port}/" + ("" if estate else "?estate=1")
    args = [sys.executable, "-m", "kiosk", "--db", db, "web", "--port", str(port)]
    if estate:
        args += ["--estate", estate]
    env = dict(os.environ, KIOSK_CONFIG=os.devnull)
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    try:
        _wait_up(url, proc)
        size = len(urllib.request.urlopen(url, timeout=5).read())
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        try:
            subprocess.run(["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True)  # warm up
            out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                                  "-s", script.name, url], capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(script.name)
    finally:
        proc.terminate()
        proc.wait(10)
    figures = dict((k, int(v)) for k, v in re.findall(r"(\w+)=(\d+)", out))
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))
    p95_ms = figures["p95_us"] / 1000
    clean = figures["errors"] == 0 and figures["non2xx"] == 0
    data = {"rps": rps, "p50_ms": figures["p50_us"] / 1000, "p95_ms": p95_ms, "p99_ms": figures["p99_us"] / 1000,
            "requests": figures["requests"], "errors": figures["errors"], "non2xx": figures["non2xx"],
            "page_bytes": size, "connections": connections, "seconds": seconds}
    note = (f"wrk -t2 -c{connections} -d{seconds}s on the same machine; p50 {data['p50_ms']:.1f} ms, "
            f"p99 {data['p99_ms']:.1f} ms, {figures['requests']} requests, {figures['errors']} errors, "
            f"{figures['non2xx']} non-2xx, page {size} bytes")
    return [
        Row("web: estate page p95 latency", f"{p95_ms:.1f} ms", f"<= {P95_MS:.0f} ms", p95_ms <= P95_MS and clean, note, data),
        Row("web: estate page throughput", f"{rps:.0f} req/s", f">= {MIN_RPS:.0f} req/s", rps >= MIN_RPS and clean, "", data),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__.splitlines()[0])
    p.add_argument("--db", help="an existing database (default: build a synthetic sub-district in a temporary folder)")
    p.add_argument("--estate", help="serve only this estate, as a box does (default: a sub-district's service, estate 1)")
    p.add_argument("--scale", type=float, default=1.0, help="size of the synthetic sub-district (1.0: 200,000 contributions)")
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=8)
    args = p.parse_args(argv)
    progress = Progress()
    with tempfile.TemporaryDirectory(prefix="kiosk-web-bench-") as tmp:
        db = args.db
        if not db:
            db = os.path.join(tmp, "subdistrict.db")
            progress.step(f"building a synthetic sub-district (scale {args.scale})")
            generate.build(db, generate.Scale.of(args.scale), lambda what, done, total: progress.update(f"generating {what}", done, total))
        progress.step("measuring the estate page with wrk")
        rows = measure(db, estate=args.estate, seconds=args.seconds, connections=args.connections)
    print(table(machine.details(), rows, "kiosk web"))
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
