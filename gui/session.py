"""The one owner of the open store in the GUI.

A restore closes the file and opens it again as a new Store. A widget that kept its own
reference to the old one would go on using a closed database (the idle lock did: it could never
lock the session again). So long-lived widgets keep the *session* and read ``session.store`` each
time; ``store_replaced`` tells them when another store took its place.

``changed`` carries the Changes of every committed write (storage.store.Changes), whichever
widget, dialog, background job or package made it, delivered on the GUI thread: views refresh
from it, so no edit has to know which views show what it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from storage.store import Store


class Session(QObject):
    """Holds the store the window works on; ``replace`` puts another in its place."""

    store_replaced = Signal(object)
    changed = Signal(object)  # storage.store.Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        # A write on a worker thread emits from there; Qt queues it to the GUI thread.
        self._stop_listening = store.listen(self.changed.emit)

    @property
    def store(self) -> Store:
        """The store to use now (never keep it: read it again when needed)."""
        return self._store

    def replace(self, store: Store) -> None:
        """Work on ``store`` from now on and tell every listener."""
        self._stop_listening()
        self._store = store
        self._stop_listening = store.listen(self.changed.emit)
        self.store_replaced.emit(store)


def session_of(source: Session | Store) -> Session:
    """The session of ``source``: itself, or a session of its own for a bare store (a widget
    made on its own, as in tests)."""
    return source if isinstance(source, Session) else Session(source)
