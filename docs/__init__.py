"""Documents shipped with the program: the Vietnamese user guide that Help shows.

A package (not only a folder) so that an installed copy carries the guide as package data, and
the packaged build puts it at the same place relative to this file.
"""

from __future__ import annotations

from pathlib import Path

DOCS_DIR = Path(__file__).resolve().parent
USER_GUIDE = DOCS_DIR / "huong-dan-su-dung.md"
