"""Alembic environment for the intake's database.

The server runs the migrations itself (`reportgen.serve.db.migrate`) and hands over its own
connection in `config.attributes["connection"]`; a developer can also run Alembic by hand
with `-x url=...` to write a new revision (`alembic revision --autogenerate`).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from reportgen.serve.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("dùng: alembic -x url=sqlite:///tep.sqlite3 ...")
    engine = create_engine(url)
    with engine.connect() as conn:
        _migrate(conn)
        conn.commit()


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
