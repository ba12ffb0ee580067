-- 0005: assessments (SPEC §5): assessment templates (考核表) seeded with the three default ones
-- (data.DefaultAssessTemplates: A1 支部月度考核, A2 党员积分, A3 “三位一体”考核), assessments with
-- their own copy of the template and their scored items, and the members' point entries (积分明细).
-- The conventions of 0001 hold. Points are REAL in steps of 0.5, which binary floating point holds
-- exactly. Lists of small records (grade lines, tallies, evidence) are JSON texts.
-- This file is released: change the schema in a new numbered file.

-- 考核表 and its items in order (seq 1, 2, …). grades is the JSON array of data.GradeLine, highest
-- first.
CREATE TABLE assess_template (
	id          INTEGER PRIMARY KEY,
	branch_id   INTEGER NOT NULL REFERENCES branch (id),
	kind        TEXT NOT NULL CHECK (kind IN ('支部月度考核', '党员积分', '三位一体考核')), -- 考核类别
	name        TEXT NOT NULL CHECK (name <> ''),                                          -- 考核表名称
	subject     TEXT NOT NULL CHECK (subject IN ('支部', '党员')),                          -- 考核对象
	period_kind TEXT NOT NULL CHECK (period_kind IN ('月度', '季度', '年度')),              -- 考核周期
	scheme      TEXT NOT NULL CHECK (scheme IN ('逐项得分合计', '基础分加减分')),            -- 计分方式
	base        REAL NOT NULL DEFAULT 0 CHECK (base >= 0),                                 -- 基础分
	bonus_cap   REAL NOT NULL DEFAULT 0 CHECK (bonus_cap >= 0),                            -- 加分上限
	grades      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(grades)),                     -- 等次分数线
	created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (branch_id, name)
);
CREATE TABLE assess_template_item (
	template_id INTEGER NOT NULL REFERENCES assess_template (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL CHECK (seq >= 1),                                        -- 序号
	name        TEXT NOT NULL CHECK (name <> ''),                                         -- 考核项目
	standard    TEXT NOT NULL DEFAULT '',                                                 -- 考核内容及评分标准
	points      REAL NOT NULL DEFAULT 0 CHECK (points >= 0),                              -- 分值
	method      TEXT NOT NULL CHECK (method IN ('人工评分', '按次扣分', '按次加分')),     -- 评分方法
	per         REAL NOT NULL DEFAULT 0 CHECK (per >= 0),                                 -- 每次分值
	cap         REAL NOT NULL DEFAULT 0 CHECK (cap >= 0),                                 -- 封顶分值
	veto        INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),                        -- 一票否决
	auto        TEXT NOT NULL DEFAULT '',                                                 -- 台账自动取数
	part        TEXT NOT NULL DEFAULT '',                                                 -- 板块
	PRIMARY KEY (template_id, seq)
) WITHOUT ROWID;

-- An assessment: the template as it was (the template may be edited or deleted; the assessment
-- keeps its name, scheme, base, bonus cap and grade lines), its subject and its period. The subject
-- is the branch (member_id NULL) or a member, who cannot be deleted while assessed (no ON DELETE
-- action). subject_name is the name as saved, shown when the member row is gone.
CREATE TABLE assessment (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	template_id   INTEGER REFERENCES assess_template (id) ON DELETE SET NULL,
	template_name TEXT NOT NULL CHECK (template_name <> ''),
	kind          TEXT NOT NULL CHECK (kind IN ('支部月度考核', '党员积分', '三位一体考核')),
	scheme        TEXT NOT NULL CHECK (scheme IN ('逐项得分合计', '基础分加减分')),
	base          REAL NOT NULL DEFAULT 0 CHECK (base >= 0),
	bonus_cap     REAL NOT NULL DEFAULT 0 CHECK (bonus_cap >= 0),
	grades        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(grades)),
	subject       TEXT NOT NULL CHECK (subject IN ('支部', '党员')),                         -- 考核对象
	member_id     INTEGER REFERENCES member (id),
	subject_name  TEXT NOT NULL DEFAULT '',
	period_from   TEXT NOT NULL CHECK (date(period_from) IS period_from),                  -- 期间
	period_to     TEXT NOT NULL CHECK (date(period_to) IS period_to AND period_to >= period_from),
	period_label  TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK ((subject = '党员') = (member_id IS NOT NULL))
);
-- One assessment per template, subject and period.
CREATE UNIQUE INDEX assessment_one ON assessment (template_id, branch_id, coalesce(member_id, 0), period_from, period_to);
CREATE INDEX assessment_period ON assessment (period_from);
CREATE INDEX assessment_member ON assessment (member_id);
CREATE INDEX assessment_template ON assessment (template_id);

