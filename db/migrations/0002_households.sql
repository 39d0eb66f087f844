-- 0002: households and residents ("one file per household", 一户一档).
--
-- A household is an address: compound (小区), building (幢), unit (单元),
-- room (室); an empty part is ''.  A resident belongs to one household; one
-- who leaves is marked moved out (moved_out_on), never deleted.  Text that is
-- not known is NULL, except the address parts (so the address stays unique).
--
-- Search columns of resident, computed by the program on every save:
--   name_initials  pinyin initials, lower-case ASCII (张三丰 -> 'zsf')
--   name_key       ICU zh collation sort key: ORDER BY name_key is pinyin
--                  order, with no collation to register, so the sqlite3
--                  shell still reads the file; names sharing a prefix are one
--                  contiguous range of it
--   id_rev         the ID number reversed: an ID suffix is a prefix range
--   phone_rev      the phone's digits reversed (extension left out): the
--                  same for a phone suffix
-- and gone (generated): 1 once the resident has moved out, so every search
-- index can put the residents still living here first.
--
-- resident_gram holds, for each resident, every character and every pair of
-- adjacent characters of the name that does not start at its first
-- character, keyed with the name's sort key: "name contains X" for a one- or
-- two-character X is a range of it, already in pinyin order.  (SQLite
-- 3.40's FTS5 trigram index finds nothing for fewer than three Chinese
-- characters, so it is not used.)  The triggers below keep it in step with
-- resident; gram_pos is the list of character positions they walk.  Both are
-- derived data, not records, so they carry no audit triggers of their own:
-- the resident's audit rows already say what changed.

CREATE TABLE household (
    id          INTEGER PRIMARY KEY,
    compound    TEXT NOT NULL,
    building    TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT '',
    room        TEXT NOT NULL DEFAULT '',
    grid        TEXT,
    grid_worker TEXT,
    kind        INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1, 2)),
    phone       TEXT,
    phone_rev   TEXT,
    notes       TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (compound <> '' OR building <> '')
) STRICT;
-- The address, and every address search that names the compound.  Each
-- part is keyed by its length first, so that the index order is the order
-- people expect (3幢 before 12幢, 301 before 1001).  Queries say
-- "length(x) = length(:x) AND x IS :x" to use it: with "x = :x" SQLite
-- substitutes the value into length(x) and no longer sees the index term.
CREATE UNIQUE INDEX household_address ON household
    (compound, length(building), building, length(unit), unit, length(room), room);
-- Address searches without the compound: 12幢, 12-2-301, 301.
CREATE INDEX household_by_building ON household
    (length(building), building, length(unit), unit, length(room), room);
CREATE INDEX household_by_room ON household (length(room), room);
-- The supervisors' list of one grid worker's households.
-- A household's own phone, by suffix.
CREATE INDEX household_by_phone_rev ON household (phone_rev) WHERE phone_rev IS NOT NULL;
CREATE INDEX household_by_worker ON household (grid_worker) WHERE grid_worker IS NOT NULL;

