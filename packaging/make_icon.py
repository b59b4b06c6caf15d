"""Draw the application icon: resources/icons/tuquan.png (256 px) and tuquan.ico (Windows).

The icon is drawn with QPainter from shapes only (no font, so it looks the same on every
machine): a red rounded square, a white house with a door, and a yellow star over the roof
— the residential group under the national colours. Run it again after changing the drawing:

    python packaging/make_icon.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPolygonF

ICONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256
# The sizes Windows picks from for the taskbar, the Start menu, Explorer's views.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

RED = QColor("#C62828")
DARK_RED = QColor("#8E1B1B")
YELLOW = QColor("#FFD54F")
WHITE = QColor("#FFFFFF")


def _star(center: QPointF, outer: float, inner: float) -> QPolygonF:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(center.x() + radius * math.cos(angle),
                              center.y() + radius * math.sin(angle)))
    return QPolygonF(points)


def draw_icon(size: int = SIZE) -> QImage:
    """The icon at ``size`` pixels (drawn at that size, so small ones stay sharp)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)

    # The tile: a rounded square with a darker rim, so it stands out on light and dark desktops.
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    painter.fillPath(tile, DARK_RED)
    inner = QPainterPath()
    inner.addRoundedRect(QRectF(16, 16, 224, 224), 38, 38)
    painter.fillPath(inner, RED)

    # The house: roof and walls in white, the door cut out in the tile's red.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WHITE)
    painter.drawPolygon(QPolygonF([QPointF(128, 86), QPointF(210, 150), QPointF(46, 150)]))
    painter.drawRect(QRectF(68, 146, 120, 66))
    painter.setBrush(RED)
    painter.drawRoundedRect(QRectF(112, 166, 32, 46), 6, 6)
    # The eaves: a white line a little wider than the walls.
    painter.setPen(QPen(WHITE, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(40, 152), QPointF(216, 152))

    # The star above the roof.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(YELLOW)
    painter.drawPolygon(_star(QPointF(128, 54), 30, 12))
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path, sizes: tuple[int, ...] = ICO_SIZES) -> None:
    """A Windows .ico holding every size in ``sizes``, each as a PNG entry (Vista and later)."""
    images = [_png_bytes(draw_icon(size)) for size in sizes]
    header = bytearray((0, 0, 1, 0)) + len(sizes).to_bytes(2, "little")
    offset = 6 + 16 * len(sizes)
    directory = bytearray()
    for size, data in zip(sizes, images, strict=True):
        dimension = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += bytes((dimension, dimension, 0, 0)) + (1).to_bytes(2, "little")
        directory += (32).to_bytes(2, "little") + len(data).to_bytes(4, "little")
        directory += offset.to_bytes(4, "little")
        offset += len(data)
    path.write_bytes(bytes(header + directory) + b"".join(images))


def main() -> int:
    """Write both icon files; print their paths."""
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    png = ICONS_DIR / "tuquan.png"
    if not draw_icon().save(str(png), "PNG"):
        print(f"cannot write {png}", file=sys.stderr)
        return 1
    ico = ICONS_DIR / "tuquan.ico"
    write_ico(ico)
    print(png)
    print(ico)
    return 0


if __name__ == "__main__":
    sys.exit(main())
