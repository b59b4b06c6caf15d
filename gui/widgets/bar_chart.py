"""A small bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Grouped or stacked vertical bars, value labels, an optional dashed target line, a legend and a
title. Numbers are written the Vietnamese way (``12.460``, ``94,4%``). Hovering a category
shows its figures in a tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from gui.i18n import tr
from storage.text import format_decimal, format_int, format_percent

# Colours the pages share, so "mới" is the same green everywhere.
NEW_COLOR = QColor("#2e8b57")
MAINTAINED_COLOR = QColor("#4a7fc1")
REGISTERED_COLOR = QColor("#b9c7d8")
RECOGNISED_COLOR = QColor("#2e8b57")
PASS_COLOR = QColor("#4a7fc1")
TARGET_COLOR = QColor("#c0392b")

MARGIN = 8.0
SWATCH = 10.0
LEGEND_GAP = 14.0
# The widest bar, so that a chart with two categories does not look like two walls.
MAX_BAR_WIDTH = 46.0
MAX_LABEL_LINES = 2

Series = tuple[str, list[float], QColor]


def nice_step(maximum: float, integers: bool, ticks: int = 4) -> float:
    """A round step (1, 2, 2,5, 5 × 10ⁿ) that divides 0…``maximum`` into about ``ticks`` parts."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 2.5, 5.0, 10.0):
        step = multiple * magnitude
        if integers and (step < 1 or multiple == 2.5):
            continue
        if step >= raw:
            return step
    return 10 * magnitude


