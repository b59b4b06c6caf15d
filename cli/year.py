"""The year's work on the command line: ``summary``, ``evaluate``, ``certificates``,
``report`` and ``verify``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from cli.common import CommandError, open_existing
from storage.text import format_int, format_percent


def summary_data(store: object, year: int, ward: str | None) -> dict[str, object]:
    """The figures ``summary`` prints, as a dict (also the --json output)."""
    from storage.store import Store

    assert isinstance(store, Store)
    unit_id = store.units.find(ward, year, "ward").id if ward else None
    figures = store.cycle.summary(year, unit_id)
    data = asdict(figures)
    data.update(
        year_achievement=figures.year_achievement,
        plan_achievement=figures.plan_achievement,
        cultural_share=figures.cultural_share,
        poor_share=figures.poor_share,
        near_poor_share=figures.near_poor_share,
    )
    return data


def _format_summary(data: dict[str, object]) -> str:
    def pct(value: object) -> str:
        return format_percent(float(value)) if isinstance(value, (int, float)) else "–"

    def num(value: object) -> str:
        return format_int(int(value)) if isinstance(value, int) else "–"

    def target(value: object, achievement: object) -> str:
        return f"{num(value)}, đạt {pct(achievement)}" if value is not None else "chưa đặt"

    plan = data["plan_period"]
    plan_label = f"Chỉ tiêu giai đoạn {plan[0]}–{plan[1]}" if plan else "Chỉ tiêu giai đoạn"
    rows = [
        ("Tổ dân phố, bản", num(data["groups"])),
        ("Đăng ký phấn đấu", num(data["registered"])),
        (
            "Được công nhận",
            f"{num(data['recognised'])} (mới {num(data['recognised_new'])},"
            f" duy trì {num(data['recognised_maintained'])})",
        ),
        ("Chỉ tiêu năm", target(data["year_target"], data["year_achievement"])),
        (plan_label, target(data["plan_target"], data["plan_achievement"])),
        ("Hộ gia đình", num(data["households"])),
        ("Gia đình văn hóa", f"{num(data['cultural_families'])} ({pct(data['cultural_share'])})"),
        ("Hộ nghèo", f"{num(data['poor'])} ({pct(data['poor_share'])})"),
        ("Hộ cận nghèo", f"{num(data['near_poor'])} ({pct(data['near_poor_share'])})"),
    ]
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"{data['unit_name']}, năm {data['year']}"]
    lines += [f"  {label + ':':<{width}}{value}" for label, value in rows]
    return "\n".join(lines)


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the year's figures for the city or one ward."""
    from storage.store import Store

    with open_existing(args.db, writes=False) as store:
        assert isinstance(store, Store)
        data = summary_data(store, args.year, args.ward)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_format_summary(data))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Recompute the computed criteria of the year's open evaluations and print the board."""
    from storage.evaluation import RESULT_LABELS, STAGE_LABELS
    from storage.store import Store

    with open_existing(args.db) as store:
        assert isinstance(store, Store)
        ward_id = store.units.find(args.ward, args.year, "ward").id if args.ward else None
        recomputed = store.evaluations.recompute(args.year, ward_id)
        rows = store.evaluations.board(args.year, ward_id)
        summary = store.cycle.summary(args.year, ward_id)
    if args.json:
        print(json.dumps({"year": args.year, "recomputed": recomputed,
                          "groups": [asdict(row) for row in rows]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{summary.unit_name}, năm {args.year}: đăng ký {summary.registered},"
          f" công nhận {summary.recognised} (mới {summary.recognised_new},"
          f" duy trì {summary.recognised_maintained}); tính lại {recomputed} phiếu")
    current_ward = None
    for row in rows:
        if not row.registered and row.stage is None:
            continue
        if row.ward_name != current_ward:
            current_ward = row.ward_name
            print(f"\n{current_ward}")
        stage = STAGE_LABELS.get(row.stage or "", "Chưa đánh giá")
        failed = ", ".join((*row.failed_required, *(f"({c})" for c in row.failed_other)))
        result = RESULT_LABELS.get(row.result, "")
        print(f"  {row.group_name:<24} {stage:<22} {row.passed:>2}/{row.total:<2} {result:<18}"
              f" {('chưa đạt: ' + failed) if failed else ''}".rstrip())
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    """Issue (record in the register) and print the year's recognition certificates."""
    from reports.certificate import render_certificates
    from reports.data import certificate_data
    from storage.store import Store

    with open_existing(args.db) as store:
        assert isinstance(store, Store)
        ward_id = store.units.find(args.ward, args.year, "ward").id if args.ward else None
        issued = store.certificates.issue(args.year, ward_id, reprint=args.reprint)
        settings = store.certificates.settings(args.year)
    render_certificates(certificate_data(issued), settings, args.output)
    kind = "bản in lại" if args.reprint else "giấy"
    print(f"Đã ghi {len(issued)} {kind} vào sổ ({issued[0].register_number} …"
          f" {issued[-1].register_number}) và in ra {args.output}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the ward or city summary of a year to PDF (and Excel with --xlsx)."""
    from reports.city_summary import city_tables, render_city_summary
    from reports.data import city_summary_data, ward_summary_data
    from reports.excel import write_tables
    from reports.ward_summary import render_ward_summary, ward_tables
    from storage.store import Store

    with open_existing(args.db, writes=False) as store:
        assert isinstance(store, Store)
        if args.scope == "ward":
            if not args.ward:
                raise CommandError("Báo cáo phường, xã cần --ward TÊN. / --ward is required.")
            ward = store.units.find(args.ward, args.year, "ward")
            ward_data = ward_summary_data(store, args.year, ward.id)
        else:
            city_data = city_summary_data(store, args.year)
    if args.scope == "ward":
        render_ward_summary(ward_data, args.output)
        tables = ward_tables(ward_data)
    else:
        render_city_summary(city_data, args.output)
        tables = city_tables(city_data)
    print(args.output)
    if args.xlsx:
        write_tables(tables, args.xlsx)
        print(args.xlsx)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check the text of a certificate's QR code: exit 0 when genuine, 1 otherwise."""
    from storage.store import Store

    with open_existing(args.db, writes=False) as store:
        assert isinstance(store, Store)
        result = store.certificates.verify(args.text)
    if result.valid:
        print(result.message)
        return 0
    print(f"Không hợp lệ: {result.message}", file=sys.stderr)
    return 1



def register(commands: Any) -> None:
    """Add the year's subcommands."""
    summary = commands.add_parser("summary", help="số liệu tổng hợp của một năm")
    summary.add_argument("--db", required=True)
    summary.add_argument("--year", type=int, required=True)
    summary.add_argument("--ward", help="tên phường/xã (không cần dấu)")
    summary.add_argument("--json", action="store_true", help="in dạng JSON")
    summary.set_defaults(handler=cmd_summary)

    evaluate = commands.add_parser(
        "evaluate", help="tính lại các tiêu chí tự động và in bảng theo dõi của năm"
    )
    evaluate.add_argument("--db", required=True)
    evaluate.add_argument("--year", type=int, required=True)
    evaluate.add_argument("--ward", help="tên phường/xã (không cần dấu)")
    evaluate.add_argument("--json", action="store_true", help="in dạng JSON")
    evaluate.set_defaults(handler=cmd_evaluate)

    certificates = commands.add_parser(
        "certificates", help="cấp (ghi sổ) và in Giấy công nhận của một năm ra PDF")
    certificates.add_argument("--db", required=True)
    certificates.add_argument("--year", type=int, required=True)
    certificates.add_argument("--ward", help="chỉ in cho một phường/xã (không cần dấu)")
    certificates.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    certificates.add_argument("--reprint", action="store_true",
                              help="in lại giấy đã cấp (lần in lại được ghi vào sổ)")
    certificates.set_defaults(handler=cmd_certificates)

    report = commands.add_parser("report", help="in báo cáo tổng hợp của phường/xã hoặc thành phố")
    report.add_argument("scope", choices=("ward", "city"), help="ward: một phường/xã; city: toàn"
                        " thành phố")
    report.add_argument("--db", required=True)
    report.add_argument("--year", type=int, required=True)
    report.add_argument("--ward", help="tên phường/xã (không cần dấu), cho báo cáo ward")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    report.add_argument("--xlsx", metavar="FILE.xlsx", help="ghi thêm các bảng ra tệp Excel")
    report.set_defaults(handler=cmd_report)

    verify = commands.add_parser("verify", help="kiểm tra mã QR in trên Giấy công nhận")
    verify.add_argument("--db", required=True)
    verify.add_argument("text", metavar="MÃ_QR", help="nội dung đọc được từ mã QR")
    verify.set_defaults(handler=cmd_verify)
