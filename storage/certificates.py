"""The certificate register (sổ cấp Giấy công nhận), the issuer settings and the signed QR text.

Every printed certificate is a row of ``certificates``: an original gets the next register
number of its year ("35/2024/GCN"); a reprint is a row of its own that points at the original
(``reprint_of_id``) and keeps the original's register number, so the register shows how many
copies of a certificate exist. The QR code printed on a certificate carries the row's identity
and an Ed25519 signature made with the machine's certificate key (sealed under the machine
secret, storage/keystore.py), so an office can tell a genuine certificate from a forged or
altered one with :meth:`Certificates.verify`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from storage import keystore
from storage.errors import NotFound, ValidationError
from storage.text import format_date
from storage.units import unit_sort_key

if TYPE_CHECKING:
    from storage.store import Store

SETTINGS_KEY = "certificate_settings"
# Where older files kept the signing key in plain text (converted by storage/keystore.py).
SIGNING_KEY = "certificate_signing_key"
# The QR text starts with a tag and version so a later format can be told apart.
QR_TAG = "TQGCN1"
QR_SEPARATOR = "|"


@dataclass
class IssuerSettings:
    """What a certificate says and who signs it; the layout reads these, never constants.

    Empty fields are filled from the data (the year's decision and the city) by
    :meth:`Certificates.settings`.
    """

    authority: str = ""  # "ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU"
    title: str = "GIẤY CÔNG NHẬN"
    achievement: str = (
        "Đạt tiêu chuẩn tổ dân phố, bản tự quản, phát triển toàn diện năm {year}"
    )
    maintained_note: str = "(duy trì từ năm {first_year})"
    signer_capacity: str = "TM. ỦY BAN NHÂN DÂN"
    signer_title: str = ""  # "CHỦ TỊCH"
    signer_name: str = ""
    place: str = ""  # "Lai Châu"
    register_suffix: str = "GCN"
    accent_color: str = "#C8102E"  # authority and title (red, by tradition)
    border_color: str = "#B8860B"


@dataclass(frozen=True)
class Certificate:
    """One row of the register with what a certificate prints about it."""

    id: str
    recognition_id: str
    group_id: str
    group_name: str
    recipient: str  # "Tổ dân phố số 10, phường Tân Phong"
    ward_name: str
    year: int
    kind: str  # new / maintained
    maintained_since: int | None  # first year of the unbroken run, for 'maintained'
    register_number: str
    issued_on: str
    reprint_of_id: str | None
    reprint_number: int  # 0 for the original, 1 for the first reprint, …
    decision_number: str
    decision_signed_on: str
    qr_text: str


@dataclass(frozen=True)
class VerifyResult:
    """The answer to "is this QR code one of ours?"."""

    valid: bool
    message: str
    certificate_id: str = ""
    recipient: str = ""
    year: int | None = None
    register_number: str = ""
    reprint_number: int = 0
    reprints: int = 0  # how many reprints of this certificate the register holds


class Certificates:
    """The register of issued certificates, through the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- settings --------------------------------------------------------------------------

    def stored_settings(self) -> IssuerSettings:
        """The settings as saved (empty fields stay empty); defaults when none were saved."""
        raw = self.store.get_meta(SETTINGS_KEY)
        if not raw:
            return IssuerSettings()
        known = {f.name for f in fields(IssuerSettings)}
        values = {k: str(v) for k, v in json.loads(raw).items() if k in known}
        return IssuerSettings(**values)

    def save_settings(self, settings: IssuerSettings) -> None:
        """Save the issuer settings in the meta table (as JSON)."""
        with self.store.action("Lưu thiết lập Giấy công nhận"):
            self.store.set_meta(
                SETTINGS_KEY, json.dumps(asdict(settings), ensure_ascii=False, sort_keys=True)
            )

    def settings(self, year: int) -> IssuerSettings:
        """The saved settings with empty fields filled from the year's decision and the city."""
        saved = self.stored_settings()
        city = self.store.units.city()
        decisions = self.store.cycle.decisions(year)
        decision = decisions[-1] if decisions else None
        place = city.name
        for generic in ("Thành phố ", "Thị xã ", "Tỉnh ", "Huyện "):
            if place.startswith(generic):
                place = place[len(generic):]
        authority = (decision.issuing_body if decision and decision.issuing_body
                     else f"ỦY BAN NHÂN DÂN {city.name.upper()}")
        return IssuerSettings(
            **{
                **asdict(saved),
                "authority": saved.authority or authority,
                "signer_title": saved.signer_title
                or (decision.signer_title if decision and decision.signer_title else "CHỦ TỊCH"),
                "signer_name": saved.signer_name or (decision.signer_name if decision else ""),
                "place": saved.place or place,
            }
        )

    # -- issuing ---------------------------------------------------------------------------

    def issue(
        self,
        year: int,
        ward_id: str | None = None,
        reprint: bool = False,
        issued_on: str | None = None,
    ) -> list[Certificate]:
        """Record the certificates to print for the year's recognised groups (of a ward).

        Without ``reprint``: an original for every recognised group that has none yet; the
        groups that already have one are left out. With ``reprint``: a reprint row for each
        group that has an original (and an original for those that have none).
        Raises ValidationError when there is nothing to print.
        """
        from storage.store import new_id

        recognitions = self.store.cycle.recognitions(year, ward_id)
        if not recognitions:
            raise ValidationError(f"Năm {year} không có tổ dân phố, bản nào được công nhận.")
        originals = {row["recognition_id"]: row["id"] for row in self.store.query(
            "SELECT id, recognition_id FROM certificates WHERE reprint_of_id IS NULL"
            " AND deleted_at IS NULL")}
        units = self.store.units
        ordered = sorted(recognitions, key=lambda r: _group_order(self.store, r.group_id))
        todo = [r for r in ordered if reprint or r.id not in originals]
        if not todo:
            raise ValidationError(
                f"Giấy công nhận năm {year} đã được cấp cho tất cả các tổ dân phố, bản; dùng"
                " --reprint để in lại (lần in lại được ghi vào sổ)."
            )
        day = issued_on or dt.date.today().isoformat()
        city_id = units.city().id
        ids: list[str] = []
        with self.store.action(f"Cấp Giấy công nhận năm {year}") as action:
            self._signing_key()  # created inside the action on first use
            next_number = self._originals_count(year) + 1
            suffix = self.stored_settings().register_suffix
            for recognition in todo:
                original_id = originals.get(recognition.id)
                if original_id:
                    number = self._register_number(original_id)
                else:
                    number = f"{next_number}/{year}/{suffix}"
                    next_number += 1
                certificate_id = new_id()
                row = {
                    "id": certificate_id,
                    "recognition_id": recognition.id,
                    "register_number": number,
                    "issued_on": day,
                    "reprint_of_id": original_id,
                }
                self.store.db.table("certificates").insert(
                    {**row, "owner_unit_id": city_id, **action.stamp})
                action.audit("certificates", certificate_id, "insert", row)
                ids.append(certificate_id)
        return [self.get(certificate_id) for certificate_id in ids]

    def for_year(self, year: int, ward_id: str | None = None) -> list[Certificate]:
        """Every register row of ``year`` (originals and reprints), in register order."""
        allowed = {r.id for r in self.store.cycle.recognitions(year, ward_id)}
        rows = self.store.query(
            "SELECT c.id, c.recognition_id FROM certificates c JOIN recognitions r"
            " ON r.id = c.recognition_id WHERE r.year = ? AND c.deleted_at IS NULL"
            " ORDER BY c.rowid", [year])
        return [self.get(row["id"]) for row in rows if row["recognition_id"] in allowed]

    def get(self, certificate_id: str) -> Certificate:
        """One register row with what its certificate prints; NotFound when there is none."""
        rows = self.store.query(
            "SELECT c.*, r.group_id, r.year, r.kind, d.number AS decision_number,"
            " d.signed_on AS decision_signed_on"
            " FROM certificates c JOIN recognitions r ON r.id = c.recognition_id"
            " LEFT JOIN decisions d ON d.id = r.decision_id"
            " WHERE c.id = ? AND c.deleted_at IS NULL", [certificate_id])
        if not rows:
            raise NotFound(f"Không có Giấy công nhận {certificate_id} trong sổ.")
        row = rows[0]
        units = self.store.units
        group = units.get(row["group_id"])
        ward = units.get(group.parent_id) if group.parent_id else group
        reprint_number = 0
        if row["reprint_of_id"]:
            reprint_number = int(self.store.db.execute(
                "SELECT COUNT(*) FROM certificates WHERE reprint_of_id = ? AND rowid <="
                " (SELECT rowid FROM certificates WHERE id = ?) AND deleted_at IS NULL",
                [row["reprint_of_id"], row["id"]]).fetchone()[0])
        year = int(row["year"])
        return Certificate(
            id=row["id"],
            recognition_id=row["recognition_id"],
            group_id=group.id,
            group_name=group.name,
            recipient=units.full_name(group),
            ward_name=ward.name,
            year=year,
            kind=row["kind"],
            maintained_since=self._run_start(group.id, year) if row["kind"] == "maintained"
            else None,
            register_number=row["register_number"],
            issued_on=row["issued_on"],
            reprint_of_id=row["reprint_of_id"],
            reprint_number=reprint_number,
            decision_number=row["decision_number"] or "",
            decision_signed_on=row["decision_signed_on"] or "",
            qr_text=self.qr_text(row["id"], group.id, year, row["register_number"]),
        )

    # -- the signed QR text ----------------------------------------------------------------

    def qr_text(self, certificate_id: str, group_id: str, year: int, register_number: str) -> str:
        """The signed text the certificate's QR code carries."""
        fields_ = [QR_TAG, certificate_id, group_id, str(year), register_number]
        payload = QR_SEPARATOR.join(fields_).encode("utf-8")
        signature = self._signing_key().sign(payload)
        # URL-safe base64 without padding: shorter, and no character a scanner app mangles.
        encoded = base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=")
        return QR_SEPARATOR.join([*fields_, encoded])

    def verify(self, text: str) -> VerifyResult:
        """Check a scanned QR text: our signature over its fields AND the row in the register."""
        parts = text.strip().split(QR_SEPARATOR)
        if len(parts) != 6 or parts[0] != QR_TAG:
            return VerifyResult(False, "Mã không phải của Giấy công nhận do Tự Quản in.")
        _, certificate_id, group_id, year_text, number, encoded = parts
        try:
            signature = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            # The last base64 character carries unused bits: decoders ignore them, so two
            # spellings give the same bytes. Only the canonical spelling is accepted, so no
            # changed character of a code passes.
            if base64.urlsafe_b64encode(signature).decode("ascii").rstrip("=") != encoded:
                raise ValueError("non-canonical signature")
            public = self._signing_key().public_key()
            public.verify(signature, QR_SEPARATOR.join(parts[:5]).encode("utf-8"))
        except (InvalidSignature, ValueError):
            return VerifyResult(
                False, "Chữ ký số không đúng: mã đã bị sửa hoặc không do cơ quan này cấp.")
        # A genuine signature only says the office printed it once: the certificate is worth
        # something only while the register row, its recognition and the decision stand.
        withdrawn = self._withdrawal(certificate_id)
        if withdrawn is not None:
            return VerifyResult(False, withdrawn, certificate_id=certificate_id,
                                year=int(year_text) if year_text.isdigit() else None,
                                register_number=number)
        try:
            certificate = self.get(certificate_id)
        except NotFound:
            return VerifyResult(False, "Chữ ký đúng nhưng sổ cấp không có giấy này (đã hủy"
                                " hoặc dữ liệu khác).", certificate_id=certificate_id)
        if (certificate.group_id, str(certificate.year), certificate.register_number) != (
            group_id, year_text, number
        ):
            return VerifyResult(False, "Nội dung mã không khớp với sổ cấp.",
                                certificate_id=certificate_id)
        original_id = certificate.reprint_of_id or certificate.id
        reprints = int(self.store.db.execute(
            "SELECT COUNT(*) FROM certificates WHERE reprint_of_id = ? AND deleted_at IS NULL",
            [original_id]).fetchone()[0])
        copy = (f"bản in lại lần {certificate.reprint_number}" if certificate.reprint_number
                else "bản gốc")
        return VerifyResult(
            True,
            f"Hợp lệ: Giấy công nhận số {certificate.register_number} ({copy}) cấp cho"
            f" {certificate.recipient}, năm {certificate.year}; sổ cấp ghi {reprints} lần in"
            " lại.",
            certificate_id=certificate.id,
            recipient=certificate.recipient,
            year=certificate.year,
            register_number=certificate.register_number,
            reprint_number=certificate.reprint_number,
            reprints=reprints,
        )

    def _withdrawal(self, certificate_id: str) -> str | None:
        """Why a register row no longer stands (cancelled, recognition or decision withdrawn).

        None when it stands, or when the register has no such row (``verify`` says so).
        """
        row = self.store.db.execute(
            "SELECT c.deleted_at, r.id, r.deleted_at, r.year,"
            " r.decision_id, d.id, d.deleted_at, d.number, u.name"
            " FROM certificates c LEFT JOIN recognitions r ON r.id = c.recognition_id"
            " LEFT JOIN decisions d ON d.id = r.decision_id"
            " LEFT JOIN units u ON u.id = r.group_id WHERE c.id = ?", [certificate_id]).fetchone()
        if row is None:
            return None
        (cancelled, recognition, withdrawn, year, decision_id, decision, revoked,
         decision_number, group) = row
        whom = f" của {group}" if group else ""
        void = "; giấy này không còn giá trị."
        if cancelled:
            return (f"Giấy công nhận này đã bị hủy trong sổ cấp ngày {_day(cancelled)}"
                    f"{void}")
        if recognition is None or withdrawn:
            when = f" ngày {_day(withdrawn)}" if withdrawn else ""
            return f"Công nhận năm {year or '?'}{whom} đã bị hủy/thu hồi{when}{void}"
        if decision_id is not None and (decision is None or revoked):
            when = f" ngày {_day(revoked)}" if revoked else ""
            return (f"Quyết định công nhận {decision_number or ''}".rstrip()
                    + f" đã bị hủy/thu hồi{when}, nên công nhận năm {year}{whom} đã bị hủy/thu"
                    f" hồi{void}")
        return None

    # -- helpers ---------------------------------------------------------------------------

    def _signing_key(self) -> Ed25519PrivateKey:
        # Sealed under the machine secret (storage/keystore.py): a copy of the database file
        # cannot sign certificates.
        raw = keystore.load_key(self.store, keystore.CERTIFICATE_KEY)
        if raw:
            return Ed25519PrivateKey.from_private_bytes(raw)
        key = Ed25519PrivateKey.generate()
        # Joins the caller's action when there is one, so the key is saved with the first
        # certificate it signs.
        with self.store.action("Tạo khóa ký Giấy công nhận"):
            keystore.save_key(self.store, keystore.CERTIFICATE_KEY, key.private_bytes_raw())
        return key

    def _originals_count(self, year: int) -> int:
        return int(self.store.db.execute(
            "SELECT COUNT(*) FROM certificates c JOIN recognitions r ON r.id = c.recognition_id"
            " WHERE r.year = ? AND c.reprint_of_id IS NULL", [year]).fetchone()[0])

    def _register_number(self, certificate_id: str) -> str:
        return str(self.store.db.execute(
            "SELECT register_number FROM certificates WHERE id = ?", [certificate_id]
        ).fetchone()[0])

    def _run_start(self, group_id: str, year: int) -> int:
        years = {row[0] for row in self.store.db.execute(
            "SELECT year FROM recognitions WHERE group_id = ? AND deleted_at IS NULL",
            [group_id]).fetchall()}
        first = year
        while first - 1 in years:
            first -= 1
        return first


def _group_order(store: Store, group_id: str) -> tuple[str, str]:
    """Register order: ward name, then group name, in Vietnamese order."""
    group = store.units.get(group_id)
    ward = store.units.get(group.parent_id) if group.parent_id else group
    return unit_sort_key(ward.name), unit_sort_key(group.name)


def _day(utc_text: str) -> str:
    """'2026-01-05T08:00:00.000Z' as the local day '05/01/2026' (the text itself if unreadable)."""
    try:
        moment = dt.datetime.strptime(utc_text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return utc_text
    return format_date(moment.astimezone().date())
