"""Liveblog fan-out: time from posting an entry to its receipt by every reader.

    .venv/bin/python bench/liveblog_fanout.py [--clients 1000] [--layer memory|redis]
                                              [--processes 1|2] [--rounds 5] [--runs 1]
                                              [--idle SECONDS] [--skip-bare]

Three variants, the same number of WebSocket clients each, all started and
connected at once, on 127.0.0.1 only:
  liveblog  the real site (config.asgi) under daphne -v 0 on a throwaway SQLite
            database; an entry is posted over HTTP to the composer endpoint;
  bare      a bare Channels consumer per reader, all in one group, one
            group_send of a payload the size of the liveblog frame
            (bench/liveblog_bare_asgi.py);
  raw       a `websockets` server calling broadcast(), no Django
            (bench/liveblog_raw_server.py, always one process).
Clients are spread round-robin over the daphne processes; posts and triggers
go to the first. After an unmeasured round each, the measured rounds are
interleaved (liveblog, bare, raw, then raw, bare, liveblog, ...), so a noisy
neighbour or a busy client process hits every variant alike. Each variant
prints p50, p99, the slowest delivery of each round, and the server's memory
per connected reader (resident memory of its processes with the readers
connected, less before they connected). The last
line of a run is the ratio of p99s and of p50s, liveblog/raw.

--idle 60 waits 60 s of silence before each measured round (in every
variant), so a connection gone cold (a Redis read timing out, a pool's stale
connection) shows in the figures. --runs 3 repeats the whole run three times.
"""

