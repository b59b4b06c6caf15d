"""Interface languages: Vietnamese is the source text, English comes from Qt's translator.

Every user-visible text of gui/ is written in Vietnamese inside ``tr("…")`` (translated where it
is shown) or ``N_("…")`` (a constant that is passed through ``tr`` where it is shown). The
command ``python -m gui.i18n update`` collects those literals into
``resources/translations/tuquan_en.ts`` and builds ``tuquan_en.qm`` with Qt's lrelease.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator

# One translation context for the whole app: a text means the same on every page, so it is
# translated once.
CONTEXT = "tuquan"
# Each language is named in itself, so an official can find their own in the menu whatever
# language the interface currently shows.
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
SETTINGS_LANGUAGE = "ui/language"

GUI_DIR = Path(__file__).resolve().parent
TRANSLATIONS_DIR = GUI_DIR.parent / "resources" / "translations"
# The language codes written into .ts files (the English uses British spelling).
TS_LANGUAGE = {"en": "en_GB"}
SOURCE_LANGUAGE = "vi_VN"

# Translators installed by install_translator. QCoreApplication does not own them: without a
# Python reference they would be garbage-collected and the texts would fall back to Vietnamese.
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """``text`` (a Vietnamese literal) in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:  # noqa: N802 - the usual gettext name for "mark, translate later"
    """Mark a literal for the extractor and return it unchanged; ``tr`` it where it is shown.

    For module-level constants: they are built at import, before the translator is installed.
    """
    return text


# Labels that storage/ defines (Vietnamese only there: storage must not depend on Qt). The GUI
# passes them through ``tr`` where it shows them; listing them here puts them in the .ts file.
# tests/gui/test_i18n.py checks that this list covers storage's label dicts.
STORAGE_LABELS = [
    # storage.model.HOUSEHOLD_FLAGS
    N_("Gia đình văn hóa"),
    N_("Gia đình học tập"),
    N_("Nhà sạch, vườn đẹp"),
    N_("Ký cam kết ANTT"),
    N_("Ký cam kết quy tắc đô thị"),
    N_("Có thiết bị lưu chứa rác"),
    N_("Sinh con thứ ba"),
    # storage.model.POVERTY_LABELS
    N_("Không"),
    N_("Hộ nghèo"),
    N_("Hộ cận nghèo"),
    # storage.model.PARTY_CELL_RATINGS
    N_("Chưa xếp loại"),
    N_("Hoàn thành xuất sắc nhiệm vụ"),
    N_("Hoàn thành tốt nhiệm vụ"),
    N_("Hoàn thành nhiệm vụ"),
    N_("Không hoàn thành nhiệm vụ"),
    # storage.model.RECOGNITION_LABELS
    N_("Công nhận mới"),
    N_("Công nhận duy trì"),
    # storage.model.KIND_LABELS
    N_("thành phố"),
    N_("phường"),
    N_("xã"),
    N_("tổ dân phố"),
    N_("bản"),
    # storage.household_search.STATUS_FILTERS (the others are above)
    N_("Chưa đạt gia đình văn hóa"),
    N_("Chưa ký cam kết ANTT"),
    N_("Chưa ký cam kết quy tắc đô thị"),
    N_("Chưa có thiết bị lưu chứa rác"),
    N_("Chưa nhập tình trạng năm"),
    # storage.groups.FLAG_FIELDS, COUNT_FIELDS, TEXT_FIELDS (the group profile form)
    N_("Đạt danh hiệu Tổ dân phố/Bản văn hóa"),
    N_("Đạt danh hiệu An toàn về an ninh, trật tự"),
    N_("Thành viên tổ bảo vệ ANTT ở cơ sở"),
    N_("Hòa giải viên"),
    N_("Vụ việc hòa giải tiếp nhận"),
    N_("Vụ việc hòa giải thành"),
    N_("Tuyến phố văn minh"),
    N_("Tuyến phố chưa đạt văn minh"),
    N_("Tổ tự quản đường phố xanh, sạch, đẹp"),
    N_("Vụ khiếu kiện đông người"),
    N_("Vụ vi phạm pháp luật"),
    N_("Trẻ em tử vong do tai nạn"),
    N_("Mô hình phát triển kinh tế"),
    N_("Sản phẩm OCOP"),
    # storage.household_import.FIELD_LABELS (the import's mapping step; the others are above)
    N_("Mã hộ"),
    N_("Phường, xã"),
    N_("Tổ dân phố, bản"),
    N_("Họ và tên chủ hộ"),
    N_("Giới tính"),
    N_("Năm sinh"),
    N_("Nam (năm sinh hoặc x)"),
    N_("Nữ (năm sinh hoặc x)"),
    N_("Dân tộc"),
    N_("Địa chỉ"),
    N_("Số điện thoại"),
    N_("Số nhân khẩu"),
    N_("Nghèo, cận nghèo"),
    N_("Ghi chú"),
]


# -- the running app -----------------------------------------------------------------------------


