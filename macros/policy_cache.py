"""Remember that a policy file passed every check, so the next build need not check it
again.

Checking `policy.yml` means importing jsonschema and running the schema over the file:
about 100 ms on every build and every preview, the largest fixed cost the policy layer
adds to a plain Material build. Its outcome depends only on the policy text, the schema
text and the code that checks them, so once a file has passed, its typed data is stored
in `.cache/macros/` under a hash of all three. A build that finds its hash loads that
data (about a millisecond); any change to the policy, the schema or the checking code
gives a new hash and a full check. `python -m macros check` always checks in full.
Nothing is written while `HELP_CENTER_CACHE=off`, as for the compiled pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .policy import Policy, build, load_policy
from .template_cache import cache_writes_allowed
from .validation import SCHEMA_PATH

_CHECKING_CODE = ("yaml_source.py", "validation.py", "policy.py", "errors.py",
                  "policy_cache.py")
_ENTRY_PREFIX = "policy-"


def load_policy_remembered(path: Path, cache_dir: Path) -> Policy:
    """`load_policy(path)`, skipped when this exact file already passed every check."""
    try:
        key = _key(path.read_bytes())
    except OSError:
        return load_policy(path)  # load_policy words the error
    entry = cache_dir / f"{_ENTRY_PREFIX}{key}.json"
    try:
        return build(Policy, json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # nothing remembered (or unreadable): check in full
    policy = load_policy(path)
    _remember(policy, entry)
    return policy


def _key(policy_text: bytes) -> str:
    digest = hashlib.sha256(policy_text)
    digest.update(SCHEMA_PATH.read_bytes())
    here = Path(__file__).resolve().parent
    for name in _CHECKING_CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _remember(policy: Policy, entry: Path) -> None:
    """Store `policy` only if it reads back identical (JSON has no dates or tuples)."""
    if not cache_writes_allowed():
        return
    try:
        text = json.dumps(policy.to_dict())
        if build(Policy, json.loads(text)) != policy:
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        for old in entry.parent.glob(f"{_ENTRY_PREFIX}*.json"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=entry.parent,
                                         delete=False, suffix=".tmp") as temporary:
            temporary.write(text)
        os.replace(temporary.name, entry)  # readers see the old entry or the whole new one
    except (OSError, TypeError, ValueError):
        return  # a cache that cannot be written only costs the next build a full check
