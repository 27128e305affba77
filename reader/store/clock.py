"""The one clock every stamp is read from: UTC, to the second, ISO 8601.

Stamps order edits across libraries when shares are merged (the later one wins), so they
are all made the same way; tests move this clock to make time pass between steps."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