def saved_language() -> str:
    """The language chosen in the settings; Vietnamese when none (or an unknown one) is saved."""
    value = str(QSettings().value(SETTINGS_LANGUAGE, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    """Remember ``language`` for the next start (widgets are built once, so not before)."""
    QSettings().setValue(SETTINGS_LANGUAGE, language)


def remove_translators(app: QCoreApplication) -> None:
    """Take the translators of install_translator off ``app``: the texts are Vietnamese again."""
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translator(app: QCoreApplication, language: str) -> bool:
    """Show the texts created from now on in ``language``; False when it is not available.

    Vietnamese needs no translation of the app's own texts; Qt's own (button texts of standard
    dialogs) are translated too when Qt ships them for the language. Replaces what an earlier
    call installed.
    """
    remove_translators(app)
    if language not in LANGUAGES:
        return False
    # Qt's built-in texts are English already.
    if language != "en":
        qt_translator = QTranslator()
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_translator)
            _installed.append(qt_translator)
    if language == DEFAULT_LANGUAGE:
        return True
    translator = QTranslator()
    if not translator.load(f"tuquan_{language}", str(TRANSLATIONS_DIR)):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True


# -- extracting and building the translation files -----------------------------------------------


class ExtractionError(Exception):
    """A tr()/N_() call the extractor cannot read."""


def _literal_argument(node: ast.Call, path: Path) -> str | None:
    """The literal of a tr()/N_() call; None for ``tr(constant)`` (marked with N_ elsewhere)."""
    name = node.func.id if isinstance(node.func, ast.Name) else "?"
    where = f"{path}:{node.lineno}"
    if len(node.args) != 1 or node.keywords:
        raise ExtractionError(f"{where}: {name}() takes exactly one argument.")
    argument = node.args[0]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    # A name, attribute or item holds a text marked with N_ where it was defined.
    if name == "tr" and isinstance(argument, ast.Name | ast.Attribute | ast.Subscript):
        return None
    raise ExtractionError(
        f"{where}: {name}() needs a string literal, not {ast.unparse(argument)!r}. Write "
        f'{name}("… {{name}} …").format(name=…) so the whole sentence is one translatable text.'
    )


def extract_file(path: Path) -> list[str]:
    """The tr()/N_() literals of one Python file, in the order they appear."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("tr", "N_")
    ]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    return [text for node in calls if (text := _literal_argument(node, path)) is not None]


def extract(root: Path = GUI_DIR) -> list[str]:
    """Every translatable literal under ``root`` once, in the order of files and lines."""
    texts: dict[str, None] = {}
    for path in sorted(root.rglob("*.py")):
        texts.update(dict.fromkeys(extract_file(path)))
    return list(texts)


def read_ts(path: Path) -> dict[str, tuple[str, str]]:
    """source → (translation, type) of a .ts file ("" type: finished); {} when it is missing."""
    if not path.exists():
        return {}
    messages: dict[str, tuple[str, str]] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            messages[source] = ("", "unfinished")
        else:
            messages[source] = (translation.text or "", translation.get("type", ""))
    return messages


def merge(sources: Sequence[str], old: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The messages of the new .ts: translations kept, new texts unfinished, gone ones vanished.

    A vanished text keeps its translation (it may come back); one never translated is dropped.
    """
    merged: dict[str, tuple[str, str]] = {}
    for source in sources:
        translation, kind = old.get(source, ("", ""))
        if not translation:
            kind = "unfinished"
        elif kind in ("vanished", "obsolete"):
            kind = ""  # back in the code: its translation is good again
        merged[source] = (translation, kind)
    for source, (translation, _kind) in old.items():
        if source not in merged and translation:
            merged[source] = (translation, "vanished")
    return merged


def write_ts(path: Path, language: str, messages: dict[str, tuple[str, str]]) -> None:
    """Write a Qt Linguist TS 2.1 file with one context."""
    root = ET.Element(
        "TS", version="2.1", language=TS_LANGUAGE.get(language, language),
        sourcelanguage=SOURCE_LANGUAGE,
    )
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source, (translation, kind) in messages.items():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        element = ET.SubElement(message, "translation")
        element.text = translation
        if kind:
            element.set("type", kind)
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8"
    )


def find_lrelease() -> str:
    """Qt's lrelease as PySide6 installs it: beside this Python, else on PATH."""
    name = "pyside6-lrelease.exe" if os.name == "nt" else "pyside6-lrelease"
    here = Path(sys.executable).parent
    # Windows puts scripts in Scripts\ beside python.exe (except in a virtual environment).
    for candidate in (here / name, here / "Scripts" / name):
        if candidate.is_file():
            return str(candidate)
    for command in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(command)
        if found:
            return found
    raise FileNotFoundError("pyside6-lrelease not found: install PySide6 (pip install -e .).")


def build_qm(ts_file: Path, qm_file: Path) -> None:
    """Compile a .ts file into the .qm file QTranslator loads."""
    subprocess.run([find_lrelease(), str(ts_file), "-qm", str(qm_file)], check=True)


def ts_path(language: str) -> Path:
    """The shipped .ts file of ``language``."""
    return TRANSLATIONS_DIR / f"tuquan_{language}.ts"


def update(language: str = "en") -> dict[str, tuple[str, str]]:
    """Extract the texts, merge them into the language's .ts file and build its .qm file."""
    path = ts_path(language)
    messages = merge(extract(), read_ts(path))
    write_ts(path, language, messages)
    build_qm(path, path.with_suffix(".qm"))
    return messages


def placeholders(text: str) -> list[str]:
    """The ``{names}`` of a text, sorted (a translation must keep the same ones)."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m gui.i18n update``: refresh tuquan_en.ts from the code and build the .qm."""
    parser = argparse.ArgumentParser(prog="python -m gui.i18n", description=main.__doc__)
    parser.add_argument("command", choices=["update"])
    parser.parse_args(argv)
    try:
        messages = update("en")
    except (ExtractionError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    kinds = [kind for _translation, kind in messages.values()]
    print(
        f"{ts_path('en')}: {kinds.count('')} finished, {kinds.count('unfinished')} unfinished,"
        f" {kinds.count('vanished')} vanished"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
