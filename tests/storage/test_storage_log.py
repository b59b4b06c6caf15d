"""What an office needs to explain a problem reaches the log, and no person's name does."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from storage.backup import make_backup, restore_backup
from storage.errors import PermissionDenied
from storage.integrity import repair
from storage.store import Changes, Store
from storage.sync import PackageRefused
from tests.storage import test_sync
from tests.storage.test_sync import Network, add_household, upstream_id

network_files = test_sync.network_files
net = test_sync.net


def test_packages_refused_and_applied_are_logged_without_names(
        net: Network, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.INFO, logger="tuquan")
    add_household(net.tan_phong, net.tan_phong_id, "Hoàng Thị Riêng Tư")
    package = net.tan_phong.sync.export(upstream_id(net.tan_phong), net.folder).path
    heard: list[Changes] = []
    net.city.listen(heard.append)
    net.city.sync.import_package(package)
    # The views of the receiving machine are told what the package changed.
    assert len(heard) == 1 and heard[0].touches("households", "household_years")
    bogus = tmp_path / "khong-phai-goi.tqgoi"
    bogus.write_bytes(b"rac" * 100)
    with pytest.raises(PackageRefused):
        net.city.sync.preview(bogus)
    text = caplog.text
    assert "package applied: " + package.name in text
    assert "package refused: khong-phai-goi.tqgoi" in text
    assert "Hoàng Thị Riêng Tư" not in text


def test_migration_restore_repair_and_refusals_are_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="tuquan")
    path = tmp_path / "office.sqlite"
    with Store(path) as store:
        city = store.units.add("city", "Thành phố Thử", None, 2020)
        backup = make_backup(store, "manual")
        repair(store)
        viewer = store.accounts.add("xem", "Người Xem", "viewer", "mat-khau-thu")
        store.sign_in(viewer)
        with pytest.raises(PermissionDenied):
            store.units.add("phuong", "Phường Mới", city.id, 2024)
    restore_backup(path, backup)
    text = caplog.text
    assert "migrating " + str(path) in text
    assert "repaired " + str(path) in text
    assert "refused for xem" in text
    assert f"restored {path} from {backup}" in text
