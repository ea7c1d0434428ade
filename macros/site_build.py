"""Build the site so that a failed build never replaces a good one.

MkDocs writes straight into `site_dir`, so a build that fails half-way (say, on a
policy value that was refused) would leave a half-written site where a good one was.
Here MkDocs builds into a fresh folder beside the target, and only a build that
succeeded is swapped into place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


# Everything a build reads, relative to the project folder. Tools that build a copy of
# the project (the tests, the benchmark) copy exactly these; a new input belongs here.
BUILD_INPUT_FILES = ("mkdocs.yml", "policy.yml", "policy.schema.json")
BUILD_INPUT_DIRS = ("macros", "docs", "app", "links", "overrides")


def copy_build_inputs(project_dir: Path, destination: Path) -> Path:
    """Copy what a build of `project_dir` reads into `destination` (created if needed)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUT_FILES:
        shutil.copy2(project_dir / name, destination / name)
    for name in BUILD_INPUT_DIRS:
        if (project_dir / name).is_dir():
            shutil.copytree(project_dir / name, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def build_site(project_dir: Path, site_dir: Path) -> int:
    """Run a strict MkDocs build into `site_dir` atomically. Returns MkDocs' exit code."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
             "--config-file", str(project_dir / "mkdocs.yml"), "--site-dir", str(staging)],
            cwd=project_dir,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        )
        if result.returncode != 0:
            print(f"Build failed; {site_dir} was left as it was.", file=sys.stderr)
            return result.returncode
        _swap_into_place(staging, site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` with `new` using renames, so readers never see a mix of both."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
