"""Files the build publishes beside the pages: policy.json, its schema and the feed.

Plain functions over a `Policy`, called after a build by `macros/__init__.py` (and by
any other site generator's equivalent), so the files never depend on one tool's hooks.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .export import EXPORT_FILE, SCHEMA_FILE, as_json, export_schema, policy_export
from .feed import FEED_FILE, atom_feed
from .policy import Policy


def publish_policy_files(policy: Policy, site_config: Mapping[str, Any]) -> list[Path]:
    """Write the files into a built site; returns their paths. `site_config` holds the
    mkdocs.yml settings `site_dir`, `site_url` and `use_directory_urls`."""
    site_dir, site_url = Path(site_config["site_dir"]), site_config.get("site_url") or ""
    directory_urls = site_config.get("use_directory_urls", True)
    changes_page = "policy-changes/" if directory_urls else "policy-changes.html"
    files = {
        EXPORT_FILE: as_json(policy_export(policy)).encode("utf-8"),
        SCHEMA_FILE: as_json(export_schema()).encode("utf-8"),
        FEED_FILE: atom_feed(policy, site_url, changes_page),
    }
    written = []
    for name, content in files.items():
        (site_dir / name).write_bytes(content)
        written.append(site_dir / name)
    return written