-- An assessment's items: the template item as it was (sort is the position, seq the 序号 as copied)
-- and how it scored. tallies and evidence are JSON arrays of data.Tally and data.EvidenceRef. An
-- override (人工调整) is present when override_score is not NULL, with who, why and when (UTC).
CREATE TABLE assessment_item (
	assessment_id  INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
	sort           INTEGER NOT NULL,
	seq            INTEGER NOT NULL DEFAULT 0,
	name           TEXT NOT NULL CHECK (name <> ''),
	standard       TEXT NOT NULL DEFAULT '',
	points         REAL NOT NULL DEFAULT 0 CHECK (points >= 0),
	method         TEXT NOT NULL CHECK (method IN ('人工评分', '按次扣分', '按次加分')),
	per            REAL NOT NULL DEFAULT 0 CHECK (per >= 0),
	cap            REAL NOT NULL DEFAULT 0 CHECK (cap >= 0),
	veto           INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
	auto           TEXT NOT NULL DEFAULT '',
	part           TEXT NOT NULL DEFAULT '',
	tallies        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tallies)),
	evidence       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
	done           TEXT NOT NULL DEFAULT '',                                   -- 完成情况
	score          REAL NOT NULL DEFAULT 0 CHECK (score >= 0),                 -- 得分 (人工评分)
	vetoed         INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
	override_score REAL CHECK (override_score IS NULL OR override_score >= 0), -- 人工调整
	override_by    TEXT NOT NULL DEFAULT '',                                   -- 调整人
	override_why   TEXT NOT NULL DEFAULT '',                                   -- 调整理由
	override_at    TEXT NOT NULL DEFAULT '',                                   -- UTC 'YYYY-MM-DD HH:MM:SS'
	reason         TEXT NOT NULL DEFAULT '',                                   -- 扣分原因
	PRIMARY KEY (assessment_id, sort),
	CHECK (override_score IS NULL AND override_by = '' AND override_why = '' AND override_at = ''
		OR override_score IS NOT NULL AND override_by <> '' AND override_why <> '' AND override_at <> '')
) WITHOUT ROWID;

