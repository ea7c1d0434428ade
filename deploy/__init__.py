"""Serving the built help center with nginx: the production configuration (`nginx/`),
the short-link redirects generated from mkdocs.yml (`redirects`), precompressed files
for `gzip_static` (`precompress`), and `python -m deploy.serve` (what `make preview` runs).
Nothing here imports MkDocs or the macros package, so it runs beside any build."""
