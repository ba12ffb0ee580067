-- 0002: supervision inspections, findings with their close-out history (SPEC §3), and the
-- configurable option lists. The conventions of 0001 hold: text NOT NULL with '' for "not filled
-- in", dates 'YYYY-MM-DD' under "date(x) IS x", booleans 0/1, "none" references NULL, enumerations
-- CHECKed with the Chinese values the program shows. This file is released: change the schema in a
-- new numbered file.

-- 督查记录. unit is the name printed as 被查单位: the team's name when team_id is set (kept, so an
-- inspection still names the team after the team is deleted), else what was typed.
CREATE TABLE inspection (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	date       TEXT NOT NULL CHECK (date(date) IS date),                               -- 督查日期
	kind       TEXT NOT NULL CHECK (kind IN ('四不两直督查', '专项督查', '日常检查', '安全检查')), -- 督查类型
	shift      TEXT NOT NULL DEFAULT '' CHECK (shift IN ('', '早班', '中班', '夜班')),     -- 班次
	team_id    INTEGER REFERENCES team (id) ON DELETE SET NULL,                        -- 被查班组
	unit       TEXT NOT NULL CHECK (unit <> ''),                                       -- 被查单位
	place      TEXT NOT NULL DEFAULT '',                                               -- 地点/岗位
	content    TEXT NOT NULL DEFAULT '',                                               -- 督查内容
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX inspection_date ON inspection (date);
CREATE INDEX inspection_team ON inspection (team_id);

-- 督查组成员, in the order given. A member who inspected cannot be deleted (no ON DELETE action):
-- the record must keep who inspected.
CREATE TABLE inspector (
	inspection_id INTEGER NOT NULL REFERENCES inspection (id) ON DELETE CASCADE,
	member_id     INTEGER NOT NULL REFERENCES member (id),
	lead          INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),  -- 牵头人
	sort          INTEGER NOT NULL,
	PRIMARY KEY (inspection_id, member_id)
) WITHOUT ROWID;
-- At most one 牵头人 per inspection (the store also requires exactly one).
CREATE UNIQUE INDEX inspector_one_lead ON inspector (inspection_id) WHERE lead = 1;
CREATE INDEX inspector_member ON inspector (member_id);

-- 问题, whatever found it. Overdue (逾期) is derived from deadline and state, never stored.
CREATE TABLE finding (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	source        TEXT NOT NULL CHECK (source IN ('督查', '两堂一舍检查', '其他')),                -- 来源
	inspection_id INTEGER REFERENCES inspection (id) ON DELETE CASCADE,
	check_id      INTEGER,  -- the 两堂一舍 check that found it; a reference once that table exists
	team_id       INTEGER REFERENCES team (id) ON DELETE SET NULL,
	found_date    TEXT NOT NULL CHECK (date(found_date) IS found_date),                          -- 发现日期
	category      TEXT NOT NULL CHECK (category <> ''),  -- 问题类别: from option_list, kept when it leaves the list
	level         TEXT NOT NULL CHECK (level <> ''),     -- 等级: likewise
	description   TEXT NOT NULL CHECK (description <> ''),                                       -- 问题描述
	member_id     INTEGER REFERENCES member (id) ON DELETE SET NULL,                             -- 涉及党员
	responsible   TEXT NOT NULL CHECK (responsible <> ''),                                       -- 责任人
	measures      TEXT NOT NULL DEFAULT '',                                                      -- 整改措施
	deadline      TEXT NOT NULL CHECK (date(deadline) IS deadline AND deadline >= found_date),   -- 整改期限
	progress      TEXT NOT NULL DEFAULT '',                                                      -- 整改情况
	acceptor      TEXT NOT NULL DEFAULT '',                                                      -- 验收人
	closed_date   TEXT NOT NULL DEFAULT ''                                                       -- 销号日期
		CHECK (closed_date = '' OR date(closed_date) IS closed_date AND closed_date >= found_date),
	state         TEXT NOT NULL DEFAULT '待整改' CHECK (state IN ('待整改', '整改中', '待验收', '已销号')), -- 状态
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- A closed finding has its 销号日期, an open one none.
	CHECK ((state = '已销号') = (closed_date <> '')),
	-- The record that found it matches the source.
	CHECK (inspection_id IS NULL OR source = '督查'),
	CHECK (check_id IS NULL OR source = '两堂一舍检查')
);
CREATE INDEX finding_found ON finding (found_date);
CREATE INDEX finding_state ON finding (state, deadline);
CREATE INDEX finding_deadline ON finding (deadline);
CREATE INDEX finding_inspection ON finding (inspection_id);
CREATE INDEX finding_check ON finding (check_id);
CREATE INDEX finding_team ON finding (team_id);
CREATE INDEX finding_member ON finding (member_id);

-- Every change of a finding's state, with its UTC time; from_state is '' for the creation. A move
-- to 已销号 keeps its close-out here too, so that reopening (which clears the finding's 销号日期)
-- loses nothing.
CREATE TABLE finding_history (
	id          INTEGER PRIMARY KEY,
	finding_id  INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
	at          TEXT NOT NULL,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	from_state  TEXT NOT NULL CHECK (from_state IN ('', '待整改', '整改中', '待验收', '已销号')),
	to_state    TEXT NOT NULL CHECK (to_state IN ('待整改', '整改中', '待验收', '已销号')),
	reason      TEXT NOT NULL DEFAULT '',
	progress    TEXT NOT NULL DEFAULT '',  -- the close-out, on a move to 已销号
	acceptor    TEXT NOT NULL DEFAULT '',
	closed_date TEXT NOT NULL DEFAULT '' CHECK (closed_date = '' OR date(closed_date) IS closed_date),
	CHECK ((to_state = '已销号') = (closed_date <> ''))
);
CREATE INDEX finding_history_finding ON finding_history (finding_id);

-- Configurable lists of choices (问题类别, 问题等级, …), each in the order shown. Records keep a
-- value that later leaves its list.
CREATE TABLE option_list (
	list  TEXT NOT NULL CHECK (list <> ''),
	value TEXT NOT NULL CHECK (value <> ''),
	sort  INTEGER NOT NULL,
	PRIMARY KEY (list, value)
) WITHOUT ROWID;
INSERT INTO option_list (list, value, sort) VALUES
	('问题类别', '围绕中心不紧', 1), ('问题类别', '发挥作用不强', 2), ('问题类别', '安全生产不实', 3),
	('问题类别', '问题整改不力', 4), ('问题类别', '作风纪律', 5), ('问题类别', '食品卫生', 6),
	('问题类别', '设施设备', 7), ('问题类别', '环境卫生', 8), ('问题类别', '其他', 9),
	('问题等级', '一般', 1), ('问题等级', '较大', 2), ('问题等级', '重大', 3);
