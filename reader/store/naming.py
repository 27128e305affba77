"""Names: the author stamped on annotations, and the key tags are unique by.

Small pure functions shared by the library facade and the annotation modules.
"""

from __future__ import annotations

import getpass
import os
import unicodedata

AUTHOR_ENV = "PIZHU_AUTHOR"


def tag_key(name: str) -> str:
    """Tags are unique by their NFKC-casefolded, space-folded name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def tag_name(name: str) -> str:
    """A tag's display name: the given name with its whitespace folded."""
    return " ".join(name.split())


def default_author(preferred: str | None = None) -> str:
    """Who is annotating: ``$PIZHU_AUTHOR`` if set, else the name chosen in Preferences
    (``preferred``), else the account's user name ("" when there is none)."""
    env = os.environ.get(AUTHOR_ENV)
    if env:
        return env
    if preferred and preferred.strip():
        return preferred.strip()
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""
