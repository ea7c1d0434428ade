"""How the impact preview reads: in a terminal (changed words in colour, or marked
[-old-] and {+new+} when the output is not a terminal) or as Markdown for a review."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from .impact import PageImpact, SentenceChange

_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
_RED, _GREEN, _BOLD, _DIM, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
# Characters that would turn sentence text into Markdown or break a table cell.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]<>|~])")

Marker = Callable[[str], str]


def summary(impacts: list[PageImpact]) -> str:
    sentences = sum(len(impact.changes) for impact in impacts)
    return (f"{sentences} sentence{'' if sentences == 1 else 's'} on "
            f"{len(impacts)} page{'' if len(impacts) == 1 else 's'}")


def text_report(impacts: list[PageImpact], older: str, newer: str, color: bool) -> str:
    old_mark, new_mark = (_ansi_old, _ansi_new) if color else (_wdiff_old, _wdiff_new)
    lines = [f"What readers will read differently: {older} -> {newer}", ""]
    for impact in impacts:
        lines.append(f"{_BOLD}{impact.page}{_RESET}" if color else impact.page)
        for change in impact.changes:
            old, new = highlighted(change, old_mark, new_mark)
            if old is not None:
                lines.append(f"  {_RED}- {old}{_RESET}" if color else f"  - {old}")
            if new is not None:
                lines.append(f"  {_GREEN}+ {new}{_RESET}" if color else f"  + {new}")
        lines.append("")
    lines.append(f"{summary(impacts)}.")
    return "\n".join(lines)


def markdown_report(impacts: list[PageImpact], older: str, newer: str) -> str:
    lines = ["### What readers will read differently", "",
             f"{_escape(older)} -> {_escape(newer)}: {summary(impacts)}.", ""]
    for impact in impacts:
        lines += [f"#### `{impact.page}`", "", "| Before | After |", "| --- | --- |"]
        for change in impact.changes:
            old, new = highlighted(change, _strike, _bold, escape=_escape)
            lines.append(f"| {old if old is not None else '*(new)*'} "
                         f"| {new if new is not None else '*(removed)*'} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def highlighted(change: SentenceChange, old_mark: Marker, new_mark: Marker,
                escape: Callable[[str], str] = lambda text: text) -> tuple[str | None, str | None]:
    """Both sentences with the words that differ marked; a whole new or gone sentence
    is shown plain."""
    if change.old is None or change.new is None:
        return (None if change.old is None else escape(change.old),
                None if change.new is None else escape(change.new))
    old_tokens, new_tokens = _TOKENS.findall(change.old), _TOKENS.findall(change.new)
    old_parts: list[str] = []
    new_parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        old_words = escape("".join(old_tokens[old_start:old_end]))
        new_words = escape("".join(new_tokens[new_start:new_end]))
        if operation == "equal":
            old_parts.append(old_words)
            new_parts.append(new_words)
            continue
        if old_words:
            old_parts.append(old_mark(old_words))
        if new_words:
            new_parts.append(new_mark(new_words))
    return "".join(old_parts), "".join(new_parts)


def _ansi_old(words: str) -> str:
    return f"{_BOLD}{_RED}{words}{_RESET}{_RED}"


def _ansi_new(words: str) -> str:
    return f"{_BOLD}{_GREEN}{words}{_RESET}{_GREEN}"


def _wdiff_old(words: str) -> str:
    return f"[-{words}-]"  # as `git diff --word-diff` marks them


def _wdiff_new(words: str) -> str:
    return f"{{+{words}+}}"


def _strike(words: str) -> str:
    return _around(words, "~~")


def _bold(words: str) -> str:
    return _around(words, "**")


def _around(words: str, mark: str) -> str:
    """`mark` around the words but not their outer spaces: Markdown ignores `** x**`."""
    core = words.strip()
    if not core:
        return words
    start = words.index(core)
    return f"{words[:start]}{mark}{core}{mark}{words[start + len(core):]}"


def _escape(text: str) -> str:
    """Sentence text shown literally in Markdown (and inside a table cell)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)
