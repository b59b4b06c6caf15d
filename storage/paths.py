"""Where the program keeps its files: the per-user data folder, never beside the program."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "TuQuan"


def data_dir() -> Path:
    """The per-user data folder (TUQUAN_DATA_DIR overrides it, e.g. for tests or a USB stick)."""
    override = os.environ.get("TUQUAN_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    """The database the app opens when no --db is given."""
    return data_dir() / "tuquan.sqlite"


def demo_database() -> Path:
    """The demo city's database used by ``--demo``."""
    return data_dir() / "demo.sqlite"
