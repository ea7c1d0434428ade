"""The articles of the help center and their sections, read from the pages as the
generator rendered them.

Support pastes links to sections (`/refunds/#can-i-get-my-money-back`), so every
heading carries an explicit, stable id written by hand (`{ #can-i-get-my-money-back }`)
rather than one derived from the heading's words: a writer can then reword a heading
without breaking a single link. The ids are read after rendering, because a section can
exist only under a policy condition (`{% if ... %}`) and an id can come from data.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, rule
from ..site import RenderedPage

HEADING_ID_RULE = rule("heading-without-id", "a heading has no explicit { #id }")
DUPLICATE_ID_RULE = rule("duplicate-heading-id", "two headings of one page share an id")

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
# An attribute list may hold a Jinja expression (`{ #{{ name }} }` on a generated page):
# such an id comes from data, not from the heading's words, so it counts as explicit.
_ATTR_LIST = re.compile(r"\s*\{:?\s*((?:[^{}]|\{\{[^{}]*\}\})*)\}\s*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#(\{\{[^{}]*\}\}|[^\s#{}]+)")
_TAG = re.compile(r"<[^>]+>")
_INLINE_MARKUP = re.compile(r"[*`]|(?<!\w)_|_(?!\w)")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # plain text, as a reader sees it
    anchor: str | None  # the explicit id, or None when the writer gave none
    line: int  # in the page's file


@dataclass(frozen=True)
class Article:
    page: str  # path under docs/, e.g. "refunds.md"
    title: str
    headings: tuple[Heading, ...]

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(h.anchor for h in self.headings if h.anchor)


def outline(page: RenderedPage, label: str) -> tuple[Article | None, list[Diagnostic]]:
    """The page's article and the problems with its headings; no article when the page
    does not render (its one diagnostic says why, and nothing else is claimed)."""
    if page.markdown is None:
        return None, [page.problem] if page.problem else []
    findings = missing_ids(page, label)
    headings = tuple(_headings(page))
    findings += _duplicate_ids(headings, label)
    title = next((h.title for h in headings if h.level == 1), page.title)
    return Article(page.page, title, headings), findings


def heading_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each ATX heading line outside fenced code."""
    in_fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            in_fence = None if in_fence == fence.group(1) else (in_fence or fence.group(1))
            continue
        if not in_fence and _ATX_HEADING.match(line):
            yield number, line


def split_heading(line: str) -> tuple[int, str, str | None]:
    match = _ATX_HEADING.match(line)
    if match is None:
        raise ValueError(f"not a heading: {line!r}")
    text = match.group(2) or ""
    attrs = _ATTR_LIST.search(text)
    anchor = None
    if attrs:
        id_match = _ID_IN_ATTRS.search(attrs.group(1))
        anchor = id_match.group(1) if id_match else None
        text = text[: attrs.start()]
    return len(match.group(1)), re.sub(r"\s+#+$", "", text).strip(), anchor


def _headings(page: RenderedPage) -> Iterator[Heading]:
    for number, line in heading_lines(page.markdown or ""):
        level, text, anchor = split_heading(line)
        yield Heading(level, plain_text(text), anchor, page.file_line(number))


def plain_text(markdown: str) -> str:
    return " ".join(html.unescape(_INLINE_MARKUP.sub("", _TAG.sub("", markdown))).split())


def missing_ids(page: RenderedPage, label: str) -> list[Diagnostic]:
    """Headings in the page's source written without `{ #id }`. Checked on the source
    so the line number is the one the writer edits."""
    findings = []
    body = "\n".join(page.source.splitlines()[page.body_line - 1:])
    for number, line in heading_lines(body):
        _, text, anchor = split_heading(line)
        if anchor is None:
            findings.append(Diagnostic(
                label, number + page.body_line - 1, HEADING_ID_RULE, "",
                f'the heading "{line.strip()}" without an explicit id, so its link would change '
                "whenever its words do",
                "headings that end with a short, lasting id",
                f"{line.strip()} {{ #{_suggest_id(text)} }}"))
    return findings


def _duplicate_ids(headings: tuple[Heading, ...], label: str) -> list[Diagnostic]:
    seen: dict[str, Heading] = {}
    findings = []
    for heading in headings:
        if heading.anchor is None:
            continue
        if heading.anchor in seen:
            findings.append(Diagnostic(
                label, heading.line, DUPLICATE_ID_RULE, f"#{heading.anchor}",
                f'the id used by two headings ("{seen[heading.anchor].title}" on line '
                f'{seen[heading.anchor].line} and "{heading.title}"), so a link cannot tell them apart',
                "each id once per page", "give one of them another id"))
        seen.setdefault(heading.anchor, heading)
    return findings


def _suggest_id(text: str) -> str:
    words = re.sub(r"\{[{%#].*?[}%#]\}", " ", text)
    return "-".join(re.findall(r"[a-z0-9]+", words.lower())[:6]) or "section-id"
