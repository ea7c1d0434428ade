"""Files the build publishes beside the pages: policy.json, its schema, the feed,
links.json, llms.txt and a Markdown copy of every reader page. Plain functions over the
checked policy and the site's articles, so the files never depend on one generator's
hooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..content.links import SiteLinks
from ..content.vocabulary import site_name
from ..policy.loading import PolicySource
from ..site import SiteConfig
from .export import EXPORT_FILE, SCHEMA_FILE, as_json, export_schema, policy_export
from .feed import FEED_FILE, atom_feed
from .link_directory import LINKS_FILE, LinkDirectory
from .reader_copies import LLMS_FILE, ReaderPage, llms_txt, write_reader_copies


def publish(source: PolicySource, site: SiteConfig, links: SiteLinks, directory: LinkDirectory,
            site_dir: Path, day: dt.date, reader_pages: list[ReaderPage]) -> list[Path]:
    """Write the files, as of `day`, into the built site at `site_dir`; returns their paths."""
    version_urls = {name: links.absolute(url) for name, url in links.policy_pages.items()}
    absolute = {url: links.absolute(url) for page in reader_pages for url in (page.url, page.copy_name)}
    extras = [("policy.json", links.absolute(EXPORT_FILE), "every policy value in force, every version of "
               "each policy with its days, and the record of changes, as JSON"),
              ("policy.schema.json", links.absolute(SCHEMA_FILE), "the JSON Schema of policy.json"),
              ("Policy changes feed", links.absolute(FEED_FILE), "every policy change, as an Atom feed")]
    summary = ("Answers from our own policies, as in force on "
               f"{day.isoformat()}: what data we collect, getting your money back, and who can see "
               "the images you make.")
    files = {
        LLMS_FILE: llms_txt(site_name(source), summary, reader_pages, absolute, extras).encode("utf-8"),
        EXPORT_FILE: as_json(policy_export(source.policy, day, version_urls)).encode("utf-8"),
        SCHEMA_FILE: as_json(export_schema(source.schema)).encode("utf-8"),
        FEED_FILE: atom_feed(source, site.site_url, links.changes_page, day),
        LINKS_FILE: directory.to_json().encode("utf-8"),
    }
    written = write_reader_copies(site_dir, reader_pages)
    for name, content in files.items():
        (site_dir / name).write_bytes(content)
        written.append(site_dir / name)
    return written
