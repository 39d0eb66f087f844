-- 0003: loading a survey spreadsheet in bulk, with the trail kept.
--
-- The insert triggers of household and resident write, for every row
-- created, an audit row and (for a resident) the n-grams of the name, one
-- row at a time; for a spreadsheet of a hundred thousand rows that was most
-- of the work.  So a bulk load (hh_writer_bulk_begin in src/households/household.h,
-- used by the importer) does that work itself, inside its one transaction:
--   * it drops those three insert triggers (resident_gram_insert,
--     resident_audit_insert, household_audit_insert) and creates them again
--     from their own text before it commits, so no other connection ever
--     sees the schema without them (and a rollback puts them back);
--   * it fills resident_gram for the residents it created in one statement,
--     from the view resident_gram_source below -- which the insert trigger
--     now reads too, so a new row's n-grams are defined once, here (the
--     update and delete triggers of 0002 work from old.name, which no view
--     can see);
--   * and it records the load in import_run: who, when, which file, the
--     rows read, created, updated, unchanged and rejected, and the
--     households and residents it created.  Rowids are handed out in
--     increasing order and nothing else writes during the load's
--     transaction, so those are the ranges first..last.  That record is
--     audited like any other.
-- Updates and deletes are audited row by row as before, in a bulk load too:
-- a resident an import changed has the old and new values in the trail.

CREATE VIEW resident_gram_source (gram, gone, name_key, resident_id) AS
    SELECT substr(r.name, p.n, 1), r.gone, r.name_key, r.id
      FROM resident r JOIN gram_pos p ON p.n <= length(r.name)
    UNION ALL
    SELECT substr(r.name, p.n, 2), r.gone, r.name_key, r.id
      FROM resident r JOIN gram_pos p ON p.n < length(r.name);

DROP TRIGGER resident_gram_insert;
CREATE TRIGGER resident_gram_insert AFTER INSERT ON resident BEGIN
    INSERT OR IGNORE INTO resident_gram (gram, gone, name_key, resident_id)
        SELECT gram, gone, name_key, resident_id FROM resident_gram_source
         WHERE resident_id = new.id;
END;

-- One row per bulk load that changed something.  Part of the trail: it is
-- written once and never changed.
CREATE TABLE import_run (
    id                  INTEGER PRIMARY KEY,
    what                TEXT NOT NULL,    -- 'residents'
    file                TEXT NOT NULL,    -- the path as given
    rows                INTEGER NOT NULL, -- data rows read
    rows_rejected       INTEGER NOT NULL,
    households_created  INTEGER NOT NULL,
    residents_created   INTEGER NOT NULL,
    residents_updated   INTEGER NOT NULL,
    residents_unchanged INTEGER NOT NULL,
    first_household_id  INTEGER,          -- the households created: ids first..last
    last_household_id   INTEGER,          -- (NULL when none)
    first_resident_id   INTEGER,          -- the residents created, the same way
    last_resident_id    INTEGER,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL
) STRICT;

CREATE TRIGGER import_run_audit_insert AFTER INSERT ON import_run BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'import_run', CAST(new.id AS TEXT), 'insert', NULL,
            json_object('what', new.what, 'file', new.file, 'rows', new.rows,
                        'rows_rejected', new.rows_rejected,
                        'households_created', new.households_created,
                        'residents_created', new.residents_created,
                        'residents_updated', new.residents_updated,
                        'residents_unchanged', new.residents_unchanged,
                        'first_household_id', new.first_household_id,
                        'last_household_id', new.last_household_id,
                        'first_resident_id', new.first_resident_id,
                        'last_resident_id', new.last_resident_id));
END;
CREATE TRIGGER import_run_no_update BEFORE UPDATE ON import_run BEGIN
    SELECT RAISE(ABORT, 'the record of an import cannot be changed');
END;
CREATE TRIGGER import_run_no_delete BEFORE DELETE ON import_run BEGIN
    SELECT RAISE(ABORT, 'the record of an import cannot be changed');
END;
