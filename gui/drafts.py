"""Unsaved forms survive a crash: the form's content is written to a small draft file beside
the database while the user types, removed when the form is saved or discarded, and offered
back at the next start."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def draft_path(database: Path | None) -> Path | None:
    """The draft file of a database (None for a database in memory)."""
    return None if database is None else database.with_name(database.name + ".draft.json")


def save_draft(path: Path | None, data: dict[str, Any]) -> None:
    """Write the draft atomically (a half-written draft would be worse than none)."""
    if path is None:
        return
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def load_draft(path: Path | None) -> dict[str, Any] | None:
    """The saved draft, or None when there is none or it cannot be read."""
    if path is None or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def clear_draft(path: Path | None) -> None:
    """Remove the draft (after the form was saved or deliberately discarded)."""
    if path is not None:
        path.unlink(missing_ok=True)
