"""Alembic environment: runs on the connection `bot.storage.engine.migrate` hands over (no alembic.ini)."""

from alembic import context

from bot.storage.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `shopsafe db upgrade` (bot.storage.engine.migrate), which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
