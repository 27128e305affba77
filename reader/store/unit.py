"""The unit of work: one transaction, handed to everything that reads or writes the library.

``Library.writing()`` / ``Library.reading()`` are the one place that joins SQLite's
known errors (:func:`~reader.store.errors.known_errors`) to a transaction
(:func:`~reader.store.database.writing`). Operations, edits, re-parse, merge and export
take the :class:`Unit` they hand out, never the library facade, so a batch of
operations is one transaction (and one undo step) and nothing below the facade
imports it.

Every change is an :class:`Operation`: applied inside a unit of work it answers with
an :class:`Applied` — its change record, the operation that undoes it, and the id it
created, if any. Applying the inverse answers with the redo, so an undo stack needs no
other state (Anki keeps undo in the core the same way: ``pylib/anki/collection.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine

from reader.store import database, search
from reader.store.changes import Changes
from reader.store.errors import known_errors


@dataclass
class Unit:
    """One open transaction on a library (read-only unless ``writable``)."""

    conn: Connection
    path: Path  # the library, named in error messages
    writable: bool
    _cut: Callable[[], search.Cut]

    @property
    def cut(self) -> search.Cut:
        """jieba search-mode segmentation, loaded on first use."""
        return self._cut()

    def index_current(self) -> bool:
        return search.stored_fingerprint(self.conn) == search.tokenizer_fingerprint()

    def ensure_index_current(self) -> None:
        """Rebuild the search index in this transaction if another tokenizer built it
        (removing an article's rows from it needs the words it was built with)."""
        if self.writable and not self.index_current():
            search.rebuild(self.conn, self.cut, search.tokenizer_fingerprint(), None)


@contextmanager
def transaction(
    path: Path, engine: Engine, cut: Callable[[], search.Cut], *, write: bool
) -> Iterator[Unit]:
    opened = database.writing(engine) if write else database.reading(engine)
    with known_errors(path), opened as conn:
        yield Unit(conn, path, write, cut)


class Store(Protocol):
    """What hands out units of work (the library; tests may pass their own)."""

    @property
    def path(self) -> Path: ...

    def writing(self) -> AbstractContextManager[Unit]: ...

    def reading(self) -> AbstractContextManager[Unit]: ...


@contextmanager
def connection(store: Store) -> Iterator[Connection]:
    """The connection of a read transaction of its own, for queries that need no more
    of the unit than that."""
    with store.reading() as tx:
        yield tx.conn


@dataclass(frozen=True)
class Applied:
    changes: Changes
    inverse: Operation
    created: int | None = None  # the id of the highlight or tag the operation made


class Operation(Protocol):
    @property
    def label(self) -> str:
        """A short English description for the Edit menu ("Add highlight")."""
        ...

    def apply(self, tx: Unit) -> Applied: ...


@dataclass(frozen=True)
class Batch:
    """Several operations as one undo step, applied in order in one transaction (a
    failure part-way rolls the whole batch back)."""

    ops: tuple[Operation, ...]
    label: str = "Edit annotations"

    def apply(self, tx: Unit) -> Applied:
        done = [op.apply(tx) for op in self.ops]
        changes = Changes()
        for d in done:
            changes = changes | d.changes
        created = next((d.created for d in done if d.created is not None), None)
        inverse = Batch(tuple(d.inverse for d in reversed(done)), self.label)
        return Applied(changes, inverse, created)


def run(store: Store, op: Operation) -> Applied:
    """Apply ``op`` in a write transaction of its own."""
    with store.writing() as tx:
        return op.apply(tx)
