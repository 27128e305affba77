"""Where shipped data lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The ``resources/`` folder: ``reader/resources`` when installed, the repo's otherwise."""
    installed = _ROOT / "resources"
    if installed.is_dir():
        return installed
    return _ROOT.parent / "resources"


def migrations_dir() -> Path:
    """The Alembic environment: ``reader/migrations`` when installed, ``db/`` in a checkout."""
    installed = _ROOT / "migrations"
    if installed.is_dir():
        return installed
    return _ROOT.parent / "db"


def samples_dir() -> Path:
    return resources_dir() / "samples"
