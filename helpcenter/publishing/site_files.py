"""Files the build publishes beside the pages: policy.json, its schema, the feed and
links.json. Plain functions over the checked policy and the site's articles, so the
files never depend on one generator's hooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content.links import SiteLinks
from ..policy.loading import PolicySource
from ..site import SiteConfig
from .export import EXPORT_FILE, SCHEMA_FILE, as_json, export_schema, policy_export
from .feed import FEED_FILE, atom_feed
from .link_directory import LINKS_FILE, LinkDirectory


def publish(source: PolicySource, site: SiteConfig, links: SiteLinks, directory: LinkDirectory,
            site_dir: Path, day: dt.date) -> list[Path]:
    """Write the files, as of `day`, into the built site at `site_dir`; returns their paths."""
    version_urls = {name: links.absolute(url) for name, url in links.policy_pages.items()}
    files = {
        EXPORT_FILE: as_json(policy_export(source.policy, day, version_urls)).encode("utf-8"),
        SCHEMA_FILE: as_json(export_schema(source.schema)).encode("utf-8"),
        FEED_FILE: atom_feed(source, site.site_url, links.changes_page, day),
        LINKS_FILE: directory.to_json().encode("utf-8"),
    }
    written = []
    for name, content in files.items():
        (site_dir / name).write_bytes(content)
        written.append(site_dir / name)
    return written
