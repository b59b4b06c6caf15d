"""Numbered schema migrations.

Rules: a migration that has shipped is never edited; a change is a new function at the end.
Every record that travels between machines (sync) carries:

- ``id``: a stable UUID (text), used as the primary key and in every reference, so packages from
  other machines need no id translation;
- ``owner_unit_id``: the unit (ward, or the city) whose office may change it;
- ``modified_at`` (UTC ISO 8601) and ``change_seq`` (the sequence number of the local action
  that last wrote it) plus ``modified_site``: what the exporter reads to find changes;
- ``deleted_at``: a tombstone; rows are never removed by a user action, so deletions travel.
"""

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "tuquan"
migrations = Migrations(MIGRATION_SET)

# Columns shared by every travelling record (see the module docstring).
SYNC_COLUMNS = """
    owner_unit_id TEXT,
    modified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    modified_site TEXT NOT NULL DEFAULT '',
    change_seq INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
"""


def _script(db: Database, sql: str) -> None:
    # executescript() would COMMIT the surrounding transaction; run statement by statement so
    # the migration and its record stay in one transaction. complete_statement() keeps a
    # trigger's body (with its own semicolons) in one piece.
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    _script(
        db,
        f"""
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- Administrative units: city, ward/commune (phuong/xa), residential group (tdp/ban).
        -- A unit exists in the years valid_from..valid_to (NULL: still exists). A move or a
        -- rename that changes the parent makes a new unit linked by a lineage event.
        CREATE TABLE units (
            id TEXT PRIMARY KEY,
            parent_id TEXT REFERENCES units(id),
            kind TEXT NOT NULL CHECK (kind IN ('city', 'phuong', 'xa', 'tdp', 'ban')),
            name TEXT NOT NULL,
            short_name TEXT NOT NULL DEFAULT '',
            code TEXT NOT NULL DEFAULT '',
            valid_from INTEGER NOT NULL,
            valid_to INTEGER,
            name_key TEXT NOT NULL DEFAULT '',
            sort_key TEXT NOT NULL DEFAULT '',
            is_synthetic INTEGER NOT NULL DEFAULT 0,
            {SYNC_COLUMNS},
            CHECK (valid_to IS NULL OR valid_to >= valid_from)
        );
        CREATE INDEX units_parent ON units(parent_id);
        CREATE INDEX units_change ON units(change_seq);

        CREATE TABLE lineage_events (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('split', 'merge', 'rename', 'move', 'create',
                                               'dissolve')),
            event_date TEXT NOT NULL,
            effective_year INTEGER NOT NULL,
            legal_basis TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE TABLE lineage_links (
            event_id TEXT NOT NULL REFERENCES lineage_events(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            role TEXT NOT NULL CHECK (role IN ('source', 'result')),
            PRIMARY KEY (event_id, unit_id, role)
        );
        CREATE INDEX lineage_links_unit ON lineage_links(unit_id);

        -- Households. group_id is the current group. The group of a past year is kept in
        -- household_years so a report for year Y uses the unit tree of year Y.
        -- num: a stable integer row id (the full-text index points at it, and VACUUM would
        -- renumber an implicit rowid). first_year: the first year with a status row, so a
        -- listing of an earlier year leaves the household out without a join.
        CREATE TABLE households (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            group_id TEXT NOT NULL REFERENCES units(id),
            head_name TEXT NOT NULL CHECK (head_name <> ''),
            head_gender TEXT CHECK (head_gender IN ('nam', 'nu')),
            head_birth_year INTEGER,
            ethnicity_code TEXT,
            address TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            member_count INTEGER NOT NULL DEFAULT 1 CHECK (member_count >= 1),
            note TEXT NOT NULL DEFAULT '',
            head_name_key TEXT NOT NULL DEFAULT '',
            head_sort_key TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            address_sort_key TEXT NOT NULL DEFAULT '',
            first_year INTEGER,
            {SYNC_COLUMNS}
        );
        CREATE INDEX households_group ON households(group_id, head_sort_key);
        CREATE INDEX households_sort ON households(head_sort_key);
        CREATE INDEX households_visible ON households(deleted_at, first_year, group_id);
        CREATE INDEX households_change ON households(change_seq);

        -- Substring search ("nguyen van" inside head, members, address, phone) through a
        -- trigram index kept in step with households by triggers.
        CREATE VIRTUAL TABLE households_fts USING fts5(
            search_key, content='households', content_rowid='num', tokenize='trigram'
        );
        CREATE TRIGGER households_fts_insert AFTER INSERT ON households BEGIN
            INSERT INTO households_fts(rowid, search_key) VALUES (new.num, new.search_key);
        END;
        CREATE TRIGGER households_fts_delete AFTER DELETE ON households BEGIN
            INSERT INTO households_fts(households_fts, rowid, search_key)
                VALUES ('delete', old.num, old.search_key);
        END;
        CREATE TRIGGER households_fts_update AFTER UPDATE OF search_key ON households BEGIN
            INSERT INTO households_fts(households_fts, rowid, search_key)
                VALUES ('delete', old.num, old.search_key);
            INSERT INTO households_fts(rowid, search_key) VALUES (new.num, new.search_key);
        END;

        CREATE TABLE household_members (
            id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL REFERENCES households(id),
            full_name TEXT NOT NULL,
            relation TEXT NOT NULL DEFAULT '',
            gender TEXT CHECK (gender IN ('nam', 'nu')),
            birth_year INTEGER,
            ethnicity_code TEXT,
            name_key TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            {SYNC_COLUMNS}
        );
        CREATE INDEX household_members_household ON household_members(household_id);

        -- The yearly statuses of a household. The common ones are columns (fast to count),
        -- indicators added later as data live in extra (JSON object).
        CREATE TABLE household_years (
            household_id TEXT NOT NULL REFERENCES households(id),
            year INTEGER NOT NULL,
            group_id TEXT NOT NULL REFERENCES units(id),
            cultural_family INTEGER NOT NULL DEFAULT 0,
            poverty TEXT NOT NULL DEFAULT '' CHECK (poverty IN ('', 'poor', 'near_poor')),
            learning_family INTEGER NOT NULL DEFAULT 0,
            clean_house INTEGER NOT NULL DEFAULT 0,
            antt_commitment INTEGER NOT NULL DEFAULT 0,
            urban_rules_commitment INTEGER NOT NULL DEFAULT 0,
            waste_container INTEGER NOT NULL DEFAULT 0,
            third_child INTEGER NOT NULL DEFAULT 0,
            extra TEXT NOT NULL DEFAULT '{{}}',
            {SYNC_COLUMNS},
            PRIMARY KEY (household_id, year)
        );
        CREATE INDEX household_years_group ON household_years(year, group_id);
        CREATE INDEX household_years_change ON household_years(change_seq);

        -- The yearly facts of a group (the group profile).
        CREATE TABLE group_years (
            group_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            party_cell_rating TEXT NOT NULL DEFAULT ''
                CHECK (party_cell_rating IN ('', 'xuat_sac', 'tot', 'hoan_thanh',
                                             'khong_hoan_thanh')),
            cultural_title INTEGER NOT NULL DEFAULT 0,
            antt_safe_title INTEGER NOT NULL DEFAULT 0,
            security_team_size INTEGER NOT NULL DEFAULT 0,
            mediators INTEGER NOT NULL DEFAULT 0,
            mediation_received INTEGER NOT NULL DEFAULT 0,
            mediation_settled INTEGER NOT NULL DEFAULT 0,
            civilised_streets INTEGER NOT NULL DEFAULT 0,
            civilised_streets_failing INTEGER NOT NULL DEFAULT 0,
            clean_street_groups INTEGER NOT NULL DEFAULT 0,
            mass_complaints INTEGER NOT NULL DEFAULT 0,
            law_violations INTEGER NOT NULL DEFAULT 0,
            child_accident_deaths INTEGER NOT NULL DEFAULT 0,
            economic_models TEXT NOT NULL DEFAULT '',
            ocop_products TEXT NOT NULL DEFAULT '',
            extra TEXT NOT NULL DEFAULT '{{}}',
            {SYNC_COLUMNS},
            PRIMARY KEY (group_id, year),
            CHECK (mediation_settled <= mediation_received)
        );
        CREATE INDEX group_years_change ON group_years(change_seq);

        CREATE TABLE group_officers (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            role TEXT NOT NULL,
            full_name TEXT NOT NULL,
            name_key TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE INDEX group_officers_group ON group_officers(group_id, year);

        -- Criteria frameworks: versioned, and a year's evaluations keep the version they used.
        CREATE TABLE frameworks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            year_from INTEGER NOT NULL,
            year_to INTEGER,
            legal_basis TEXT NOT NULL DEFAULT '',
            pass_rule TEXT NOT NULL DEFAULT 'all_required'
                CHECK (pass_rule IN ('all_required', 'points')),
            pass_mark REAL,
            copied_from_id TEXT REFERENCES frameworks(id),
            {SYNC_COLUMNS}
        );
        CREATE TABLE standards (
            id TEXT PRIMARY KEY,
            framework_id TEXT NOT NULL REFERENCES frameworks(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            {SYNC_COLUMNS}
        );
        CREATE INDEX standards_framework ON standards(framework_id, position);
        CREATE TABLE criteria (
            id TEXT PRIMARY KEY,
            standard_id TEXT NOT NULL REFERENCES standards(id),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            required INTEGER NOT NULL DEFAULT 1,
            points REAL NOT NULL DEFAULT 0,
            rule TEXT NOT NULL DEFAULT '{{"kind": "manual"}}',
            {SYNC_COLUMNS}
        );
        CREATE INDEX criteria_standard ON criteria(standard_id, position);

        -- The yearly cycle: registration, evaluation stages, decision, recognition.
        CREATE TABLE registrations (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            registered_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX registrations_group_year ON registrations(group_id, year)
            WHERE deleted_at IS NULL;

        CREATE TABLE evaluations (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            framework_id TEXT REFERENCES frameworks(id),
            stage TEXT NOT NULL DEFAULT 'self'
                CHECK (stage IN ('self', 'ward', 'city', 'decided')),
            proposed INTEGER NOT NULL DEFAULT 0,
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX evaluations_group_year ON evaluations(group_id, year)
            WHERE deleted_at IS NULL;

        CREATE TABLE evaluation_answers (
            id TEXT PRIMARY KEY,
            evaluation_id TEXT NOT NULL REFERENCES evaluations(id),
            criterion_id TEXT NOT NULL REFERENCES criteria(id),
            stage TEXT NOT NULL CHECK (stage IN ('self', 'ward', 'city')),
            passed INTEGER,
            value REAL,
            evidence TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX evaluation_answers_key
            ON evaluation_answers(evaluation_id, criterion_id, stage);

        CREATE TABLE stage_approvals (
            id TEXT PRIMARY KEY,
            evaluation_id TEXT NOT NULL REFERENCES evaluations(id),
            stage TEXT NOT NULL CHECK (stage IN ('self', 'ward', 'city')),
            action TEXT NOT NULL CHECK (action IN ('approve', 'reopen')),
            actor TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );
        CREATE INDEX stage_approvals_evaluation ON stage_approvals(evaluation_id);

        CREATE TABLE decisions (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            number TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            signer_name TEXT NOT NULL DEFAULT '',
            signer_title TEXT NOT NULL DEFAULT '',
            issuing_body TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );

        CREATE TABLE recognitions (
            id TEXT PRIMARY KEY,
            group_id TEXT NOT NULL REFERENCES units(id),
            year INTEGER NOT NULL,
            decision_id TEXT REFERENCES decisions(id),
            kind TEXT NOT NULL CHECK (kind IN ('new', 'maintained')),
            {SYNC_COLUMNS}
        );
        CREATE UNIQUE INDEX recognitions_group_year ON recognitions(group_id, year)
            WHERE deleted_at IS NULL;

        CREATE TABLE certificates (
            id TEXT PRIMARY KEY,
            recognition_id TEXT NOT NULL REFERENCES recognitions(id),
            register_number TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            reprint_of_id TEXT REFERENCES certificates(id),
            {SYNC_COLUMNS}
        );

        -- Targets: kind 'year' (year_from = year_to) or 'plan' (a plan period).
        CREATE TABLE targets (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            kind TEXT NOT NULL CHECK (kind IN ('year', 'plan')),
            year_from INTEGER NOT NULL,
            year_to INTEGER NOT NULL,
            recognised_groups INTEGER NOT NULL CHECK (recognised_groups >= 0),
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        );

        -- The audit trail: one entry per changed record, written in the same transaction as the
        -- change, hash-chained (hash = sha256(prev_hash + canonical entry)).
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            site_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            change_seq INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            record_id TEXT NOT NULL,
            operation TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete',
                                                         'restore')),
            changes TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_record ON audit_log(record_id);
        CREATE INDEX audit_log_change ON audit_log(change_seq)
        """,
    )


