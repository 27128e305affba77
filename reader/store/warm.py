"""Imported by the fork server of :mod:`reader.store.workers` alone: loads what every
worker needs, so that each one is forked with it. Nothing else imports this module."""

from __future__ import annotations

import contextlib

from reader.store import importer, indexing, workers

__all__ = ["importer", "indexing"]  # the modules the workers' jobs live in

# A failure here is reported by the first job that loads it again, in the worker.
with contextlib.suppress(Exception):
    workers.warm()