def wrap_text(text: str, metrics: QFontMetricsF, width: float,
              max_lines: int = MAX_LABEL_LINES) -> list[str]:
    """``text`` broken at spaces into lines of at most ``width``; the last line is elided."""
    words = text.split()
    if not words or width <= 0:
        return []
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if not current or metrics.horizontalAdvance(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def _is_integral(value: float) -> bool:
    return math.isfinite(value) and float(value).is_integer()


class BarChart(QWidget):
    """A titled bar chart of a few categories; ``set_data`` replaces what it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.category_tips: list[str] = []
        self.series: list[Series] = []
        self.stacked = False
        self.target_line: list[float | None] | None = None
        self.target_label = ""
        self.percent = False
        self.title = ""
        self.empty_text = ""
        self._bare_percent = False
        # Filled by each paint: the drawn bars (for tests) and the category columns (tooltips).
        self.bar_rects: list[QRectF] = []
        self._columns: list[tuple[QRectF, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self.minimumSizeHint())

    # -- data ------------------------------------------------------------------------------

    def set_data(
        self,
        categories: list[str],
        series: list[tuple[str, list[float], QColor]],
        stacked: bool = False,
        target_line: Sequence[float | None] | None = None,
        percent: bool = False,
        title: str = "",
        *,
        target_label: str = "",
        category_tips: list[str] | None = None,
        empty_text: str = "",
    ) -> None:
        """Show ``series`` (name, one value per category, colour) over ``categories``.

        ``target_line`` gives one target per category (None: no target that category), drawn
        dashed; ``percent`` makes the axis 0–100%. ``category_tips`` are longer names for the
        tooltips; ``empty_text`` is shown when there is nothing to draw.
        """
        count = len(categories)

        def fit(values: Sequence[float | None]) -> list[float | None]:
            padded = list(values)[:count]
            return padded + [None] * (count - len(padded))

        self.categories = list(categories)
        self.series = [
            (name, [max(0.0, float(v or 0.0)) for v in fit(values)], QColor(color))
            for name, values, color in series
        ]
        self.stacked = stacked
        self.target_line = (
            [None if v is None else float(v) for v in fit(target_line)]
            if target_line is not None else None
        )
        self.target_label = target_label
        self.percent = percent
        self.title = title
        self.empty_text = empty_text
        tips = list(category_tips or [])
        self.category_tips = [tips[i] if i < len(tips) and tips[i] else name
                              for i, name in enumerate(self.categories)]
        self.setAccessibleName(title)
        self.update()

    def clear(self, empty_text: str = "") -> None:
        """Show nothing but the title and ``empty_text``."""
        self.set_data([], [], title=self.title, empty_text=empty_text)

    def is_empty(self) -> bool:
        """Whether there is nothing to draw."""
        return not self.categories or not self.series

    def totals(self) -> list[float]:
        """Per category, the sum of the series (the height of a stacked bar)."""
        return [sum(values[i] for _name, values, _color in self.series)
                for i in range(len(self.categories))]

    # -- size ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 160)

    # -- tooltips --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            for rect, index in self._columns:
                if rect.contains(point):
                    QToolTip.showText(event.globalPos(), self.tooltip_of(index), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def tooltip_of(self, index: int) -> str:
        """The figures of one category, one line each."""
        if not 0 <= index < len(self.categories):
            return ""
        lines = [self.category_tips[index]]
        for name, values, _color in self.series:
            lines.append(f"{name}: {self._exact(values[index])}")
        if self.stacked and len(self.series) > 1:
            lines.append(tr("Tổng: {value}").format(value=self._exact(self.totals()[index])))
        if self.target_line is not None and self.target_line[index] is not None:
            target = self.target_line[index] or 0.0
            lines.append(f"{self.target_label or tr('Chỉ tiêu')}: {self._exact(target)}")
        return "\n".join(lines)

    # -- number texts ----------------------------------------------------------------------

    def _exact(self, value: float) -> str:
        if self.percent:
            return format_percent(value)
        return format_int(round(value)) if _is_integral(value) else format_decimal(value)

    def _short(self, value: float) -> str:
        if self.percent:
            return format_decimal(value, 0) + "%"
        return format_int(round(value)) if _is_integral(value) else format_decimal(value)

    def _integers(self) -> bool:
        values = [v for _name, vs, _color in self.series for v in vs]
        values += [v for v in self.target_line or [] if v is not None]
        return not self.percent and all(_is_integral(v) for v in values)

    # -- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        background = palette.color(palette.ColorRole.Base)
        text_color = palette.color(palette.ColorRole.Text)
        painter.fillRect(self.rect(), background)
        self.bar_rects = []
        self._columns = []
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN / 2, -MARGIN, -MARGIN / 2)
        if area.width() < 40 or area.height() < 40:
            return
        normal = QFont(self.font())
        small = QFont(normal)
        small.setPointSizeF(max(6.5, normal.pointSizeF() * 0.85))
        bold = QFont(normal)
        bold.setBold(True)
        top = area.top()
        if self.title:
            painter.setFont(bold)
            painter.setPen(text_color)
            metrics = QFontMetricsF(bold)
            for line in wrap_text(self.title, metrics, area.width()):
                painter.drawText(QRectF(area.left(), top, area.width(), metrics.height() + 2),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 line)
                top += metrics.height() + 1
            top += 3
        if self.is_empty():
            painter.setFont(normal)
            painter.setPen(palette.color(palette.ColorGroup.Disabled, palette.ColorRole.Text))
            painter.drawText(QRectF(area.left(), top, area.width(), area.bottom() - top),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.empty_text or tr("Chưa có số liệu"))
            return
        top = self._paint_legend(painter, small, text_color, area, top)
        self._paint_plot(painter, small, text_color, QRectF(area.left(), top, area.width(),
                                                            area.bottom() - top))

    def _legend_items(self) -> list[tuple[str, QColor, bool]]:
        items = [(name, color, False) for name, _values, color in self.series]
        if self.target_line is not None and any(v is not None for v in self.target_line):
            items.append((self.target_label or tr("Chỉ tiêu"), TARGET_COLOR, True))
        return items

    def _paint_legend(self, painter: QPainter, font: QFont, text_color: QColor, area: QRectF,
                      top: float) -> float:
        """Draw the legend (wrapping onto more lines); the y below it."""
        metrics = QFontMetricsF(font)
        line_height = metrics.height() + 2
        painter.setFont(font)
        x = area.left()
        for label, color, is_line in self._legend_items():
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                      area.width() - SWATCH - 4)
            width = SWATCH + 4 + metrics.horizontalAdvance(text)
            if x > area.left() and x + width > area.right():
                x = area.left()
                top += line_height
            middle = top + line_height / 2
            if is_line:
                pen = QPen(color, 2, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, middle), QPointF(x + SWATCH + 2, middle))
            else:
                painter.fillRect(QRectF(x, middle - SWATCH / 2, SWATCH, SWATCH), color)
            painter.setPen(text_color)
            painter.drawText(QRectF(x + SWATCH + 4, top, width, line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width + LEGEND_GAP
        return top + line_height + 2

    def _paint_plot(self, painter: QPainter, font: QFont, text_color: QColor,
                    area: QRectF) -> None:
        metrics = QFontMetricsF(font)
        line_height = metrics.height()
        count = len(self.categories)
        totals = self.totals()
        heights = totals if self.stacked else [
            max((values[i] for _n, values, _c in self.series), default=0.0)
            for i in range(count)]
        targets = [v for v in self.target_line or [] if v is not None]
        maximum = max([*heights, *targets, 0.0])
        integers = self._integers()
        if self.percent:
            maximum = max(maximum, 100.0)
            step = 25.0 if maximum <= 100 else nice_step(maximum, False)
        else:
            step = nice_step(maximum, integers)
        axis_top = step * max(1, math.ceil(maximum / step - 1e-9))
        ticks = [step * i for i in range(int(round(axis_top / step)) + 1)]
        tick_texts = [self._tick_text(v, step) for v in ticks]
        axis_width = max(metrics.horizontalAdvance(t) for t in tick_texts) + 6

        plot_left = area.left() + axis_width
        plot_right = area.right() - 2
        slot = (plot_right - plot_left) / count
        labels = [wrap_text(c, metrics, slot - 2) for c in self.categories]
        label_lines = max((len(lines) for lines in labels), default=1)
        plot_top = area.top() + line_height + 2  # room for the labels above the highest bar
        plot_bottom = area.bottom() - label_lines * line_height - 4
        if plot_bottom - plot_top < 20:
            return
        scale = (plot_bottom - plot_top) / axis_top

        def y_of(value: float) -> float:
            return plot_bottom - value * scale

        # Grid and the value axis.
        palette = self.palette()
        grid = palette.color(palette.ColorRole.Mid)
        grid.setAlpha(70)
        painter.setFont(font)
        for value, text in zip(ticks, tick_texts, strict=True):
            y = y_of(value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot_left, y), QPointF(plot_right, y))
            painter.setPen(text_color)
            painter.drawText(QRectF(area.left(), y - line_height / 2, axis_width - 4, line_height),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setPen(QPen(text_color, 1))
        painter.drawLine(QPointF(plot_left, plot_top - 2), QPointF(plot_left, plot_bottom))
        painter.drawLine(QPointF(plot_left, plot_bottom), QPointF(plot_right, plot_bottom))

        # Bars, value labels, category labels. Percentages too wide for their bars lose their
        # "%" (all of them, so the labels look alike).
        room = slot if self.stacked else slot / len(self.series)
        self._bare_percent = self.percent and any(
            metrics.horizontalAdvance(self._short(values[i])) > room
            for _name, values, _color in self.series for i in range(count))
        for index in range(count):
            left = plot_left + index * slot
            self._columns.append((QRectF(left, area.top(), slot, area.height()), index))
            if self.stacked:
                self._paint_stack(painter, metrics, text_color, index, left, slot, y_of)
            else:
                self._paint_group(painter, metrics, text_color, index, left, slot, y_of)
            painter.setPen(text_color)
            for line_number, line in enumerate(labels[index]):
                painter.drawText(
                    QRectF(left, plot_bottom + 3 + line_number * line_height, slot, line_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)

        if self.target_line is not None:
            self._paint_target(painter, plot_left, slot, y_of)

    def _tick_text(self, value: float, step: float) -> str:
        text = format_int(round(value)) if _is_integral(step) else format_decimal(value)
        return text + "%" if self.percent else text

    def _paint_group(self, painter: QPainter, metrics: QFontMetricsF, text_color: QColor,
                     index: int, left: float, slot: float, y_of: Callable[[float], float]) -> None:
        kinds = len(self.series)
        group_width = min(slot * 0.8, MAX_BAR_WIDTH * kinds)
        bar_width = group_width / kinds
        x = left + (slot - group_width) / 2
        room = slot / kinds
        for _name, values, color in self.series:
            value = values[index]
            rect = QRectF(x + 0.5, y_of(value), max(1.0, bar_width - 1), y_of(0) - y_of(value))
            if rect.height() > 0:
                painter.fillRect(rect, color)
                self.bar_rects.append(rect)
            text = self._short(value)
            if self._bare_percent:
                text = text.removesuffix("%")  # the axis says it is a percentage
            if metrics.horizontalAdvance(text) <= room:
                painter.setPen(text_color)
                painter.drawText(
                    QRectF(x + bar_width / 2 - room / 2, rect.top() - metrics.height() - 1,
                           room, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)
            x += bar_width

    def _paint_stack(self, painter: QPainter, metrics: QFontMetricsF, text_color: QColor,
                     index: int, left: float, slot: float, y_of: Callable[[float], float]) -> None:
        bar_width = min(slot * 0.6, MAX_BAR_WIDTH)
        x = left + (slot - bar_width) / 2
        base = 0.0
        for _name, values, color in self.series:
            value = values[index]
            if value <= 0:
                continue
            rect = QRectF(x, y_of(base + value), bar_width, y_of(base) - y_of(base + value))
            painter.fillRect(rect, color)
            self.bar_rects.append(rect)
            text = self._short(value)
            if (rect.height() >= metrics.height() and len(self.series) > 1
                    and metrics.horizontalAdvance(text) <= bar_width):
                painter.setPen(QColor("white") if color.lightnessF() < 0.6 else QColor("black"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            base += value
        total = self._short(base)
        if self._bare_percent:
            total = total.removesuffix("%")
        if metrics.horizontalAdvance(total) <= slot:
            painter.setPen(text_color)
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(QRectF(left, y_of(base) - metrics.height() - 1, slot,
                                    metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, total)
            font.setBold(False)
            painter.setFont(font)

    def _paint_target(self, painter: QPainter, plot_left: float, slot: float,
                      y_of: Callable[[float], float]) -> None:
        if self.target_line is None:
            return
        pen = QPen(TARGET_COLOR, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        previous: float | None = None
        for index, value in enumerate(self.target_line):
            left = plot_left + index * slot
            if value is None:
                previous = None
                continue
            y = y_of(value)
            if previous is not None and previous != y:
                painter.drawLine(QPointF(left, previous), QPointF(left, y))
            painter.drawLine(QPointF(left + 2, y), QPointF(left + slot - 2, y))
            previous = y