def known_names() -> list[str]:
    """Names of every migration this version of the program knows, in order."""
    return [migration.name for migration in migrations._migrations]


def registered() -> list[tuple[str, Callable[[Database], None]]]:
    """(name, function) of each migration, in order; used by tests that build old schemas."""
    return [(migration.name, migration.fn) for migration in migrations._migrations]


@migrations(name="0002_indicators")
def m0002_indicators(db: Database) -> None:
    _script(
        db,
        f"""
        -- Indicators: the named values criteria refer to. level 'household' reads
        -- household_years, level 'group' reads group_years; column names the table column of a
        -- built-in indicator, otherwise the value lives under the code in the row's extra JSON.
        CREATE TABLE indicators (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            level TEXT NOT NULL CHECK (level IN ('household', 'group')),
            value_type TEXT NOT NULL CHECK (value_type IN ('bool', 'int', 'text')),
            column_name TEXT,
            note TEXT NOT NULL DEFAULT '',
            {SYNC_COLUMNS}
        )
        """,
    )
    built_in = [
        ("cultural_family", "Gia đình văn hóa", "household", "bool"),
        ("poor", "Hộ nghèo", "household", "bool"),
        ("near_poor", "Hộ cận nghèo", "household", "bool"),
        ("learning_family", "Gia đình học tập", "household", "bool"),
        ("clean_house", "Nhà sạch, vườn đẹp", "household", "bool"),
        ("antt_commitment", "Ký cam kết ANTT", "household", "bool"),
        ("urban_rules_commitment", "Ký cam kết quy tắc đô thị", "household", "bool"),
        ("waste_container", "Có thiết bị lưu chứa rác", "household", "bool"),
        ("third_child", "Sinh con thứ ba", "household", "bool"),
        ("party_cell_good", "Chi bộ hoàn thành tốt nhiệm vụ trở lên", "group", "bool"),
        ("cultural_title", "Danh hiệu tổ dân phố/bản văn hóa", "group", "bool"),
        ("antt_safe_title", "Danh hiệu An toàn về ANTT", "group", "bool"),
        ("security_team_size", "Thành viên tổ bảo vệ ANTT", "group", "int"),
        ("mediators", "Hòa giải viên", "group", "int"),
        ("mediation_received", "Vụ việc hòa giải tiếp nhận", "group", "int"),
        ("mediation_settled", "Vụ việc hòa giải thành", "group", "int"),
        ("civilised_streets", "Tuyến phố văn minh", "group", "int"),
        ("civilised_streets_failing", "Tuyến phố chưa đạt văn minh", "group", "int"),
        ("clean_street_groups", "Tổ tự quản đường phố xanh, sạch, đẹp", "group", "int"),
        ("mass_complaints", "Vụ khiếu kiện đông người", "group", "int"),
        ("law_violations", "Vụ vi phạm pháp luật", "group", "int"),
        ("child_accident_deaths", "Trẻ em tử vong do tai nạn", "group", "int"),
    ]
    # poor / near_poor / party_cell_good are derived from a column (see storage/criteria.py).
    derived = {"poor": None, "near_poor": None, "party_cell_good": None}
    for code, name, level, value_type in built_in:
        db.execute(
            "INSERT INTO indicators (code, name, level, value_type, column_name, owner_unit_id)"
            " VALUES (?, ?, ?, ?, ?, NULL)",
            [code, name, level, value_type, derived.get(code, code)],
        )


