"""Reading the data files people edit (policy.yml, app/policy-map.yml,
links/published.yml) and the app's settings (JSON), strictly.

Everything read here is hostile until checked: a file that is missing, outside the
project, too large or not UTF-8 text is refused as unreadable; YAML is read without
aliases, tags or the YAML 1.1 readings that turn `no` into false and `010` into 8; JSON
without duplicate keys, NaN or runaway nesting. Every file is then validated against
the JSON Schema that sits next to it, and each failure is phrased from the schema for
the person who edits the file. Nothing here knows what a policy is.
"""
