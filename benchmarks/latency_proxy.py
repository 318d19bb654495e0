"""A TCP proxy that adds latency: what a database server across a sub-district's network feels like.

    python -m benchmarks.latency_proxy --to 127.0.0.1:5432 --rtt-ms 5 [--port 0]

Every byte is held for half the round-trip time in each direction (so a query and its answer take
`rtt-ms` longer), keeping order and without holding later bytes back any longer than that: chunks
are queued with the moment they may go. Prints the port it listens on, then serves until killed.
Standard library only (asyncio).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def send() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.ensure_future(send())
    try:
        while data := await reader.read(65536):
            queue.put_nowait((time.monotonic() + delay, data))
    except ConnectionError:
        pass
    queue.put_nowait((0.0, b""))
    try:
        await sender
    except ConnectionError:
        pass


async def serve(host: str, port: int, to_host: str, to_port: int, rtt_ms: float, ready=None) -> None:
    delay = rtt_ms / 2000.0

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(to_host, to_port)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(_pipe(client_r, server_w, delay), _pipe(server_r, client_w, delay))

    server = await asyncio.start_server(handle, host, port)
    bound = server.sockets[0].getsockname()[1]
    if ready:
        ready(bound)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.latency_proxy", description=__doc__.split("\n\n")[0])
    p.add_argument("--to", required=True, metavar="HOST:PORT", help="the server to forward to")
    p.add_argument("--rtt-ms", type=float, default=5.0, help="round-trip time to add, in milliseconds (default 5)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: any free one, printed)")
    args = p.parse_args(argv)
    to_host, _sep, to_port = args.to.rpartition(":")

    def ready(port: int) -> None:
        print(port, flush=True)

    try:
        asyncio.run(serve(args.host, args.port, to_host, int(to_port), args.rtt_ms, ready))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