-- 积分明细: one entry of a member's points. A member with entries cannot be deleted (no ON DELETE
-- action). The record an entry comes from is a real reference (督查记录, 问题 or 办实事事项, at most
-- one), so that deleting the record takes its entries with it (to the recycle bin, and back) and a
-- consolidation remaps it. Generated entries (kept in step with their record) are unique per record,
-- member and 项目.
CREATE TABLE point_entry (
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
	generated     INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1)),
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK ((inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) <= 1),
	CHECK (generated = 0 OR (inspection_id IS NOT NULL) + (finding_id IS NOT NULL) + (welfare_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX point_entry_generated
	ON point_entry (coalesce(inspection_id, 0), coalesce(finding_id, 0), coalesce(welfare_id, 0), member_id, item) WHERE generated = 1;
CREATE INDEX point_entry_date ON point_entry (date);
CREATE INDEX point_entry_member ON point_entry (member_id, date);
CREATE INDEX point_entry_inspection ON point_entry (inspection_id);
CREATE INDEX point_entry_finding ON point_entry (finding_id);
CREATE INDEX point_entry_welfare ON point_entry (welfare_id);

-- The three default templates (data.DefaultAssessTemplates, as released with this file; users edit
-- them), in the current branch.
INSERT INTO assess_template (id, branch_id, kind, name, subject, period_kind, scheme, base, bonus_cap, grades)
	SELECT column1, (SELECT min(id) FROM branch), column2, column3, column4, column5, column6, column7, column8, column9 FROM (VALUES
		(1, '支部月度考核', '支部月度考核表', '支部', '月度', '逐项得分合计', 0, 0, '[{"Min":90,"Grade":"优秀"},{"Min":75,"Grade":"合格"},{"Min":60,"Grade":"基本合格"}]'),
		(2, '党员积分', '党员积分考核表', '党员', '年度', '基础分加减分', 80, 20, '[{"Min":90,"Grade":"优秀"},{"Min":75,"Grade":"合格"},{"Min":60,"Grade":"基本合格"}]'),
		(3, '三位一体考核', '“三位一体”考核表', '党员', '年度', '逐项得分合计', 0, 0, '[{"Min":90,"Grade":"优秀"},{"Min":75,"Grade":"合格"},{"Min":60,"Grade":"基本合格"}]'))
	WHERE EXISTS (SELECT 1 FROM branch);
INSERT INTO assess_template_item (template_id, seq, name, points, method, per, cap, veto, auto, part, standard)
	SELECT column1, column2, column3, column4, column5, column6, column7, column8, column9, column10, column11 FROM (VALUES
		(1, 1, '政治理论学习靠前', 10, '人工评分', 0, 0, 0, '', '',
			'按计划开展“三会一课”和理论学习，学习有记录、有心得；缺1次扣2分，记录不全扣1分'),
		(1, 2, '党建基础工作靠前', 10, '人工评分', 0, 0, 0, '', '',
			'党员信息、台账资料齐全准确，党费按时收缴，组织关系及时转接；每项不到位扣2分'),
		(1, 3, '“三重一大”决策靠前', 10, '人工评分', 0, 0, 0, '', '',
			'重大事项、重要人事、重大项目和大额资金使用集体研究决策，会议纪要完整；未经集体研究的每项扣5分'),
		(1, 4, '作风纪律建设靠前', 10, '人工评分', 0, 0, 0, '', '',
			'落实中央八项规定精神，无违规违纪；党员受到通报批评的每人次扣3分，发生违纪案件本项不得分'),
		(1, 5, '安全督查检查靠前', 15, '按次扣分', 1, 0, 0, '督查台账', '',
			'党员督查每月不少于4次，少1次扣2分；发现的问题按期整改销号，逾期未销号的每条扣1分；扣完为止'),
		(1, 6, '人文关怀疏导靠前', 10, '人工评分', 0, 0, 0, '', '',
			'开展谈心谈话，困难党员职工帮扶、思想波动疏导及时；应谈未谈或帮扶不到位的每人次扣2分'),
		(1, 7, '应急防控冲锋靠前', 5, '人工评分', 0, 0, 0, '', '',
			'应急处置、抢险救灾中党员冲锋在前，突击队组织有力；响应不及时的扣2分'),
		(1, 8, '幸福指数提升靠前', 10, '按次扣分', 1, 0, 0, '两堂一舍台账', '',
			'两堂一舍检查平均标化分不低于90分，每低5分扣1分（最多扣4分），当月未检查扣2分；满意率不低于90%，每低5个百分点扣1分（最多扣3分）；当月无办结的办实事事项扣2分'),
		(1, 9, '“四效”建设挖潜靠前', 10, '按次加分', 5, 0, 0, '自主完成', '',
			'能自己干的不外委：当月自主完成的办实事事项每项得5分，最高10分'),
		(1, 10, '信访维稳排查靠前', 10, '人工评分', 0, 0, 0, '', '',
			'每月开展矛盾纠纷排查，信访事项及时化解；发生越级上访的每起扣5分'),
		(2, 1, '参加督查', 0, '按次加分', 1, 0, 0, '', '',
			'参加党员督查，每次加1分（由督查记录自动生成）'),
		(2, 2, '督查发现问题', 0, '按次加分', 1, 0, 0, '', '',
			'督查中发现问题，每条加1分（由督查记录自动生成）'),
		(2, 3, '合理化建议', 0, '按次加分', 2, 0, 0, '', '',
			'提出合理化建议，每条加2分'),
		(2, 4, '合理化建议被采纳', 0, '按次加分', 5, 0, 0, '', '',
			'合理化建议被采纳，每条加5分'),
		(2, 5, '办实事承办并办结', 0, '按次加分', 2, 0, 0, '', '',
			'承办办实事事项并办结，每项加2分（由办实事台账自动生成）'),
		(2, 6, '受集团/市级表彰', 0, '按次加分', 5, 0, 0, '', '',
			'受到集团公司或市级及以上表彰，每次加5分'),
		(2, 7, '所在班组轻微“三违”', 0, '按次扣分', 1, 0, 0, '', '',
			'所在班组发生轻微“三违”，每人次扣1分'),
		(2, 8, '所在班组一般“三违”', 0, '按次扣分', 2, 0, 0, '', '',
			'所在班组发生一般“三违”，每人次扣2分'),
		(2, 9, '承办事项逾期', 0, '按次扣分', 2, 0, 0, '', '',
			'承办的事项逾期未办结，每项扣2分（由办实事台账自动生成）'),
		(2, 10, '未按期缴纳党费', 0, '按次扣分', 2, 0, 0, '', '',
			'未按期缴纳党费，每次扣2分'),
		(2, 11, '违纪受处分', 0, '按次扣分', 0, 0, 1, '', '',
			'违纪受到党纪政务处分的，一票否决，积分计0分、等次为不合格'),
		(3, 1, '政治学习', 10, '人工评分', 0, 0, 0, '', '党建',
			'按时参加“三会一课”和集中学习，学习笔记完整'),
		(3, 2, '组织生活', 10, '人工评分', 0, 0, 0, '', '党建',
			'按时参加组织生活、按期缴纳党费，积极参加主题党日活动'),
		(3, 3, '先锋作用', 10, '人工评分', 0, 0, 0, '', '党建',
			'在岗位上亮身份、作表率，承诺践诺，承办事项按期办结'),
		(3, 4, '廉洁自律', 10, '人工评分', 0, 0, 1, '', '党建',
			'遵守廉洁从业规定；违纪受到处分的一票否决'),
		(3, 5, '安全责任落实', 10, '人工评分', 0, 0, 1, '', '安全',
			'落实岗位安全生产责任制；负有责任的安全事故一票否决'),
		(3, 6, '隐患排查治理', 10, '人工评分', 0, 0, 0, '', '安全',
			'按规定排查隐患，发现的问题按期整改销号'),
		(3, 7, '“三违”管控', 10, '人工评分', 0, 0, 0, '', '安全',
			'本人及分管范围无“三违”；每发生一人次扣2分'),
		(3, 8, '生产任务完成', 15, '人工评分', 0, 0, 0, '', '生产经营',
			'完成年度生产（工作）任务指标，未完成的按比例扣分'),
		(3, 9, '成本管控', 10, '人工评分', 0, 0, 0, '', '生产经营',
			'材料、费用控制在预算内，修旧利废，能自己干的不外委'),
		(3, 10, '创新创效', 5, '人工评分', 0, 0, 0, '', '生产经营',
			'开展合理化建议、技术革新、“四效”挖潜，取得实效'))
	WHERE EXISTS (SELECT 1 FROM assess_template WHERE id = column1);
