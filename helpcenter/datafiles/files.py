"""One way to read any of our YAML data files: text, strict YAML, its JSON Schema."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Refused
from .schema import Schema, validate
from .text import read_text
from .yaml_reader import YamlDocument, parse_yaml


def read_yaml_file(path: Path, display: str, schema: Schema, root: Path | None,
                   expected: str = "a mapping of keys") -> YamlDocument:
    """The validated document. Raises Refused listing every problem in the file."""
    doc = parse_yaml(read_text(path, display, root), display, expected)
    problems = list(doc.diagnostics)
    if doc.data is not None:
        problems += validate(doc, schema)
    if problems:
        raise Refused(problems)
    return doc
