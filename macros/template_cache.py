"""Compiled page templates, kept between builds.

mkdocs-macros turns every page into a Jinja template on every build
(`Environment.from_string`), and compiling one costs about 2-3 ms: at 1,000 articles,
seconds on each preview although only the saved page changed. Jinja's own bytecode
cache serves only templates loaded by name, so this gives `from_string` the same thing:
the code Jinja compiles for a source is kept in `.cache/macros/templates/`,
under a hash of that source and of every environment setting that shapes the code, and
re-used while both are unchanged. An edited page has a new hash and is compiled afresh.
Nothing is kept in memory: a build's peak memory stays that of a plain build. Nothing
is written while the environment has `HELP_CENTER_CACHE=off` (`make diff` sets it: its
build must leave the working tree as it was).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

# The project's cache folder (git ignores `.cache/`), relative to the project folder.
CACHE_DIR = Path(".cache") / "macros"
CACHE_SWITCH = "HELP_CENTER_CACHE"  # `off`: write nothing to .cache/


def cache_writes_allowed() -> bool:
    # A variable of our own, not PYTHONDONTWRITEBYTECODE: many images set that one.
    return os.environ.get(CACHE_SWITCH, "").strip().lower() not in ("off", "0", "no", "false")

# The folder is emptied when it holds more than this: enough for every page of a large
# help center several times over, small enough that old entries never pile up.
MAX_ENTRIES = 20_000

# Environment settings read by Jinja's lexer, parser or code generator.
_CODE_SHAPING = ("block_start_string", "block_end_string", "variable_start_string",
                 "variable_end_string", "comment_start_string", "comment_end_string",
                 "line_statement_prefix", "line_comment_prefix", "trim_blocks",
                 "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                 "autoescape", "finalize", "is_async")


class CompiledTemplates:
    """Stands in for `environment.compile`: same answers, compiled once per source."""

    def __init__(self, environment: jinja2.Environment, cache_dir: Path):
        self._compile: Callable[..., Any] = environment.compile
        self._environment = environment
        self._dir = cache_dir
        if cache_dir.is_dir() and sum(1 for _ in cache_dir.iterdir()) > MAX_ENTRIES:
            for entry in cache_dir.iterdir():
                entry.unlink(missing_ok=True)

    def __call__(self, source: Any, name: str | None = None, filename: str | None = None,
                 raw: bool = False, defer_init: bool = False) -> Any:
        if raw or defer_init or name is not None or filename is not None or not isinstance(source, str):
            return self._compile(source, name, filename, raw, defer_init)
        key = self._key(source)
        code = self._read(key)
        if code is None:
            code = self._compile(source)
            self._write(key, code)
        return code

    def _key(self, source: str) -> str:
        digest = hashlib.sha256(importlib.util.MAGIC_NUMBER + jinja2.__version__.encode())
        for setting in _CODE_SHAPING:
            digest.update(_stable_text(getattr(self._environment, setting, None)).encode())
        digest.update(repr(sorted(self._environment.extensions)).encode())
        digest.update(source.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _read(self, key: str) -> CodeType | None:
        try:
            code = marshal.loads((self._dir / key).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return code if isinstance(code, CodeType) else None

    def _write(self, key: str, code: CodeType) -> None:
        if not cache_writes_allowed():
            return
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self._dir, delete=False, suffix=".tmp") as temporary:
                temporary.write(marshal.dumps(code))
            os.replace(temporary.name, self._dir / key)
        except OSError:
            pass  # an unwritable cache only costs the next build a compile


def _stable_text(value: Any) -> str:
    """A setting as text that is the same in every process (a function by its name, not
    by its address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value))}"
    return repr(value)


def remember_compiled_templates(environment: jinja2.Environment, cache_dir: Path) -> None:
    """Make `environment` re-use the code it compiled for a source, across builds.
    Safe to call for every page: the environment is wrapped once."""
    if not isinstance(environment.compile, CompiledTemplates):
        environment.compile = CompiledTemplates(environment, cache_dir)  # type: ignore[method-assign]
