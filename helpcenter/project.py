"""Where a help-center project keeps the files the core reads.

Every path a check, build or export reads is named here once, relative to the project
folder (the one holding policy.yml), so tools that copy a project (the tests, the
benchmark, the impact preview) and the checks agree on what a project is.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    policy_path: Path | None = None  # another policy file to check (`check --policy`)

    @property
    def policy_file(self) -> Path:
        return self.policy_path or self.root / "policy.yml"

    @property
    def policy_schema(self) -> Path:
        return self.root / "policy.schema.json"

    @property
    def app_config(self) -> Path:
        return self.root / "app" / "config.json"

    @property
    def policy_map(self) -> Path:
        return self.root / "app" / "policy-map.yml"

    @property
    def policy_map_schema(self) -> Path:
        return self.root / "app" / "policy-map.schema.json"

    @property
    def published_links(self) -> Path:
        return self.root / "links" / "published.yml"

    @property
    def published_links_schema(self) -> Path:
        return self.root / "links" / "published.schema.json"

    def display(self, path: Path) -> str:
        """`path` as people name it: relative to the project when it is inside."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError):
            return str(path)


# Everything a build reads, relative to the project folder. Tools that build a copy of
# the project (the tests, the benchmark) copy exactly these; a new input belongs here.
BUILD_INPUT_FILES = ("mkdocs.yml", "policy.yml", "policy.schema.json")
BUILD_INPUT_DIRS = ("macros", "docs", "app", "links", "overrides")


def copy_inputs(root: Path, destination: Path) -> Path:
    """A copy of everything a build of the project at `root` reads (the tests and the
    benchmark build such copies)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUT_FILES:
        shutil.copy2(root / name, destination / name)
    for name in BUILD_INPUT_DIRS:
        if (root / name).is_dir():
            shutil.copytree(root / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    return destination
