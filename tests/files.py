"""Comparing database files in tests: their bytes, and their rows."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes: equal digests, the file was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_contents(path: Path) -> dict[str, list[str]]:
    """Every row of every table of the database file (rows as text, in a stable order)."""
    connection = sqlite3.connect(path)
    try:
        names = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{name}"'))
                for name in names}
    finally:
        connection.close()
