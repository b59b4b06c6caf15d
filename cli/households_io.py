"""Subcommands importing household lists from spreadsheets and exporting them to Excel."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from cli.common import CommandError, open_existing
from storage.errors import StoreError
from storage.household_export import export_households
from storage.household_import import (
    DECISION_LABELS,
    DECISIONS,
    FIELD_LABELS,
    ImportFile,
    Preview,
    apply,
    check,
    column_letter,
    guess_mapping,
    mapping_from_preset,
    read_file,
    save_mapping_preset,
    write_rejected,
)
from storage.store import Store
from storage.text import format_int

# How many rejected rows and uncertain groups are printed (the rest go to --rejected).
SHOWN = 15


def _print_file(imported: ImportFile) -> None:
    sheet = f" (trang \"{imported.sheet}\")" if imported.sheet else ""
    encoding = f", mã hóa {imported.text_encoding}" if imported.text_encoding else ""
    header = (f"dòng tiêu đề cột {imported.header_row + 1}" if imported.header_row is not None
              else "không tìm thấy dòng tiêu đề cột")
    print(f"Tệp {imported.name}{sheet}{encoding}: {header},"
          f" {format_int(len(imported.data_rows))} dòng dữ liệu.")


def _print_legacy(imported: ImportFile, convert: bool, every: bool) -> None:
    """The legacy-font columns, and each value converted (all of them with ``every``, the
    dry run's preview), then the values kept although the font would read them otherwise."""
    listed = imported.conversion_list()
    for detection in imported.detections:
        mine = [item for item in listed if item.column == detection.column]
        changed = [item for item in mine if not item.kept]
        cells = sum(item.rows for item in changed)
        letter = column_letter(detection.column)
        if not convert:
            print(f"Cột {letter} có {format_int(cells)} ô viết bằng phông {detection.label}:"
                  " KHÔNG chuyển (--no-legacy-conversion).")
            continue
        print(f"Cột {letter} có {format_int(cells)} ô viết bằng phông {detection.label}, chuyển"
              " sang Unicode (chỉ các ô có dấu hiệu phông cũ):")
        shown = changed if every else changed[:SHOWN]
        for item in shown:
            rows = f" ({format_int(item.rows)} dòng)" if item.rows > 1 else ""
            print(f"  dòng {item.first_line}: \"{item.before}\" → \"{item.after}\"{rows}")
        if len(changed) > len(shown):
            print(f"  … và {format_int(len(changed) - len(shown))} giá trị khác (xem tất cả với"
                  " --dry-run).")
        for item in (item for item in mine if item.kept):
            print(f"  dòng {item.first_line}: giữ nguyên \"{item.before}\" (đọc được như chữ"
                  f" Unicode; nếu là phông cũ thì là \"{item.after}\": hãy kiểm tra).")


def _print_mapping(imported: ImportFile, preview_mapping: Any) -> None:
    headers = imported.headers
    parts = []
    for name, column in sorted(preview_mapping.columns.items(), key=lambda item: item[1]):
        header = headers[column] if column < len(headers) else ""
        parts.append(f"{column_letter(column)} \"{header}\" → {FIELD_LABELS[name]}")
    print("Ghép cột: " + "; ".join(parts) + ".")


def _print_preview(preview: Preview, decision: str) -> None:
    counts = preview.counts
    print(f"Năm {preview.year}. Sẽ thêm mới: {format_int(counts.add)}; cập nhật:"
          f" {format_int(counts.update)}; không đổi: {format_int(counts.unchanged)};"
          f" trùng: {format_int(counts.duplicates)} ({DECISION_LABELS[decision].lower()});"
          f" bị loại: {format_int(counts.rejected)}.")
    uncertain = preview.uncertain_groups
    for match in uncertain[:SHOWN]:
        names = "; ".join(name for _id, name in match.candidates)
        print(f"  Chưa chắc: \"{match.shown}\" ({format_int(match.rows)} dòng) có thể là {names}.")
    if uncertain:
        print("  Thêm --accept-group-guesses để nhận tổ đầu tiên được gợi ý, hoặc sửa tên tổ"
              " trong tệp.")
    for row in preview.duplicates[:SHOWN]:
        print(f"  Dòng {row.line} trùng: {row.duplicate_reason}")
    for row in preview.rejected[:SHOWN]:
        print(f"  Dòng {row.line} bị loại: {row.reason}")
    hidden = max(0, counts.rejected - SHOWN)
    if hidden:
        print(f"  … và {format_int(hidden)} dòng bị loại khác (ghi tất cả ra tệp với"
              " --rejected).")


def cmd_import_households(args: argparse.Namespace) -> int:
    """Import a household list; print what the file holds, the preview and the outcome."""
    with open_existing(args.db) as store:
        assert isinstance(store, Store)
        imported = read_file(args.file, args.sheet)
        if args.no_legacy_conversion:
            imported.use_conversions([])
        _print_file(imported)
        _print_legacy(imported, not args.no_legacy_conversion, every=args.dry_run)
        year = args.year or imported.title_year or dt.date.today().year
        ward_id = store.units.find(args.ward, year, "ward").id if args.ward else None
        if args.mapping:
            mapping = mapping_from_preset(imported, store, args.mapping)
        else:
            mapping = guess_mapping(imported, store, year)
        _print_mapping(imported, mapping)
        problems = mapping.problems()
        if problems:
            raise CommandError(" ".join(problems) + " Hãy sửa tiêu đề cột trong tệp hoặc dùng"
                               " --mapping với một mẫu đã lưu. / Required columns not found.")
        if args.save_mapping:
            save_mapping_preset(store, args.save_mapping, imported, mapping)
            print(f"Đã lưu mẫu ghép cột \"{args.save_mapping}\".")
        preview = check(store, imported, mapping, year, ward_id,
                        default_decision=args.duplicates,
                        accept_group_guesses=args.accept_group_guesses)
        _print_preview(preview, args.duplicates)
        if args.rejected and preview.rejected:
            count = write_rejected(preview, args.rejected)
            print(f"Đã ghi {format_int(count)} dòng bị loại (có cột Lý do) ra {args.rejected}.")
        if args.dry_run:
            print("Chạy thử (--dry-run): chưa ghi gì vào dữ liệu.")
            return 0
        if preview.counts.written == 0:
            print("Không có hộ nào để nhập hoặc cập nhật.")
            return 0
        try:
            outcome = apply(store, preview)
        except StoreError as error:
            raise StoreError(f"Chưa nhập gì: {error}") from error
        print(f"Đã ghi: {outcome.name} (thêm {format_int(len(outcome.added_ids))}, cập nhật"
              f" {format_int(len(outcome.updated))}).")
    return 0


def cmd_export_households(args: argparse.Namespace) -> int:
    """Export the year's households (with the year's statuses) to .xlsx."""
    if not str(args.output).lower().endswith(".xlsx"):
        raise CommandError("Tệp xuất phải có đuôi .xlsx. / The output must be an .xlsx file.")
    with open_existing(args.db, writes=False) as store:  # reads only
        assert isinstance(store, Store)
        ward_id = store.units.find(args.ward, args.year, "ward").id if args.ward else None
        count = export_households(store, args.year, args.output, ward_id)
    print(f"Đã xuất {format_int(count)} hộ năm {args.year} ra {args.output}")
    return 0


def register(commands: Any) -> None:
    """Add import-households and export-households to the parser's subcommands."""
    importer = commands.add_parser(
        "import-households",
        help="nhập danh sách hộ từ Excel (.xlsx, .xls), LibreOffice (.ods) hoặc CSV",
        description="Nhập danh sách hộ trong một thao tác (hoàn tác được trong chương trình)."
                    " Dòng trùng với hộ đã có mặc định được bỏ qua (--duplicates).",
    )
    importer.add_argument("--db", required=True)
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("--ward", help="chỉ nhập vào phường/xã này (không cần dấu)")
    importer.add_argument("--year", type=int,
                          help="năm của tình trạng hộ (mặc định: năm ghi trong tiêu đề tệp,"
                               " không có thì năm nay)")
    importer.add_argument("--mapping", metavar="NAME", help="dùng mẫu ghép cột đã lưu")
    importer.add_argument("--save-mapping", metavar="NAME",
                          help="lưu cách ghép cột của tệp này thành mẫu")
    importer.add_argument("--sheet", help="trang tính cần đọc (mặc định: trang đầu có dữ liệu)")
    importer.add_argument("--dry-run", action="store_true",
                          help="chỉ kiểm tra và in kết quả, không ghi vào dữ liệu")
    importer.add_argument("--rejected", metavar="OUT.xlsx",
                          help="ghi các dòng bị loại (có cột Lý do) ra tệp này để sửa rồi nhập lại")
    importer.add_argument("--duplicates", choices=DECISIONS, default="skip",
                          help="dòng trùng: skip = bỏ qua (mặc định), update = cập nhật hộ đã"
                               " có, add = vẫn thêm mới")
    importer.add_argument("--accept-group-guesses", action="store_true",
                          help="nhận tổ được gợi ý đầu tiên cho tên tổ chưa chắc chắn")
    importer.add_argument("--no-legacy-conversion", action="store_true",
                          help="không chuyển cột viết bằng phông TCVN3/VNI sang Unicode")
    importer.set_defaults(handler=cmd_import_households)

    exporter = commands.add_parser(
        "export-households",
        help="xuất danh sách hộ của một năm (kèm tình trạng năm) ra Excel để sửa và nhập lại",
    )
    exporter.add_argument("--db", required=True)
    exporter.add_argument("--year", type=int, required=True)
    exporter.add_argument("--ward", help="chỉ xuất một phường/xã (không cần dấu)")
    exporter.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
    exporter.set_defaults(handler=cmd_export_households)
