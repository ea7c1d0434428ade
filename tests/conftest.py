from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BuildResult, Site, copy_project, mkdocs_build

# Browser fixtures (Chromium, the CSP server, the page guard) live in their own module.
pytest_plugins = ["browser_fixtures"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository's own site, built once per test run from a clean copy."""
    project = copy_project(tmp_path_factory.mktemp("repo"))
    result = mkdocs_build(project)
    assert result.ok, result.output
    return result.site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may edit and build."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def build():
    def _build(project: Path) -> BuildResult:
        return mkdocs_build(project)
    return _build
