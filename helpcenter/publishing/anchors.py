"""Old section ids that still answer (links/published.yml `aliases:`): a built page gets
an empty anchor with the old id just above the section that now has another, so a link
support sent before the rename still opens at the answer."""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import escape


def with_alias_anchors(html: str, page_url: str, aliases: Mapping[tuple[str, str], str]) -> str:
    """`html` of the page at `page_url` with an anchor for each of its old ids."""
    for (url, old_id), new_id in aliases.items():
        if url != page_url:
            continue
        heading = re.compile(rf"<h[1-6][^>]*\sid=\"{re.escape(new_id)}\"")
        match = heading.search(html)
        if match:
            anchor = f'<span id="{escape(old_id)}" class="hc-anchor-alias"></span>'
            html = html[: match.start()] + anchor + html[match.start():]
    return html
