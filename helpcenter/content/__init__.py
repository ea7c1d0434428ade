"""What pages say: the names writers use in pages, how values read in sentences, the
reader widgets, and the escaping that keeps every policy string text.

`vocabulary.writer_vocabulary(...)` is everything a page can name (`policy`, `days()`,
`support_link()`, the widgets, ...). Markup comes from the templates in `templates/`,
rendered by `markup.py`, the one place our HTML snippets are made.
"""
