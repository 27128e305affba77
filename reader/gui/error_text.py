"""The core's error messages in the window's language.

The core raises :class:`~reader.errors.KnownError` with one English line, built from a
fixed wording and the things it names (``f"{path}: the file is empty"``); the CLI
prints that line. The window shows it translated: each wording below is a pattern
(``%1: the file is empty``) whose ``%N`` stand for the named things, looked up through
the catalogue (``tr``) like any other string of the window. A message is matched
against the patterns, most specific first; the values it names are kept as they are
(a file name is not translated), except a value that is itself a known message (the
reason inside "…: refused: …"), which is translated in turn. A message no pattern
matches is shown as it came. ``tests/gui/test_error_language.py`` checks that every
wording the core raises is listed here and translated.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP

from reader.gui.i18n import tr

# Every wording of a KnownError the core raises (the test lists them from the source).
RAISED = (
    QT_TRANSLATE_NOOP("", "%1 cannot go under itself or a tag inside it"),
    QT_TRANSLATE_NOOP("", "%1 is not a date (YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("", "%1 is not a date (use YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("", "%1 is not a kind (%2)"),
    QT_TRANSLATE_NOOP("", "%1 is not a page number (3, A3)"),
    QT_TRANSLATE_NOOP("", "%1 is not in the local names"),
    QT_TRANSLATE_NOOP("", "%1: %2"),
    QT_TRANSLATE_NOOP("", "%1: already exists (use --force to replace it)"),
    QT_TRANSLATE_NOOP("", "%1: already exists; not overwritten (use --force)"),
    QT_TRANSLATE_NOOP("", "%1: at least one backup must be kept (not %2)"),
    QT_TRANSLATE_NOOP("", "%1: binary file (contains NUL bytes), not a text page"),
    QT_TRANSLATE_NOOP("", "%1: binary file (control bytes), not a text page"),
    QT_TRANSLATE_NOOP("", "%1: cancelled; nothing was written"),
    QT_TRANSLATE_NOOP("", "%1: cannot create the backups folder (%2)"),
    QT_TRANSLATE_NOOP("", "%1: cannot open the library file"),
    QT_TRANSLATE_NOOP("", "%1: cannot read (%2)"),
    QT_TRANSLATE_NOOP("", "%1: cannot read it (%2)"),
    QT_TRANSLATE_NOOP("", "%1: cannot write the share file (%2)"),
    QT_TRANSLATE_NOOP("", "%1: exists and is not a folder"),
    QT_TRANSLATE_NOOP("", "%1: input/output error while using the library"),
    QT_TRANSLATE_NOOP("", "%1: is a directory, not a page file"),
    QT_TRANSLATE_NOOP("", "%1: is a folder, not a library file"),
    QT_TRANSLATE_NOOP("", "%1: is a folder; give a file name for %2"),
    QT_TRANSLATE_NOOP("", "%1: is the library itself, not %2; choose another file"),
    QT_TRANSLATE_NOOP("", "%1: is the library itself; nothing restored"),
    QT_TRANSLATE_NOOP("", "%1: merge cancelled; the library is unchanged"),
    QT_TRANSLATE_NOOP("", "%1: no such backup (pizhu restore lists them)"),
    QT_TRANSLATE_NOOP("", "%1: no such file"),
    QT_TRANSLATE_NOOP("", "%1: not a Pizhu library (it has other tables)"),
    QT_TRANSLATE_NOOP("", "%1: not a Pizhu library; nothing restored"),
    QT_TRANSLATE_NOOP("", "%1: not a readable backup (%2); nothing restored"),
    QT_TRANSLATE_NOOP("", "%1: not a regular file"),
    QT_TRANSLATE_NOOP("", "%1: not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5)"),
    QT_TRANSLATE_NOOP("", "%1: permission denied"),
    QT_TRANSLATE_NOOP("", "%1: refused: %2"),
    QT_TRANSLATE_NOOP("", "%1: refused: %2 row %3: %4 %5"),
    QT_TRANSLATE_NOOP("", "%1: refused: a value is too large (%2)"),
    QT_TRANSLATE_NOOP("", "%1: refused: cannot open it as SQLite (%2)"),
    QT_TRANSLATE_NOOP("", "%1: refused: corrupt (text that is not UTF-8)"),
    QT_TRANSLATE_NOOP("", "%1: refused: corrupt SQLite header"),
    QT_TRANSLATE_NOOP("", "%1: refused: corrupt or not a database (%2)"),
    QT_TRANSLATE_NOOP("", "%1: refused: highlights: uuid %2 is used twice"),
    QT_TRANSLATE_NOOP("", "%1: refused: its creation time %2"),
    QT_TRANSLATE_NOOP("", "%1: refused: larger than %2 bytes"),
    QT_TRANSLATE_NOOP("", "%1: refused: not a SQLite database"),
    QT_TRANSLATE_NOOP("", "%1: refused: tags: the parents of %2 form a cycle"),
    QT_TRANSLATE_NOOP("", "%1: refused: the database is corrupt (%2)"),
    QT_TRANSLATE_NOOP("", "%1: refused: the file is truncated"),
    QT_TRANSLATE_NOOP("", "%1: refused: values nested too deeply"),
    QT_TRANSLATE_NOOP("", "%1: restoring %2 failed (%3); the library is unchanged"),
    QT_TRANSLATE_NOOP("", "%1: starts with a %2 byte-order mark but is not valid %3 (byte %4)"),
    QT_TRANSLATE_NOOP("", "%1: the backup could not be written (%2)"),
    QT_TRANSLATE_NOOP("", "%1: the backup is damaged (%2); nothing restored"),
    QT_TRANSLATE_NOOP("", "%1: the disk is full"),
    QT_TRANSLATE_NOOP("", "%1: the file is empty"),
    QT_TRANSLATE_NOOP("", "%1: the folder %2 does not exist"),
    QT_TRANSLATE_NOOP("", "%1: the library file is corrupt or not a Pizhu library"),
    QT_TRANSLATE_NOOP("", "%1: the library is locked by another program; try again"),
    QT_TRANSLATE_NOOP("", "%1: the library is read-only"),
    QT_TRANSLATE_NOOP(
        "",
        "%1: the library was written by a newer Pizhu (schema %2; this Pizhu knows up to %3); please update Pizhu",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("", "%1: too large (%2 MB; pages over 50 MB are refused)"),
    QT_TRANSLATE_NOOP("", "%1: upgrade would break %2 references; the library was left unchanged"),
    QT_TRANSLATE_NOOP("", "%1: upgrading the library failed (%2: %3); it was left unchanged%4"),
    QT_TRANSLATE_NOOP("", "a colour's meaning needs a name"),
    QT_TRANSLATE_NOOP("", "a local name needs some text"),
    QT_TRANSLATE_NOOP("", "a section cannot be moved into its own article"),
    QT_TRANSLATE_NOOP("", "a tag cannot be merged into itself"),
    QT_TRANSLATE_NOOP("", "a tag named %1 already exists; merge %2 into it instead"),
    QT_TRANSLATE_NOOP("", "a tag needs a name"),
    QT_TRANSLATE_NOOP("", "article %1 has not been analysed yet"),
    QT_TRANSLATE_NOOP("", "article %1 is the last on its page: nothing to merge"),
    QT_TRANSLATE_NOOP("", "block %1 of article %2 is not a heading"),
    QT_TRANSLATE_NOOP("", "cannot split article %1 before block %2"),
    QT_TRANSLATE_NOOP("", "highlight [%1, %2) is outside article %3 (0…%4)"),
    QT_TRANSLATE_NOOP("", "no %1 %2 in %3"),
    QT_TRANSLATE_NOOP("", "no article %1"),
    QT_TRANSLATE_NOOP("", "no article %1 in %2"),
    QT_TRANSLATE_NOOP("", "no highlight %1"),
    QT_TRANSLATE_NOOP("", "no highlight colour %1"),
    QT_TRANSLATE_NOOP("", "no highlight colour %1; choose one of %2"),
    QT_TRANSLATE_NOOP("", "no kind %1; choose one of %2"),
    QT_TRANSLATE_NOOP("", "no page %1 in %2"),
    QT_TRANSLATE_NOOP("", "no person, place or organisation named %1"),
    QT_TRANSLATE_NOOP("", "no source file %1"),
    QT_TRANSLATE_NOOP("", "no source file %1 in %2"),
    QT_TRANSLATE_NOOP("", "no tag %1"),
    QT_TRANSLATE_NOOP("", "no tag named %1"),
    QT_TRANSLATE_NOOP("", "no template %1 (neither a file nor a template in %2)"),
    QT_TRANSLATE_NOOP("", "nothing to count in %1: no letters or digits"),
    QT_TRANSLATE_NOOP("", "quote %1 is not in the text"),
    QT_TRANSLATE_NOOP("", "quote %1 occurs %2 times; choose an occurrence (1…%2)"),
    QT_TRANSLATE_NOOP("", "quote %1 occurs %2, so there is no occurrence %3"),
    QT_TRANSLATE_NOOP("", "range [%1, %2) is not inside the text (0…%3)"),
    QT_TRANSLATE_NOOP("", "refused: more than %1 rows in %2"),
    QT_TRANSLATE_NOOP("", "template %1: %2"),
    QT_TRANSLATE_NOOP("", "template %1: cannot be read (%2)"),
    QT_TRANSLATE_NOOP("", "the quote is empty"),
    QT_TRANSLATE_NOOP("", "Pizhu cannot read a %1 decision as %2"),
    QT_TRANSLATE_NOOP("", "the parser cannot read this place as %1"),
    QT_TRANSLATE_NOOP("", "the parser no longer takes this decision on the page"),
)
# Wordings that reach the window otherwise: import results, a share file's refusals.
REPORTED = (
    QT_TRANSLATE_NOOP("", "%1: is the library itself, not a page"),
    QT_TRANSLATE_NOOP("", "%1: not a page dump (only .txt and .md page files are imported)"),
    QT_TRANSLATE_NOOP("", "%1: could not be parsed (%2)"),
    QT_TRANSLATE_NOOP("", "already imported (same file)"),
    QT_TRANSLATE_NOOP("", "already imported (same page as %1)"),
    QT_TRANSLATE_NOOP("", "not a Pizhu share file"),
    QT_TRANSLATE_NOOP("", "not a Pizhu share file (no table %1)"),
    QT_TRANSLATE_NOOP("", "written by a newer Pizhu (share format %1); please update Pizhu"),
    QT_TRANSLATE_NOOP("", "broken references between its rows"),
)

_PLACE = re.compile(r"%(\d)")
_WORDINGS: tuple[str, ...] = tuple(str(w) for w in RAISED + REPORTED)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for wording in _WORDINGS:
        seen: list[str] = []
        parts = []
        for i, piece in enumerate(_PLACE.split(wording)):
            if i % 2 == 0:
                parts.append(re.escape(piece))
            elif piece in seen:
                parts.append(f"(?P=v{piece})")
            else:
                seen.append(piece)
                parts.append(f"(?P<v{piece}>.*?)")
        out.append((re.compile("".join(parts) + r"\Z", re.DOTALL), wording))
    # The most fixed text first: "%1: refused: not a SQLite database" before "%1: %2".
    out.sort(key=lambda p: -len(_PLACE.sub("", p[1])))
    return out


def translated(message: str, depth: int = 0) -> str:
    """``message`` in the window's language (as it came if no wording matches)."""
    if depth > 3:
        return message
    for pattern, wording in _patterns():
        found = pattern.match(message)
        if found is not None:
            return _fill(tr(wording), found.groupdict(), depth + 1)
    return message


def _fill(text: str, values: dict[str, str], depth: int) -> str:
    return _PLACE.sub(lambda m: translated(values.get("v" + m.group(1), ""), depth), text)
