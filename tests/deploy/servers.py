"""Throwaway Redis and PostgreSQL servers of a test's own, which it may stop and start.

Other people's tests share the machine's PostgreSQL (5432) and Redis (6379), so
fault tests never touch those: each starts its own redis-server and its own
PostgreSQL cluster (Debian's binaries) on free ports in a temporary directory.
As root, PostgreSQL runs as the ``postgres`` user (it refuses to run as root).
Every wait polls until the server answers, with generous deadlines.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
# A loaded 2-core CI machine: waits poll often but give up only after this long.
DEADLINE = 60.0


def require(what: str, present: bool) -> None:
    """Skip when a binary is missing, but fail instead where the run requires it (CI)."""
    if present:
        return
    reason = f"{what} is not installed on this machine"
    if os.environ.get("HUB_REQUIRE_DEPLOY") == "1":
        pytest.fail(f"{reason}, and HUB_REQUIRE_DEPLOY=1 requires the deployment tests")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, deadline: float = DEADLINE, every: float = 0.05):
    """Poll check() until it returns something truthy; fail naming what never happened."""
    end = time.monotonic() + deadline
    last = None
    while time.monotonic() < end:
        try:
            result = check()
        except Exception as exc:
            last = exc
        else:
            if result:
                return result
        time.sleep(every)
    raise AssertionError(f"Timed out after {deadline:.0f} s waiting for {what} (last: {last!r})")


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class RedisServer:
    """redis-server on a free port, no persistence, which can be stopped and started again."""

    def __init__(self, workdir: Path):
        require("redis-server", Path(REDIS_SERVER).exists())
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        log = open(self.workdir / "redis.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        wait_until(self.ping, f"redis-server on port {self.port}")

    def ping(self) -> bool:
        import redis

        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self.process.returncode}")
        client = redis.Redis(port=self.port, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        wait_until(lambda: not port_open(self.port), f"port {self.port} to close")


class PostgresServer:
    """A PostgreSQL cluster of its own (initdb in a temporary directory) on a free port."""

    def __init__(self, workdir: Path):
        bins = [d for d in PG_BIN_DIRS if (d / "initdb").exists() and (d / "pg_ctl").exists()]
        require("PostgreSQL's initdb and pg_ctl (/usr/lib/postgresql/*/bin)", bool(bins))
        self.bin = bins[0]
        self.port = free_port()
        self.root = workdir / "pg"
        self.data = self.root / "data"
        self.as_user: list[str] = []
        self.root.mkdir()
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root: hand the directory to postgres.
            require("the postgres user", shutil.which("runuser") is not None and _has_user())
            workdir.chmod(0o755)  # postgres must reach its directory
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run(
            self.bin / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C",
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/hub"

    def _run(self, *args) -> None:
        subprocess.run(  # noqa: S603
            [*self.as_user, *map(str, args)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=DEADLINE * 2,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root}"
            # A test cluster: a lost OS page cache is not what it tests; a
            # stopped server keeps every committed write either way.
            " -c fsync=off -c full_page_writes=off -c max_connections=100"
        )
        self._run(
            self.bin / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.root / "server.log",
            "-o",
            options,
            "-w",
            "-t",
            int(DEADLINE),
            "start",
        )
        wait_until(lambda: port_open(self.port), f"PostgreSQL on port {self.port}")

    def stop(self, mode: str = "fast") -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")
        wait_until(lambda: not port_open(self.port), f"port {self.port} to close")

    def create_database(self, name: str = "hub") -> None:
        self._run(
            self.bin / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            self.port,
            "-U",
            "postgres",
            "-qc",
            f"create database {name}",
        )


def _has_user() -> bool:
    import pwd

    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True