@migrations(name="0003_sync")
def m0003_sync(db: Database) -> None:
    _script(
        db,
        """
        -- The machines this one exchanges packages with: its wards' machines (downstream) and
        -- the office above it (upstream), with their public keys. A revoked machine's packages
        -- are refused.
        CREATE TABLE peers (
            site_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            direction TEXT NOT NULL CHECK (direction IN ('downstream', 'upstream')),
            unit_id TEXT REFERENCES units(id),
            signing_public TEXT NOT NULL,
            box_public TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            revoked_at TEXT,
            revoked_reason TEXT NOT NULL DEFAULT '',
            replaces_site_id TEXT
        );
        -- Per origin machine: this database holds every change that machine made up to seq.
        CREATE TABLE sync_progress (
            origin_site TEXT PRIMARY KEY,
            seq INTEGER NOT NULL
        );
        -- Per peer and origin machine: the peer said it holds that origin's changes up to seq,
        -- so they are not sent to it again.
        CREATE TABLE peer_acks (
            peer_site TEXT NOT NULL,
            origin_site TEXT NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (peer_site, origin_site)
        );
        -- Every package written or read here.
        CREATE TABLE sync_packages (
            package_id TEXT PRIMARY KEY,
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            peer_site TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('changes', 'full', 'setup')),
            created_at TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            ranges TEXT NOT NULL DEFAULT '{}',
            counts TEXT NOT NULL DEFAULT '{}',
            report TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX sync_packages_peer ON sync_packages(peer_site, processed_at);
        -- Audit entries made on other machines, as they came (their chains stay verifiable
        -- per machine); this machine's own entries stay in audit_log.
        CREATE TABLE audit_received (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            site_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            change_seq INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            record_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            changes TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE INDEX audit_received_site ON audit_received(site_id, change_seq);
        CREATE INDEX audit_received_record ON audit_received(record_id)
        """,
    )


