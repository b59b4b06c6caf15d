"""The application icon, drawn by packaging/make_icon.py: a PNG for Qt and an ICO for Windows.

Found beside this file, so the paths hold from a source tree, an installed package and the
packaged build alike (the build puts the files at the same place relative to the modules).
"""

from __future__ import annotations

from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent
ICON_PNG = ICONS_DIR / "tuquan.png"
ICON_ICO = ICONS_DIR / "tuquan.ico"
