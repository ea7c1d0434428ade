"""The ArtSmart app's own settings, read from a JSON file or from the URL where the app
publishes them.

A URL is an input from outside: only http and https are fetched, the whole exchange is
bounded by the timeout (a server that sends a byte every two seconds, or a name that
takes minutes to resolve, cannot hold a check), answers over MAX_BYTES are refused,
redirects are followed only within the same host and never from https to http, and the
user name and password of a URL are never printed.
"""

from __future__ import annotations

import base64
import http.client
import math
import os
import re
import ssl
import threading
import time
import urllib.parse
from pathlib import Path

from ..datafiles.json_reader import JsonDocument, parse_json
from ..datafiles.text import decode, read_text
from ..diagnostics import Diagnostic, Refused, rule
from ..project import Project

UNREADABLE = rule("app-settings-unreadable",
                  "the app's settings cannot be fetched, read or parsed", unreadable=True)

DEFAULT_TIMEOUT_SECONDS = 5.0
MAX_TIMEOUT_SECONDS = 300.0
MAX_BYTES = 1_000_000
MAX_REDIRECTS = 3


def parse_timeout(text: str) -> float:
    """A --timeout value: seconds, more than 0 and at most MAX_TIMEOUT_SECONDS."""
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT_SECONDS:
        raise ValueError(f"{text!r}: give a number of seconds above 0 and at most {MAX_TIMEOUT_SECONDS:g}")
    return seconds


def is_url(location: str) -> bool:
    return re.match(r"^[a-z][a-z0-9+.-]*://", location, re.IGNORECASE) is not None


def read_app_settings(location: str, project: Project,
                      timeout: float = DEFAULT_TIMEOUT_SECONDS) -> JsonDocument:
    """The settings at `location`: an http(s) URL, or a path (relative paths are taken from
    the folder the command runs in, as shells do). Raises Refused saying why not."""
    if is_url(location):
        shown = redacted(location)
        text = _fetch(location, shown, timeout)
    else:
        path = Path(os.path.abspath(location))  # from the current folder, as --policy
        shown = project.display(path)
        try:
            # With the project as root: app/config.json may not link out of the project
            # (a path given outside it is read as given).
            text = read_text(path, shown, project.root, restore_hint="give the path of the app's "
                             "settings (a JSON file) or their http(s) URL with --app-config")
        except Refused as refused:
            raise Refused([_as_unreadable(d) for d in refused.diagnostics]) from None
    document = _parse(text, shown)
    if not isinstance(document.data, dict):
        raise Refused([Diagnostic(shown, 1, UNREADABLE, "", "JSON that is not an object",
                                  "a JSON object of settings ({...})")])
    return document


