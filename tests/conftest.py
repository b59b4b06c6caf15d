"""Shared fixtures: a fresh store per test, and what is slow to make, made once per session:
the demo city, and the demo city's office with two ward machines set up from it.

Session-wide files are read-only templates: a test that writes works on its own copy
(``storage.keystore.copy_database_file`` brings the machine's key file along).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.demo import build_demo
from storage.keystore import copy_database_file
from storage.store import Store
from storage.sync import init_from_setup


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on a new file."""
    with Store(tmp_path / "test.sqlite", actor="test") as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file with the demo city, built once; tests that change data copy it first."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Store(path, actor="demo") as opened:
        build_demo(opened)
    return path


# The wards of the demo city whose machines ``sync_network_files`` sets up, by file name.
SYNC_NETWORK_WARDS = {"tan_phong": "Tân Phong", "doan_ket": "Đoàn Kết"}


@pytest.fixture(scope="session")
def sync_network_files(demo_path: Path, tmp_path_factory: pytest.TempPathFactory
                       ) -> dict[str, Path]:
    """The demo city's office (``city``) and the machines of Tân Phong and Đoàn Kết set up
    from its set-up packages, built once per session; tests copy them and never open these."""
    folder = tmp_path_factory.mktemp("network")
    city_path = folder / "city.sqlite"
    copy_database_file(demo_path, city_path)
    paths = {"city": city_path}
    with Store(city_path, actor="city") as city:
        for name, ward_name in SYNC_NETWORK_WARDS.items():
            ward = city.units.find(ward_name, 2024, "ward")
            setup = city.sync.create_setup_package(ward.id, folder)
            paths[name] = folder / f"{name}.sqlite"
            init_from_setup(paths[name], setup.path, setup.passphrase, actor=name).close()
    return paths


@pytest.fixture
def demo_store(demo_path: Path) -> Iterator[Store]:
    """The demo city, opened for reading (do not write to it: other tests share it)."""
    with Store(demo_path, actor="test") as opened:
        yield opened


@pytest.fixture
def city(store: Store) -> dict[str, str]:
    """A small tree in ``store``: a city, two wards, three groups; returns their ids by name."""
    city = store.units.add("city", "Thành phố Thử", None, 2020)
    ward_a = store.units.add("phuong", "Phường Đoàn Kết", city.id, 2020)
    ward_b = store.units.add("xa", "Xã San Thàng", city.id, 2020)
    group_1 = store.units.add("tdp", "Tổ dân phố số 1", ward_a.id, 2020)
    group_2 = store.units.add("tdp", "Tổ dân phố số 2", ward_a.id, 2020, valid_to=2022)
    group_3 = store.units.add("ban", "Bản Nậm Loỏng 3", ward_b.id, 2021)
    return {
        "city": city.id,
        "ward_a": ward_a.id,
        "ward_b": ward_b.id,
        "group_1": group_1.id,
        "group_2": group_2.id,
        "group_3": group_3.id,
    }
