-- 0004: exports that wrote ID and phone numbers in full.
--
-- An export is masked unless asked otherwise (dutydesk export --unmasked).
-- One that is not leaves the database with every resident's ID and phone
-- number, so it is part of the trail: who, when, which list, where to, and
-- how many rows.  The row is written in the same transaction that reads
-- the rows exported, so ROWS is exactly what was written; it is audited
-- like any other record and never changed.

CREATE TABLE export_run (
    id          INTEGER PRIMARY KEY,
    what        TEXT NOT NULL,    -- 'residents'
    file        TEXT NOT NULL,    -- the path written, '-' for standard output
    rows        INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE TRIGGER export_run_audit_insert AFTER INSERT ON export_run BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'export_run', CAST(new.id AS TEXT), 'insert', NULL,
            json_object('what', new.what, 'file', new.file, 'rows', new.rows,
                        'unmasked', 1));
END;
CREATE TRIGGER export_run_no_update BEFORE UPDATE ON export_run BEGIN
    SELECT RAISE(ABORT, 'the record of an export cannot be changed');
END;
CREATE TRIGGER export_run_no_delete BEFORE DELETE ON export_run BEGIN
    SELECT RAISE(ABORT, 'the record of an export cannot be changed');
END;
