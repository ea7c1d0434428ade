"""The impact preview: every rendered sentence a change alters, page by page.

The site is built with the real generator, two builds at a time, as a git revision has
it (exported with `git archive` into a temporary folder) and as the working tree has it,
each for a day: the help center is a function of (policy, day), so a change announced
for a later day is compared twice, as readers see it now (the notice) and as they will
from that day (the new text). Git is only read: the working tree, the index and the
branches are never touched.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..project import Project
from ..site import BuildOptions, SiteGenerator
from .rendered_text import site_sentences

# Two sentences sharing at least half their words are one sentence, reworded.
_ALIKE = 0.5


class ImpactError(Exception):
    """The preview cannot be made (no git, unknown revision, a build that failed)."""


@dataclass(frozen=True)
class Revision:
    commit: str
    label: str  # how the report names it: "main (merge base, 1a2b3c4)"


@dataclass(frozen=True)
class SentenceChange:
    old: str | None  # None: a new sentence
    new: str | None  # None: a sentence that is gone


@dataclass(frozen=True)
class PageImpact:
    page: str
    changes: tuple[SentenceChange, ...]


def default_base(project_dir: Path) -> Revision:
    """The merge base with main, or HEAD when main is checked out (or there is no main)."""
    branch = _git(project_dir, "rev-parse", "--abbrev-ref", "HEAD").strip()
    head = _git(project_dir, "rev-parse", "HEAD").strip()
    if branch != "main":
        # A fresh clone (CI) may only have the remote's main.
        for main in ("main", "origin/main"):
            try:
                base = _git(project_dir, "merge-base", "HEAD", main).strip()
            except ImpactError:
                continue
            return Revision(base, f"the merge base with {main} ({base[:7]})")
    return Revision(head, f"HEAD ({head[:7]})")


def resolve(project_dir: Path, ref: str) -> Revision:
    commit = _git(project_dir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    return Revision(commit, f"{ref} ({commit[:7]})")


@dataclass(frozen=True)
class Snapshot:
    """The site as one project folder builds it for one day."""

    project: Path
    day: dt.date
    label: str  # "the working tree on 1 January 2027"


@dataclass(frozen=True)
class Comparison:
    older: Snapshot
    newer: Snapshot


def site_impacts(generator: SiteGenerator, comparisons: list[Comparison]) -> list[list[PageImpact]]:
    """What readers read differently in each comparison. Every distinct snapshot is built
    once (two builds at a time: the build is mostly single-threaded Python), tolerantly:
    a preview shows the changes whatever the guardrails say."""
    snapshots = list(dict.fromkeys(s for c in comparisons for s in (c.older, c.newer)))
    with tempfile.TemporaryDirectory(prefix="help-center-impact-") as scratch:
        folders = {snapshot: Path(scratch) / f"site-{index}" for index, snapshot in enumerate(snapshots)}
        with ThreadPoolExecutor(max_workers=2) as pool:
            builds = {snapshot: pool.submit(generator.build, Project(snapshot.project), folders[snapshot],
                                            BuildOptions(as_of=snapshot.day, quiet=True, tolerant=True))
                      for snapshot in snapshots}
            for snapshot, build in builds.items():
                result = build.result()
                if result.status != 0:
                    raise ImpactError(f"The site at {snapshot.label} does not build:\n{result.log.strip()}")
        sentences = {snapshot: site_sentences(folder) for snapshot, folder in folders.items()}
        return [compare_sites(sentences[c.older], sentences[c.newer]) for c in comparisons]


@contextmanager
def exported(project_dir: Path, revision: Revision) -> Iterator[Path]:
    """The project as committed in `revision`, in a temporary folder for the duration."""
    with tempfile.TemporaryDirectory(prefix="help-center-base-") as scratch:
        destination = Path(scratch) / "project"
        export_revision(project_dir, revision.commit, destination)
        yield destination


def export_revision(project_dir: Path, commit: str, destination: Path) -> None:
    """The project's files as committed in `commit`, without a checkout."""
    prefix = _git(project_dir, "rev-parse", "--show-prefix").strip()
    tree = f"{commit}:{prefix.rstrip('/')}" if prefix else commit
    archive = _git_bytes(project_dir, "archive", "--format=tar", tree)
    destination.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")


def compare_sites(old: dict[str, list[str]], new: dict[str, list[str]]) -> list[PageImpact]:
    impacts = []
    for page in sorted(old.keys() | new.keys(), key=_page_order):
        changes = compare_sentences(old.get(page, []), new.get(page, []))
        if changes:
            impacts.append(PageImpact(page, tuple(changes)))
    return impacts


def compare_sentences(old: list[str], new: list[str]) -> list[SentenceChange]:
    changes: list[SentenceChange] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        changes += _paired(old[old_start:old_end], new[new_start:new_end])
    return changes


def _paired(gone: list[str], added: list[str]) -> list[SentenceChange]:
    """Show a sentence next to its new wording when they are alike, in page order; a
    sentence with no look-alike is reported as removed or new on its own."""
    changes: list[SentenceChange] = []
    start = 0
    for sentence in gone:
        candidates = range(start, len(added))
        best = max(candidates, key=lambda k: _likeness(sentence, added[k]), default=None)
        if best is None or _likeness(sentence, added[best]) < _ALIKE:
            changes.append(SentenceChange(sentence, None))
            continue
        changes += [SentenceChange(None, new) for new in added[start:best]]
        changes.append(SentenceChange(sentence, added[best]))
        start = best + 1
    return changes + [SentenceChange(None, new) for new in added[start:]]


def _likeness(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def _page_order(page: str) -> tuple[int, str]:
    return (0 if page.startswith("/") else 1, page)  # pages first, then the navigation


def _git(project_dir: Path, *args: str) -> str:
    return _git_bytes(project_dir, *args).decode("utf-8")


def _git_bytes(project_dir: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=project_dir, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ImpactError(f"git {args[0]} could not run: {error}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip() or "unknown revision"
        raise ImpactError(f"git {' '.join(args)}: {message}")
    return result.stdout
