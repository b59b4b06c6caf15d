"""The exchange page shows each machine's name whole, however long the other columns are
(a stretched name column was left no room and read "U… P…" beside long action numbers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from gui.sync_page import SyncPage
from storage.store import Store
from storage.sync import init_from_setup


@pytest.fixture(scope="module")
def city_with_two_machines(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city with machines set up for two wards (the city's copy only)."""
    folder = tmp_path_factory.mktemp("sync_columns")
    shutil.copy(demo_path, folder / "city.sqlite")
    with Store(folder / "city.sqlite", actor="test") as city:
        for name in ("Phường Tân Phong", "Xã San Thàng"):
            ward = city.units.find(name, None, "ward")
            setup = city.sync.create_setup_package(ward.id, folder / "setup")
            init_from_setup(folder / f"{ward.id}.sqlite", setup.path, setup.passphrase).close()
    return folder / "city.sqlite"


def cut_texts(table: QTableWidget) -> list[str]:
    """The texts of the table's cells narrower than the text they hold."""
    metrics = table.fontMetrics()
    margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 2
    cut = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is None:
                continue
            if table.columnWidth(column) < metrics.horizontalAdvance(item.text()) + margin:
                cut.append(item.text())
    return cut


@pytest.mark.parametrize("width", [700, 1000, 1366])
def test_machine_names_are_never_cut(qtbot: QtBot, city_with_two_machines: Path,
                                     width: int) -> None:
    with Store(city_with_two_machines, actor="test") as city:
        page = SyncPage(city)
        qtbot.addWidget(page)
        page.resize(width, 600)
        page.show()
        qtbot.waitExposed(page)
        table = page.peers_table
        assert table.rowCount() == 2
        names = [table.item(row, 0).text() for row in range(2)]
        assert all("Phường Tân Phong" in name or "Xã San Thàng" in name for name in names)
        assert cut_texts(table) == []
        for row in range(2):
            assert table.item(row, 0).toolTip() == names[row]
