"""Subcommands of this area (filled in by its issue)."""

from __future__ import annotations

from typing import Any


def register(commands: Any) -> None:
    """Add this area's subcommands to the parser's subcommands (none yet)."""
    del commands
