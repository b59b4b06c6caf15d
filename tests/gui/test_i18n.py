"""The English translation: complete, shipped compiled, switchable; Vietnamese stays the default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gui import app as gui_app
from gui.dialogs.household_dialog import gender_code
from gui.dialogs.shortcuts_dialog import ShortcutsDialog
from gui.i18n import (
    CONTEXT,
    SETTINGS_LANGUAGE,
    STORAGE_LABELS,
    TRANSLATIONS_DIR,
    ExtractionError,
    extract,
    extract_file,
    install_translator,
    merge,
    placeholders,
    read_ts,
    remove_translators,
    tr,
    ts_path,
)
from gui.main_window import MainWindow
from storage.groups import COUNT_FIELDS, FLAG_FIELDS, TEXT_FIELDS
from storage.household_import import FIELD_LABELS as IMPORT_FIELD_LABELS
from storage.household_search import STATUS_FILTERS
from storage.model import (
    HOUSEHOLD_FLAGS,
    KIND_LABELS,
    PARTY_CELL_RATINGS,
    POVERTY_LABELS,
    RECOGNITION_LABELS,
)
from storage.store import Store


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English translator on the application for one test."""
    assert install_translator(qapp, "en")
    yield
    # The other tests compare Vietnamese texts: the translator must not outlive this test.
    remove_translators(qapp)


@pytest.fixture
def english_window(english: None, qtbot: QtBot, demo_store: Store) -> MainWindow:
    """A main window built while the English translator is installed."""
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    return window


# -- the translation files -----------------------------------------------------------------------


def test_every_text_has_a_finished_english_translation() -> None:
    sources = extract()
    messages = read_ts(ts_path("en"))
    assert len(sources) > 200
    problems = []
    for source in sources:
        translation, kind = messages.get(source, ("", "missing"))
        if kind or not translation.strip():
            problems.append(f"{source!r}: {kind or 'empty'}")
        elif placeholders(translation) != placeholders(source):
            problems.append(f"{source!r}: placeholders {placeholders(translation)}")
    assert problems == [], "run `python -m gui.i18n update` and translate:\n" + "\n".join(
        problems
    )
    # Texts gone from the code are kept only as vanished (the .ts is up to date).
    current = {source for source, (_, kind) in messages.items() if kind != "vanished"}
    assert current == set(sources)


def test_the_shipped_qm_matches_the_ts() -> None:
    translator = QTranslator()
    assert translator.load("tuquan_en", str(TRANSLATIONS_DIR))
    assert translator.translate(CONTEXT, "Hộ gia đình") == "Households"
    assert translator.translate(CONTEXT, "Tổ dân phố/bản:") == "Residential group:"
    assert translator.translate(CONTEXT, "Chưa gửi: {n} thay đổi") == "Not sent: {n} changes"
    stale = [
        source
        for source, (translation, kind) in read_ts(ts_path("en")).items()
        if not kind and translator.translate(CONTEXT, source) != translation
    ]
    assert stale == [], "the .qm is older than the .ts: run `python -m gui.i18n update`"


def test_storage_labels_cover_the_storage_label_dicts() -> None:
    labels = [
        *HOUSEHOLD_FLAGS.values(),
        *POVERTY_LABELS.values(),
        *PARTY_CELL_RATINGS.values(),
        *RECOGNITION_LABELS.values(),
        *KIND_LABELS.values(),
        *(label for label, _sql in STATUS_FILTERS.values()),
        *FLAG_FIELDS.values(),
        *COUNT_FIELDS.values(),
        *TEXT_FIELDS.values(),
        *IMPORT_FIELD_LABELS.values(),
    ]
    assert [label for label in labels if label not in STORAGE_LABELS] == []


def test_the_extractor_reads_literals_and_refuses_built_texts(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'A = N_("Một")\nprint(tr("Hai {n}").format(n=2), tr(A), tr(LABELS["x"]))\n',
        encoding="utf-8",
    )
    assert extract_file(module) == ["Một", "Hai {n}"]
    for bad in ('tr(f"Hộ {name}")', 'tr("Hộ " + name)', "N_(name)", 'tr("a", "b")'):
        module.write_text(f"x = 1\n{bad}\n", encoding="utf-8")
        with pytest.raises(ExtractionError, match=r"m\.py:2: "):
            extract_file(module)


