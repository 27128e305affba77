"""Alembic environment for the Pizhu library.

Pizhu runs migrations itself when it opens a library (:mod:`reader.store.migrate`) and
hands this script an open connection inside the transaction that wraps the whole
upgrade. For development (``alembic revision --autogenerate``) a ``sqlalchemy.url``
in the config is honoured instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from reader.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url, or open the library with Pizhu to upgrade it")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
