"""The site's ASGI application (config.asgi) as bench/liveblog_fanout.py serves it, with the
garbage collector's pauses and daphne's slow timeout checks written to the server's log.

Each collection of the oldest generation, and any collection of 5 ms or more,
prints one line `gc <wall time> gen <n> <ms> ms` to stderr (daphne's log); each
run of daphne's 2-second timeout check (which also sends the keep-alive pings
due) of 5 ms or more prints `tick <wall time> <ms> ms`. The benchmark reports
them, and those inside a measured round, so a slow round can be told from a
pause. config.asgi has already frozen what start-up built (gc.freeze()) and
spreads the pings (core.sockets), as in production.
"""

import gc
import sys
import time

from daphne.server import Server

from config.asgi import application  # noqa: F401

_started = [0.0]


def _timed(phase: str, info: dict) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    ms = (time.perf_counter() - _started[0]) * 1000
    if info["generation"] == 2 or ms >= 5:
        print(f"gc {time.time():.3f} gen {info['generation']} {ms:.1f} ms", file=sys.stderr)


gc.callbacks.append(_timed)

_checker = Server.timeout_checker


def _timed_checker(self) -> None:
    started = time.perf_counter()
    _checker(self)
    ms = (time.perf_counter() - started) * 1000
    if ms >= 5:
        print(f"tick {time.time():.3f} {ms:.1f} ms", file=sys.stderr)


Server.timeout_checker = _timed_checker
