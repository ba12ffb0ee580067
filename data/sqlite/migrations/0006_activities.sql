-- 0006: organisational life (SPEC §12.1): activities with their attendance exceptions and make-ups,
-- the 班前教育60秒 typed in bulk, and the rhythm rules (组织生活规则) seeded with
-- data.DefaultOrgRules; the kinds list (组织生活类别) is an option list seeded with
-- data.DefaultActivityKinds. The conventions of 0001 hold.
-- This file is released: change the schema in a new numbered file.

-- 活动. kinds is the kinds joined by 、 in their order. expected is the 应到 typed by the user, NULL
-- when derived from the roster. Members referred to cannot be deleted (they leave the roll instead).
CREATE TABLE activity (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	kinds         TEXT NOT NULL CHECK (kinds <> ''),                                  -- 类别
	date          TEXT NOT NULL CHECK (date(date) IS date),                           -- 日期
	start_time    TEXT NOT NULL DEFAULT '',                                           -- 开始时间
	end_time      TEXT NOT NULL DEFAULT '',                                           -- 结束时间
	place         TEXT NOT NULL DEFAULT '',                                           -- 地点
	topic         TEXT NOT NULL CHECK (topic <> ''),                                  -- 主题
	host_id       INTEGER REFERENCES member (id),                                     -- 主持人
	recorder_id   INTEGER REFERENCES member (id),                                     -- 记录人
	lecturer_id   INTEGER REFERENCES member (id),                                     -- 授课人 (a member)
	lecturer      TEXT NOT NULL DEFAULT '',                                           -- 授课人 (text)
	scope         TEXT NOT NULL CHECK (scope IN ('全体党员', '党小组', '支委', '班组')), -- 参加范围
	scope_group   INTEGER REFERENCES party_group (id) ON DELETE SET NULL,
	scope_team    INTEGER REFERENCES team (id) ON DELETE SET NULL,
	expected      INTEGER CHECK (expected IS NULL OR expected >= 1),                  -- 应到 (typed)
	guests        TEXT NOT NULL DEFAULT '',                                           -- 列席人员
	summary       TEXT NOT NULL DEFAULT '',                                           -- 内容摘要
	resolutions   TEXT NOT NULL DEFAULT '',                                           -- 决议事项
	remark        TEXT NOT NULL DEFAULT '',                                           -- 备注
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX activity_date ON activity (date);
CREATE INDEX activity_host ON activity (host_id);
CREATE INDEX activity_recorder ON activity (recorder_id);
CREATE INDEX activity_lecturer ON activity (lecturer_id);
CREATE INDEX activity_scope_group ON activity (scope_group);
CREATE INDEX activity_scope_team ON activity (scope_team);

-- Attendance exceptions: everyone in scope attended (出席) unless listed here.
CREATE TABLE activity_absence (
	activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
	sort        INTEGER NOT NULL,
	member_id   INTEGER NOT NULL REFERENCES member (id),
	state       TEXT NOT NULL CHECK (state IN ('请假', '缺席')),                   -- 出勤情况
	reason      TEXT NOT NULL DEFAULT '' CHECK (state <> '请假' OR reason <> ''), -- 原因
	PRIMARY KEY (activity_id, member_id)
) WITHOUT ROWID;
CREATE INDEX activity_absence_member ON activity_absence (member_id);

-- 补学 of a member who missed the activity.
CREATE TABLE activity_makeup (
	activity_id  INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
	member_id    INTEGER NOT NULL REFERENCES member (id),
	date         TEXT NOT NULL CHECK (date(date) IS date),                 -- 补学日期
	way          TEXT NOT NULL CHECK (way IN ('自学', '集中补学', '线上学习')), -- 方式
	confirmer_id INTEGER REFERENCES member (id),                           -- 确认人
	PRIMARY KEY (activity_id, member_id)
) WITHOUT ROWID;
CREATE INDEX activity_makeup_member ON activity_makeup (member_id);
CREATE INDEX activity_makeup_confirmer ON activity_makeup (confirmer_id);

-- 班前教育60秒: one team's day, typed in bulk; no attendance list.
CREATE TABLE briefing (
	id        INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	team_id   INTEGER NOT NULL REFERENCES team (id) ON DELETE CASCADE, -- 班组
	date      TEXT NOT NULL CHECK (date(date) IS date),                -- 日期
	topic     TEXT NOT NULL CHECK (topic <> ''),                       -- 主题
	count     INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),           -- 参加人数
	UNIQUE (team_id, date)
);
CREATE INDEX briefing_date ON briefing (date);

