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

    @property
    def data_inputs(self) -> tuple[str, ...]:
        """The data files and folders a check or build reads, relative to the root (the
        generator adds its own: its configuration, pages and templates)."""
        return ("policy.yml", "policy.schema.json", "app", "links")

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


def copy_inputs(root: Path, names: tuple[str, ...], destination: Path) -> Path:
    """A copy of the files and folders `names` (relative to `root`) in `destination`:
    what the tests and the benchmark build."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, destination / name)
    return destination
