"""Escaping for values that land in Markdown pages.

Pages are Jinja first, then Markdown, then HTML. A policy string must reach the reader
as the characters legal typed: HTML-escaping stops `<script>`, and turning Markdown's
punctuation into character references stops `[x](javascript:...)` or a stray `*` from
becoming markup. The references decode to the same characters in text, attributes and
the search index. Values that are already markup (`Markup`, from our own templates)
pass through untouched.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

# One pass over the characters: HTML's specials and Markdown's punctuation all become
# numeric character references (escaping in two passes would escape the first pass's `#`).
_AS_TEXT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[](){}#+!|~"})


def as_page_text(value: Any) -> Markup:
    """Jinja `finalize`: every `{{ value }}` in a page or template goes through here."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(value).translate(_AS_TEXT))
