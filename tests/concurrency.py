"""Running service calls at the same moment, on real threads (PostgreSQL tests)."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection


def run_together(jobs, *, timeout: float = 120) -> list[tuple[str, object]]:
    """Start every job at the same moment, each on its own connection.

    Returns one outcome per job, in order: ("ok", what it returned),
    ("refused", the ValidationError's message) or ("error", repr of anything else).
    """
    barrier = threading.Barrier(len(jobs))
    outcomes: list[tuple[str, object]] = [("error", "did not finish")] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait()
            outcomes[index] = ("ok", job())
        except ValidationError as error:
            outcomes[index] = ("refused", " ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported to the test as an outcome
            outcomes[index] = ("error", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes


def raised(outcomes) -> list[object]:
    """What the jobs that did not return raised (an empty list when all succeeded)."""
    return [detail for kind, detail in outcomes if kind != "ok"]
