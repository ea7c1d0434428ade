"""The site swap is crash-safe and readable: killed at any moment, `python -m macros
build` leaves a complete site (the old one or the new one) at site/, the next build
cleans up after it, no MkDocs child outlives it, and the site's files can be read by a
web server running as another user. Two builds of one site at once, and an output
folder that cannot be written, are refused with a message (exit 2), not a traceback."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpcenter.publishing.site_swap import MARKER
from helpers import align_app_config, copy_project, replace_in, run_cli
from hostile import assert_no_traceback, fingerprint

POLL_SECONDS = 0.02
ENV = {**os.environ, "PYTHONPATH": "", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(POLL_SECONDS)


def _start_build(project: Path, site_dir: Path, umask: int = 0o022) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "macros", "build", "--site-dir", str(site_dir)],
                            cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=lambda: os.umask(umask))


def _staging(site_dir: Path) -> list[Path]:
    return sorted(site_dir.parent.glob(f".{site_dir.name}-building-*"))


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A project whose site/ holds the build of a 30-day window while policy.yml now says
    21 days, with the fingerprints of both complete sites."""
    folder = tmp_path_factory.mktemp("swap")
    project = copy_project(folder / "project")
    assert run_cli(project, "build", "--site-dir", str(folder / "old")).returncode == 0
    replace_in(project / "policy.yml", "window_days: 30", "window_days: 21")
    align_app_config(project)
    assert run_cli(project, "build", "--site-dir", str(folder / "new")).returncode == 0
    return project, fingerprint(folder / "old"), fingerprint(folder / "new")


KILL_POINTS: dict[str, Callable[[Path], bool]] = {
    "right-after-start": lambda site_dir: True,
    "once-the-build-folder-exists": lambda site_dir: bool(_staging(site_dir)),
    "once-pages-are-written": lambda site_dir: any((s / "refunds" / "index.html").exists() for s in _staging(site_dir)),
    "once-the-site-is-marked-built": lambda site_dir: any((s / MARKER).exists() for s in _staging(site_dir)),
}


@pytest.mark.parametrize("moment", KILL_POINTS, ids=list(KILL_POINTS))
def test_a_build_killed_at_any_moment_leaves_a_complete_site_and_the_next_cleans_up(
        moment: str, two_sites: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    project, old, new = two_sites
    site_dir = tmp_path / "site"
    shutil.copytree(_old_site(project), site_dir)
    build = _start_build(project, site_dir)
    try:
        _wait_for(lambda: KILL_POINTS[moment](site_dir) or build.poll() is not None, 60, moment)
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    assert fingerprint(site_dir) in (old, new), "site/ is not a complete site after the kill"

    result = run_cli(project, "build", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.output
    assert fingerprint(site_dir) == new
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"], "leftovers of the killed build remain"


def _old_site(project: Path) -> Path:
    return project.parent / "old"


def test_a_build_killed_between_its_two_renames_gets_the_old_site_back(
        two_sites: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    """Where the file system has no atomic exchange, the swap is two renames; killed
    between them, the old site waits beside site/, and the next build, even one that
    fails, puts it back."""
    project, old, _ = two_sites
    shutil.copytree(_old_site(project), tmp_path / f".site-old-{999_999}")
    broken = copy_project(tmp_path.parent / "broken-project")
    replace_in(broken / "policy.yml", "window_days: 30", "window_days: 0")
    result = run_cli(broken, "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1, result.output
    assert fingerprint(tmp_path / "site") == old
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_no_mkdocs_child_outlives_a_killed_build(tmp_path: Path) -> None:
    """The child renders a page that takes minutes, so only the kernel's parent-death
    signal can end it within the deadline."""
    project = copy_project(tmp_path / "project")
    (project / "docs" / "slow.md").write_text(
        "# Slow { #slow }\n\n{% for i in range(10**10) %}{% endfor %}\n", encoding="utf-8")
    build = _start_build(project, tmp_path / "site")
    children: list[int] = []
    try:
        def mkdocs_started() -> bool:
            children[:] = _children(build.pid)
            return bool(children) or build.poll() is not None

        _wait_for(mkdocs_started, 60, "the MkDocs child to start")
        assert children, "the build ended before its MkDocs child could be seen"
        build.send_signal(signal.SIGKILL)
        build.wait()
        _wait_for(lambda: not any(_alive(child) for child in children), 10, "the MkDocs child to end")
    finally:
        build.kill()
        build.wait()
        for child in children:  # only if the test failed: do not leave it burning
            if _alive(child):
                os.kill(child, signal.SIGKILL)


@pytest.mark.parametrize("umask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o077, 0o700, 0o600)])
def test_built_files_get_the_permissions_the_umask_allows(umask: int, folder_mode: int, file_mode: int,
                                                         two_sites: tuple[Path, dict[str, str], dict[str, str]],
                                                         tmp_path: Path) -> None:
    project, _, _ = two_sites
    site_dir = tmp_path / "site"
    build = _start_build(project, site_dir, umask)
    assert build.wait(timeout=120) == 0
    modes = {path: path.stat().st_mode & 0o777 for path in [site_dir, *site_dir.rglob("*")]}
    assert {mode for path, mode in modes.items() if path.is_dir()} == {folder_mode}
    assert {mode for path, mode in modes.items() if path.is_file()} == {file_mode}


def test_two_builds_of_one_site_at_once_are_refused_while_the_first_holds_it(
        two_sites: tuple[Path, dict[str, str], dict[str, str]], tmp_path: Path) -> None:
    project, old, _ = two_sites
    site_dir = tmp_path / "site"
    shutil.copytree(_old_site(project), site_dir)
    holder = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)  # what a running build holds
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        result = run_cli(project, "build", "--site-dir", str(site_dir))
    finally:
        os.close(holder)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert f"--site-dir: {site_dir}: found another build writing this site right now" in result.stderr
    assert "[site-dir-busy]" in result.stderr
    assert fingerprint(site_dir) == old


def _without_file_permission_override() -> list[str]:
    """A command prefix under which permissions apply: root ignores them unless it drops
    the capabilities that override them (util-linux's setpriv does that)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as root: setpriv (util-linux) is needed to test an unwritable folder"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


@pytest.mark.parametrize("where", ["a-folder-without-write-permission", "a-path-through-a-file"])
def test_an_output_folder_that_cannot_be_written_is_a_message(where: str, tmp_path: Path,
                                                              two_sites: tuple[Path, dict[str, str], dict[str, str]],
                                                              ) -> None:
    project, _, _ = two_sites
    if where == "a-path-through-a-file":
        (tmp_path / "notes.txt").write_text("a file, not a folder\n")
        site_dir = tmp_path / "notes.txt" / "site"
    else:
        (tmp_path / "locked").mkdir()
        site_dir = tmp_path / "locked" / "site"
        (tmp_path / "locked").chmod(0o500)
    try:
        result = subprocess.run([*_without_file_permission_override(), sys.executable, "-m", "macros", "build",
                                 "--site-dir", str(site_dir)], cwd=project, env=ENV, capture_output=True,
                                text=True, timeout=120)
    finally:
        if (tmp_path / "locked").exists():
            (tmp_path / "locked").chmod(0o700)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 2, output
    assert f"--site-dir: {site_dir}: found a folder that cannot be written" in output
    assert "[site-dir-unwritable]" in output
    assert not site_dir.exists()
