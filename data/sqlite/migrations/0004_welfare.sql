-- 0004: 两堂一舍 welfare (SPEC §4): facilities, checklist templates seeded with the four default
-- ones (data.DefaultTemplates), checks with their scored items, the grade thresholds, welfare items
-- (办实事/职工诉求) with their state history, and satisfaction surveys. The conventions of 0001
-- hold. Scores and points are REAL in steps of 0.5, which binary floating point holds exactly.
-- This file is released: change the schema in a new numbered file.

-- 设施. The name is unique within its category: 一号宿舍楼 may be a dormitory and a bathhouse.
CREATE TABLE facility (
	id        INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	category  TEXT NOT NULL CHECK (category IN ('食堂', '澡堂', '宿舍', '绿化', '其他')), -- 类别
	name      TEXT NOT NULL CHECK (name <> ''),                                          -- 名称
	location  TEXT NOT NULL DEFAULT '',                                                  -- 位置
	manager   TEXT NOT NULL DEFAULT '',                                                  -- 负责人
	remark    TEXT NOT NULL DEFAULT '',                                                  -- 备注
	rooms     INTEGER NOT NULL DEFAULT 0 CHECK (rooms >= 0),                             -- 房间数 (宿舍)
	UNIQUE (branch_id, category, name)
);

