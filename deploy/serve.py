"""`python -m deploy.serve` (what `make preview` runs): serve the built site/ through nginx
with the production configuration, in the foreground, until Ctrl-C.

The runtime folder (default `.preview/`) gets the rendered configuration, the pid file
and nginx's temp folders; the site gets its .gz files if it lacks them (a site built by `mkdocs build`
itself has none; `python -m macros build` writes them).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from helpcenter.publishing.precompress import precompress_site

from .render import read_site_settings, render_runtime
from .server import NginxError, check_port_free, find_nginx, nginx_command

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1 (default: 8080)")
    parser.add_argument("--runtime", type=Path, default=REPO / ".preview",
                        help="folder for nginx's config, pid and temp files (default: .preview/)")
    args = parser.parse_args(argv)
    try:
        nginx = find_nginx()
        if not (args.site / "index.html").is_file():
            raise NginxError(f"{args.site} holds no built site (no index.html): run `make build`")
        check_port_free("127.0.0.1", args.port, hint=f"pick another port: make preview PREVIEW_PORT={args.port + 1}")
        written = precompress_site(args.site)
        runtime = args.runtime.resolve()
        config = render_runtime(runtime, args.site, args.port, read_site_settings(REPO),
                                logs_to_terminal=True)
    except (NginxError, ValueError, OSError) as error:
        print(f"preview: {error}", file=sys.stderr)
        return 1
    print(f"preview: {written} .gz files written; serving {args.site} at "
          f"http://127.0.0.1:{args.port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    # nginx replaces this process: Ctrl-C reaches it directly and stops it at once.
    os.execv(nginx, nginx_command(nginx, runtime, config))
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
