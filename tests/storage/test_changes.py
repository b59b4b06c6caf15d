"""Every committed write announces what it changed; a refused one announces nothing."""

from __future__ import annotations

import pytest

from storage.errors import ValidationError
from storage.model import Household, HouseholdYear
from storage.store import Changes, Store


def test_an_action_announces_its_tables_and_records(store: Store, city: dict[str, str]) -> None:
    heard: list[Changes] = []
    stop = store.listen(heard.append)
    household = store.households.add(
        Household(city["group_1"], "Lò Văn Một"), 2024,
        status=HouseholdYear("", 2024, city["group_1"], cultural_family=True))
    assert len(heard) == 1
    assert heard[0].touches("households", "household_years")
    assert household.id in heard[0].records["households"]
    # Nested actions are one notice; a failed write is none.
    with pytest.raises(ValidationError):
        store.households.add(Household(city["group_1"], ""), 2024)
    assert len(heard) == 1
    stop()
    store.households.delete(household.id)
    assert len(heard) == 1  # no longer listening


def test_a_failing_listener_does_not_undo_the_saved_action(store: Store,
                                                           city: dict[str, str]) -> None:
    def broken(_changes: Changes) -> None:
        raise RuntimeError("a view's fault")

    store.listen(broken)
    household = store.households.add(Household(city["group_1"], "Lò Văn Hai"), 2024)
    assert store.households.get(household.id).head_name == "Lò Văn Hai"
