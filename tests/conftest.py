"""Shared fixtures: a fresh store per test, and what is slow to make, made once per run (the
pytest-xdist workers share it, see ``built_once``): the demo city, and the demo city's office
with two ward machines set up from it.

Session-wide files are read-only templates: a test that writes works on its own copy
(``storage.keystore.copy_database_file`` brings the machine's key file along).

Key derivation: the program derives keys from passwords and passphrases with scrypt at a cost
meant to slow down someone guessing (0,07 s for a password, 0,1 s for a set-up package, 0,4 s
for an encrypted copy). Paid a few hundred times, that was a fifth of the suite's time. The
tests derive at the smallest cost the readers accept (``QUICK_SCRYPT_N``), every other step
unchanged; a test marked ``real_kdf`` runs at the program's own cost (the ones about the
parameters, and one round trip of each kind, so a cost the library refuses is still caught).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from storage import accounts, sealed_backup, sync_crypto
from storage.demo import build_demo
from storage.instance_lock import InstanceLock, InstanceLocked
from storage.keystore import copy_database_file
from storage.store import Store
from storage.sync import init_from_setup

# The lowest scrypt cost an encrypted copy's reader accepts (storage/sealed_backup.py).
QUICK_SCRYPT_N = 2**10
# The program's own costs, as the modules define them.
REAL_KDF = {
    "accounts": dict(accounts.KDF_PARAMS),
    "sealed_backup": sealed_backup.SCRYPT_N,
    "sync_crypto": sync_crypto.SCRYPT_N,
}


def _set_kdf_cost(password_n: int, sealed_n: int, setup_n: int) -> None:
    # The dict is changed in place: modules that imported it by name see the same values.
    accounts.KDF_PARAMS["n"] = password_n
    sealed_backup.SCRYPT_N = sealed_n
    sync_crypto.SCRYPT_N = setup_n


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture or test module: session templates and tests derive alike.
    _set_kdf_cost(QUICK_SCRYPT_N, QUICK_SCRYPT_N, QUICK_SCRYPT_N)


@pytest.fixture(autouse=True)
def kdf_cost(request: pytest.FixtureRequest) -> Iterator[None]:
    """The program's own scrypt cost for the duration of a test marked ``real_kdf``."""
    if request.node.get_closest_marker("real_kdf") is None:
        yield
        return
    _set_kdf_cost(REAL_KDF["accounts"]["n"], REAL_KDF["sealed_backup"],
                  REAL_KDF["sync_crypto"])
    try:
        yield
    finally:
        _set_kdf_cost(QUICK_SCRYPT_N, QUICK_SCRYPT_N, QUICK_SCRYPT_N)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store on a new file."""
    with Store(tmp_path / "test.sqlite", actor="test") as opened:
        yield opened


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` once for the whole run.

    With pytest-xdist the workers share it (in the run's temporary folder): the first to ask
    builds it under a lock while the others wait, and whoever finds it abandoned (its builder
    died) builds it again. Nothing in it is ever opened: see ``worker_copies``.
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent
    folder, done = root / name, root / f"{name}.done"
    while not done.exists():
        lock = InstanceLock(root / f"{name}.lock")
        try:
            lock.acquire()
        except InstanceLocked:
            time.sleep(0.1)
            continue
        try:
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                build(folder)
                done.touch()
        finally:
            lock.release()
    return folder


def worker_copies(tmp_path_factory: pytest.TempPathFactory, folder: Path,
                  names: list[str]) -> dict[str, Path]:
    """This session's own copies of the databases ``names`` of a ``built_once`` folder (the
    files themselves without pytest-xdist): the workers never open the same file."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return {name: folder / f"{name}.sqlite" for name in names}
    own = tmp_path_factory.mktemp(folder.name)
    for name in names:
        copy_database_file(folder / f"{name}.sqlite", own / f"{name}.sqlite")
    return {name: own / f"{name}.sqlite" for name in names}


def _build_demo(folder: Path) -> None:
    with Store(folder / "demo.sqlite", actor="demo") as opened:
        build_demo(opened)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding ``demo.sqlite``, the demo city built once for the run (never opened:
    it is what the sessions and the other templates copy)."""
    return built_once(tmp_path_factory, "demo", _build_demo)


@pytest.fixture(scope="session")
def demo_path(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file with the demo city, built once; tests that change data copy it first."""
    return worker_copies(tmp_path_factory, demo_template, ["demo"])["demo"]


# The wards of the demo city whose machines ``sync_network_files`` sets up, by file name.
SYNC_NETWORK_WARDS = {"tan_phong": "Tân Phong", "doan_ket": "Đoàn Kết"}


@pytest.fixture(scope="session")
def sync_network_files(demo_template: Path, tmp_path_factory: pytest.TempPathFactory
                       ) -> dict[str, Path]:
    """The demo city's office (``city``) and the machines of Tân Phong and Đoàn Kết set up
    from its set-up packages, built once per run; tests copy them and never open these."""

    def build(folder: Path) -> None:
        copy_database_file(demo_template / "demo.sqlite", folder / "city.sqlite")
        with Store(folder / "city.sqlite", actor="city") as city:
            for name, ward_name in SYNC_NETWORK_WARDS.items():
                ward = city.units.find(ward_name, 2024, "ward")
                setup = city.sync.create_setup_package(ward.id, folder)
                init_from_setup(folder / f"{name}.sqlite", setup.path, setup.passphrase,
                                actor=name).close()

    folder = built_once(tmp_path_factory, "network", build)
    return worker_copies(tmp_path_factory, folder, ["city", *SYNC_NETWORK_WARDS])


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
