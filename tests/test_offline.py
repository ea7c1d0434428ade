"""Reading the help center asks no host but the site's own: no web fonts, no CDN, no
analytics. Checked on every built page and stylesheet."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from helpers import Site

URL_ATTRIBUTES = ("href", "src", "srcset", "action", "poster", "data", "content")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
# The canonical address of the site itself (mkdocs.yml site_url) is not another host.
OWN_HOSTS = {"127.0.0.1:8000", "127.0.0.1", "localhost"}


def _foreign(url: str) -> bool:
    url = url.strip()
    if url.startswith(("mailto:", "data:", "#")):
        return False
    parsed = urlparse(url)
    return bool(parsed.netloc) and parsed.netloc not in OWN_HOSTS


def test_no_page_loads_or_links_anything_from_another_host(built_site: Site):
    found = []
    for path in built_site.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = tag.get(attribute)
                if not value or (attribute == "content" and "://" not in value):
                    continue
                urls = [part.split()[0] for part in value.split(",")] if attribute == "srcset" else [value]
                found += [f"{path.relative_to(built_site.root)}: <{tag.name} {attribute}={u}>"
                          for u in urls if _foreign(u)]
    assert not found, "\n".join(found)


def test_no_stylesheet_pulls_fonts_or_images_from_another_host(built_site: Site):
    found = [f"{css.relative_to(built_site.root)}: {url}"
             for css in built_site.root.rglob("*.css")
             for url in CSS_URL.findall(css.read_text(encoding="utf-8")) if _foreign(url)]
    assert not found, "\n".join(found)
    head = str(built_site.page("refunds/").head)
    assert "fonts.googleapis.com" not in head and "fonts.gstatic.com" not in head


def test_the_check_catches_material_default_web_fonts(project, build):
    """Guard the guard: with Material's default font the page asks Google Fonts."""
    from helpers import replace_in

    replace_in(project / "mkdocs.yml", "font: false", "font:\n    text: Roboto")
    site = build(project).site
    soup = site.page("refunds/")
    assert any(_foreign(link.get("href", "")) for link in soup.find_all("link"))
