"""Run one command, bounded by a timeout, and measure what a writer would feel: the wall
time from start to exit and the peak memory (maximum resident set) of the process.

The peak memory comes from `/usr/bin/time` (Debian package `time`), not from this
process's own `wait4`: Linux folds the memory a child had when it was forked into its
peak, so a child forked from this (large) Python process would report at least our size.
`/usr/bin/time` is small, so the peak it reports is the command's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class RunFailed(RuntimeError):
    """The command exited non-zero or ran past its timeout; carries its output."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_kib: int
    cpu_seconds: float  # user + system: less sensitive than wall time to a busy machine


TIME = Path("/usr/bin/time")


def measure(command: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run `command` in `cwd`; kill it after `timeout` seconds. Raises RunFailed on failure."""
    if not TIME.exists():
        raise RunFailed(f"{TIME} is missing: install it with `apt-get install time`")
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        # A session of its own, so a timeout ends the command and everything it started.
        process = subprocess.Popen([str(TIME), "--format", "%M %U %S", "--output", peak.name, *command],
                                   cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        try:
            returncode = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise RunFailed(f"{' '.join(command)} in {cwd}: killed after {timeout:.0f} s") from None
        seconds = time.perf_counter() - started
        if returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")[-4000:]
            raise RunFailed(f"{' '.join(command)} in {cwd}: exit code {returncode}\n{text}")
        peak_kib, user, system = peak.read().split()[-3:]
    return Run(seconds, int(peak_kib), float(user) + float(system))
