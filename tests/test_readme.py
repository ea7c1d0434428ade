"""The README says what the tools really do: its table of rule ids is the one the code
declares, with the exit status each rule leads to, and its samples are what the tools
print."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import textwrap
from pathlib import Path

import helpcenter
from git_repo import project_repo, run_macros
from helpcenter.diagnostics import RULES
from helpers import REPO, Site, change_policy, replace_in, run_cli

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


def _block_after(marker: str, language: str) -> str:
    """The first ```language block after `marker` in the README, dedented."""
    start = README.index(marker)
    block = re.search(rf"```{language}\n(.*?)```", README[start:], re.DOTALL)
    assert block, f"no {language} block after {marker!r}"
    return textwrap.dedent(block.group(1))


def test_readme_sample_error_is_what_check_prints(project: Path) -> None:
    replace_in(project / "policy.yml", "window_days: 30", 'window_days: "30 days"')
    printed = run_cli(project, "check").stderr
    sample = _block_after("A mistake is reported with the line to fix", "text")
    assert sample.strip() in printed


def test_readme_sample_history_entry_is_what_check_prints(tmp_path: Path) -> None:
    repo = project_repo(tmp_path / "repo")
    change_policy(repo, "window_days: 30", "window_days: 14")
    printed = run_macros(repo, "check").stderr
    sample = _block_after("A valid change is reported as not yet recorded", "yaml")
    lines = printed.splitlines()
    first = next(n for n, line in enumerate(lines) if "- date:" in line)
    last = next(n for n, line in enumerate(lines) if line.strip().startswith("reason:"))
    entry = textwrap.dedent("\n".join(lines[first:last + 1]))
    assert re.sub(r"date: \S+", "date: DAY", sample).strip() == re.sub(r"date: \S+", "date: DAY", entry)


def test_readme_sample_policy_version_has_the_published_form(built_site: Site) -> None:
    version = json.loads((built_site.root / "policy.json").read_text(encoding="utf-8"))["version"]
    sample = re.search(r"`(\d{4}-\d{2}-\d{2}\.[0-9a-f]{12})`", README).group(1)
    assert sample.split(".")[0] == version.split(".")[0] and len(sample) == len(version)


def test_readme_names_the_feed_where_the_build_writes_it(built_site: Site) -> None:
    assert "`/policy-changes.xml`" in README and (built_site.root / "policy-changes.xml").is_file()
