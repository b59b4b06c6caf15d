"""A full disk is said in words on every path that writes, and the data stays as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from storage import keystore
from storage.errors import DiskFull
from storage.store import Store
from tests.storage import test_sync
from tests.storage.test_sync import Network, add_household, upstream_id

network_files = test_sync.network_files
net = test_sync.net

TABLES = ("households", "household_members", "household_years", "peers", "sync_progress",
          "peer_acks", "sync_packages", "audit_log", "audit_received", "machine_keys", "meta")


def contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {table: sorted(tuple(row) for row in store.db.execute(f"SELECT * FROM {table}"))
            for table in TABLES}


@contextmanager
def full_disk(store: Store) -> Iterator[None]:
    """No page may be added to the file inside the block (as when the disk is full)."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA max_page_count = {pages * 1000}")


def refused_for_a_full_disk(store: Store, write: Callable[[], object]) -> None:
    before = contents(store)
    with full_disk(store), pytest.raises(DiskFull, match="đã đầy"):
        write()
    assert contents(store) == before


def test_a_package_import_on_a_full_disk_says_so_in_vietnamese(net: Network) -> None:
    ward, city = net.tan_phong, net.city
    for index in range(80):
        add_household(ward, net.tan_phong_id, f"Hộ Số {index} Của Gói Lớn")
    plan = city.sync.preview(ward.sync.export(upstream_id(ward), net.folder).path)
    refused_for_a_full_disk(city, lambda: city.sync.apply(plan))
    city.sync.apply(plan)  # space was freed: the same package goes in
    assert city.query("SELECT count(*) FROM households WHERE head_name LIKE 'Hộ Số %'")[0][0] \
        == 80


def test_bookkeeping_keys_and_settings_on_a_full_disk(net: Network) -> None:
    city = net.city
    # Grow the pages the next writes would need beyond what is free.
    big = "x" * 200_000
    machine = city.sync.active_machine_of(net.doan_ket_id)
    assert machine is not None
    refused_for_a_full_disk(city, lambda: city.sync.revoke(machine.site_id, big))
    refused_for_a_full_disk(city, lambda: keystore.save_key(city, "thu", big.encode()))
    # The audit view's search index is bookkeeping: on a full disk it is simply not kept.
    before = contents(city)
    with full_disk(city):
        city.audit_trail.update_search_index()
    assert contents(city) == before
