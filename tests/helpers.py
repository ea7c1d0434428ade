"""Shared test tools: copy the project to a temporary folder, edit it, build it for
real with MkDocs, and read the result with a real HTML parser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
# Everything a build reads. Tests copy these, never the working tree's site/ or .venv/.
PROJECT_FILES = ["mkdocs.yml", "policy.yml", "policy.schema.json"]
PROJECT_DIRS = ["macros", "docs", "app", "overrides"]


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, destination / name)
    for name in PROJECT_DIRS:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a file in a temporary project; fails loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @cached_property
    def site(self) -> "Site":
        assert self.ok, self.output
        return Site(self.site_dir)


def mkdocs_build(project: Path, site_dir: Path | None = None) -> BuildResult:
    """A real, strict MkDocs build of `project`, in a separate process."""
    site_dir = site_dir or project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
