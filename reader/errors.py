"""The two kinds of failure.

A :class:`KnownError` is an expected failure the user can act on (a bad file, a locked
library, an unknown article). The CLI prints its message as one line and exits 1; the GUI
shows it in a message box. Anything else is a bug and is allowed to raise.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure: one line naming the thing and the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInputError(KnownError):
    """An input file that cannot be read as a page dump."""
