"""Copies of the database made with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path


def backup_path_for(database: Path, reason: str) -> Path:
    """Where a backup of ``database`` made now for ``reason`` goes (a backups/ folder beside it)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return database.parent / "backups" / f"{database.stem}-{stamp}-{reason}.sqlite"


def backup_database(connection: sqlite3.Connection, destination: Path) -> None:
    """Write a consistent copy of the open database to ``destination`` (written then renamed)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(destination.suffix + ".partial")
    target = sqlite3.connect(str(partial))
    try:
        connection.backup(target)
    finally:
        target.close()
    partial.replace(destination)