CREATE TABLE resident (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES household (id),
    name          TEXT NOT NULL CHECK (name <> ''),
    sex           TEXT CHECK (sex IN ('M', 'F')),
    id_kind       INTEGER NOT NULL DEFAULT 0 CHECK (id_kind BETWEEN 0 AND 5),
    id_number     TEXT CHECK (id_number <> ''),
    birth_date    TEXT CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    phone         TEXT,
    relation      TEXT,
    floating      INTEGER NOT NULL DEFAULT 0 CHECK (floating IN (0, 1)),
    hukou_place   TEXT,
    flags         INTEGER NOT NULL DEFAULT 0 CHECK (flags >= 0),
    returned_from TEXT,
    arrived_on    TEXT CHECK (arrived_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    travel_notes  TEXT,
    moved_out_on  TEXT CHECK (moved_out_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    moved_to      TEXT,
    notes         TEXT,
    name_initials TEXT NOT NULL,
    name_key      BLOB NOT NULL,
    id_rev        TEXT,
    phone_rev     TEXT,
    gone          INTEGER NOT NULL GENERATED ALWAYS AS (moved_out_on IS NOT NULL) VIRTUAL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (id_number IS NULL OR id_kind > 0)
) STRICT;
-- One person per document: a number is unique within its kind (NULL: none).
CREATE UNIQUE INDEX resident_id_number ON resident (id_number, id_kind);
-- Members of a household; the residents of an address search.
CREATE INDEX resident_by_household ON resident (household_id, gone, name_key);
-- Exact name (name_key = the name's key), name prefix (a range of
-- name_key), and every list in pinyin order.
CREATE INDEX resident_by_key ON resident (gone, name_key);
-- Pinyin initials, exact and prefix.
CREATE INDEX resident_by_initials ON resident (gone, name_initials, name_key);
-- ID and phone suffixes (and whole numbers).
CREATE INDEX resident_by_id_rev ON resident (id_rev) WHERE id_rev IS NOT NULL;
CREATE INDEX resident_by_phone_rev ON resident (phone_rev) WHERE phone_rev IS NOT NULL;
-- Supervisors' lists: care-flagged residents, returnees of a day.
CREATE INDEX resident_by_flags ON resident (flags) WHERE flags <> 0;
CREATE INDEX resident_by_arrival ON resident (arrived_on) WHERE arrived_on IS NOT NULL;

CREATE TABLE gram_pos (n INTEGER PRIMARY KEY) STRICT;
INSERT INTO gram_pos (n)
    WITH RECURSIVE p(n) AS (SELECT 2 UNION ALL SELECT n + 1 FROM p WHERE n < 128)
    SELECT n FROM p;

CREATE TABLE resident_gram (
    gram        TEXT NOT NULL,
    gone        INTEGER NOT NULL,
    name_key    BLOB NOT NULL,
    resident_id INTEGER NOT NULL,
    PRIMARY KEY (gram, gone, name_key, resident_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER resident_gram_insert AFTER INSERT ON resident BEGIN
    INSERT OR IGNORE INTO resident_gram (gram, gone, name_key, resident_id)
        SELECT substr(new.name, n, 1), new.gone, new.name_key, new.id
          FROM gram_pos WHERE n <= length(new.name)
        UNION ALL
        SELECT substr(new.name, n, 2), new.gone, new.name_key, new.id
          FROM gram_pos WHERE n < length(new.name);
END;
CREATE TRIGGER resident_gram_update AFTER UPDATE OF name, name_key, moved_out_on ON resident
WHEN old.name IS NOT new.name OR old.name_key IS NOT new.name_key OR old.gone IS NOT new.gone
BEGIN
    DELETE FROM resident_gram
     WHERE gone = old.gone AND name_key = old.name_key AND resident_id = old.id
       AND gram IN (SELECT substr(old.name, n, 1) FROM gram_pos WHERE n <= length(old.name)
                    UNION ALL
                    SELECT substr(old.name, n, 2) FROM gram_pos WHERE n < length(old.name));
    INSERT OR IGNORE INTO resident_gram (gram, gone, name_key, resident_id)
        SELECT substr(new.name, n, 1), new.gone, new.name_key, new.id
          FROM gram_pos WHERE n <= length(new.name)
        UNION ALL
        SELECT substr(new.name, n, 2), new.gone, new.name_key, new.id
          FROM gram_pos WHERE n < length(new.name);
END;
CREATE TRIGGER resident_gram_delete AFTER DELETE ON resident BEGIN
    DELETE FROM resident_gram
     WHERE gone = old.gone AND name_key = old.name_key AND resident_id = old.id
       AND gram IN (SELECT substr(old.name, n, 1) FROM gram_pos WHERE n <= length(old.name)
                    UNION ALL
                    SELECT substr(old.name, n, 2) FROM gram_pos WHERE n < length(old.name));
END;

-- The audit trail (see 0001).
CREATE TRIGGER household_audit_insert AFTER INSERT ON household BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'household', CAST(new.id AS TEXT), 'insert', NULL,
            json_object('compound', new.compound, 'building', new.building,
                        'unit', new.unit, 'room', new.room, 'grid', new.grid,
                        'grid_worker', new.grid_worker, 'kind', new.kind,
                        'phone', new.phone, 'notes', new.notes));
END;
CREATE TRIGGER household_audit_update AFTER UPDATE ON household BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'household', CAST(new.id AS TEXT), 'update',
            json_object('compound', old.compound, 'building', old.building,
                        'unit', old.unit, 'room', old.room, 'grid', old.grid,
                        'grid_worker', old.grid_worker, 'kind', old.kind,
                        'phone', old.phone, 'notes', old.notes),
            json_object('compound', new.compound, 'building', new.building,
                        'unit', new.unit, 'room', new.room, 'grid', new.grid,
                        'grid_worker', new.grid_worker, 'kind', new.kind,
                        'phone', new.phone, 'notes', new.notes));
END;
CREATE TRIGGER household_audit_delete AFTER DELETE ON household BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'household', CAST(old.id AS TEXT), 'delete',
            json_object('compound', old.compound, 'building', old.building,
                        'unit', old.unit, 'room', old.room, 'grid', old.grid,
                        'grid_worker', old.grid_worker, 'kind', old.kind,
                        'phone', old.phone, 'notes', old.notes), NULL);
END;

CREATE TRIGGER resident_audit_insert AFTER INSERT ON resident BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'resident', CAST(new.id AS TEXT), 'insert', NULL,
            json_object('household_id', new.household_id, 'name', new.name, 'sex', new.sex,
                        'id_kind', new.id_kind, 'id_number', new.id_number,
                        'birth_date', new.birth_date, 'phone', new.phone,
                        'relation', new.relation, 'floating', new.floating,
                        'hukou_place', new.hukou_place, 'flags', new.flags,
                        'returned_from', new.returned_from, 'arrived_on', new.arrived_on,
                        'travel_notes', new.travel_notes, 'moved_out_on', new.moved_out_on,
                        'moved_to', new.moved_to, 'notes', new.notes));
