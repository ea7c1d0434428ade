"""Make mkdocs-redirects' pages work under `Content-Security-Policy: script-src 'self'`.

Each redirect page (a moved page's old address, a /go/ short link) carries an inline
script that keeps the reader's #anchor; that policy blocks inline scripts, and the
meta refresh left working would drop the anchor. The inline script is swapped for
assets/redirect.js, which does the same from a file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REDIRECT_SCRIPT = "assets/redirect.js"
_INLINE_REDIRECT = re.compile(
    r"<script>var anchor=window\.location\.hash\.substr\(1\);"
    r"location\.href=\"[^\"]*\"\+\(anchor\?\"#\"\+anchor:\"\"\)</script>"
)


def make_redirect_pages_csp_safe(site_dir: Path, script: str = REDIRECT_SCRIPT) -> int:
    """Rewrite every redirect page under `site_dir` to load `script` (its site-relative
    path: the build may have given it a hashed name); returns how many were rewritten."""
    rewritten = 0
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<title>Redirecting...</title>" not in html or not _INLINE_REDIRECT.search(html):
            continue
        src = Path(os.path.relpath(site_dir / script, page.parent)).as_posix()
        page.write_text(_INLINE_REDIRECT.sub(f'<script src="{src}"></script>', html), encoding="utf-8")
        rewritten += 1
    return rewritten
