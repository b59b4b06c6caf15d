"""The document font: Times New Roman when the machine has it, else bundled Liberation Serif.

ReportLab's built-in Times is a Type 1 font with Latin-1 glyphs only: Vietnamese letters such
as "ạ ở ữ" would print as black boxes. Every document therefore embeds a TrueType family with
full Vietnamese coverage. Liberation Serif (SIL OFL, see resources/fonts/) has the metrics of
Times New Roman, so a layout looks the same with either.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# The names the styles use; which file stands behind them is decided once at registration.
FAMILY = "DocSerif"
REGULAR = "DocSerif"
BOLD = "DocSerif-Bold"
ITALIC = "DocSerif-Italic"
BOLD_ITALIC = "DocSerif-BoldItalic"

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
BUNDLED = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
           "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")

# (regular, bold, italic, bold italic) of Times New Roman in the usual places.
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
TIMES_CANDIDATES: tuple[tuple[Path, Path, Path, Path], ...] = (
    tuple(Path("/usr/share/fonts/truetype/msttcorefonts") / name for name in (
        "Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf",
        "Times_New_Roman_Bold_Italic.ttf")),
    tuple(Path("/usr/share/fonts/truetype/msttcorefonts") / name for name in (
        "times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")),
    tuple(_WINDOWS_FONTS / name for name in ("times.ttf", "timesbd.ttf", "timesi.ttf",
                                             "timesbi.ttf")),
    tuple(Path("/Library/Fonts") / name for name in (
        "Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf",
        "Times New Roman Bold Italic.ttf")),
)  # type: ignore[assignment]

_registered: tuple[Path, ...] | None = None


def font_files() -> tuple[Path, ...]:
    """The four TrueType files to embed: Times New Roman if all four exist, else bundled.

    Setting the environment variable ``TUQUAN_BUNDLED_FONT=1`` forces the bundled font (so
    documents are the same on every machine, e.g. for comparisons).
    """
    if os.environ.get("TUQUAN_BUNDLED_FONT") != "1":
        for candidate in TIMES_CANDIDATES:
            if all(path.is_file() for path in candidate):
                return candidate
    return tuple(BUNDLED_DIR / name for name in BUNDLED)


def register_fonts() -> tuple[Path, ...]:
    """Register the document family once (so <b> and <i> in paragraphs work); its files."""
    global _registered
    if _registered is not None:
        return _registered
    files = font_files()
    for name, path in zip((REGULAR, BOLD, ITALIC, BOLD_ITALIC), files, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC,
                                  boldItalic=BOLD_ITALIC)
    # Paragraph markup looks fonts up through these mappings.
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    # Charts start every drawing with this default font (Helvetica otherwise, which would
    # put a Type 1 font without Vietnamese glyphs in the document).
    STATE_DEFAULTS["fontName"] = REGULAR
    _registered = files
    return files