-- 组织生活规则, in their order.
CREATE TABLE org_rule (
	id          INTEGER PRIMARY KEY,
	sort        INTEGER NOT NULL,
	kind        TEXT NOT NULL CHECK (kind <> ''),                                                      -- 类别
	per         TEXT NOT NULL CHECK (per IN ('月', '季度', '半年', '年', '每次支部委员会')),            -- 周期
	at_least    INTEGER NOT NULL DEFAULT 1 CHECK (at_least >= 1),                                      -- 至少次数
	applies     TEXT NOT NULL CHECK (applies IN ('支部', '每个党小组')),                               -- 适用于
	remind_days INTEGER NOT NULL DEFAULT 0 CHECK (remind_days >= 0)                                    -- 提前提醒天数
);
INSERT INTO org_rule (sort, kind, per, at_least, applies, remind_days) VALUES
	(1, '支部党员大会', '季度', 1, '支部', 15),
	(2, '支部委员会', '月', 1, '支部', 7),
	(3, '党小组会', '月', 1, '每个党小组', 7),
	(4, '党课', '季度', 1, '支部', 15),
	(5, '主题党日', '月', 1, '支部', 7),
	(6, '组织生活会', '年', 1, '支部', 30),
	(7, '民主评议党员', '年', 1, '支部', 30),
	(8, '第一议题学习', '每次支部委员会', 1, '支部', 0);

INSERT INTO option_list (list, value, sort) VALUES
	('组织生活类别', '支部党员大会', 1), ('组织生活类别', '支部委员会', 2), ('组织生活类别', '党小组会', 3),
	('组织生活类别', '党课', 4), ('组织生活类别', '主题党日', 5), ('组织生活类别', '组织生活会', 6),
	('组织生活类别', '民主评议党员', 7), ('组织生活类别', '第一议题学习', 8), ('组织生活类别', '中心组学习', 9),
	('组织生活类别', '书记领学', 10), ('组织生活类别', '班前教育60秒', 11), ('组织生活类别', '专题学习', 12),
	('组织生活类别', '其他', 13);

-- A1's 政治理论学习靠前 and 党建基础工作靠前 are filled from these records from now on
-- (data.DefaultA1Template): the seeded template's two items change where they are still as seeded.
UPDATE assess_template_item SET method = '按次扣分', per = 1, auto = '组织生活学习',
	standard = '当月未学第一议题扣2分，支委会未学第一议题每次扣1分；党员出席率低于90%的，每低5个百分点扣1分（最多扣3分）'
	WHERE template_id = 1 AND seq = 1 AND name = '政治理论学习靠前' AND method = '人工评分' AND auto = '';
UPDATE assess_template_item SET method = '按次扣分', per = 1, auto = '组织生活规则',
	standard = '“三会一课”等按组织生活规则到期未开的，每项扣2分；有党员未编入党小组的扣1分'
	WHERE template_id = 1 AND seq = 2 AND name = '党建基础工作靠前' AND method = '人工评分' AND auto = '';

-- 积分明细 may come from an activity too (讲党课, 无故缺席组织生活: data.PointEntriesForActivity): the
-- table is rebuilt with an activity_id reference, as 0005 made it otherwise.
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
	CHECK ((inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL) <= 1),
	CHECK (generated = 0 OR (inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL) = 1)
);
INSERT INTO point_entry_new (id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id, generated,
	created_at, updated_at)
	SELECT id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id, generated, created_at, updated_at
	FROM point_entry;
DROP TABLE point_entry;
ALTER TABLE point_entry_new RENAME TO point_entry;
CREATE UNIQUE INDEX point_entry_generated ON point_entry
	(coalesce(inspection_id, 0), coalesce(finding_id, 0), coalesce(welfare_id, 0), coalesce(activity_id, 0), member_id, item) WHERE generated = 1;
CREATE INDEX point_entry_date ON point_entry (date);
CREATE INDEX point_entry_member ON point_entry (member_id, date);
CREATE INDEX point_entry_inspection ON point_entry (inspection_id);
CREATE INDEX point_entry_finding ON point_entry (finding_id);
CREATE INDEX point_entry_welfare ON point_entry (welfare_id);
CREATE INDEX point_entry_activity ON point_entry (activity_id);

-- The A2 catalogue gains 讲党课 +2 and 无故缺席组织生活 −2 (data.DefaultA2Template), before the veto item
-- where the seeded catalogue is still as seeded.
UPDATE assess_template_item SET seq = 13
	WHERE template_id = 2 AND seq = 11 AND name = '违纪受处分'
	AND NOT EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq IN (12, 13));
INSERT INTO assess_template_item (template_id, seq, name, points, method, per, cap, veto, auto, part, standard)
	SELECT 2, 11, '讲党课', 0, '按次加分', 2, 0, 0, '', '', '为党员讲党课，每次加2分（由组织生活记录自动生成）'
	WHERE EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 13 AND name = '违纪受处分')
	AND NOT EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 11);
INSERT INTO assess_template_item (template_id, seq, name, points, method, per, cap, veto, auto, part, standard)
	SELECT 2, 12, '无故缺席组织生活', 0, '按次扣分', 2, 0, 0, '', '', '无故缺席组织生活，每次扣2分（由组织生活记录自动生成）'
	WHERE EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 13 AND name = '违纪受处分')
	AND NOT EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 12);
