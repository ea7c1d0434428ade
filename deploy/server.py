"""Run nginx with the production configuration: find it, check the port, start it in a
runtime folder, wait until it answers, stop it. Errors are `NginxError`s whose message
says what to do, for callers to print instead of a traceback."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .render import SiteSettings, render_runtime

NGINX = Path("/usr/sbin/nginx")
INSTALL_HINT = "install Debian's nginx with `apt-get install -y nginx` (as root)"
START_DEADLINE_S = 10.0
STOP_DEADLINE_S = 10.0
POLL_S = 0.01


class NginxError(RuntimeError):
    """nginx is missing, its port is taken, or it did not start."""


def find_nginx() -> Path:
    if NGINX.is_file() and os.access(NGINX, os.X_OK):
        return NGINX
    raise NginxError(f"nginx is not installed at {NGINX}: {INSTALL_HINT}")


def check_port_free(host: str, port: int, hint: str = "choose another port") -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = ("is taken by another program" if error.errno == errno.EADDRINUSE
                      else f"cannot be used ({error.strerror})")
            raise NginxError(f"port {port} on {host} {reason}; stop that program or {hint}") from None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def nginx_command(nginx: Path, runtime: Path, config: Path) -> list[str]:
    # -e: the log for messages before the config is read (Debian's default is stderr).
    return [str(nginx), "-p", f"{runtime}/", "-c", str(config), "-e", "stderr", "-g", "daemon off;"]


@contextlib.contextmanager
def running_nginx(site_root: Path, settings: SiteSettings, *, host: str = "127.0.0.1",
                  port: int | None = None, attempts: int = 3, csp: bool = True) -> Iterator[str]:
    """Serve `site_root` with the production configuration on `port` (default: a free
    one) of `host`, from a temporary runtime folder; yields the base URL
    (`http://127.0.0.1:PORT/`). nginx is stopped and the folder removed however the
    block ends. `csp=False`: see `render_runtime`."""
    nginx = find_nginx()
    if not (site_root / "index.html").is_file():
        raise NginxError(f"{site_root} holds no built site (no index.html): run `make build`")
    if port is not None:
        check_port_free(host, port)
        attempts = 1
    for _ in range(attempts):
        runtime = Path(tempfile.mkdtemp(prefix="help-center-nginx-"))
        try:
            chosen = port or free_port(host)
            config = render_runtime(runtime, site_root, chosen, settings, host=host, csp=csp)
            with _started(nginx, runtime, config, host, chosen) as process:
                if process is None:  # another program took the port first: try another
                    continue
                yield f"http://{host}:{chosen}/"
                return
        finally:
            shutil.rmtree(runtime, ignore_errors=True)
    raise NginxError(f"port {port} on {host} was taken while nginx started" if attempts == 1
                     else f"nginx found no free port on {host} in {attempts} attempts")


@contextlib.contextmanager
def _started(nginx: Path, runtime: Path, config: Path, host: str,
             port: int) -> Iterator[subprocess.Popen[bytes] | None]:
    """nginx, started and answering; None if the port was taken meanwhile."""
    output = (runtime / "nginx.out").open("wb")
    # A session of its own: a Ctrl-C meant for the caller does not reach nginx before
    # the caller's cleanup, and a kill takes the workers along with the master.
    process = subprocess.Popen(nginx_command(nginx, runtime, config), stdout=output,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        if not _wait_until_answering(process, runtime, host, port):
            yield None
            return
        yield process
    finally:
        _stop(process)
        output.close()


def _wait_until_answering(process: subprocess.Popen[bytes], runtime: Path, host: str,
                          port: int) -> bool:
    """True once nginx answers on the port. nginx writes its pid file after binding, so
    a connect is only trusted once the pid file names our process (and not another
    program that took the port). False if the port was taken; NginxError otherwise."""
    deadline = time.monotonic() + START_DEADLINE_S
    pid_file = runtime / "nginx.pid"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = _logs(runtime)
            if "Address already in use" in log:
                return False
            raise NginxError(f"nginx stopped at start (exit {process.returncode}):\n{log}")
        if _pid_in(pid_file) == process.pid and _answers(host, port):
            return True
        time.sleep(POLL_S)
    raise NginxError(f"nginx did not answer on {host}:{port} within {START_DEADLINE_S:.0f} s:\n"
                     f"{_logs(runtime)}")


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _pid_in(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM is nginx's fast shutdown: the master stops its workers, then itself."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_DEADLINE_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _logs(runtime: Path) -> str:
    parts = [path.read_text(encoding="utf-8", errors="replace").strip()
             for path in (runtime / "nginx.out", runtime / "error.log") if path.is_file()]
    return "\n".join(part for part in parts if part) or "(nginx wrote nothing)"
