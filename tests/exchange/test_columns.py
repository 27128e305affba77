"""A highlight's columns are listed once, in the model: every other list is derived from
it or checked against it here, so a new column cannot be written but not shared, or
shared but not merged, without a test saying so."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path
from typing import Any

from reader.exchange import merge_rules, schema, shared
from reader.exchange.merge import merge_file
from reader.exchange.share import share_rows, write_share
from reader.store import tables
from reader.store.library import Library
from reader.store.views import HighlightView


def test_the_share_reader_reads_every_highlight_column() -> None:
    assert set(shared.HIGHLIGHT_FIELDS) == set(tables.HIGHLIGHT_COLUMNS) - {"id"}


def test_a_merge_places_or_carries_every_shared_field() -> None:
    placed_or_carried = [*merge_rules.CARRIED, *merge_rules.PLACEMENT, "uuid"]
    assert sorted(placed_or_carried) == sorted(shared.HIGHLIGHT_FIELDS)


def test_the_view_holds_stored_columns_and_tags() -> None:
    view = {f.name for f in fields(HighlightView)} - {"tags"}
    assert view <= set(tables.HIGHLIGHT_COLUMNS)


def test_columns_an_older_share_lacks_are_declared_on_the_model() -> None:
    # These are the ones released shares lack; a later column joins them from its model.
    assert (
        schema.ADDED_LATER.items()
        >= {
            ("highlights", "orphaned"): 0,
            ("article_notes", "author"): "",
            ("source_files", "page_name"): None,
            ("source_files", "deleted_at"): None,
            ("articles", "deleted_at"): None,
            ("articles", "edited_at"): None,
        }.items()
    )


def _highlights(lib: Library) -> dict[str, dict[str, Any]]:
    """Every highlight row by uuid, without the ids that are local to a library."""
    with sqlite3.connect(lib.path) as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("SELECT * FROM highlights")]
    return {r["uuid"]: {k: v for k, v in r.items() if k not in ("id", "article_id")} for r in rows}


def test_a_merged_highlight_is_the_senders_row_in_every_column(
    lib: Library, other: Library, tmp_path: Path
) -> None:
    write_share(lib.read(share_rows), tmp_path / "a.pizhu")
    merge_file(other, tmp_path / "a.pizhu", backup=False)
    sent = _highlights(lib)
    assert sent and _highlights(other) == sent
