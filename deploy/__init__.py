"""Serving the built help center with nginx: the production configuration (`nginx/`),
the short-link redirects generated from the site's redirects (`redirects`), serving the
.gz files `python -m macros build` writes (helpcenter/publishing/precompress.py) with
`gzip_static`,
and `python -m deploy.serve` (what `make preview` runs). The redirects are read through
the site generator's adapter (`macros.generator`), the one code that reads mkdocs.yml."""