def redacted(url: str) -> str:
    """The URL as it may be printed: its user name and password (a token often stands in
    either place) replaced by ***."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    end = next((index for index, c in enumerate(rest) if c in "/?#"), len(rest))
    authority, path = rest[:end], rest[end:]
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return f"{scheme}://{authority}{path}"


def _port(parts: urllib.parse.SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


def _as_unreadable(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(diagnostic.file, diagnostic.line, UNREADABLE, diagnostic.subject,
                      diagnostic.found, diagnostic.allowed, diagnostic.fix)


def _parse(text: str, shown: str) -> JsonDocument:
    stripped = text.lstrip()
    if stripped[:1] == "<":
        title = re.search(r"<title[^>]*>([^<]{0,80})", text, re.IGNORECASE)
        page = f' ("{title.group(1).strip()}")' if title else ""
        raise Refused([Diagnostic(shown, 1, UNREADABLE, "", f"an HTML page{page}, not JSON",
                                  "the app's settings as JSON",
                                  "check the URL: a login or error page answers instead of the settings")])
    try:
        return parse_json(text, shown)
    except Refused as refused:
        raise Refused([_as_unreadable(d) for d in refused.diagnostics]) from None


def _unreadable(shown: str, found: str, allowed: str = "the app's settings as JSON", fix: str = "") -> Refused:
    return Refused([Diagnostic(shown, 0, UNREADABLE, "", found, allowed, fix)])


def _fetch(url: str, shown: str, timeout: float) -> str:
    """The answer's text, with the whole exchange (name lookup, connection, every
    redirect, every byte) run in a worker thread the check stops waiting for at the
    deadline: socket timeouts alone bound each read, not their sum."""
    outcome: list[str | BaseException] = []
    connections: list[http.client.HTTPConnection] = []

    def work() -> None:
        try:
            outcome.append(_fetch_all(url, shown, time.monotonic() + timeout, timeout, connections))
        except BaseException as error:  # noqa: BLE001 (handed to the waiting thread)
            outcome.append(error)

    worker = threading.Thread(target=work, name="app-settings-fetch", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        for connection in connections:
            connection.close()  # the worker's next read fails; it is a daemon either way
        raise _too_slow(shown, timeout)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _too_slow(shown: str, timeout: float) -> Refused:
    return _unreadable(shown, f"no complete answer within {timeout:g} s",
                       f"an answer within {timeout:g} s", "raise --timeout, or check the server")


def _fetch_all(url: str, shown: str, deadline: float, timeout: float,
               connections: list[http.client.HTTPConnection]) -> str:
    for _ in range(MAX_REDIRECTS + 1):
        parts = _checked_url(url, shown)
        status, reason, headers, body = _exchange(parts, shown, deadline, timeout, connections)
        if status in (301, 302, 303, 307, 308):
            target = urllib.parse.urljoin(url, headers.get("location", ""))
            try:
                target_parts = urllib.parse.urlsplit(target)
                target_host = target_parts.hostname
            except ValueError:
                raise _unreadable(shown, f"a redirect to an address that cannot be read ({redacted(target)})",
                                  "an answer from the same host") from None
            if target_host != parts.hostname:
                raise _unreadable(shown, f"a redirect to another host ({redacted(target)})",
                                  "an answer from the same host", "give the final URL with --app-config")
            if parts.scheme.lower() == "https" and target_parts.scheme.lower() != "https":
                raise _unreadable(shown, f"a redirect from https to {redacted(target)}",
                                  "redirects that stay on https", "give the final URL with --app-config")
            url = target
            continue
        if status != 200:
            raise _unreadable(shown, f"the answer {status} {reason}".rstrip(), "200 OK with the settings")
        charset = _charset(headers.get("content-type", ""))
        try:
            return decode(body, shown) if charset in ("utf-8", "utf8") else body.decode(charset)
        except Refused as refused:
            raise Refused([_as_unreadable(d) for d in refused.diagnostics]) from None
        except (LookupError, UnicodeDecodeError):
            raise _unreadable(shown, f"an answer that is not {charset} text") from None
    raise _unreadable(shown, f"more than {MAX_REDIRECTS} redirects", "at most a few redirects")


def _checked_url(url: str, shown: str) -> urllib.parse.SplitResult:
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as error:
        raise _unreadable(shown, f"a URL that cannot be read ({error})", "an http or https URL") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _unreadable(shown, f"a {parts.scheme}: URL", "an http or https URL, or a file path")
    if not parts.hostname:
        raise _unreadable(shown, "a URL without a host", "an http or https URL such as https://app.example/config.json")
    return parts


def _exchange(parts: urllib.parse.SplitResult, shown: str, deadline: float, timeout: float,
              connections: list[http.client.HTTPConnection]) -> tuple[int, str, dict[str, str], bytes]:
    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _too_slow(shown, timeout)
        return left

    connection_class = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", _port(parts), timeout=remaining())
    connections.append(connection)
    try:
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = {"Accept": "application/json", "User-Agent": "artsmart-help-center-check"}
        if parts.username is not None:
            token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            headers["Authorization"] = "Basic " + base64.b64encode(token.encode()).decode()
        connection.request("GET", path, headers=headers)
        if connection.sock is not None:
            connection.sock.settimeout(remaining())
        response = connection.getresponse()
        announced = response.getheader("Content-Length") or ""
        if announced.isdigit() and int(announced) > MAX_BYTES:
            raise _too_large(shown)
        chunks: list[bytes] = []
        size = 0
        while True:
            if connection.sock is not None:
                connection.sock.settimeout(remaining())
            chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_BYTES:
                raise _too_large(shown)
            chunks.append(chunk)
            remaining()
        answer_headers = {key.lower(): value for key, value in response.getheaders()}
        return response.status, response.reason, answer_headers, b"".join(chunks)
    except Refused:
        raise
    except TimeoutError:
        raise _too_slow(shown, timeout) from None
    except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as error:
        raise _unreadable(shown, f"a server that cannot be reached ({redacted(str(error))})",
                          "a server that answers") from None
    finally:
        connection.close()


def _too_large(shown: str) -> Refused:
    return _unreadable(shown, f"an answer of more than {MAX_BYTES:,} bytes",
                       f"settings of at most {MAX_BYTES:,} bytes")


def _charset(content_type: str) -> str:
    match = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    return match.group(1).lower() if match else "utf-8"

