"""The ArtSmart app's own settings, read from a JSON file or from the URL where the app
publishes them.

The app is the other source of truth: billing enforces the refund window, the gallery
decides who sees a new image. Reading it is all this module does; which setting
matches which policy key is declared in app/policy-map.yml and compared in
`app_consistency`.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT_SECONDS = 5.0


class AppConfigUnreadable(Exception):
    """The app's settings could not be fetched, read or parsed; the message says why."""


@dataclass(frozen=True)
class AppConfig:
    """The app's settings as parsed JSON, with the text kept to point at lines."""

    source: str
    settings: dict[str, Any]
    text: str

    def setting(self, path: str) -> tuple[bool, Any]:
        """`("billing.refund_window_days")` -> (True, 30), or (False, None) when absent."""
        value: Any = self.settings
        for part in path.split("."):
            if not isinstance(value, dict) or part not in value:
                return False, None
            value = value[part]
        return True, value

    def line_of(self, path: str) -> int:
        """The line where `path`'s last key is written, found by walking the keys in
        order through the text (json keeps no positions). 0 when it is not found."""
        position = 0
        for part in path.split("."):
            match = re.compile(rf'"{re.escape(part)}"\s*:').search(self.text, position)
            if not match:
                return 0
            position = match.end()
        return self.text.count("\n", 0, position) + 1


def read_app_config(
    location: str, project_dir: Path, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> AppConfig:
    """Read the settings at `location`: an http(s) URL or a path (relative to
    `project_dir`). Raises AppConfigUnreadable with the reason."""
    if re.match(r"^https?://", location, re.IGNORECASE):
        text = _fetch(location, timeout)
        source = location
    else:
        path = Path(location)
        path = path if path.is_absolute() else project_dir / path
        source = _display_path(path, project_dir)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AppConfigUnreadable(f"{source}: no such file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise AppConfigUnreadable(f"{source}: cannot be read as UTF-8 text ({error})") from None
    return AppConfig(source, _parse(text, source), text)


def _fetch(url: str, timeout: float) -> str:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        raise AppConfigUnreadable(
            f"{url}: the server answered {error.code} {error.reason}"
        ) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise AppConfigUnreadable(f"{url}: no answer within {timeout:g} s") from None
        raise AppConfigUnreadable(f"{url}: cannot be reached ({reason})") from None
    except TimeoutError:
        raise AppConfigUnreadable(f"{url}: no answer within {timeout:g} s") from None
    except OSError as error:
        raise AppConfigUnreadable(f"{url}: cannot be reached ({error})") from None
    try:
        return body.decode(charset)
    except (LookupError, UnicodeDecodeError) as error:
        raise AppConfigUnreadable(f"{url}: the answer is not {charset} text ({error})") from None


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        settings = json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise AppConfigUnreadable(
            f"{source}:{error.lineno}: not valid JSON ({error.msg} at column {error.colno})"
        ) from None
    except _DuplicateKey as duplicate:
        raise AppConfigUnreadable(
            f'{source}: the key "{duplicate}" appears twice in one object; '
            "JSON readers would silently keep only one of them"
        ) from None
    if not isinstance(settings, dict):
        raise AppConfigUnreadable(
            f"{source}: found {type(settings).__name__} at the top; "
            "expected a JSON object of settings ({...})"
        )
    return settings


class _DuplicateKey(Exception):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _display_path(path: Path, project_dir: Path) -> str:
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return str(path)
