"""The guardrails: checks that the docs, policy.yml and the app agree, and that
support's published links keep working.

`runner.check_sources` runs what needs no rendered page (the app's settings, policy
values typed by hand, the link registry); `runner.check_pages` what needs every page
rendered by the generator (heading ids, links inside pages, published links,
redirects). `python -m macros check` runs both without a build; the build runs both
before it writes a page.
"""
