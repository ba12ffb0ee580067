-- 0008: 党费 (SPEC §13): the rate table, each member's base history, reductions and exemptions, the
-- monthly payments, voluntary payments and the months' collection states; and the point entries
-- gain the dues year as the record of a generated 未按期缴纳党费. The conventions of 0001 hold.
-- Amounts are INTEGER fen (分), so that sums are exact; months are TEXT 'YYYY-MM'.
-- This file is released: change the schema in a new numbered file.

-- 比例表: a branch's rows in table order; none means the defaults of data.DefaultDuesRates.
CREATE TABLE dues_rate (
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	seq           INTEGER NOT NULL CHECK (seq >= 1),
	category      TEXT NOT NULL CHECK (category IN ('在职', '离退休', '农民', '学生', '下岗失业', '低保')), -- 缴费类别
	up_to_fen     INTEGER NOT NULL DEFAULT 0 CHECK (up_to_fen >= 0),              -- 上限 (inclusive; 0 = none)
	rate_bp       INTEGER NOT NULL DEFAULT 0 CHECK (rate_bp BETWEEN 0 AND 10000), -- 比例 in 万分之
	fixed_fen     INTEGER NOT NULL DEFAULT 0 CHECK (fixed_fen >= 0),              -- 固定金额
	fixed_max_fen INTEGER NOT NULL DEFAULT 0 CHECK (fixed_max_fen >= 0),          -- 固定金额上限 (农民)
	PRIMARY KEY (branch_id, seq)
) WITHOUT ROWID;

-- 计算基数: from from_month on, until the member's next entry.
CREATE TABLE dues_base (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	member_id  INTEGER NOT NULL REFERENCES member (id),
	from_month TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),      -- 起始月份
	category   TEXT NOT NULL CHECK (category IN ('在职', '离退休', '农民', '学生', '下岗失业', '低保', '其他固定额')),
	base_fen   INTEGER NOT NULL DEFAULT 0 CHECK (base_fen >= 0),                          -- 计算基数
	fixed_fen  INTEGER NOT NULL DEFAULT 0 CHECK (fixed_fen >= 0),                         -- 固定金额
	remark     TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (member_id, from_month)
);

-- 减免: a reduction (减交, to amount_fen a month) or exemption (免交) of months from … to.
CREATE TABLE dues_relief (
	id             INTEGER PRIMARY KEY,
	branch_id      INTEGER NOT NULL REFERENCES branch (id),
	member_id      INTEGER NOT NULL REFERENCES member (id),
	kind           TEXT NOT NULL CHECK (kind IN ('减交', '免交')),
	from_month     TEXT NOT NULL CHECK (from_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	to_month       TEXT NOT NULL CHECK (to_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND to_month >= from_month),
	amount_fen     INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
	apply_date     TEXT NOT NULL CHECK (date(apply_date) IS apply_date),         -- 申请日期
	committee_date TEXT NOT NULL CHECK (date(committee_date) IS committee_date), -- 支委会同意日期
	approval_no    TEXT NOT NULL CHECK (approval_no <> ''),                     -- 上级批准文号
	reason         TEXT NOT NULL DEFAULT '',
	created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX dues_relief_member ON dues_relief (member_id);

-- 缴纳: what a member paid for one month, with the 应缴 of that moment.
CREATE TABLE dues_payment (
	id          INTEGER PRIMARY KEY,
	branch_id   INTEGER NOT NULL REFERENCES branch (id),
	member_id   INTEGER NOT NULL REFERENCES member (id),
	month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'), -- 月份
	due_fen     INTEGER NOT NULL CHECK (due_fen >= 0),                            -- 应缴
	paid_fen    INTEGER NOT NULL CHECK (paid_fen >= 0),                           -- 实缴
	paid_date   TEXT NOT NULL CHECK (date(paid_date) IS paid_date),               -- 缴纳日期
	method      TEXT NOT NULL CHECK (method IN ('现金', '转账', '其他')),          -- 方式
	late_reason TEXT NOT NULL DEFAULT '',                                         -- 补缴原因
	remark      TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (member_id, month)
);
CREATE INDEX dues_payment_month ON dues_payment (month);

-- 自愿多交: voluntary one-off payments, apart from the monthly dues.
CREATE TABLE dues_extra (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	member_id  INTEGER NOT NULL REFERENCES member (id),
	date       TEXT NOT NULL CHECK (date(date) IS date),
	amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
	method     TEXT NOT NULL CHECK (method IN ('现金', '转账', '其他')),
	remark     TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX dues_extra_date ON dues_extra (date);

-- A month's collection: settled (已结算) or not; reason is the last reopening's. A month without a
-- row is 未收 or 收缴中, told by its payments.
CREATE TABLE dues_month (
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	month     TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
	settled   INTEGER NOT NULL DEFAULT 0 CHECK (settled IN (0, 1)),
	reason    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (branch_id, month)
) WITHOUT ROWID;

-- point_entry gains dues_year: a generated 未按期缴纳党费 is the record of its member's year. A
-- CHECK cannot be altered, so the table is rebuilt (foreign keys are off while migrating).
CREATE TABLE point_entry_new (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	member_id     INTEGER NOT NULL REFERENCES member (id),                              -- 党员
	date          TEXT NOT NULL CHECK (date(date) IS date),                             -- 日期
	item          TEXT NOT NULL CHECK (item <> ''),                                     -- 项目
	points        REAL NOT NULL CHECK (points * 2 = round(points * 2)),                 -- 分值, signed
	reason        TEXT NOT NULL CHECK (reason <> ''),                                   -- 事由
	inspection_id INTEGER REFERENCES inspection (id) ON DELETE CASCADE,
	finding_id    INTEGER REFERENCES finding (id) ON DELETE CASCADE,
	welfare_id    INTEGER REFERENCES welfare_item (id) ON DELETE CASCADE,
	activity_id   INTEGER REFERENCES activity (id) ON DELETE CASCADE,
	generated     INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1)),
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	dues_year     INTEGER CHECK (dues_year BETWEEN 1900 AND 9999),                      -- 党费年度
	CHECK ((inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL) + (dues_year IS NOT NULL) <= 1),
	CHECK (generated = 0 OR (inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL) + (dues_year IS NOT NULL) = 1)
);
INSERT INTO point_entry_new (id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id,
	activity_id, generated, created_at, updated_at)
	SELECT id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id,
		activity_id, generated, created_at, updated_at FROM point_entry;
DROP TABLE point_entry;
ALTER TABLE point_entry_new RENAME TO point_entry;
CREATE UNIQUE INDEX point_entry_generated ON point_entry (coalesce(inspection_id, 0), coalesce(finding_id, 0),
	coalesce(welfare_id, 0), coalesce(activity_id, 0), coalesce(dues_year, 0), member_id, item) WHERE generated = 1;
CREATE INDEX point_entry_date ON point_entry (date);
CREATE INDEX point_entry_member ON point_entry (member_id, date);
CREATE INDEX point_entry_inspection ON point_entry (inspection_id);
CREATE INDEX point_entry_finding ON point_entry (finding_id);
CREATE INDEX point_entry_welfare ON point_entry (welfare_id);
CREATE INDEX point_entry_activity ON point_entry (activity_id);