def test_merge_keeps_translations_and_marks_new_and_vanished_texts() -> None:
    old = {
        "Lưu": ("Save", ""),
        "Cũ": ("Old", ""),
        "Bỏ": ("", "unfinished"),  # never translated and gone: dropped
        "Lại": ("Back", "vanished"),  # back in the code: finished again
    }
    assert merge(["Lưu", "Mới", "Lại"], old) == {
        "Lưu": ("Save", ""),
        "Mới": ("", "unfinished"),
        "Lại": ("Back", ""),
        "Cũ": ("Old", "vanished"),
    }


# -- installing a language -----------------------------------------------------------------------


def test_vietnamese_is_the_default_and_unknown_languages_are_refused(qapp: QApplication) -> None:
    assert tr("Hộ gia đình") == "Hộ gia đình"
    try:
        assert install_translator(qapp, "vi")
        assert tr("Hộ gia đình") == "Hộ gia đình"
        assert not install_translator(qapp, "fr")
    finally:
        remove_translators(qapp)


def test_create_application_installs_the_saved_language(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test settings' organisation, so the test never reads an official's settings.
    monkeypatch.setattr(gui_app, "ORGANIZATION_NAME", QApplication.organizationName())
    QSettings().setValue(SETTINGS_LANGUAGE, "en")
    try:
        assert gui_app.create_application([]) is qapp
        assert tr("Hộ gia đình") == "Households"
    finally:
        remove_translators(qapp)
    assert tr("Hộ gia đình") == "Hộ gia đình"


def test_the_main_window_in_english(english_window: MainWindow) -> None:
    window = english_window
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "E&valuation", "&Settings", "&Help"]
    tabs = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    assert tabs == ["Households", "Group profile", "Summary", "Evaluation", "Criteria not met"]
    assert window.tree_model.headerData(0, Qt.Orientation.Horizontal) == "Unit"
    assert window.pending_label.text().startswith("Not sent:")
    assert window.summary_panel.text_of("title") == "Thành phố Lai Châu — 2024"
    page = window.households_page
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Head of household"
    assert page.filter_actions["poor"].text() == "Poor household"  # a storage label


def test_member_gender_is_understood_in_english_too(english: None) -> None:
    assert gender_code("Male") == "nam"
    assert gender_code("female") == "nu"
    assert gender_code("Nữ") == "nu"  # typed in Vietnamese
    assert gender_code("") is None


# -- the settings and help menus -----------------------------------------------------------------


def test_the_language_menu_saves_the_setting(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    # QMessageBox.information is modal: replaced so the test cannot hang on it.
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text: shown.append(text)
    )
    actions = window.language_actions
    assert list(actions) == ["vi", "en"]
    assert actions["vi"].isChecked() and not actions["en"].isChecked()

    actions["en"].trigger()
    assert QSettings().value(SETTINGS_LANGUAGE) == "en"
    assert actions["en"].isChecked() and not actions["vi"].isChecked()
    assert len(shown) == 1 and "English" in shown[0] and "khởi động" in shown[0]

    actions["en"].trigger()  # already chosen: nothing to say
    assert len(shown) == 1
    actions["vi"].trigger()
    assert QSettings().value(SETTINGS_LANGUAGE) == "vi"
    assert len(shown) == 2
    # The window itself keeps its language until the next start.
    assert window.tabs.tabText(0) == "Hộ gia đình"


def test_f1_shows_the_shortcuts_read_from_the_actions(window: MainWindow) -> None:
    assert window.shortcuts_action.shortcut() == QKeySequence("F1")
    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    keys = [keys for keys, _meaning in dialog.rows()]
    for expected in ("Ctrl+N", "Ctrl+F", "Enter", "Del", "Ctrl+T", "Ctrl+A", "Ctrl+Z",
                     "Ctrl+Shift+Z, Ctrl+Y", "Ctrl+S", "Ctrl+Enter", "Esc", "F1", "Ctrl+Q"):
        assert expected in keys
    assert all(meaning for _keys, meaning in dialog.rows())
    dialog.close()
