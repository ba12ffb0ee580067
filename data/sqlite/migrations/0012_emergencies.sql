-- 0012: 应急防控 (SPEC §12.4): the drills and events with the members who took part (党员突击队
-- marked), findings raised from them (finding.emergency_id, source 应急防控), and the emergency
-- supplies (物资储备). The conventions of 0001 hold. A member named in a record cannot be deleted
-- (no ON DELETE action).
-- This file is released: change the schema in a new numbered file.

-- 应急防控记录.
CREATE TABLE emergency (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	kind       TEXT NOT NULL CHECK (kind IN ('应急演练', '突发事件处置', '疫情防控', '防汛防火', '其他')), -- 类型
	date       TEXT NOT NULL CHECK (date(date) IS date),  -- 日期
	subject    TEXT NOT NULL CHECK (subject <> ''),       -- 事项
	place      TEXT NOT NULL DEFAULT '',                  -- 地点
	lead       TEXT NOT NULL DEFAULT '',                  -- 带头情况
	result     TEXT NOT NULL DEFAULT '',                  -- 结果
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,   -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX emergency_date ON emergency (date);

-- 参加党员, in the order given; commando marks the 党员突击队.
CREATE TABLE emergency_member (
	emergency_id INTEGER NOT NULL REFERENCES emergency (id) ON DELETE CASCADE,
	member_id    INTEGER NOT NULL REFERENCES member (id),
	commando     INTEGER NOT NULL DEFAULT 0 CHECK (commando IN (0, 1)),  -- 突击队
	sort         INTEGER NOT NULL,
	PRIMARY KEY (emergency_id, member_id)
) WITHOUT ROWID;
CREATE INDEX emergency_member_member ON emergency_member (member_id);

-- 物资储备. quantity 0 = missing; checked/expires '' = not checked / does not expire.
CREATE TABLE supply (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	name       TEXT NOT NULL CHECK (name <> ''),                                     -- 物资
	quantity   INTEGER NOT NULL DEFAULT 0 CHECK (quantity BETWEEN 0 AND 999999),     -- 数量
	unit       TEXT NOT NULL DEFAULT '',                                             -- 单位
	place      TEXT NOT NULL DEFAULT '',                                             -- 存放地点
	checked    TEXT NOT NULL DEFAULT '' CHECK (checked = '' OR date(checked) IS checked), -- 检查日期
	expires    TEXT NOT NULL DEFAULT '' CHECK (expires = '' OR date(expires) IS expires), -- 有效期
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- A finding may be raised from an emergency record: source 应急防控 and emergency_id. The source's
-- CHECK changes, which SQLite can only do by rebuilding the table (as 0004 did; the runner has
-- foreign keys off and checks them afterwards). A finding outlives the record: deleting the record
-- unlinks it (the recycle bin restores the link).
CREATE TABLE finding_new (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	source        TEXT NOT NULL CHECK (source IN ('督查', '两堂一舍检查', '其他', '应急防控')),
	inspection_id INTEGER REFERENCES inspection (id) ON DELETE CASCADE,
	check_id      INTEGER REFERENCES facility_check (id) ON DELETE SET NULL,
	team_id       INTEGER REFERENCES team (id) ON DELETE SET NULL,
	found_date    TEXT NOT NULL CHECK (date(found_date) IS found_date),
	category      TEXT NOT NULL CHECK (category <> ''),
	level         TEXT NOT NULL CHECK (level <> ''),
	description   TEXT NOT NULL CHECK (description <> ''),
	member_id     INTEGER REFERENCES member (id) ON DELETE SET NULL,
	responsible   TEXT NOT NULL CHECK (responsible <> ''),
	measures      TEXT NOT NULL DEFAULT '',
	deadline      TEXT NOT NULL CHECK (date(deadline) IS deadline AND deadline >= found_date),
	progress      TEXT NOT NULL DEFAULT '',
	acceptor      TEXT NOT NULL DEFAULT '',
	closed_date   TEXT NOT NULL DEFAULT ''
		CHECK (closed_date = '' OR date(closed_date) IS closed_date AND closed_date >= found_date),
	state         TEXT NOT NULL DEFAULT '待整改' CHECK (state IN ('待整改', '整改中', '待验收', '已销号')),
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	emergency_id  INTEGER REFERENCES emergency (id) ON DELETE SET NULL,
	CHECK ((state = '已销号') = (closed_date <> '')),
	CHECK (inspection_id IS NULL OR source = '督查'),
	CHECK (check_id IS NULL OR source = '两堂一舍检查'),
	CHECK (emergency_id IS NULL OR source = '应急防控')
);
INSERT INTO finding_new SELECT id, branch_id, source, inspection_id, check_id, team_id, found_date, category, level,
	description, member_id, responsible, measures, deadline, progress, acceptor, closed_date, state, created_at, updated_at, NULL
	FROM finding;
DROP TABLE finding;
ALTER TABLE finding_new RENAME TO finding;
CREATE INDEX finding_found ON finding (found_date);
CREATE INDEX finding_state ON finding (state, deadline);
CREATE INDEX finding_deadline ON finding (deadline);
CREATE INDEX finding_inspection ON finding (inspection_id);
CREATE INDEX finding_check ON finding (check_id);
CREATE INDEX finding_team ON finding (team_id);
CREATE INDEX finding_member ON finding (member_id);
CREATE INDEX finding_emergency ON finding (emergency_id);

-- 应急防控冲锋靠前 of the seeded 支部月度考核表 becomes automatic (data.AutoEmergency, SPEC §12.6:
-- drills held, supplies in date), unless the user has changed the item.
UPDATE assess_template_item SET method = '按次扣分', per = 1, auto = '应急防控台账',
	standard = '每季度至少开展1次应急演练，季度末未开展的扣2分；应急物资过期、缺失或超一年未检查的每项扣1分；应急处置中响应不及时的人工扣分；扣完为止'
	WHERE name = '应急防控冲锋靠前' AND method = '人工评分' AND auto = ''
	AND standard = '应急处置、抢险救灾中党员冲锋在前，突击队组织有力；响应不及时的扣2分'
	AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核');
