"""The shape of a synthetic help center: which articles it has and how its navigation
groups them.

A help center of N articles is the real one (its home page and every page in the real
nav) plus numbered copies of the real articles, taken in turn, until there are N. The
pages of `SINGLE_PAGES` stay single. Copies
sit beside the page they copy (`refunds.md` -> `refunds-0042.md`), so their relative
links and images resolve exactly as in the original and the Markdown is left untouched.

The navigation is grouped the way help centers usually are: a handful of categories,
each split into sections (and sections into sub-sections) of at most `FAN_OUT` entries.
Material's `navigation.sections` shows every category open, with its sections listed;
`navigation.prune` leaves out the contents of every closed section. Splitting from the
bottom (full sections of articles, as few sections per category as that allows) keeps
what each page carries small: the categories, their sections, and the path to the page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

CATEGORIES = (
    "Getting started",
    "Your account",
    "Billing and refunds",
    "Privacy and data",
    "Your images",
    "Troubleshooting",
)
FAN_OUT = 10

# Pages a help center has once, whatever its size, and that are not copied: the link
# directory lists every article (copies of it would make the site grow with the square
# of its articles), the change history is the policy's, not an article's.
SINGLE_PAGES = frozenset({"support-links.md", "policy-changes.md"})


@dataclass(frozen=True)
class NavPage:
    """A page of the real nav: its docs-relative path and nav title (None: from its H1)."""

    path: str
    title: str | None


@dataclass(frozen=True)
class Article:
    source: NavPage
    path: str  # docs-relative path in the synthetic help center

    @property
    def is_copy(self) -> bool:
        return self.path != self.source.path


def nav_pages(nav: list[Any]) -> list[NavPage]:
    """Every page of a MkDocs `nav`, in order, sections flattened; external links skipped."""
    pages: list[NavPage] = []
    for item in nav:
        title, target = (None, item) if isinstance(item, str) else next(iter(item.items()))
        if isinstance(target, list):
            pages += nav_pages(target)
        elif isinstance(target, str) and target.endswith(".md") and "://" not in target:
            pages.append(NavPage(target, title))
    return pages


def plan_articles(real_articles: list[NavPage], count: int) -> list[Article]:
    """`count` articles: the real ones first, then numbered copies of them in turn."""
    if not real_articles:
        raise ValueError("the real nav has no article to copy")
    articles = [Article(page, page.path) for page in real_articles[:count]]
    for number in range(len(articles), count):
        source = real_articles[number % len(real_articles)]
        stem, suffix = posixpath.splitext(source.path)
        articles.append(Article(source, f"{stem}-{number:04d}{suffix}"))
    return articles


def grouped_nav(home: NavPage, articles: list[Article], title_of: Any = None,
                singles: tuple[NavPage, ...] = ()) -> list[Any]:
    """The nav: home, then categories of (sections of) articles, then the `singles`.
    `title_of(article)` gives an article's nav title (default: the real nav's title of
    the page it copies)."""
    title_of = title_of or (lambda article: article.source.title)
    nav: list[Any] = [_entry(home.title, home.path)]
    categories = _split(articles, min(len(CATEGORIES), len(articles)))
    for name, members in zip(CATEGORIES, categories, strict=False):
        nav.append({name: _sections(f"{name} ", [_entry(title_of(a), a.path) for a in members])})
    return nav + [_entry(page.title, page.path) for page in singles]


def _sections(prefix: str, entries: list[Any]) -> list[Any]:
    """`entries` as a tree of sections titled `<prefix>1`, `<prefix>1.2`, ... with at most
    FAN_OUT children each, filled from the bottom."""
    if len(entries) <= FAN_OUT:
        return entries
    capacity = FAN_OUT
    while capacity * FAN_OUT < len(entries):
        capacity *= FAN_OUT  # entries one child section can hold
    parts = _split(entries, -(-len(entries) // capacity))
    return [{f"{prefix}{number}": _sections(f"{prefix}{number}.", part)}
            if len(part) > 1 else part[0]
            for number, part in enumerate(parts, start=1)]


def _entry(title: str | None, path: str) -> Any:
    return path if title is None else {title: path}


def _split(items: list[Any], parts: int) -> list[list[Any]]:
    """`items` in `parts` consecutive runs whose lengths differ by at most one."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs
