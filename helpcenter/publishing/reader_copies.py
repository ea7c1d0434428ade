"""The help center for assistants: `/llms.txt` (llmstxt.org: the site, then one line per
reader page with its address and description) and a Markdown copy of every reader page,
values rendered, next to policy.json (`/refunds.md` for `/refunds/`).

Support's chatbot and readers' AI assistants then quote the policy in force, not a stale
copy. The copies are made from the built pages as a reader without JavaScript reads them
(hidden answers, forms and buttons left out), so they say exactly what the page says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import urljoin

from lxml.etree import ParserError
from lxml.html import HtmlElement, document_fromstring

LLMS_FILE = "llms.txt"
_LINK_MARK = "\x00"  # a link already written as Markdown: not escaped again
_LINK = _LINK_MARK + "[{}]({})"
_SKIPPED = {"script", "style", "form", "button", "fieldset", "input", "label", "svg", "template"}
_BLOCK_BREAK = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DOCUMENT_TAG = re.compile(r"</?(?:html|head|body)\b[^>]*>", re.IGNORECASE)
# Inside a paragraph or list item, these end a line of text: their words stay apart.
_BREAKS_TEXT = {"br", "p", "div", "li", "dt", "dd", "tr", "td", "th", "blockquote", "ul", "ol"}
_HREF_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"})
_BACKTICKS = re.compile(r"`+")
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
    # Only the article is parsed, with lxml itself: the navigation around it is most of
    # a page's HTML (measured on 200 pages: BeautifulSoup on whole pages took 13 ms a
    # page, on the article 3.6 ms, lxml on the article 0.4 ms).
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    if start < 0 or end < start:
        return ""
    # Parsed as a document, not a fragment: a writer's stray </article> then leaves its
    # text in the body instead of failing; stray document tags (</body><body>) are
    # dropped, or the parser would drop what follows them. Control characters, which a
    # page may hold and lxml refuses to keep in a tree it edits, say nothing to a reader.
    snippet = _DOCUMENT_TAG.sub("", _CONTROL.sub(" ", page_html[start:end + len("</article>")]))
    try:
        body = document_fromstring(snippet).find("body")
    except ParserError:  # nothing but markup that says nothing
        return ""
    if body is None:
        return ""
    article = cast(HtmlElement, body)  # lxml.html's parser makes HtmlElements
    for element in list(article.iter()):
        if element is not article and isinstance(element.tag, str) and _unwanted(element):
            element.drop_tree()  # keeps the text that follows it
    for link in article.iter("a"):
        if link.get("href") is not None:
            link.set("href", urljoin(page_address, link.get("href", "")))
    text = _blocks(article).strip()
    return _BLOCK_BREAK.sub("\n\n", text) + "\n"


def _unwanted(element: HtmlElement) -> bool:
    """Hidden answers, heading anchors, the source-file line, the feedback form."""
    classes = (element.get("class") or "").split()
    return (element.get("hidden") is not None or "md-source-file" in classes or "hc-feedback" in classes
            or (element.tag == "a" and "headerlink" in classes))


def _children(node: HtmlElement) -> Iterator[HtmlElement | str]:
    """A node's content in order: its text, then each element followed by the text after it."""
    if node.text:
        yield node.text
    for child in node:
        if isinstance(child.tag, str):  # comments and processing instructions say nothing
            yield child
        if child.tail:
            yield child.tail


def _text(node: HtmlElement, separator: str = "") -> str:
    return separator.join(node.xpath(".//text()"))


def _blocks(node: HtmlElement) -> str:
    parts = []
    for child in _children(node):
        if isinstance(child, str):
            if child.strip():
                parts.append(_inline_text(child))
            continue
        name = child.tag
        if name in _SKIPPED:
            continue
        if re.fullmatch(r"h[1-6]", name):
            parts.append(f"\n\n{'#' * int(name[1])} {_inline(child)}\n\n")
        elif name == "p":
            parts.append(f"\n\n{_inline(child)}\n\n")
        elif name in ("ul", "ol"):
            items = [item for item in child if item.tag == "li"]
            marks = [f"{n}." for n in range(1, len(items) + 1)] if name == "ol" else ["-"] * len(items)
            lines = [f"{mark} {_inline(item)}" for mark, item in zip(marks, items, strict=True)]
            parts.append("\n\n" + "\n".join(lines) + "\n\n")
        elif name == "table":
            parts.append(_table(child))
        elif name == "pre":
            code = _text(child)
            # A fence longer than any run of backticks inside: the code cannot close it.
            fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(code)), default=0))
            parts.append(f"\n\n{fence}\n{code}\n{fence}\n\n")
        elif name == "dl":
            items = child.iter("dt", "dd")
            parts.append("\n\n" + "\n".join(f"- {_inline(item)}" for item in items) + "\n\n")
        else:
            parts.append(_blocks(child))
    return "".join(parts)


def _inline(node: HtmlElement) -> str:
    parts: list[str] = []
    _inline_parts(node, parts)
    text = " ".join("".join(_escaped(part) if not part.startswith(_LINK_MARK) else part[1:]
                            for part in parts).split())
    return _line_safe(text)


def _inline_parts(node: HtmlElement, parts: list[str]) -> None:
    """The text of `node` and its descendants, each link as Markdown; a link's own text
    goes only into its Markdown, and what `_SKIPPED` names says nothing."""
    for child in _children(node):
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "a":
            if child.get("href"):
                href = str(child.get("href")).translate(_HREF_UNSAFE)  # a ")" would end the link
                parts.append(_LINK.format(_inline_text(_text(child, " ")), href))
        elif child.tag not in _SKIPPED:
            if child.tag in _BREAKS_TEXT:
                parts.append(" ")
            _inline_parts(child, parts)
            if child.tag in _BREAKS_TEXT:
                parts.append(" ")


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


def _table(table: HtmlElement) -> str:
    rows = [[_inline(cell) for cell in row.iter("th", "td")] for row in table.iter("tr")]
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
