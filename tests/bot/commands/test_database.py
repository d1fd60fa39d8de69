"""`shopsafe db upgrade`: creates or migrates the configured database, or says clearly why it cannot."""

import sqlite3

from bot.cli import main


def test_db_upgrade_creates_the_sqlite_database_in_the_data_dir(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SHOPSAFE_DATA_DIR", str(tmp_path / "fresh"))
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0  # already at the latest schema: nothing to do
    with sqlite3.connect(tmp_path / "fresh" / "shopsafe.db") as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"users", "reminders", "reports", "broadcasts", "deliveries", "alembic_version"} <= tables
    assert "latest schema" in capsys.readouterr().out


def test_db_upgrade_reports_an_unreachable_database_without_its_password(monkeypatch, capsys):
    monkeypatch.setenv("SHOPSAFE_DATABASE_URL", "postgresql+asyncpg://shopsafe:s3cret@127.0.0.1:1/shopsafe")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the database" in err and "s3cret" not in err and "***" in err