-- 评分表 and its items in order (seq 1, 2, …).
CREATE TABLE template (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	name       TEXT NOT NULL CHECK (name <> ''),                                          -- 名称
	category   TEXT NOT NULL CHECK (category IN ('食堂', '澡堂', '宿舍', '绿化', '其他')), -- 适用类别
	total      REAL NOT NULL CHECK (total > 0),                                           -- 总分
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (branch_id, name)
);
CREATE TABLE template_item (
	template_id INTEGER NOT NULL REFERENCES template (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL CHECK (seq >= 1),                     -- 序号
	name        TEXT NOT NULL CHECK (name <> ''),                      -- 检查项目
	standard    TEXT NOT NULL DEFAULT '',                              -- 检查内容及标准
	points      REAL NOT NULL CHECK (points > 0),                      -- 分值
	key_item    INTEGER NOT NULL DEFAULT 0 CHECK (key_item IN (0, 1)), -- 关键项 ※
	optional    INTEGER NOT NULL DEFAULT 0 CHECK (optional IN (0, 1)), -- 可缺项
	PRIMARY KEY (template_id, seq)
) WITHOUT ROWID;

-- A check of a facility ("check" is an SQL keyword, hence facility_check). A facility with checks
-- cannot be deleted (no ON DELETE action). The template may be deleted: the check keeps its name
-- and its own copy of the items.
CREATE TABLE facility_check (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	facility_id   INTEGER NOT NULL REFERENCES facility (id),              -- 设施
	template_id   INTEGER REFERENCES template (id) ON DELETE SET NULL,
	template_name TEXT NOT NULL CHECK (template_name <> ''),              -- 评分表
	date          TEXT NOT NULL CHECK (date(date) IS date),               -- 检查日期
	checker       TEXT NOT NULL CHECK (checker <> ''),                    -- 检查人
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX facility_check_date ON facility_check (date);
CREATE INDEX facility_check_facility ON facility_check (facility_id);
CREATE INDEX facility_check_template ON facility_check (template_id);

-- A check's items: the template item as it was when scored (sort is the position; seq is the 序号
-- as copied), and the score. finding_id is the finding created from the deduction.
-- It has an id of its own, as the recycle bin needs of a row holding an ON DELETE SET NULL reference.
CREATE TABLE check_item (
	id         INTEGER PRIMARY KEY,
	check_id   INTEGER NOT NULL REFERENCES facility_check (id) ON DELETE CASCADE,
	sort       INTEGER NOT NULL,
	seq        INTEGER NOT NULL DEFAULT 0,
	name       TEXT NOT NULL CHECK (name <> ''),
	standard   TEXT NOT NULL DEFAULT '',
	points     REAL NOT NULL CHECK (points > 0),
	key_item   INTEGER NOT NULL DEFAULT 0 CHECK (key_item IN (0, 1)),
	optional   INTEGER NOT NULL DEFAULT 0 CHECK (optional IN (0, 1)),
	score      REAL NOT NULL DEFAULT 0 CHECK (score >= 0 AND score <= points),   -- 得分
	na         INTEGER NOT NULL DEFAULT 0 CHECK (na IN (0, 1) AND (na = 0 OR optional = 1)), -- 不适用
	reason     TEXT NOT NULL DEFAULT '',                                         -- 扣分原因
	finding_id INTEGER REFERENCES finding (id) ON DELETE SET NULL,
	UNIQUE (check_id, sort)
);
CREATE INDEX check_item_finding ON check_item (finding_id);

-- finding.check_id becomes a reference now that checks exist: a finding outlives the check that
-- found it, without the link. SQLite cannot add a foreign key to a column, so the table is rebuilt
-- (SQLite's ALTER TABLE procedure; the runner has foreign keys off and checks them afterwards).
CREATE TABLE finding_new (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	source        TEXT NOT NULL CHECK (source IN ('督查', '两堂一舍检查', '其他')),
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
	CHECK ((state = '已销号') = (closed_date <> '')),
	CHECK (inspection_id IS NULL OR source = '督查'),
	CHECK (check_id IS NULL OR source = '两堂一舍检查')
);
-- No check existed before this migration, so no finding can point at one.
INSERT INTO finding_new SELECT id, branch_id, source, inspection_id, NULL, team_id, found_date, category, level,
	description, member_id, responsible, measures, deadline, progress, acceptor, closed_date, state, created_at, updated_at
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

-- 办实事/职工诉求. The 承办人 is a member who cannot be deleted while handling items (no ON DELETE
-- action). 费用 is kept in fen (分), so sums are exact. Overdue is derived, never stored.
CREATE TABLE welfare_item (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	title         TEXT NOT NULL CHECK (title <> ''),                                              -- 事项
	category      TEXT NOT NULL DEFAULT '' CHECK (category IN ('', '食堂', '澡堂', '宿舍', '绿化', '其他')), -- 类别
	source        TEXT NOT NULL DEFAULT ''                                                         -- 来源
		CHECK (source IN ('', '职工反映', '检查发现', '满意度调查', '支部提出')),
	proposer      TEXT NOT NULL DEFAULT '',                                                       -- 提出人
	proposed_date TEXT NOT NULL CHECK (date(proposed_date) IS proposed_date),                     -- 提出日期
	handler_id    INTEGER NOT NULL REFERENCES member (id),                                         -- 承办人
	planned_date  TEXT NOT NULL                                                                    -- 计划完成日期
		CHECK (date(planned_date) IS planned_date AND planned_date >= proposed_date),
	state         TEXT NOT NULL DEFAULT '已登记' CHECK (state IN ('已登记', '办理中', '已办结', '不予办理')), -- 状态
	reason        TEXT NOT NULL DEFAULT '',                                                       -- 原因
	done_date     TEXT NOT NULL DEFAULT ''                                                         -- 办结日期
		CHECK (done_date = '' OR date(done_date) IS done_date AND done_date >= proposed_date),
	rating        TEXT NOT NULL DEFAULT '' CHECK (rating IN ('', '满意', '基本满意', '不满意')),   -- 职工评价
	cost_fen      INTEGER NOT NULL DEFAULT 0 CHECK (cost_fen >= 0),                               -- 费用, in fen
	in_house      INTEGER NOT NULL DEFAULT 0 CHECK (in_house IN (0, 1)),                          -- 自主完成
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- A finished item has its 办结日期 and may have a rating; an open one neither. A refusal has a reason.
	CHECK ((state = '已办结') = (done_date <> '')),
	CHECK (rating = '' OR state = '已办结'),
	CHECK (state <> '不予办理' OR reason <> '')
);
CREATE INDEX welfare_item_proposed ON welfare_item (proposed_date);
CREATE INDEX welfare_item_state ON welfare_item (state, planned_date);
CREATE INDEX welfare_item_handler ON welfare_item (handler_id);

-- Every change of a welfare item's state, with its UTC time; from_state is '' for the creation.
CREATE TABLE welfare_history (
	id         INTEGER PRIMARY KEY,
	item_id    INTEGER NOT NULL REFERENCES welfare_item (id) ON DELETE CASCADE,
	at         TEXT NOT NULL,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	from_state TEXT NOT NULL CHECK (from_state IN ('', '已登记', '办理中', '已办结', '不予办理')),
	to_state   TEXT NOT NULL CHECK (to_state IN ('已登记', '办理中', '已办结', '不予办理')),
	reason     TEXT NOT NULL DEFAULT '',
	done_date  TEXT NOT NULL DEFAULT '' CHECK (done_date = '' OR date(done_date) IS done_date)
);
CREATE INDEX welfare_history_item ON welfare_history (item_id);

-- 满意度调查 and its questions in order, with the count of each answer.
CREATE TABLE survey (
	id           INTEGER PRIMARY KEY,
	branch_id    INTEGER NOT NULL REFERENCES branch (id),
	period_from  TEXT NOT NULL CHECK (date(period_from) IS period_from),                        -- 期间
	period_to    TEXT NOT NULL CHECK (date(period_to) IS period_to AND period_to >= period_from),
	period_label TEXT NOT NULL DEFAULT '',
	category     TEXT NOT NULL CHECK (category IN ('食堂', '澡堂', '宿舍', '绿化', '其他')),   -- 设施类别
	created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX survey_period ON survey (period_from);
CREATE TABLE survey_question (
	survey_id         INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
	sort              INTEGER NOT NULL,
	text              TEXT NOT NULL CHECK (text <> ''),                                  -- 问题
	very_satisfied    INTEGER NOT NULL DEFAULT 0 CHECK (very_satisfied >= 0),            -- 非常满意
	satisfied         INTEGER NOT NULL DEFAULT 0 CHECK (satisfied >= 0),                 -- 满意
	neutral           INTEGER NOT NULL DEFAULT 0 CHECK (neutral >= 0),                   -- 一般
	dissatisfied      INTEGER NOT NULL DEFAULT 0 CHECK (dissatisfied >= 0),              -- 不满意
	very_dissatisfied INTEGER NOT NULL DEFAULT 0 CHECK (very_dissatisfied >= 0),         -- 非常不满意
	PRIMARY KEY (survey_id, sort)
) WITHOUT ROWID;

-- The grade thresholds of a check (标化分 ≥ 优秀 line: 优秀; ≥ 合格 line: 合格).
INSERT INTO setting (key, value) VALUES ('check.grade.excellent', '90'), ('check.grade.pass', '75');

-- The four default templates (data.DefaultTemplates, as released with this file; users edit them),
-- in the current branch.
INSERT INTO template (id, branch_id, name, category, total)
	SELECT column1, (SELECT min(id) FROM branch), column2, column3, column4 FROM (VALUES
		(1, '食堂卫生检查评分表', '食堂', 100),
		(2, '澡堂检查评分表', '澡堂', 100),
		(3, '宿舍检查评分表', '宿舍', 100),
		(4, '绿化环境检查表', '绿化', 100))
	WHERE EXISTS (SELECT 1 FROM branch);
INSERT INTO template_item (template_id, seq, name, points, key_item, optional, standard)
	SELECT column1, column2, column3, column4, column5, column6, column7 FROM (VALUES
		(1, 1, '食品留样', 10, 1, 0,
			'每餐每样成品留样不少于125克，装入专用密闭容器，0～8℃冷藏48小时以上；留样记录（品名、餐次、时间、留样人）齐全'),
		(1, 2, '从业人员健康证', 10, 1, 0,
			'从业人员持有效健康证明上岗并公示；每日晨检有记录，患有碍食品安全疾病或手部有伤口者调离接触直接入口食品的岗位'),
		(1, 3, '餐具消毒', 10, 1, 0,
			'餐饮具用后洗净、消毒，存放在专用密闭保洁柜内；消毒设施正常运转，消毒记录完整'),
		(1, 4, '原料索证索票', 10, 0, 1,
			'采购原料查验并留存供货方资质和每批次检验合格证明或票据，进货台账齐全；无“三无”、过期、变质原料'),
		(1, 5, '生熟分开', 10, 0, 0,
			'刀、墩、盆、容器、冰箱生熟分开并有明显标识；生熟食品分开存放、分开加工，无交叉污染'),
		(1, 6, '操作间卫生', 10, 0, 0,
			'操作间地面、墙面、灶台无油污积水；防蝇、防鼠、防尘设施齐全有效；垃圾桶加盖，垃圾日产日清'),
		(1, 7, '饭菜质量', 10, 0, 0,
			'饭菜品种丰富、荤素搭配、熟透可口；班中餐按时保温送达井口和作业地点，满足倒班职工就餐'),
		(1, 8, '价格公示', 10, 0, 0,
			'饭菜价格、份量在醒目位置公示，明码标价，按公示价格收费，不缺斤短两'),
		(1, 9, '服务态度', 10, 0, 0,
			'工作人员衣帽整洁、文明用语、热情服务；设意见簿，职工意见有记录、有答复'),
		(1, 10, '就餐环境', 10, 0, 0,
			'就餐区桌椅完好整洁，地面干净无积水，通风照明良好；冬季取暖、夏季降温设施正常'),
		(2, 1, '水温水压', 20, 0, 0,
			'淋浴水温保持在38～42℃，水压稳定；喷头完好率不低于95%，各班次升井后均有热水供应'),
		(2, 2, '地面防滑', 20, 1, 0,
			'浴室、更衣室地面防滑处理到位，无积水、无油污、无皂液；通道畅通，台阶、坡道处有防滑警示标识'),
		(2, 3, '更衣柜完好', 15, 0, 1,
			'更衣柜（箱）柜门、锁具、挂钩完好，编号清晰，一人一柜，柜内外清洁'),
		(2, 4, '通风照明', 15, 0, 0,
			'排风设施运转正常，无异味、无霉变、无冷凝水滴落；照明充足，灯具、开关为防潮防水型且完好'),
		(2, 5, '卫生清洁', 20, 0, 0,
			'每班清扫、定期消毒并有记录；地漏、排水沟畅通无堵塞；池浴按规定换水，公用拖鞋一用一消毒'),
		(2, 6, '服务管理', 10, 0, 0,
			'开放时间公示并与各班次升井时间衔接；有专人值班，管理制度上墙，职工意见及时处理'),
		(3, 1, '室内卫生', 25, 0, 0,
			'地面、门窗、床铺整洁，被褥叠放整齐；无异味、无蚊蝇，垃圾及时清理，卫生值日表落实'),
		(3, 2, '安全用电', 20, 1, 0,
			'不私拉乱接电线，不使用电炉、热得快、电热毯等违规大功率电器；充电规范，人走断电，线路、插座无破损'),
		(3, 3, '消防器材', 15, 0, 0,
			'灭火器配备齐全、在有效期内、压力正常、取用方便；疏散通道和安全出口畅通，应急照明、疏散指示完好'),
		(3, 4, '设施完好', 20, 0, 0,
			'门窗、床铺、桌椅、衣柜完好；水、暖、电、卫浴设施正常使用，损坏的及时报修、按时修复'),
		(3, 5, '舍长制度落实', 10, 0, 0,
			'每间宿舍明确舍长，舍长职责上墙；入住人员登记准确，卫生值日和安全自查有记录'),
		(3, 6, '物品定置', 10, 0, 0,
			'个人物品、工作服、劳保用品定点摆放；鞋物、洗漱用品摆放整齐，走廊和楼梯间无杂物堆放'),
		(4, 1, '绿地养护', 40, 0, 0,
			'草坪、树木、花卉按时浇水、修剪、施肥、防治病虫害；无枯死缺株、无黄土裸露，缺株及时补植'),
		(4, 2, '环境卫生', 40, 0, 0,
			'道路、广场、绿地内无垃圾杂物、无积水积煤、无乱堆乱放；垃圾箱完好、及时清运，落叶及时清扫'),
		(4, 3, '设施完好', 20, 0, 1,
			'座椅、护栏、路灯、宣传牌、喷灌等设施完好整洁，损坏的及时维修'))
	WHERE EXISTS (SELECT 1 FROM template WHERE id = column1);
