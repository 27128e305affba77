"""Noticing what other processes write: a ``pizhu`` command beside the open window.

``PRAGMA data_version`` on a connection of its own changes whenever any *other*
connection commits, ours included (the window's pool has several). To tell our commits
from another process's, every write transaction bumps the library's ``write_seq``
setting and this process remembers the values it produced
(:func:`reader.store.database.own_writes`): a new value we did not produce, or a
counter that went backwards (a restore), is someone else's write.

Polling costs one pragma on an idle library; the counter is read only after a change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from reader.store import database


class ExternalWrites:
    """``poll()`` answers True once for each batch of writes by other processes."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self._engine = engine
        # Opened by SQLite like every other handle on the library (never by us).
        self._conn = sqlite3.connect(str(path), check_same_thread=False)
        self._conn.isolation_level = None
        self._conn.execute(f"PRAGMA busy_timeout = {database.BUSY_TIMEOUT_MS}")
        self._version = self._data_version()
        self._seq = self._read_seq()

    def close(self) -> None:
        self._conn.close()

    def __del__(self) -> None:  # a window dropped without closing (tests) still closes it
        self._conn.close()

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _read_seq(self) -> int:
        try:
            row = self._conn.execute(
                "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?",
                (database.WRITE_SEQ_KEY,),
            ).fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def poll(self) -> bool:
        try:
            version = self._data_version()
            if version == self._version:
                return False
            self._version = version
            seq = self._read_seq()
        except sqlite3.OperationalError:
            return False  # locked for longer than the busy timeout: ask again next time
        last, self._seq = self._seq, seq
        own = database.own_writes(self._engine)
        # A checkpoint also changes data_version; without a new counter nobody wrote.
        if seq == last:
            return False
        ours = seq > last and all(s in own for s in range(last + 1, seq + 1))
        own.difference_update([s for s in own if s <= seq])
        return not ours
