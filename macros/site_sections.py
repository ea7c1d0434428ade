"""The articles of the help center and their sections, read from the Markdown pages.

Support pastes links to sections (`/refunds/#can-i-get-my-money-back`), so every
heading carries an explicit, stable id written by hand (`{ #can-i-get-my-money-back }`)
rather than one MkDocs derives from the heading's words: a writer can then reword a
heading without breaking a single link.

Pages are rendered with the writers' Jinja context first, exactly as the build does,
because a section can exist only under a policy condition (`{% if ... %}`) and a
heading's words can come from policy.yml.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError

from .findings import Finding
from .safe_text import as_page_text
from .page_check_cache import PageCheckCache
from .template_cache import CACHE_DIR, remember_compiled_templates

HEADING_ID_RULE = "heading-without-id"
DUPLICATE_ID_RULE = "duplicate-heading-id"
RENDER_RULE = "page-does-not-render"

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
# An attribute list may hold a Jinja expression (`{ #{{ name }} }` on a generated page):
# such an id comes from data, not from the heading's words, so it counts as explicit.
_ATTR_LIST = re.compile(r"\s*\{:?\s*((?:[^{}]|\{\{[^{}]*\}\})*)\}\s*$")
_ID_IN_ATTRS = re.compile(r"(?:^|\s)#(\{\{[^{}]*\}\}|[^\s#{}]+)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# libyaml's parser when PyYAML has it (several times faster over 1,000 front matters);
# the same safe constructor either way.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INLINE_MARKUP = re.compile(r"[*`]|(?<!\w)_|_(?!\w)")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str  # plain text, as a reader sees it
    anchor: str | None  # the explicit id, or None when the writer gave none
    line: int  # in the page's Markdown after Jinja ran


@dataclass(frozen=True)
class Article:
    page: str  # path under docs/, e.g. "refunds.md"
    title: str
    headings: tuple[Heading, ...]

    @property
    def anchors(self) -> frozenset[str]:
        return frozenset(h.anchor for h in self.headings if h.anchor)


def markdown_pages(docs_dir: Path) -> list[str]:
    """Every Markdown page under `docs_dir`, as POSIX paths relative to it."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def read_articles(
    docs_dir: Path, context: Mapping[str, Any], docs_label: str = "docs",
    cache: PageCheckCache | None = None,
) -> tuple[list[Article], list[Finding]]:
    """Render every page and list its headings; findings for headings without an
    explicit id, ids used twice on one page, and pages that do not render. With a
    `cache`, a page whose results are known is not read again."""
    articles, findings = [], []
    for page in markdown_pages(docs_dir):
        source = (docs_dir / page).read_text(encoding="utf-8")
        label = f"{docs_label}/{page}"

        def read(page: str = page, source: str = source, label: str = label) -> tuple[Article | None, list[Finding]]:
            return _read_page(page, source, label, context, docs_dir)

        article, page_findings = cache.result("outline", label, source, read) if cache else read()
        findings += page_findings
        if article is not None:
            articles.append(article)
    return articles, findings


def _read_page(page: str, source: str, label: str, context: Mapping[str, Any],
               docs_dir: Path) -> tuple[Article | None, list[Finding]]:
    findings = _missing_ids(source, label)
    try:
        rendered = render_outline(source, context, _page_environment(docs_dir.parent))
    except TemplateError as error:
        findings.append(
            Finding(
                label,
                getattr(error, "lineno", 0) or 0,
                RENDER_RULE,
                f"the page's macros fail: {error}",
                "fix the macro call; the names pages can use are listed in "
                "macros/page_context.py",
            )
        )
        return None, findings
    headings = tuple(_headings(rendered))
    findings += _duplicate_ids(headings, label)
    title = next((h.title for h in headings if h.level == 1), Path(page).stem)
    return Article(page, title, headings), findings


