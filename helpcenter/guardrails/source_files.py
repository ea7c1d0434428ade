"""Every file the site generator reads on its own stays inside the project.

Our data files are read through `datafiles.text.read_text`, which refuses a link out of
the project. Pages, images and templates are read by the generator, which follows
symbolic links wherever they lead: a page linked to a file elsewhere would be printed
by `check` or published by the build. So the generator's inputs are walked first,
without trusting a link before it is checked, and each one that resolves outside the
project, leads nowhere or is a pipe is refused before anything reads it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..datafiles.text import source_file_problem
from ..diagnostics import Diagnostic
from ..project import Project
from ..site import SiteConfig


def source_file_problems(project: Project, site: SiteConfig) -> list[Diagnostic]:
    """A diagnostic for each data file, configuration file, page, asset or template that
    must not be read, each named as people know it (docs/leak.md)."""
    tops = [project.root / name for name in project.data_inputs]
    tops += [site.config_file, site.docs_dir, *site.template_dirs]
    problems: list[Diagnostic] = []
    visited: set[Path] = set()
    for top in tops:
        for path in _walk(top, project.root, visited):
            problem = source_file_problem(path, project.display(path), project.root)
            if problem is not None:
                problems.append(problem)
    return problems


def _walk(top: Path, root: Path, visited: set[Path]) -> Iterator[Path]:
    """`top` and everything under it, as the generator sees it (it follows links to
    folders), descending only into folders that resolve inside `root`, each once."""
    if not os.path.lexists(top):
        return  # a missing input is reported by whoever needs it
    yield top
    try:
        resolved = top.resolve()
    except (OSError, RuntimeError):
        return
    if not top.is_dir() or resolved in visited or not resolved.is_relative_to(root.resolve()):
        return
    visited.add(resolved)
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        yield from _walk(Path(entry.path), root, visited)