@migrations(name="0004_accounts")
def m0004_accounts(db: Database) -> None:
    _script(
        db,
        """
        -- The people who sign in on this machine. Accounts are local: they never travel in a
        -- sync package (no sync columns). username_key is the folded name ("Hùng" and "hung"
        -- are the same person at the login prompt). The password is kept as a memory-hard KDF
        -- hash with its salt and the KDF's parameters, so stronger parameters can come later
        -- without breaking the older hashes.
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE CHECK (username <> ''),
            username_key TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('city_admin', 'city_officer', 'ward_officer',
                                               'viewer')),
            unit_id TEXT REFERENCES units(id),
            password_kdf TEXT NOT NULL,
            password_params TEXT NOT NULL,
            password_salt BLOB NOT NULL,
            password_hash BLOB NOT NULL,
            password_changed_at TEXT NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
            locked_until TEXT,
            last_sign_in_at TEXT,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL DEFAULT '',
            disabled_at TEXT,
            -- A ward officer works for one ward; the other roles for the whole city.
            CHECK ((role = 'ward_officer') = (unit_id IS NOT NULL))
        );

        -- The audit view lists entries newest first and filters by person.
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE INDEX audit_log_actor ON audit_log(actor, at);
        CREATE INDEX audit_received_at ON audit_received(at);
        CREATE INDEX audit_received_actor ON audit_received(actor, at);

        -- The audit view's word search: each entry's text folded (no accents, any case), so
        -- "nguyen van" finds "Nguyễn Văn" with a plain LIKE. Filled when the view searches
        -- (up to audit_search_progress.last of each source); outside the hash chain, local.
        -- source 0: audit_log (ord = seq), 1: audit_received (ord = rowid); appended in order.
        CREATE TABLE audit_search (
            source INTEGER NOT NULL,
            ord INTEGER NOT NULL,
            key TEXT NOT NULL,
            PRIMARY KEY (source, ord)
        ) WITHOUT ROWID;
        CREATE TABLE audit_search_progress (
            source TEXT PRIMARY KEY CHECK (source IN ('audit_log', 'audit_received')),
            last INTEGER NOT NULL
        )
        """,
    )


