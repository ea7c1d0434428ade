"""Build a site so that readers only ever see a complete one, old or new.

The generator builds into a fresh folder beside the target; only a build that succeeded
takes the target's place, by one atomic exchange of the two folders (Linux
`renameat2(RENAME_EXCHANGE)`), so even a build killed at any moment leaves a complete
site where one was. Leftovers of a killed build are removed by the next one; a lock
keeps two builds from writing one site at once.

The output folder is an input too: a build must never replace the project's own files
(`--site-dir .`, `site/` as a symlink to `docs/`) or a folder it did not build.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..diagnostics import Diagnostic, Refused, rule

UNSAFE_OUTPUT = rule("site-dir-unsafe", "the build's output folder would replace files it must not",
                     unreadable=True)
BUSY = rule("site-dir-busy", "another build is writing the same site", unreadable=True)
UNWRITABLE = rule("site-dir-unwritable", "the build's output folder cannot be created or written",
                  unreadable=True)

MARKER = ".help-center-build"  # written into every site we build: we may replace it later
_RENAME_EXCHANGE = 2


def build_into_place(project_root: Path, site_dir: Path, sources: tuple[str, ...],
                     build: Callable[[Path], int]) -> int:
    """Run `build(staging_folder)` and put its result at `site_dir`. Returns the build's
    exit status; raises Refused (unreadable input) when `site_dir` is unsafe, busy or
    cannot be written."""
    target = checked_site_dir(project_root, site_dir, sources)
    with _writing(site_dir, target):
        target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(site_dir, target):
        # Checked again under the lock: the folder may have changed while we waited.
        checked_site_dir(project_root, site_dir, sources)
        with _writing(site_dir, target):
            _remove_leftovers(target)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
        try:
            with _writing(site_dir, staging):
                staging.chmod(0o777 & ~_umask())  # mkdtemp's 0700 would hide the site from a web server
            status = build(staging)
            if status != 0:
                return status
            with _writing(site_dir, target):
                (staging / MARKER).write_text("Built by `python -m macros build`.\n", encoding="utf-8")
                _exchange(staging, target)
            return 0
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # the new site failed, or the old one


@contextmanager
def _writing(site_dir: Path, where: Path) -> Iterator[None]:
    """File-system errors while preparing or swapping the site, as one refusal."""
    try:
        yield
    except OSError as error:
        raise Refused([Diagnostic(
            "--site-dir", 0, UNWRITABLE, str(site_dir),
            f"a folder that cannot be written ({error.strerror or error}: {error.filename or where})",
            "a folder the build may create and write", "check the path and its permissions")]) from None


def checked_site_dir(project_root: Path, site_dir: Path, sources: tuple[str, ...]) -> Path:
    """The absolute output folder, when a build may replace it: not a symbolic link, not
    the project or a folder holding it, not inside the sources `sources` (names relative
    to `project_root`), not a file, and empty or written by a build. Raises Refused."""
    shown = str(site_dir)
    if site_dir.is_symlink():
        raise _unsafe(shown, f"a symbolic link to {os.readlink(site_dir)}",
                      "give the real folder with --site-dir")
    target = site_dir.absolute()
    try:
        resolved, root = target.resolve(), project_root.resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop on the way
        raise _unsafe(shown, f"a path that cannot be followed ({error})", "give a plain folder") from None
    if resolved == root or root.is_relative_to(resolved):
        raise _unsafe(shown, "the project folder itself, or a folder that holds it",
                      "build into site/ (the default) or a folder of its own")
    for name in sources:
        source = (root / name).resolve()
        if resolved == source or resolved.is_relative_to(source):
            raise _unsafe(shown, f"a folder inside the project's sources ({name}/)",
                          "build into site/ (the default) or a folder of its own")
    if target.exists() and not target.is_dir():
        raise _unsafe(shown, "a file", "a folder (it is created when missing)")
    if target.is_dir() and _has_entries(target) and not _is_built_site(target):
        raise _unsafe(shown, "a folder of files that no help-center build wrote",
                      "an empty folder, a new one, or one an earlier build wrote")
    return target


def _has_entries(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError:
        return True  # unreadable: not ours to replace


def _is_built_site(folder: Path) -> bool:
    # Sites built before the marker existed still look like an MkDocs site.
    return (folder / MARKER).is_file() or (
        (folder / "index.html").is_file() and (folder / "search" / "search_index.json").is_file())


def _unsafe(shown: str, found: str, fix: str) -> Refused:
    return Refused([Diagnostic("--site-dir", 0, UNSAFE_OUTPUT, shown, found,
                               "a folder of its own for the built site, which the build may replace", fix)])


@contextmanager
def _locked(site_dir: Path, target: Path) -> Iterator[None]:
    # The folder that holds the site is the lock: nothing is left behind, and the kernel
    # releases it when a build is killed.
    with _writing(site_dir, target.parent):
        lock = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise Refused([Diagnostic("--site-dir", 0, BUSY, str(target),
                                          "another build writing this site right now",
                                          "one build at a time", "wait for it to finish")]) from None
            with _writing(site_dir, target.parent):
                raise
        yield
    finally:
        os.close(lock)  # closing releases the lock


def _remove_leftovers(target: Path) -> None:
    """Folders a killed build left beside the target (we hold the lock: none is live).
    A build killed half-way through the two-rename swap left the old site aside: it
    goes back in place first."""
    for old in sorted(target.parent.glob(f".{target.name}-old-*")):
        if not target.exists():
            old.rename(target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in target.parent.glob(f".{target.name}-building-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _exchange(new: Path, target: Path) -> None:
    """Put `new` at `target` atomically; afterwards the old site (if any) is at `new`."""
    if not target.exists():
        new.rename(target)
        new.mkdir()  # so the caller's clean-up has the same folder to remove
        return
    libc = ctypes.CDLL(None, use_errno=True)
    exchange = getattr(libc, "renameat2", None)
    if exchange is not None and exchange(-100, os.fsencode(new), -100, os.fsencode(target),
                                         _RENAME_EXCHANGE) == 0:
        return
    # No atomic exchange here (an old kernel or file system): two renames, which the
    # next build repairs if this one is killed between them (see _remove_leftovers).
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    target.rename(old)
    new.rename(target)
    old.rename(new)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
