"""The site's ASGI application (config.asgi) as bench/liveblog_fanout.py serves it, with the
garbage collector's pauses written to the server's log.

Each collection of the oldest generation, and any collection of 5 ms or more,
prints one line `gc <wall time> gen <n> <ms> ms` to stderr (daphne's log), so
the benchmark can tell whether a slow round met a collector pause. config.asgi
has already frozen what start-up built (gc.freeze()), as in production.
"""

import gc
import sys
import time

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
