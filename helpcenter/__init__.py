"""The ArtSmart help center's core: everything it knows about policies, pages and
checks, with no knowledge of the site generator that publishes it.

The layers, each a subpackage that may import only the ones above it in this list:

    diagnostics   one record for every problem any check reports
    datafiles     reading our data files strictly: YAML, JSON, JSON Schema
    policy        the typed policy, its history, the values in force on any day
    content       what pages say: escaping, phrases, widgets, the writers' vocabulary
    site          the site as the generator describes it: pages, URLs, redirects
    guardrails    the checks that the docs, policy.yml and the app agree
    publishing    files published beside the pages; swapping a build into place
    preview       what readers will read differently after a change
    cli           `python -m macros check | build | diff | serve`

MkDocs and mkdocs-macros are known only to `macros/`, the adapter, which hands this
package a `site.SiteGenerator`. A move to another generator rewrites that adapter.
"""
