"""Bench-only raw baseline: a `websockets` server with no Django.

Readers connect to /; a client on /trigger sends a payload, which the server
hands to websockets.broadcast() for every reader.
"""

import asyncio
import sys

import websockets

readers: set = set()


async def handler(ws):
    if ws.request.path == "/trigger":
        async for message in ws:
            websockets.broadcast(readers, message)
        return
    readers.add(ws)
    try:
        await ws.wait_closed()
    finally:
        readers.discard(ws)


async def main(port: int) -> None:
    async with websockets.serve(handler, "127.0.0.1", port, max_size=2**20, backlog=2048):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
