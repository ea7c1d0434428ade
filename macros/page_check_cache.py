"""Per-page guardrail results, kept between builds.

The guardrails look at every page on every build (typed-in policy values, headings and
their ids): at 1,000 articles over a second of each preview, although a save changes one
page. A page's results depend only on its text, its name, the policy's values and our
own code and templates, so they are stored in `.cache/macros/page-checks/` under a hash
of all of these and re-used while every one is unchanged: an edited page, an edited
policy value or an edited check is checked afresh. Nothing is read or written while
`HELP_CENTER_CACHE=off`.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jinja2

from .policy import Policy
from .template_cache import CACHE_DIR, cache_writes_allowed

Result = TypeVar("Result")

_MACROS_DIR = Path(__file__).resolve().parent
MAX_ENTRIES = 20_000  # emptied past this, as the compiled-page cache is


class PageCheckCache:
    def __init__(self, project_dir: Path, policy: Policy):
        self._dir = project_dir / CACHE_DIR / "page-checks"
        self._enabled = cache_writes_allowed()
        self._fingerprint = _fingerprint(policy) if self._enabled else ""
        if self._enabled and self._dir.is_dir() and sum(1 for _ in self._dir.iterdir()) > MAX_ENTRIES:
            for entry in self._dir.iterdir():
                entry.unlink(missing_ok=True)

    def result(self, check: str, label: str, text: str, compute: Callable[[], Result]) -> Result:
        """`compute()`'s result for this page, from the cache when nothing it depends on
        has changed since it was stored."""
        if not self._enabled:
            return compute()
        key = hashlib.sha256("\0".join((self._fingerprint, check, label, text)).encode(
            "utf-8", "surrogatepass")).hexdigest()
        entry = self._dir / key
        try:
            return pickle.loads(entry.read_bytes())  # noqa: S301 (our own folder, our own data)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            pass
        value = compute()
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self._dir, delete=False, suffix=".tmp") as temporary:
                temporary.write(pickle.dumps(value))
            os.replace(temporary.name, entry)
        except (OSError, pickle.PicklingError):
            pass  # an unwritable cache only costs the next run a full check
        return value


def _fingerprint(policy: Policy) -> str:
    """Everything besides the page that a page's results depend on."""
    digest = hashlib.sha256(json.dumps(policy.to_dict(), sort_keys=True, default=str).encode())
    digest.update(jinja2.__version__.encode())
    for path in sorted([*_MACROS_DIR.glob("*.py"), *(_MACROS_DIR / "templates").rglob("*")]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
