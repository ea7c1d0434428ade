"""`python -m macros check | build | diff | serve`: the core's command line, run with
MkDocs as the site generator."""

import sys
from pathlib import Path

from helpcenter.cli.main import main

from .generator import MkDocsGenerator

PROJECT_DIR = Path(__file__).resolve().parent.parent

sys.exit(main(sys.argv[1:], MkDocsGenerator(), PROJECT_DIR))
