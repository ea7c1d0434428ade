"""Shared test tools: copy the project to a temporary folder, edit it, build it for
real with MkDocs, and read the result with a real HTML parser."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup

from helpcenter.datafiles.schema import Schema
from helpcenter.policy.loading import policy_from_data as _policy_from_data
from helpcenter.policy.loading import read_policy
from helpcenter.policy.model import Policy
from helpcenter.project import Project, copy_inputs
from helpcenter.site import AS_OF_VARIABLE
from macros.generator import MkDocsGenerator

REPO = Path(__file__).resolve().parent.parent
# The day every build and check in the tests is for, unless a test says otherwise: the
# help center is a function of (policy, day), and a test must not change with the clock.
TEST_DAY = "2026-11-30"
POLICY_SCHEMA = Schema.load(REPO / "policy.schema.json", "policy.schema.json")


def copy_project(destination: Path) -> Path:
    """A copy of everything a build of this repository reads."""
    return copy_inputs(REPO, (*Project(REPO).data_inputs, *MkDocsGenerator.site_inputs), destination)


def load_policy(policy_file: Path | None = None, project: Path = REPO) -> Policy:
    """The policy of `project`, or of the file `policy_file` (a lone policy.yml a test
    wrote gets the repository's schema beside it), through the reader the build uses."""
    if policy_file is not None and policy_file.parent != project:
        project = policy_file.parent
        if not (project / "policy.schema.json").exists():
            shutil.copy2(REPO / "policy.schema.json", project / "policy.schema.json")
    return read_policy(Project(project, policy_file)).policy


def policy_from_data(data: dict) -> Policy:
    """A policy from already-parsed data, with the same checks as policy.yml."""
    return _policy_from_data(data, POLICY_SCHEMA)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a file in a temporary project; fails loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def change_policy(project: Path, old: str, new: str) -> None:
    """Change a value in the project's policy.yml together with the app setting that
    carries it, as a release would (the guardrails refuse one without the other)."""
    replace_in(project / "policy.yml", old, new)
    align_app_config(project)


def align_app_config(project: Path, day: str = TEST_DAY) -> None:
    """Ship the app change that goes with a policy change: set every mapped setting in
    the project's app/config.json to what the project's policy.yml promises on `day`
    (engineering switches the app on the day a change takes effect)."""
    from helpcenter.guardrails.app_agreement import expected_app_settings, read_policy_map
    from helpcenter.policy.timeline import in_force_on

    pairs = read_policy_map(Project(project))
    config_path = project / "app" / "config.json"
    settings = json.loads(config_path.read_text(encoding="utf-8"))
    promised = in_force_on(load_policy(project=project), dt.date.fromisoformat(day))
    for setting, value in expected_app_settings(promised, pairs).items():
        node = settings
        *parents, last = setting.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    config_path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 300) -> CliResult:
    """`python -m macros ARGS` as a person runs it, in the project folder `project` (its
    own copy of the adapter, the installed core), with `env` added to the environment."""
    result = subprocess.run([sys.executable, "-m", "macros", *args], cwd=project,
                            capture_output=True, text=True, timeout=timeout,
                            env={**os.environ, "PYTHONPATH": "", AS_OF_VARIABLE: TEST_DAY, **(env or {})})
    return CliResult(result.returncode, result.stdout, result.stderr)


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @cached_property
    def site(self) -> Site:
        assert self.ok, self.output
        return Site(self.site_dir)


def mkdocs_build(project: Path, site_dir: Path | None = None, env: dict[str, str] | None = None) -> BuildResult:
    """A real, strict MkDocs build of `project`, in a separate process (with `env` added
    to the environment)."""
    site_dir = site_dir or project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=300,  # a hang fails, not stalls CI
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             AS_OF_VARIABLE: TEST_DAY, **(env or {})},
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


class Site:
    """A built site, read the way a browser or search engine would read it."""

    def __init__(self, root: Path):
        self.root = root

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, url_path: str) -> BeautifulSoup:
        """`page("refunds/")` -> the parsed refunds/index.html."""
        path = self.root / url_path
        if path.is_dir() or url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def article_text(self, url_path: str) -> str:
        article = self.page(url_path).select_one("article")
        return " ".join(article.get_text(" ").split())

    def search_index(self) -> dict:
        return json.loads((self.root / "search" / "search_index.json").read_text(encoding="utf-8"))

    def all_reader_text(self) -> dict[str, str]:
        """Every text a reader or search engine sees, per file: page text, titles,
        meta descriptions and the search index."""
        texts: dict[str, str] = {}
        for path in self.html_files():
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            for hidden in soup(["script", "style"]):
                hidden.decompose()
            metas = " ".join(m.get("content", "") for m in soup.find_all("meta"))
            texts[str(path.relative_to(self.root))] = " ".join(
                (soup.get_text(" ") + " " + metas).split())
        for doc in self.search_index()["docs"]:
            texts[f"search_index.json#{doc['location']}"] = " ".join(
                (doc["title"] + " " + BeautifulSoup(doc["text"], "lxml").get_text(" ")).split())
        return texts
