"""Temporary git repositories holding a copy of the project, for the rules and commands
that compare policy.yml with its committed versions."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import CliResult, copy_project, run_cli

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Legal", "GIT_AUTHOR_EMAIL": "legal@example.org",
    "GIT_COMMITTER_NAME": "Legal", "GIT_COMMITTER_EMAIL": "legal@example.org",
    "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(Path(__file__).parent),  # no user git config
    "NO_MKDOCS_2_WARNING": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                             *args], cwd=repo, capture_output=True, text=True, env=GIT_ENV)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def project_repo(folder: Path, commit: bool = True) -> Path:
    """A copy of the project in a new repository on `main`, committed unless told not to."""
    repo = copy_project(folder)
    git(repo, "init", "-q")
    if commit:
        commit_all(repo, "Project as on main")
    return repo


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def run_macros(repo: Path, *args: str) -> CliResult:
    """`python -m macros ...` as legal runs it, in the repository, with its git identity."""
    return run_cli(repo, *args, env=GIT_ENV)
