"""Undo steps: each user action on the data is one QUndoCommand over one store action.

The first ``redo`` happens in ``perform`` before the command enters the stack, so a refused
action (a ValidationError) never lands in the undo history. Later redos and undos call the
store again; ``on_change`` tells the window what to redraw.

A command's name is shown in the interface language (the Undo menu), but written to the store's
audit log in Vietnamese: the log is read by every office, whatever language each one uses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from gui.i18n import N_, tr
from storage import household_import
from storage.errors import StoreError
from storage.model import Household, HouseholdYear, Member
from storage.store import Store
from storage.text import format_int

ChangeCallback = Callable[[], None]
ErrorCallback = Callable[[StoreError], None]

# An undo or redo over this many records runs in a worker thread behind a progress dialog,
# never on the GUI thread (an import of a ward's 13.000 households takes seconds to undo).
BACKGROUND_RECORDS = 1000


class StoreCommand(QUndoCommand):
    """A named undo step; subclasses implement ``apply`` and ``revert``.

    ``name`` is a Vietnamese text marked with N_ and ``values`` fill its ``{placeholders}``.
    """

    def __init__(self, store: Store, name: str, values: dict[str, object],
                 on_change: ChangeCallback, on_error: ErrorCallback | None = None) -> None:
        super().__init__(tr(name).format(**values))
        self.log_name = name.format(**values)
        self.store = store
        self.on_change = on_change
        self.on_error = on_error
        self._performed = False
        # How many records the step touches: from BACKGROUND_RECORDS on, undo and redo run in
        # the background.
        self.size = 1
        # The window a background undo disables while it runs (the stack's parent).
        self._window: object = None

    def apply(self) -> None:
        """Do the change in the store (raises StoreError when refused)."""
        raise NotImplementedError

    def revert(self) -> None:
        """Undo the change in the store."""
        raise NotImplementedError

    def perform(self, stack: QUndoStack) -> None:
        """Do the change now and, when it worked, put it on the undo stack."""
        self.apply()
        self._performed = True
        self._window = stack.parent()
        stack.push(self)  # push calls redo(), which skips the already-done first time
        self.on_change()

    def performed_elsewhere(self, stack: QUndoStack) -> None:
        """Put the command on the stack after ``apply`` ran elsewhere (a background job)."""
        self._performed = True
        self._window = stack.parent()
        stack.push(self)
        self.on_change()

    def redo(self) -> None:
        if self._performed:
            self._performed = False
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        # Undo/redo are called by Qt: an exception must not escape into the event loop.
        if self.size >= BACKGROUND_RECORDS:
            self._run_in_background(step)
            return
        try:
            step()
        except StoreError as error:
            self._failed(error)
        self.on_change()

    def _run_in_background(self, step: Callable[[], None]) -> None:
        # The stack has moved already; the window waits (disabled, with progress) until the
        # store has. One action: a failure leaves the data as it was.
        from gui.background import run_in_background

        def failed(error: BaseException) -> None:
            if isinstance(error, StoreError):
                self._failed(error)
            self.on_change()
            if not isinstance(error, StoreError):
                raise error

        window = self._window if isinstance(self._window, QWidget) else (
            QApplication.activeWindow())
        run_in_background(window, self.text(), lambda _progress: step(),
                          on_done=lambda _result: self.on_change(), on_error=failed)

    def _failed(self, error: StoreError) -> None:
        if self.on_error is not None:
            self.on_error(error)
        self.setObsolete(True)


class AddHousehold(StoreCommand):
    """Add a household (with members and the year's statuses)."""

    def __init__(self, store: Store, household: Household, members: Sequence[Member],
                 status: HouseholdYear | None, on_change: ChangeCallback,
                 on_error: ErrorCallback | None = None) -> None:
        super().__init__(store, N_("Thêm hộ {name}"), {"name": household.head_name},
                         on_change, on_error)
        self.household = household
        self.members = list(members)
        self.status = status
        self.household_id = ""

    def apply(self) -> None:
        if self.household_id:
            self.store.households.restore(self.household_id)
            return
        saved = self.store.households.add(self.household, members=self.members,
                                          status=self.status)
        self.household_id = saved.id

    def revert(self) -> None:
        self.store.households.delete(self.household_id)


@dataclasses.dataclass
class HouseholdState:
    """Everything the household form edits: the household, its members, one year's statuses."""

    household: Household
    members: list[Member]
    status: HouseholdYear | None


class EditHousehold(StoreCommand):
    """Save the household form's changes; undo puts the old values back."""

    def __init__(self, store: Store, before: HouseholdState, after: HouseholdState,
                 on_change: ChangeCallback, on_error: ErrorCallback | None = None) -> None:
        super().__init__(store, N_("Sửa hộ {name}"), {"name": after.household.head_name},
                         on_change, on_error)
        self.before = before
        self.after = after

    def _save(self, state: HouseholdState, other: HouseholdState) -> None:
        households = self.store.households
        with self.store.action(self.log_name):
            households.update(state.household, members=state.members, status=state.status)
            if state.status is None and other.status is not None:
                # The year had no statuses before: take the row away again.
                households.restore_statuses(other.status.year,
                                            {state.household.id: None})

    def apply(self) -> None:
        self._save(self.after, self.before)

    def revert(self) -> None:
        self._save(self.before, self.after)


class DeleteHouseholds(StoreCommand):
    """Delete households (soft: tombstones); undo restores them."""

    def __init__(self, store: Store, households: Sequence[Household], on_change: ChangeCallback,
                 on_error: ErrorCallback | None = None) -> None:
        if len(households) == 1:
            super().__init__(store, N_("Xóa hộ {name}"), {"name": households[0].head_name},
                             on_change, on_error)
        else:
            super().__init__(store, N_("Xóa {count} hộ"), {"count": len(households)},
                             on_change, on_error)
        self.ids = [household.id for household in households]
        self.size = len(self.ids)

    def apply(self) -> None:
        with self.store.action(self.log_name):
            for household_id in self.ids:
                self.store.households.delete(household_id)

    def revert(self) -> None:
        # The audit log stays Vietnamese (see the module's docstring).
        with self.store.action(f"Hoàn tác: {self.log_name}"):
            for household_id in self.ids:
                self.store.households.restore(household_id)


class MoveHouseholds(StoreCommand):
    """Move households to another group (and their row of the year)."""

    def __init__(self, store: Store, households: Sequence[Household], group_id: str,
                 group_name: str, year: int, on_change: ChangeCallback,
                 on_error: ErrorCallback | None = None) -> None:
        if len(households) == 1:
            super().__init__(store, N_("Chuyển hộ {name} sang {group}"),
                             {"name": households[0].head_name, "group": group_name},
                             on_change, on_error)
        else:
            super().__init__(store, N_("Chuyển {count} hộ sang {group}"),
                             {"count": len(households), "group": group_name},
                             on_change, on_error)
        self.ids = [household.id for household in households]
        self.size = len(self.ids)
        self.group_id = group_id
        self.year = year
        self.old_groups: dict[str, str] = {}

    def apply(self) -> None:
        with self.store.action(self.log_name):
            for household_id in self.ids:
                self.old_groups[household_id] = self.store.households.move(
                    household_id, self.group_id, self.year)

    def revert(self) -> None:
        with self.store.action(f"Hoàn tác: {self.log_name}"):
            for household_id, group_id in self.old_groups.items():
                self.store.households.move(household_id, group_id, self.year)


class SetStatusMany(StoreCommand):
    """Set one status of a year on many households at once."""

    def __init__(self, store: Store, household_ids: Sequence[str], year: int, name: str,
                 value: bool | str, label: str, on_change: ChangeCallback,
                 on_error: ErrorCallback | None = None) -> None:
        super().__init__(store, N_("Đặt '{label}' năm {year} cho {count} hộ"),
                         {"label": label, "year": year, "count": len(household_ids)},
                         on_change, on_error)
        self.ids = list(household_ids)
        self.size = len(self.ids)
        self.year = year
        self.name = name
        self.value = value
        self.previous: dict[str, HouseholdYear | None] = {}

    def apply(self) -> None:
        self.previous = self.store.households.set_status_many(self.ids, self.year, self.name,
                                                              self.value)

    def revert(self) -> None:
        self.store.households.restore_statuses(self.year, self.previous)


class ImportHouseholds(StoreCommand):
    """Import a checked household list in one action; undo takes the whole import back."""

    def __init__(self, store: Store, preview: household_import.Preview,
                 on_change: ChangeCallback, on_error: ErrorCallback | None = None) -> None:
        super().__init__(store, N_("Nhập {count} hộ từ {file}"),
                         {"count": format_int(preview.counts.written),
                          "file": preview.file.name}, on_change, on_error)
        self.preview: household_import.Preview | None = preview
        self.size = preview.counts.written
        self.outcome: household_import.ImportOutcome | None = None
        # Set by whoever runs the first apply in the background.
        self.progress: Callable[[int, str], None] | None = None

    def apply(self) -> None:
        if self.outcome is None:
            assert self.preview is not None
            self.outcome = household_import.apply(self.store, self.preview, self.progress)
            self.preview = None  # the checked rows are not needed again (a big file's memory)
        else:
            household_import.reapply_import(self.store, self.outcome)

    def revert(self) -> None:
        assert self.outcome is not None
        household_import.revert_import(self.store, self.outcome)
