"""The README says what the tools really do: its table of rule ids is the one the code
declares, with the exit status each rule leads to."""

from __future__ import annotations

import importlib
import pkgutil
import re

import helpcenter
from helpcenter.diagnostics import RULES
from helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _declared_rules() -> dict[str, int]:
    for module in pkgutil.walk_packages(helpcenter.__path__, "helpcenter."):
        importlib.import_module(module.name)
    for module in ("macros.rendering", "macros.site_config"):
        importlib.import_module(module)
    return {rule.id: 2 if rule.unreadable else 1 for rule in RULES.values()}


def test_readme_lists_every_rule_id_with_its_exit_status() -> None:
    listed = {rule: int(status) for rule, status in
              re.findall(r"^\| `([a-z0-9-]+)` \| [^|]+ \| ([12]) \|$", README, re.MULTILINE)}
    assert listed == _declared_rules()
