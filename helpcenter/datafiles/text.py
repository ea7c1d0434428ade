"""A project file's text, or the reason it cannot be read.

Paths come from the command line and from the file system, so both are hostile: a
symlink that leads out of the project would publish or print a file nobody meant to
share, and a huge file would hang a check.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic, Refused, rule

MISSING = rule("file-missing", "a file the help center needs is not there", unreadable=True)
UNREADABLE = rule("file-unreadable", "a file cannot be read as UTF-8 text", unreadable=True)
OUTSIDE = rule("file-outside-project", "a file resolves to a place outside the project",
               unreadable=True)
CONTROL = rule("file-control-character", "a file holds a NUL or another control character")

# Our data files are a few kilobytes; a megabyte is a mistake (or an attack), not data.
MAX_BYTES = 1_000_000
_CONTROL_CHARACTERS = {chr(code) for code in range(32)} - {"\n", "\r", "\t"} | {"\x7f"}


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symlink followed, is `root` or lies under it."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def read_text(path: Path, display: str, root: Path | None = None,
              restore_hint: str = "") -> str:
    """The UTF-8 text of `path` (shown to people as `display`), a leading BOM dropped.
    With `root`, a file placed inside it must also resolve inside it: a symlink there
    must not lead to a file elsewhere (a path given outside it is taken as given).
    Raises Refused with one diagnostic."""
    if root is not None and path.absolute().is_relative_to(root.absolute()) and not inside(path, root):
        raise Refused([Diagnostic(
            display, 0, OUTSIDE, "", f"a link to {_resolved(path)}, outside the project",
            "a file inside the project folder", "replace the link with the file itself")])
    if not path.is_file():
        found = "a folder" if path.is_dir() else "no file"
        raise Refused([Diagnostic(
            display, 0, MISSING, "", f"{found} at {path}", "a text file",
            restore_hint or f"restore {display} from the repository (git checkout -- {display})")])
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Refused([Diagnostic(display, 0, UNREADABLE, "", f"a file of {size:,} bytes",
                                      f"a text file of at most {MAX_BYTES:,} bytes")])
        data = path.read_bytes()
    except OSError as error:
        raise Refused([Diagnostic(display, 0, UNREADABLE, "",
                                  f"a file that cannot be opened ({error.strerror or error})",
                                  "a file the help center may read")]) from None
    return decode(data, display)


def decode(data: bytes, display: str) -> str:
    """UTF-8 text with a leading BOM dropped, the same way for every file we read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Refused([Diagnostic(display, 0, UNREADABLE, "", "UTF-16 text",
                                  "UTF-8 text", f"save {display} as UTF-8")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Refused([Diagnostic(display, line, UNREADABLE, "",
                                  f"bytes that are not UTF-8 text (byte {error.start + 1})",
                                  "UTF-8 text", f"save {display} as UTF-8")]) from None
    return text


def control_characters(text: str, display: str) -> list[Diagnostic]:
    """A diagnostic for the first control character on each line that has one: they are
    invisible in editors, and YAML parsers report them at the wrong place."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        bad = next((c for c in line if c in _CONTROL_CHARACTERS), None)
        if bad is not None:
            name = "a NUL character" if bad == "\x00" else f"the control character U+{ord(bad):04X}"
            found.append(Diagnostic(display, number, CONTROL, "", f"{name}, which is invisible",
                                    "printable text", "delete it (retype the line)"))
    return found


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.fspath(path)
