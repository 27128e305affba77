"""Debounced saving: no Save button, and at most a second of typing at risk.

A :class:`Debouncer` holds the latest unsaved value of one editor (an article note, a
highlight's note). It saves ``delay`` seconds after the last change, and never later
than ``max_delay`` seconds after the first unsaved change, so steady typing is saved
too. Everything typed up to ``max_delay`` seconds before a crash or a kill is in the
library. The clock is injectable; nothing here starts threads or timers: the owner
calls :meth:`poll` (a loop in a script or a test, a ``QTimer`` in the GUI, started for
:meth:`due` seconds after each change) and :meth:`flush` when the editor closes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

DELAY = 0.4  # seconds of quiet before a save
MAX_DELAY = 1.0  # seconds a change may wait at most


class Debouncer(Generic[T]):
    def __init__(
        self,
        save: Callable[[T], object],
        *,
        delay: float = DELAY,
        max_delay: float = MAX_DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 <= delay <= max_delay:
            raise ValueError("need 0 <= delay <= max_delay")
        self._save = save
        self.delay = delay
        self.max_delay = max_delay
        self._clock = clock
        self._value: T | None = None
        self._pending = False
        self._first = 0.0
        self._last = 0.0

    @property
    def pending(self) -> bool:
        return self._pending

    def change(self, value: T) -> None:
        """The editor now holds ``value`` (not saved yet)."""
        now = self._clock()
        if not self._pending:
            self._first = now
        self._pending = True
        self._value = value
        self._last = now

    def due(self) -> float | None:
        """Seconds until the pending value must be saved (0 if overdue), None if nothing is."""
        if not self._pending:
            return None
        deadline = min(self._last + self.delay, self._first + self.max_delay)
        return max(0.0, deadline - self._clock())

    def poll(self) -> bool:
        """Save if the pending value is due; True if it saved."""
        wait = self.due()
        if wait is None or wait > 0:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Save the pending value now (closing the editor, switching articles)."""
        if not self._pending:
            return False
        value = self._value
        self._pending = False
        self._value = None
        try:
            self._save(value)  # type: ignore[arg-type]
        except BaseException:
            if not self._pending:  # keep it for the next try unless newer text came in
                self._pending, self._value = True, value
            raise
        return True

    def discard(self) -> None:
        """Forget the pending value (the thing it belonged to was deleted)."""
        self._pending = False
        self._value = None