END;
CREATE TRIGGER resident_audit_update AFTER UPDATE ON resident BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'resident', CAST(new.id AS TEXT), 'update',
            json_object('household_id', old.household_id, 'name', old.name, 'sex', old.sex,
                        'id_kind', old.id_kind, 'id_number', old.id_number,
                        'birth_date', old.birth_date, 'phone', old.phone,
                        'relation', old.relation, 'floating', old.floating,
                        'hukou_place', old.hukou_place, 'flags', old.flags,
                        'returned_from', old.returned_from, 'arrived_on', old.arrived_on,
                        'travel_notes', old.travel_notes, 'moved_out_on', old.moved_out_on,
                        'moved_to', old.moved_to, 'notes', old.notes),
            json_object('household_id', new.household_id, 'name', new.name, 'sex', new.sex,
                        'id_kind', new.id_kind, 'id_number', new.id_number,
                        'birth_date', new.birth_date, 'phone', new.phone,
                        'relation', new.relation, 'floating', new.floating,
                        'hukou_place', new.hukou_place, 'flags', new.flags,
                        'returned_from', new.returned_from, 'arrived_on', new.arrived_on,
                        'travel_notes', new.travel_notes, 'moved_out_on', new.moved_out_on,
                        'moved_to', new.moved_to, 'notes', new.notes));
END;
CREATE TRIGGER resident_audit_delete AFTER DELETE ON resident BEGIN
    INSERT INTO audit (at, operator, tbl, row_key, action, old, new)
    VALUES (dd_now(), dd_operator(), 'resident', CAST(old.id AS TEXT), 'delete',
            json_object('household_id', old.household_id, 'name', old.name, 'sex', old.sex,
                        'id_kind', old.id_kind, 'id_number', old.id_number,
                        'birth_date', old.birth_date, 'phone', old.phone,
                        'relation', old.relation, 'floating', old.floating,
                        'hukou_place', old.hukou_place, 'flags', old.flags,
                        'returned_from', old.returned_from, 'arrived_on', old.arrived_on,
                        'travel_notes', old.travel_notes, 'moved_out_on', old.moved_out_on,
                        'moved_to', old.moved_to, 'notes', old.notes), NULL);
END;
