"""The policy: what legal decided, as one typed object.

`loading.read_policy(project)` reads policy.yml strictly, validates it against
policy.schema.json, types it into the frozen `model.Policy` and applies the history's
own rules (`history.py`); `change_record.py` holds the rule that every changed value is
recorded in the history, checked against git. Nothing here knows about pages.
"""