def render_outline(source: str, context: Mapping[str, Any],
                   environment: Environment | None = None) -> str:
    """The page's headings after Jinja, at the lines where the build would have them.

    Only what can make or change a heading is rendered: heading lines, Jinja block and
    comment lines (`{% if %}` can remove a section, `{% for %}` repeat one) and code
    fences (a `#` inside code is no heading). Every other line becomes "." (not empty,
    so `{%-` trims exactly what it trims in the build), which keeps line numbers and is
    several times faster than rendering whole pages.
    """
    front_matter = _FRONT_MATTER.match(source)
    body = source[front_matter.end() :] if front_matter else source
    meta = yaml.load(front_matter.group(1) or "", Loader=_YAML_LOADER) if front_matter else None
    outline = "\n".join(
        line if _shapes_headings(line) or not line.strip() else "." for line in body.splitlines()
    )
    if isinstance(meta, dict) and meta.get("render_macros") is False:
        return outline
    return (environment or _page_environment(None)).from_string(outline).render(**context)


def _shapes_headings(line: str) -> bool:
    return bool(
        _ATX_HEADING.match(line)
        or _FENCE.match(line)
        or any(mark in line for mark in ("{%", "%}", "{#", "#}"))
    )


@lru_cache(maxsize=8)
def _page_environment(project_dir: Path | None) -> Environment:
    # Same settings as the build: strict names, escaping through safe_text.
    environment = Environment(undefined=StrictUndefined, autoescape=True, finalize=as_page_text)
    if project_dir is not None:
        # Every build and `make check` read every page's outline: keep the compiled code.
        remember_compiled_templates(environment, project_dir / CACHE_DIR / "outlines")
    return environment


def _heading_lines(markdown: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of each ATX heading line outside fenced code."""
    in_fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        fence = _FENCE.match(line)
        if fence:
            in_fence = None if in_fence == fence.group(1) else (in_fence or fence.group(1))
            continue
        if not in_fence and _ATX_HEADING.match(line):
            yield number, line


def _split_heading(line: str) -> tuple[int, str, str | None]:
    match = _ATX_HEADING.match(line)
    assert match
    text = match.group(2) or ""
    attrs = _ATTR_LIST.search(text)
    anchor = None
    if attrs:
        id_match = _ID_IN_ATTRS.search(attrs.group(1))
        anchor = id_match.group(1) if id_match else None
        text = text[: attrs.start()]
    return len(match.group(1)), re.sub(r"\s+#+$", "", text).strip(), anchor


def _headings(rendered: str) -> Iterator[Heading]:
    for number, line in _heading_lines(rendered):
        level, text, anchor = _split_heading(line)
        yield Heading(level, _plain_text(text), anchor, number)


def _plain_text(markdown: str) -> str:
    return " ".join(html.unescape(_INLINE_MARKUP.sub("", _TAG.sub("", markdown))).split())


def _missing_ids(source: str, label: str) -> list[Finding]:
    """Headings in the page's source written without `{ #id }`. Checked on the source
    so the line number is the one the writer edits."""
    findings = []
    front_matter = _FRONT_MATTER.match(source)
    offset = source.count("\n", 0, front_matter.end()) if front_matter else 0
    body = source[front_matter.end() :] if front_matter else source
    for number, line in _heading_lines(body):
        _, text, anchor = _split_heading(line)
        if anchor is None:
            findings.append(
                Finding(
                    label,
                    number + offset,
                    HEADING_ID_RULE,
                    f'the heading "{line.strip()}" has no explicit id, so its link would change '
                    "whenever its words do",
                    "end the heading with a short, lasting id: "
                    f"{line.strip()} {{ #{_suggest_id(text)} }}",
                )
            )
    return findings


def _duplicate_ids(headings: tuple[Heading, ...], label: str) -> list[Finding]:
    seen: dict[str, Heading] = {}
    findings = []
    for heading in headings:
        if heading.anchor is None:
            continue
        if heading.anchor in seen:
            findings.append(
                Finding(
                    label,
                    0,
                    DUPLICATE_ID_RULE,
                    f"the id #{heading.anchor} is used by two headings "
                    f'("{seen[heading.anchor].title}" and "{heading.title}"), '
                    "so a link to it cannot tell them apart",
                    "give one of them another id",
                )
            )
        seen.setdefault(heading.anchor, heading)
    return findings


def _suggest_id(text: str) -> str:
    words = re.sub(r"\{[{%#].*?[}%#]\}", " ", text)
    return "-".join(re.findall(r"[a-z0-9]+", words.lower())[:6]) or "section-id"
