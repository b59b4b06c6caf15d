"""A form dialog with a red line that says what is wrong, and storage's refusals shown there.

Storage refuses a bad form with a StoreError (a ValidationError names the field); the dialog
stays open with what was typed, shows the reason and puts the cursor where the fix goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QWidget

from gui.widgets.focus_frame import FocusFrame
from storage.errors import StoreError, ValidationError

ERROR_STYLE = "color: #b00020;"


class FormDialog(QDialog):
    """``error_label`` (hidden while empty) and the helpers that fill it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # Where the keyboard is, visible in every form (gui/widgets/focus_frame.py).
        self.focus_frame = FocusFrame(self)

    def show_error(self, message: str) -> None:
        """Show what is wrong, keeping what was typed ('' hides the line)."""
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message and self.isVisible():
            self.fit_height()

    def fit_height(self) -> None:
        """Grow the dialog on screen to the height its content needs at its width.

        A dialog already shown does not grow when a line appears: the new line would take its
        height from the wrapped texts above it and clip them.
        """
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def confirmation_differs(self, password: QLineEdit, confirm: QLineEdit,
                             message: str) -> bool:
        """Whether the password typed again differs; if so ``message`` is shown and the
        second field emptied for typing again."""
        if password.text() == confirm.text():
            return False
        self.show_error(message)
        confirm.clear()
        confirm.setFocus()
        return True

    def save_and_accept(self, save: Callable[[], object],
                        fields: Mapping[str, QWidget] | None = None,
                        fallback: QWidget | None = None) -> bool:
        """Run ``save`` and accept the dialog when it worked (True).

        When storage refuses, its message is shown and the dialog stays open (False); for a
        ValidationError the focus goes to the field it names in ``fields``, else ``fallback``.
        """
        try:
            save()
        except ValidationError as error:
            self.show_error(str(error))
            field = (fields or {}).get(error.field or "", fallback)
            if field is not None:
                field.setFocus()
            return False
        except StoreError as error:
            self.show_error(str(error))
            return False
        self.accept()
        return True