@migrations(name="0005_machine_keys")
def m0005_machine_keys(db: Database) -> None:
    _script(
        db,
        """
        -- This machine's private key material, apart from meta so that no session's SQL can
        -- read it by reading settings (the role guard refuses reads of this table), and sealed
        -- under a secret kept outside the database file (storage/keystore.py), so that a copy
        -- of the file does not carry usable keys.
        CREATE TABLE machine_keys (
            name TEXT PRIMARY KEY,
            sealed BLOB NOT NULL,
            created_at TEXT NOT NULL
        )
        """,
    )


@migrations(name="0006_audit_heads")
def m0006_audit_heads(db: Database) -> None:
    _script(
        db,
        """
        -- The last head of each other machine's audit chain seen here, as that machine signed
        -- it (storage/audit_heads.py): what its next entries must chain onto, and what
        -- `audit --verify` and `check` compare the received entries with, so a truncated,
        -- recomputed or deleted chain is found. Local bookkeeping: it never travels as rows.
        CREATE TABLE audit_heads (
            site_id TEXT PRIMARY KEY,
            change_seq INTEGER NOT NULL,
            hash TEXT NOT NULL,
            head TEXT NOT NULL,
            signature TEXT NOT NULL,
            signing_public TEXT NOT NULL,
            received_at TEXT NOT NULL
        )
        """,
    )


@migrations(name="0007_first_year_trigger")
def m0007_first_year_trigger(db: Database) -> None:
    _script(
        db,
        """
        -- households.first_year (the first year with a status, so a listing of an earlier year
        -- leaves the household out without a join) is derived here, in one place, whoever
        -- writes the status: the form, a spreadsheet import, a package from another machine.
        -- It is only lowered, as before: a status removed later keeps the year it first had.
        CREATE TRIGGER household_years_first_year_insert AFTER INSERT ON household_years
        WHEN NEW.deleted_at IS NULL BEGIN
            UPDATE households SET first_year = NEW.year WHERE id = NEW.household_id
                AND (first_year IS NULL OR first_year > NEW.year);
        END;
        CREATE TRIGGER household_years_first_year_update AFTER UPDATE OF year, deleted_at
        ON household_years WHEN NEW.deleted_at IS NULL BEGIN
            UPDATE households SET first_year = NEW.year WHERE id = NEW.household_id
                AND (first_year IS NULL OR first_year > NEW.year);
        END
        """,
    )
