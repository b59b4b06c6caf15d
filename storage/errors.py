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


class StorageUnavailable(StoreError):
    """The disk or folder refused a read or write (full, read-only, removed, busy).

    The change that was being saved is rolled back, so the data saved before stays intact.
    """


class DiskFull(StorageUnavailable):
    """The disk holding the file (or the backup) is full."""


class ReadOnlyStorage(StorageUnavailable):
    """The file or its folder may not be written (read-only folder, locked USB stick)."""


class StorageIOError(StorageUnavailable):
    """The drive could not be read or written (a USB stick pulled out, a network drive gone)."""


class DatabaseBusy(StorageUnavailable):
    """Another program holds a write lock on the file for longer than the store waits."""


def storage_error(error: Exception, path: object) -> StoreError | None:
    """The StoreError explaining an SQLite failure caused by the disk or the file, else None.

    ``path`` names the file in the message. Errors of the program's own making (a constraint,
    a wrong query) give None: they are bugs to see in the log, not conditions to explain.
    """
    code = getattr(error, "sqlite_errorcode", None)
    # The primary result code is the low byte (SQLITE_IOERR_WRITE is SQLITE_IOERR | 3 << 8).
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if primary == 13 or "disk is full" in text:  # SQLITE_FULL
        return DiskFull(
            f"Ổ đĩa chứa tệp {path} đã đầy nên thay đổi vừa rồi chưa được lưu; dữ liệu đã lưu"
            " trước đó vẫn nguyên vẹn. Hãy xóa bớt tệp không cần để giải phóng chỗ trống rồi"
            " làm lại. / The disk is full; the change was not saved."
        )
    if primary == 8 or "readonly database" in text:  # SQLITE_READONLY
        return ReadOnlyStorage(
            f"Không ghi được vào tệp {path}: tệp đang mở ở chế độ chỉ đọc, hoặc tệp hay thư"
            " mục chứa nó không cho phép ghi (thư mục không có quyền ghi, USB bị khóa ghi)."
            " Thay đổi chưa được lưu; dữ liệu cũ vẫn nguyên vẹn. Hãy chép tệp sang một thư mục"
            " được phép ghi (hoặc xin quyền ghi) rồi mở lại. / The file or its folder is"
            " read-only; the change was not saved."
        )
    if primary in (10, 14) or "disk I/O error" in text or "unable to open" in text:
        # SQLITE_IOERR, SQLITE_CANTOPEN: typically the drive went away under the program.
        return StorageIOError(
            f"Không đọc hoặc ghi được tệp {path} ({text}). Có thể USB hoặc ổ mạng chứa tệp đã"
            " bị rút ra hay mất kết nối. Thay đổi chưa được lưu. Hãy cắm lại ổ, đóng rồi mở lại"
            " chương trình. / The drive could not be read or written (removed?)."
        )
    if primary in (5, 6) or "database is locked" in text:  # SQLITE_BUSY, SQLITE_LOCKED
        return DatabaseBusy(
            f"Tệp {path} đang bận vì một chương trình khác đang ghi vào nó. Hãy chờ một lát rồi"
            " làm lại. / The database is busy; try again in a moment."
        )
    if primary in (11, 26) or "malformed" in text:  # SQLITE_CORRUPT, SQLITE_NOTADB
        return DatabaseDamaged(
            f"Tệp {path} bị hỏng ({text}). Thay đổi chưa được lưu. Hãy dùng Tệp → Kiểm tra dữ"
            " liệu, hoặc khôi phục từ bản sao lưu gần nhất. / The database file is damaged."
        )
    return None
