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
# Invisible in editors, and YAML parsers either refuse them at the wrong place or count
# some of them (U+0085, U+2028, U+2029, a lone CR) as line breaks that editors do not
# show, which would shift every line number after them.
_CONTROL_CHARACTERS = (
    {chr(code) for code in range(32)} - {"\n", "\r", "\t"}
    | {chr(code) for code in range(0x7F, 0xA0)}
    | {"\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff"}
)
_CHARACTER_NAMES = {"\x00": "a NUL character", "\r": "a carriage return without a line feed",
                    "\u2028": "the line separator U+2028", "\u2029": "the paragraph separator U+2029",
                    "\ufeff": "a byte-order mark inside the file"}


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
        raise Refused([outside_problem(path, display)])
    if not path.is_file():
        found = "a folder" if path.is_dir() else "no file" if not path.exists() else "a special file"
        in_project = root is not None and path.absolute().is_relative_to(root.absolute())
        raise Refused([Diagnostic(
            display, 0, MISSING, "", f"{found} at {path}", "a text file",
            restore_hint or (f"restore {display} from the repository (git checkout -- {display})"
                             if in_project else "check the path"))])
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


def outside_problem(path: Path, display: str) -> Diagnostic:
    return Diagnostic(display, 0, OUTSIDE, "", f"a link to {_resolved(path)}, outside the project",
                      "a file inside the project folder", "replace the link with the file itself")


def source_file_problem(path: Path, display: str, root: Path) -> Diagnostic | None:
    """Why a file or folder the site generator reads on its own (a page, an image, a
    template) must not be read, or None: it resolves outside `root`, its link leads
    nowhere, or it is a pipe or device (reading one would never end)."""
    if not inside(path, root):
        return outside_problem(path, display)
    if not path.exists():
        return Diagnostic(display, 0, MISSING, "", f"a link to {_resolved(path)}, which does not exist",
                          "a file inside the project folder", "replace the link with the file itself")
    if not (path.is_file() or path.is_dir()):
        return Diagnostic(display, 0, UNREADABLE, "", "a special file (a pipe, socket or device)",
                          "a file or a folder", "replace it with an ordinary file")
    return None


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
    """A diagnostic for the first control character on each line that has one, with the
    line counted as editors count it (line feeds only)."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")  # Windows line ends are fine; a lone CR is not
        bad = next((c for c in line if c in _CONTROL_CHARACTERS or c == "\r"), None)
        if bad is not None:
            name = _CHARACTER_NAMES.get(bad, f"the control character U+{ord(bad):04X}")
            found.append(Diagnostic(display, number, CONTROL, "", f"{name}, which is invisible",
                                    "printable text", "delete it (retype the line)"))
    return found


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.fspath(path)
