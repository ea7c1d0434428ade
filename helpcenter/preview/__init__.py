"""The impact preview: what readers will read differently after a change.

`impact.site_impact(...)` builds the site twice with the real generator (once as a git
revision has it, once as the working tree has it), reads every page as a reader would
(`rendered_text.py`) and pairs the sentences that changed; `report.py` prints them for a
terminal or as Markdown for a review.
"""
