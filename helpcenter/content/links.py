"""Where things are on the site, for the links our macros draw.

Links in our snippets are relative to the page they appear on, so they work on a
preview server as well as on the published site; the pages they point at are declared
by the pages themselves (front matter `policy_page: refunds`, `role: policy-changes`) and
handed over by the generator adapter.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..policy.model import PolicyName


@dataclass(frozen=True)
class SiteLinks:
    policy_pages: Mapping[PolicyName, str]  # site-relative URL of each policy's page: "refunds/"
    changes_page: str  # "policy-changes/"
    page_url: Callable[[], str]  # the page being rendered, site-relative
    site_url: str = ""  # the public address, for addresses printed on paper

    def version_url(self, name: PolicyName, first_day: dt.date) -> str:
        """The stable address of one version of a policy page: "refunds/2026-06-01/"."""
        return f"{self.policy_pages[name]}{first_day.isoformat()}/"

    def href(self, site_relative: str) -> str:
        """A link from the page being rendered to `site_relative` (anchor allowed)."""
        return relative_href(self.page_url(), site_relative)

    def absolute(self, site_relative: str) -> str:
        return self.site_url.rstrip("/") + "/" + site_relative.lstrip("/")


def relative_href(from_page_url: str, to_path: str) -> str:
    """The link from the page at `from_page_url` to the site-relative `to_path`."""
    target, _, anchor = to_path.partition("#")
    start = (from_page_url if from_page_url.endswith("/") or not from_page_url
             else posixpath.dirname(from_page_url))
    relative = posixpath.relpath("/" + target, "/" + start)
    if target.endswith("/") or target == "":
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{anchor}" if anchor else "")
