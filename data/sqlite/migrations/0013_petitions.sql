-- 0013: 信访维稳 (SPEC §12.5): the screening rounds (矛盾排查) with their screeners, the petition cases
-- (信访事项) with their 包保责任人, the A2 entries a closed case earns its 包保责任人
-- (包保化解信访事项, point_entry.petition_id), and the seeded forms' items switched to the records.
-- The conventions of 0001 hold. A member named in any of them cannot be deleted (no ON DELETE
-- action): members who leave get a 在册状态 instead.
-- This file is released: change the schema in a new numbered file.

-- 矛盾排查: teams is the 范围, the team names joined by '、' ('' = 全支部).
CREATE TABLE screening (
	id          INTEGER PRIMARY KEY,
	branch_id   INTEGER NOT NULL REFERENCES branch (id),
	date        TEXT NOT NULL CHECK (date(date) IS date),                -- 日期
	teams       TEXT NOT NULL DEFAULT '',                                 -- 范围
	factors     INTEGER NOT NULL DEFAULT 0 CHECK (factors BETWEEN 0 AND 999), -- 发现不稳定因素（个）
	factor_text TEXT NOT NULL DEFAULT '',                                 -- 发现不稳定因素
	created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX screening_date ON screening (branch_id, date);
-- 排查人, in the form's order.
CREATE TABLE screening_member (
	id           INTEGER PRIMARY KEY,
	screening_id INTEGER NOT NULL REFERENCES screening (id) ON DELETE CASCADE,
	sort         INTEGER NOT NULL,
	member_id    INTEGER NOT NULL REFERENCES member (id),
	UNIQUE (screening_id, sort),
	UNIQUE (screening_id, member_id)
);
CREATE INDEX screening_member_member ON screening_member (member_id);

-- 信访事项. resolved_date (化解日期) is set exactly when the case is closed (已化解/息诉罢访).
CREATE TABLE petition (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	date          TEXT NOT NULL CHECK (date(date) IS date),                                  -- 登记日期
	petitioner    TEXT NOT NULL CHECK (petitioner <> ''),                                   -- 信访人
	team          TEXT NOT NULL DEFAULT '',                                                 -- 班组/单位
	category      TEXT NOT NULL DEFAULT '' CHECK (category IN ('', '工资待遇', '工伤', '劳动关系', '住房', '家庭', '其他')), -- 类别
	content       TEXT NOT NULL CHECK (content <> ''),                                      -- 诉求内容
	risk          TEXT NOT NULL DEFAULT '一般' CHECK (risk IN ('一般', '较大', '重大')),          -- 风险等级
	measures      TEXT NOT NULL DEFAULT '',                                                 -- 化解措施
	deadline      TEXT NOT NULL CHECK (date(deadline) IS deadline AND deadline >= date),     -- 办理期限
	state         TEXT NOT NULL DEFAULT '已登记' CHECK (state IN ('已登记', '化解中', '已化解', '息诉罢访')), -- 状态
	resolved_date TEXT NOT NULL DEFAULT '' CHECK (resolved_date = '' OR date(resolved_date) IS resolved_date AND resolved_date >= date), -- 化解日期
	result        TEXT NOT NULL DEFAULT '',                                                 -- 结果
	escalated     INTEGER NOT NULL DEFAULT 0 CHECK (escalated IN (0, 1)),                   -- 越级上访
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK ((state IN ('已化解', '息诉罢访')) = (resolved_date <> ''))
);
CREATE INDEX petition_date ON petition (branch_id, date);
CREATE INDEX petition_deadline ON petition (branch_id, deadline);
-- 包保责任人 (一包一: one row; 多包一: several), in the form's order.
CREATE TABLE petition_keeper (
	id          INTEGER PRIMARY KEY,
	petition_id INTEGER NOT NULL REFERENCES petition (id) ON DELETE CASCADE,
	sort        INTEGER NOT NULL,
	member_id   INTEGER NOT NULL REFERENCES member (id),
	UNIQUE (petition_id, sort),
	UNIQUE (petition_id, member_id)
);
CREATE INDEX petition_keeper_member ON petition_keeper (member_id);

-- point_entry gains petition_id: a generated 包保化解信访事项 is the record of its case. A CHECK
-- cannot be altered, so the table is rebuilt (foreign keys are off while migrating).
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
	petition_id   INTEGER REFERENCES petition (id) ON DELETE CASCADE,
	CHECK ((inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL)
		+ (dues_year IS NOT NULL) + (petition_id IS NOT NULL) <= 1),
	CHECK (generated = 0 OR (inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) + (activity_id IS NOT NULL)
		+ (dues_year IS NOT NULL) + (petition_id IS NOT NULL) = 1)
);
INSERT INTO point_entry_new (id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id,
	activity_id, generated, created_at, updated_at, dues_year)
	SELECT id, branch_id, member_id, date, item, points, reason, inspection_id, finding_id, welfare_id,
		activity_id, generated, created_at, updated_at, dues_year FROM point_entry;
DROP TABLE point_entry;
ALTER TABLE point_entry_new RENAME TO point_entry;
CREATE UNIQUE INDEX point_entry_generated ON point_entry (coalesce(inspection_id, 0), coalesce(finding_id, 0),
	coalesce(welfare_id, 0), coalesce(activity_id, 0), coalesce(dues_year, 0), coalesce(petition_id, 0), member_id, item) WHERE generated = 1;
CREATE INDEX point_entry_date ON point_entry (date);
CREATE INDEX point_entry_member ON point_entry (member_id, date);
CREATE INDEX point_entry_inspection ON point_entry (inspection_id);
CREATE INDEX point_entry_finding ON point_entry (finding_id);
CREATE INDEX point_entry_welfare ON point_entry (welfare_id);
CREATE INDEX point_entry_activity ON point_entry (activity_id);
CREATE INDEX point_entry_petition ON point_entry (petition_id);

-- A1's 信访维稳排查靠前 is filled from these records from now on (data.AutoPetition, SPEC §12.6), with
-- 越级上访 a 一票否决 (data.A1PetitionRule), unless the user has changed the item.
UPDATE assess_template_item SET method = '按次扣分', per = 1, veto = 1, auto = '信访维稳台账',
	standard = '每月至少开展1次矛盾纠纷排查，未排查扣3分；逾期未化解的信访事项每件扣2分；发生越级上访一票否决（取消否决的每起扣5分）；扣完为止'
	WHERE name = '信访维稳排查靠前' AND method = '人工评分' AND auto = '' AND veto = 0
	AND standard = '每月开展矛盾纠纷排查，信访事项及时化解；发生越级上访的每起扣5分'
	AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核');

-- The A2 catalogue gains 包保化解信访事项 +2 (data.DefaultA2Template), before the veto item where the
-- seeded catalogue is still as 0006 left it.
UPDATE assess_template_item SET seq = 14
	WHERE template_id = 2 AND seq = 13 AND name = '违纪受处分'
	AND EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 12 AND name = '无故缺席组织生活')
	AND NOT EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 14);
INSERT INTO assess_template_item (template_id, seq, name, points, method, per, cap, veto, auto, part, standard)
	SELECT 2, 13, '包保化解信访事项', 0, '按次加分', 2, 0, 0, '', '', '包保的信访事项已化解或息诉罢访，每名包保责任人加2分（由信访维稳台账自动生成）'
	WHERE EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 14 AND name = '违纪受处分')
	AND NOT EXISTS (SELECT 1 FROM assess_template_item WHERE template_id = 2 AND seq = 13);
