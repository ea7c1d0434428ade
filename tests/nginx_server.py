"""Test helper (not a test): the built site served by Debian's nginx with the production
configuration of deploy/nginx/, as a reader's browser would reach it in production.

`serve_with_nginx(site_dir)` starts /usr/sbin/nginx on a free loopback port from a
temporary runtime folder, polls until it answers (bounded deadline, no fixed sleeps),
yields the base URL and always stops nginx and removes the folder, errors included.
A missing nginx or a failed start raises `NginxError` with what to do about it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from deploy.render import read_site_settings
from deploy.server import NGINX, NginxError, running_nginx

REPO = Path(__file__).resolve().parent.parent

__all__ = ["NGINX", "NginxError", "serve_with_nginx"]


@contextlib.contextmanager
def serve_with_nginx(site_dir: Path, project: Path = REPO, port: int | None = None) -> Iterator[str]:
    """`with serve_with_nginx(site) as base_url:` -> `http://127.0.0.1:PORT/` (a free port
    unless given); the redirects come from `project`'s site configuration (the
    repository's by default)."""
    with running_nginx(site_dir, read_site_settings(project), port=port) as base_url:
        yield base_url