import argparse
import asyncio
import contextlib
import json
import os
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import websockets

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ROUND_TIMEOUT = 15.0
TOKEN_LEN = len("bench-round-0000")
BODY_FILL = (
    "Councils compared how they buy energy together so that residents pay less, and "
    "how credit unions and advice services can offer fair alternatives to pay day "
    "lenders. "
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raise_open_files_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def wait_http(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited while starting: {url}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start: {url}")


def daphne(app: str, port: int, env: dict) -> subprocess.Popen:
    log = open(Path(env["BENCH_WORKDIR"]) / f"daphne-{port}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [PYTHON, "-m", "daphne", "-v", "0", "-b", "127.0.0.1", "-p", str(port), app],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


async def http_post(port: int, path: str, body: bytes, headers: dict) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    head += [f"{k}: {v}" for k, v in headers.items()]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()
    writer.close()
    return int(status_line.split()[1])


class Reader:
    def __init__(self, ws):
        self.ws = ws
        self.received: dict[str, float] = {}
        self.frame_len = 0

    async def run(self) -> None:
        try:
            async for message in self.ws:
                if isinstance(message, bytes):
                    message = message.decode()
                at = message.find("bench-round-")
                if at >= 0:
                    self.received.setdefault(message[at : at + TOKEN_LEN], time.perf_counter())
                    self.frame_len = len(message)
        except websockets.ConnectionClosed:
            pass


async def open_readers(urls: list[str], count: int, hello: str | None, origin_for) -> list:
    limit = asyncio.Semaphore(100)
    readers: list[Reader] = []
    failed = 0
    errors: dict[str, int] = {}

    async def one(i: int) -> None:
        nonlocal failed
        url = urls[i % len(urls)]
        async with limit:
            try:
                ws = await websockets.connect(
                    url,
                    origin=origin_for(url),
                    max_size=2**20,
                    open_timeout=30,
                    ping_interval=None,
                )
            except Exception as exc:
                failed += 1
                text = f"{type(exc).__name__}: {exc}"[:120]
                errors[text] = errors.get(text, 0) + 1
                return
            if hello is not None:
                await ws.send(hello)
                # Catch-up (entries of earlier runs) comes first, then "ready".
                while json.loads(await ws.recv()).get("type") != "ready":
                    pass
        reader = Reader(ws)
        readers.append(reader)

    await asyncio.gather(*(one(i) for i in range(count)))
    for text, n in errors.items():
        print(f"  {n} connection(s) failed: {text}", flush=True)
    tasks = [asyncio.create_task(r.run()) for r in readers]
    return readers, tasks, failed


def rss_kib(pids: list[int]) -> int:
    """Resident memory of these processes, KiB (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


@dataclass
class Variant:
    """One server under test, its connected readers and how to make it broadcast."""

    name: str
    readers: list
    tasks: list
    fire: Callable[[str], Awaitable[None]]
    memory: tuple[int, int]  # resident KiB before and after the readers connected
    servers: list[subprocess.Popen]
    logs: list[Path] = field(default_factory=list)  # daphne logs with GC pauses
    latencies: list[float] = field(default_factory=list)
    round_max: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)  # when the trigger was answered
    windows: list[tuple[float, float]] = field(default_factory=list)  # for the GC log
    delivered: int = 0


async def one_round(variant: Variant, token: str, *, record: bool = True) -> None:
    """Fire once and wait until every reader has the token (or ROUND_TIMEOUT)."""
    wall_started = time.time()
    started = time.perf_counter()
    await variant.fire(token)
    answered = (time.perf_counter() - started) * 1000
    deadline = started + ROUND_TIMEOUT
    while time.perf_counter() < deadline:
        if all(token in r.received for r in variant.readers):
            break
        await asyncio.sleep(0.005)
    if not record:
        return
    this_round = [
        (r.received[token] - started) * 1000 for r in variant.readers if token in r.received
    ]
    variant.answered.append(answered)
    variant.delivered += len(this_round)
    variant.latencies += this_round
    variant.round_max.append(max(this_round, default=float("nan")))
    variant.windows.append((wall_started, time.time()))


async def measure(variants: list[Variant], rounds: int, idle: float) -> None:
    """Rounds interleaved across the variants, alternating which goes first, so a noisy
    neighbour or a busy client hits them alike; silence before each round with --idle."""
    for n in range(rounds):
        order = variants if n % 2 == 0 else variants[::-1]
        for variant in order:
            if idle:
                await asyncio.sleep(idle)
            await one_round(variant, f"bench-round-{n:04d}")
            await asyncio.sleep(0.5)


def summary(variant: Variant, rounds: int) -> dict:
    latencies = sorted(variant.latencies)
    expected = len(variant.readers) * rounds
    return {
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan"),
        "max": latencies[-1] if latencies else float("nan"),
        "delivered": variant.delivered / expected if expected else 0.0,
    }


def server_pauses(logs: list[Path], windows: list[tuple[float, float]]) -> str:
    """The collector's pauses and daphne's slow timeout checks logged by
    bench.liveblog_asgi: all, and those inside a measured round."""
    pauses = []  # (ended at, what, ms)
    for log in logs:
        for line in log.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 6 and parts[0] == "gc" and parts[5] == "ms":
                pauses.append((float(parts[1]), f"gen {parts[3]}", float(parts[4])))
            elif len(parts) == 4 and parts[0] == "tick" and parts[3] == "ms":
                pauses.append((float(parts[1]), "timeout check", float(parts[2])))
    oldest = [ms for _, what, ms in pauses if what == "gen 2"]
    ticks = [ms for _, what, ms in pauses if what == "timeout check"]
    in_rounds = [
        f"{what} {ms:.0f} ms"
        for at, what, ms in pauses
        # Logged when it ends: it overlaps a round that began before it ended
        # and ended after it began.
        if any(at >= start and at - ms / 1000 <= end for start, end in windows)
    ]
    return (
        f"server GC: {len(oldest)} full collections (longest {max(oldest, default=0):.0f} ms), "
        f"{len(pauses) - len(ticks)} pauses logged; daphne timeout checks of 5 ms or more: "
        f"{len(ticks)} (longest {max(ticks, default=0):.0f} ms); "
        f"during measured rounds: {', '.join(in_rounds) or 'none'}"
    )


async def close_readers(readers, tasks) -> None:
    await asyncio.gather(*(r.ws.close() for r in readers), return_exceptions=True)
    for task in tasks:
        task.cancel()


def report(variant: Variant, result: dict, clients: int) -> None:
    before, after = variant.memory
    connected = len(variant.readers)
    per_reader = (after - before) / connected if connected else float("nan")
    result["kib_per_reader"] = per_reader
    rounds = " ".join(
        f"{m:.0f}/{a:.0f}" for m, a in zip(variant.round_max, variant.answered, strict=True)
    )
    print(
        f"{variant.name:9s} clients {connected}/{clients}  p50 {result['p50']:7.1f} ms  "
        f"p99 {result['p99']:7.1f} ms  max {result['max']:7.1f} ms  "
        f"delivered {result['delivered'] * 100:5.1f} %  "
        f"server memory {after / 1024:.0f} MiB, {per_reader:.1f} KiB per reader  "
        f"(per round, ms: slowest delivery/trigger answered: {rounds})",
        flush=True,
    )


async def connect(name, urls, clients, hello, origin_for, pids, fire, servers, logs=()):
    """Readers connected to a started server, its memory measured around them."""
    before = rss_kib(pids)
    readers, tasks, _failed = await open_readers(urls, clients, hello, origin_for)
    await asyncio.sleep(1.0)
    return Variant(name, readers, tasks, fire, (before, rss_kib(pids)), servers, list(logs))


async def start_liveblog(args, env, setup, stack: contextlib.ExitStack) -> Variant:
    ports = [free_port() for _ in range(args.processes)]
    servers = [daphne("bench.liveblog_asgi:application", port, env) for port in ports]
    stack.callback(stop, servers)
    for port, server in zip(ports, servers, strict=True):
        wait_http(f"http://127.0.0.1:{port}/healthz/", server)
    csrf = secrets.token_hex(16)
    headers = {
        "Cookie": f"sessionid={setup['sessionid']}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    path = setup["compose_path"]

    async def fire(token: str) -> None:
        body = f"{token} {BODY_FILL * 4}"
        data = urllib.parse.urlencode({"body": body}).encode()
        status = await http_post(ports[0], path, data, headers)
        if status != 200:
            raise RuntimeError(f"posting an entry answered HTTP {status}")

    return await connect(
        "liveblog",
        [f"ws://127.0.0.1:{p}/ws/liveblogs/{setup['page_id']}/" for p in ports],
        args.clients,
        json.dumps({"since": 0}),
        lambda url: "http://" + url.split("/")[2],
        [server.pid for server in servers],
        fire,
        servers,
        [Path(env["BENCH_WORKDIR"]) / f"daphne-{port}.log" for port in ports],
    )


async def start_bare(args, env, frame_len: list, stack: contextlib.ExitStack) -> Variant:
    ports = [free_port() for _ in range(args.processes)]
    servers = [daphne("bench.liveblog_bare_asgi:application", port, env) for port in ports]
    stack.callback(stop, servers)
    for port, server in zip(ports, servers, strict=True):
        wait_http(f"http://127.0.0.1:{port}/", server)

    async def fire(token: str) -> None:
        payload = json.dumps({"type": "entry", "html": token}).ljust(frame_len[0])
        await http_post(ports[0], "/trigger/", payload.encode(), {})

    return await connect(
        "bare",
        [f"ws://127.0.0.1:{p}/ws/bare/" for p in ports],
        args.clients,
        None,
        lambda url: "http://" + url.split("/")[2],
        [server.pid for server in servers],
        fire,
        servers,
    )


async def start_raw(args, frame_len: list, stack: contextlib.AsyncExitStack) -> Variant:
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, str(BASE_DIR / "bench" / "liveblog_raw_server.py"), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    stack.callback(stop, [server])
    server.stdout.readline()
    control = await websockets.connect(f"ws://127.0.0.1:{port}/trigger", max_size=2**20)
    stack.push_async_callback(control.close)

    async def fire(token: str) -> None:
        await control.send(json.dumps({"type": "entry", "html": token}).ljust(frame_len[0]))

    return await connect(
        "raw",
        [f"ws://127.0.0.1:{port}/"],
        args.clients,
        None,
        lambda u: None,
        [server.pid],
        fire,
        [server],
    )


async def one_run(args, env, setup) -> None:
    """Every variant started and its readers connected, then rounds interleaved."""
    async with contextlib.AsyncExitStack() as stack:
        sync_stack = stack.enter_context(contextlib.ExitStack())
        liveblog = await start_liveblog(args, env, setup, sync_stack)
        # The raw and bare frames are padded to the liveblog frame's size, which
        # the unmeasured first round shows; that round also pays, in every
        # variant alike, for loading templates and opening connections.
        await one_round(liveblog, "bench-round-warm", record=False)
        frame_len = [max((r.frame_len for r in liveblog.readers), default=1500)]
        variants = [liveblog]
        if not args.skip_bare:
            variants.append(await start_bare(args, env, frame_len, sync_stack))
        variants.append(await start_raw(args, frame_len, stack))
        for variant in variants[1:]:
            await one_round(variant, "bench-round-warm", record=False)
        await asyncio.sleep(1.0)
        await measure(variants, args.rounds, args.idle)
        results = {}
        for variant in variants:
            await close_readers(variant.readers, variant.tasks)
            stop(variant.servers)
            results[variant.name] = summary(variant, args.rounds)
            report(variant, results[variant.name], args.clients)
            if variant.logs:
                print("  " + server_pauses(variant.logs, variant.windows), flush=True)
    print(f"frame size {frame_len[0]} bytes", flush=True)
    live, raw = results["liveblog"], results["raw"]
    bare = results.get("bare")
    bare_ratio = "" if bare is None else f" (bare Channels/raw = {bare['p99'] / raw['p99']:.2f})"
    print(
        f"ratio p99 liveblog/raw = {live['p99'] / raw['p99']:.2f}{bare_ratio}; "
        f"p50 liveblog {live['p50']:.1f} ms, raw {raw['p50']:.1f} ms "
        f"(ratio {live['p50'] / raw['p50']:.2f}); memory per reader "
        f"liveblog {live['kib_per_reader']:.1f} KiB, raw {raw['kib_per_reader']:.1f} KiB",
        flush=True,
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--layer", choices=["memory", "redis"], default="memory")
    parser.add_argument("--processes", type=int, choices=[1, 2], default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole run")
    parser.add_argument(
        "--idle", type=float, default=0.0, help="seconds of silence before each round"
    )
    parser.add_argument("--skip-bare", action="store_true", help="leave out bare Channels")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    if args.processes == 2 and args.layer != "redis":
        parser.error("two processes share entries only through Redis: add --layer redis")
    raise_open_files_limit(args.clients * 3 + 1024)

    workdir = Path(tempfile.mkdtemp(prefix="liveblog-bench-"))
    prefix = f"bench{os.getpid()}"
    env = {
        **os.environ,
        # The project's settings with the composer's direct endpoint in the URLconf.
        "DJANGO_SETTINGS_MODULE": "bench.liveblog_post_settings",
        # The posting limits are not what it measures (a round every second or so).
        "HUB_POST_INTERVAL": "0",
        "HUB_REQUEST_RATE": "100000/m",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "BENCH_WORKDIR": str(workdir),
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_URL": "dummymail://",
        "LOG_LEVEL": "ERROR",
        "CHANNEL_LAYER_CAPACITY": str(max(1000, args.clients * 2)),
    }
    env.pop("REDIS_URL", None)
    if args.layer == "redis":
        env.update(
            {
                "REDIS_URL": args.redis_url,
                "CHANNEL_LAYER_PREFIX": prefix,
                "CACHE_KEY_PREFIX": prefix,
            }
        )

    setup_out = subprocess.run(
        [PYTHON, str(BASE_DIR / "bench" / "liveblog_setup.py")],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    setup = json.loads(setup_out.strip().splitlines()[-1])
    print(f"work directory (database, server logs): {workdir}", flush=True)
    print(
        f"{args.clients} clients, layer {args.layer}, {args.processes} daphne process(es), "
        f"{args.rounds} rounds"
        + (f", {args.idle:.0f} s of silence before each" if args.idle else ""),
        flush=True,
    )
    for run in range(1, args.runs + 1):
        if args.runs > 1:
            print(f"-- run {run} of {args.runs}", flush=True)
        await one_run(args, env, setup)


if __name__ == "__main__":
    asyncio.run(main())
