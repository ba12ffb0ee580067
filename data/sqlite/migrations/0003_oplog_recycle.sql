-- 0003: the operation log (操作日志) and the recycle bin (回收站) of SPEC §8. The conventions of 0001
-- hold. This file is released: change the schema in a new numbered file.

-- One row per change, written in the transaction of the change. entity_id is no reference: the
-- record may since have been deleted. before_json/after_json are the record as the log shows it
-- (an object of Chinese labels to values, data.Fields), '' when there is none.
CREATE TABLE op_log (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,                       -- UTC 'YYYY-MM-DD HH:MM:SS'
	action      TEXT NOT NULL CHECK (action <> ''),  -- 新增, 修改, 删除, 状态变更, 导入, 恢复, …
	entity      TEXT NOT NULL DEFAULT '',            -- 党员, 党小组, 督查记录, …
	entity_id   INTEGER NOT NULL DEFAULT 0,
	label       TEXT NOT NULL DEFAULT '',
	before_json TEXT NOT NULL DEFAULT '',
	after_json  TEXT NOT NULL DEFAULT '',
	detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX op_log_at ON op_log (at);

-- Deleted records. snapshot is the JSON of the deleted rows (the record and every row deleted with
-- it, parents first) and of the references the deletion set to NULL, from which the record is put
-- back; fields is the record as the log shows it.
CREATE TABLE recycle_bin (
	id         INTEGER PRIMARY KEY,
	deleted_at TEXT NOT NULL,                        -- UTC 'YYYY-MM-DD HH:MM:SS'
	entity     TEXT NOT NULL CHECK (entity <> ''),
	entity_id  INTEGER NOT NULL,
	label      TEXT NOT NULL DEFAULT '',
	detail     TEXT NOT NULL DEFAULT '',
	fields     TEXT NOT NULL DEFAULT '',
	snapshot   TEXT NOT NULL
);
