"""The store's small error hierarchy.

Every message is Vietnamese first (what happened and what to do), English after a slash, so the
GUI and the command line can show ``str(error)`` as it is.
"""


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class NotFound(StoreError, KeyError):
    """A record that was asked for does not exist (or was deleted)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "Không tìm thấy bản ghi / Not found"


class ValidationError(StoreError, ValueError):
    """A value is not acceptable; ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(StoreError):
    """The installation or user may not change this record."""


class SchemaTooNew(StoreError):
    """The database file was written by a newer version of the program."""


class DatabaseDamaged(StoreError):
    """The file is not a readable SQLite database of this program."""
