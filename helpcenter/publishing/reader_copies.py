"""The help center for assistants: `/llms.txt` (llmstxt.org: the site, then one line per
reader page with its address and description) and a Markdown copy of every reader page,
values rendered, next to policy.json (`/refunds.md` for `/refunds/`).

Support's chatbot and readers' AI assistants then quote the policy in force, not a stale
copy. The copies are made from the built pages as a reader without JavaScript reads them
(hidden answers, forms and buttons left out), so they say exactly what the page says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

LLMS_FILE = "llms.txt"
_LINK_MARK = "\x00"  # a link already written as Markdown: not escaped again
_LINK = _LINK_MARK + "[{}]({})"
_SKIPPED = {"script", "style", "form", "button", "fieldset", "input", "label", "svg", "template"}
_BLOCK_BREAK = re.compile(r"\n{3,}")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What makes a line a heading, a list item or a rule when it starts one (> is escaped).
_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")


@dataclass(frozen=True)
class ReaderPage:
    url: str  # site-relative: "refunds/"
    title: str
    description: str
    markdown: str  # the article, as Markdown

    @property
    def copy_name(self) -> str:
        """Where the page's Markdown copy goes: "refunds.md" for "refunds/", "index.md"."""
        stem = self.url.strip("/").removesuffix("/index.html").removesuffix(".html")
        return f"{stem or 'index'}.md"


def article_markdown(page_html: str, page_address: str) -> str:
    """The page's article as Markdown, as a reader without JavaScript reads it; links
    absolute (the copy lives at another address than the page, `page_address`)."""
    article = BeautifulSoup(page_html, "lxml").select_one("article")
    if article is None:
        return ""
    for unwanted in article.select("a.headerlink, [hidden], .md-source-file, .hc-feedback"):
        unwanted.decompose()
    for link in article.select("a[href]"):
        link["href"] = urljoin(page_address, str(link["href"]))
    text = _blocks(article).strip()
    return _BLOCK_BREAK.sub("\n\n", text) + "\n"


def _blocks(node: Tag) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.strip():
                parts.append(_inline_text(str(child)))
            continue
        if not isinstance(child, Tag) or child.name in _SKIPPED:
            continue
        name = child.name
        if name and re.fullmatch(r"h[1-6]", name):
            parts.append(f"\n\n{'#' * int(name[1])} {_inline(child)}\n\n")
        elif name == "p":
            parts.append(f"\n\n{_inline(child)}\n\n")
        elif name in ("ul", "ol"):
            items = child.find_all("li", recursive=False)
            marks = [f"{n}." for n in range(1, len(items) + 1)] if name == "ol" else ["-"] * len(items)
            lines = [f"{mark} {_inline(item)}" for mark, item in zip(marks, items, strict=True)]
            parts.append("\n\n" + "\n".join(lines) + "\n\n")
        elif name == "table":
            parts.append(_table(child))
        elif name == "pre":
            parts.append(f"\n\n```\n{child.get_text()}\n```\n\n")
        elif name in ("dl",):
            parts.append("\n\n" + "\n".join(f"- {_inline(item)}" for item in child.find_all(["dt", "dd"])) + "\n\n")
        else:
            parts.append(_blocks(child))
    return "".join(parts)


def _inline(node: Tag) -> str:
    parts = []
    for child in node.descendants:
        if isinstance(child, NavigableString) and not any(
                parent.name in _SKIPPED or parent.name == "a" for parent in child.parents if parent is not node):
            parts.append(str(child))
        elif isinstance(child, Tag) and child.name == "a" and child.get("href"):
            if not any(parent.name in _SKIPPED for parent in child.parents if parent is not node):
                parts.append(_LINK.format(_inline_text(child.get_text(" ")), child["href"]))
    text = " ".join("".join(_escaped(part) if not part.startswith(_LINK_MARK) else part[1:]
                            for part in parts).split())
    return _line_safe(text)


def _escaped(text: str) -> str:
    """Text (already decoded from HTML) as Markdown shows it: specials escaped, and an `&`
    that would start a character reference written as `&amp;` (legal's "&lt;" stays text)."""
    return _ENTITY_START.sub("&amp;", _MARKDOWN_SPECIALS.sub(r"\\\1", text))


def _inline_text(text: str) -> str:
    """Text as Markdown shows it literally: a value such as `*x* [y](z)` stays text."""
    return _line_safe(" ".join(_escaped(text).split()))


def _line_safe(text: str) -> str:
    """`text` that starts a line as text: `# x` is no heading, `1. x` no list item."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _table(table: Tag) -> str:
    rows = [[_inline(cell) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]
    if not rows:
        return ""
    lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join("---" for _ in rows[0]) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n\n" + "\n".join(lines) + "\n\n"


def llms_txt(site_name: str, summary: str, pages: list[ReaderPage], absolute: dict[str, str],
             extras: list[tuple[str, str, str]]) -> str:
    """The llms.txt file. `absolute` maps a site-relative URL to its public address;
    `extras` are (title, absolute URL, description) of files for programs."""
    # Names and descriptions hold policy values (the product's name): text, never links.
    lines = [f"# {_inline_text(site_name)}", "", f"> {_inline_text(summary)}", "", "## Pages", ""]
    for page in pages:
        lines.append(f"- [{_inline_text(page.title)}]({absolute[page.url]}): {_inline_text(page.description)} "
                     f"(Markdown: {absolute[page.copy_name]})")
    lines += ["", "## Optional", ""]
    lines += [f"- [{title}]({url}): {description}" for title, url, description in extras]
    return "\n".join(lines) + "\n"


def write_reader_copies(site_dir: Path, pages: list[ReaderPage]) -> list[Path]:
    written = []
    for page in pages:
        path = site_dir / page.copy_name
        path.write_text(f"# {_inline_text(page.title)}\n\n> {_inline_text(page.description)}\n\n{page.markdown}"
                        if not page.markdown.startswith("# ") else page.markdown, encoding="utf-8")
        written.append(path)
    return written
