-- 0001: the audit trail and the community's own settings.
--
-- Every table that holds records gets three triggers that write one audit
-- row per insert, update and delete: when (dd_now()), who (dd_operator()),
-- which table and record, and the record before and after as JSON.  The
-- functions are provided by the program's connection, so a change made with
-- another tool that does not provide them is refused rather than left
-- untraced.

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_key   TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    old       TEXT,
    new       TEXT
) STRICT;
CREATE INDEX audit_by_row ON audit (tbl, row_key, id);
CREATE INDEX audit_by_time ON audit (at);

-- Community-wide values kept in the database (the community's name, ...).
CREATE TABLE setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER setting_audit_insert AFTER INSERT ON setting BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'setting', new.key, 'insert', NULL,
            json_object('key', new.key, 'value', new.value));
END;
CREATE TRIGGER setting_audit_update AFTER UPDATE ON setting BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'setting', new.key, 'update',
            json_object('key', old.key, 'value', old.value),
            json_object('key', new.key, 'value', new.value));
END;
CREATE TRIGGER setting_audit_delete AFTER DELETE ON setting BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'setting', old.key, 'delete',
            json_object('key', old.key, 'value', old.value), NULL);
END;
-- The audit trail itself is append-only.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail cannot be changed');
END;
