-- 0007: 民主评议党员, 谈心谈话 and 换届 (SPEC §12.1): the yearly appraisals with one row per member,
-- the talks, the branch's talk rules (data.DefaultTalkRules until a branch changes them: no row
-- means the default), and the committee's terms with their members and posts. The conventions of
-- 0001 hold. A member named in any of them cannot be deleted (no ON DELETE action): members who
-- leave get a 在册状态 instead.
-- This file is released: change the schema in a new numbered file.

-- 民主评议党员: one per branch and year.
CREATE TABLE appraisal (
	id         INTEGER PRIMARY KEY,
	branch_id  INTEGER NOT NULL REFERENCES branch (id),
	year       INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 9999),                    -- 年度
	date       TEXT NOT NULL DEFAULT '' CHECK (date = '' OR date(date) IS date),    -- 评议日期
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (branch_id, year)
);
-- A member's 自评, ballots per grade and 评定等次 ('' = not rated yet), in the form's order.
CREATE TABLE appraisal_member (
	id           INTEGER PRIMARY KEY,
	appraisal_id INTEGER NOT NULL REFERENCES appraisal (id) ON DELETE CASCADE,
	sort         INTEGER NOT NULL,
	member_id    INTEGER NOT NULL REFERENCES member (id),
	self_review  TEXT NOT NULL DEFAULT '',                                  -- 自评
	excellent    INTEGER NOT NULL DEFAULT 0 CHECK (excellent >= 0),          -- 优秀票
	qualified    INTEGER NOT NULL DEFAULT 0 CHECK (qualified >= 0),          -- 合格票
	basic        INTEGER NOT NULL DEFAULT 0 CHECK (basic >= 0),              -- 基本合格票
	failed       INTEGER NOT NULL DEFAULT 0 CHECK (failed >= 0),             -- 不合格票
	grade        TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', '优秀', '合格', '基本合格', '不合格')), -- 评定等次
	follow_up    TEXT NOT NULL DEFAULT '',                                  -- 帮扶措施
	UNIQUE (appraisal_id, sort),
	UNIQUE (appraisal_id, member_id)
);
CREATE INDEX appraisal_member_member ON appraisal_member (member_id);

-- 谈心谈话. The subject is a member (subject_id) or a worker (subject, subject_team).
CREATE TABLE talk (
	id           INTEGER PRIMARY KEY,
	branch_id    INTEGER NOT NULL REFERENCES branch (id),
	date         TEXT NOT NULL CHECK (date(date) IS date),                  -- 日期
	talker_id    INTEGER NOT NULL REFERENCES member (id),                    -- 谈话人
	subject_id   INTEGER REFERENCES member (id),                             -- 谈话对象 (a member)
	subject      TEXT NOT NULL DEFAULT '',                                   -- 谈话对象 (a worker)
	subject_team TEXT NOT NULL DEFAULT '',                                   -- the worker's 班组
	kind         TEXT NOT NULL CHECK (kind IN ('谈心谈话', '提醒谈话', '任前谈话', '思想疏导')), -- 类型
	place        TEXT NOT NULL DEFAULT '',                                   -- 地点
	content      TEXT NOT NULL CHECK (content <> ''),                        -- 主要内容
	issues       TEXT NOT NULL DEFAULT '',                                   -- 对象反映的问题
	recorder     TEXT NOT NULL DEFAULT '',                                   -- 记录人
	created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK (subject_id IS NOT NULL OR subject <> ''),
	CHECK (subject_id IS NULL OR subject_id <> talker_id)
);
CREATE INDEX talk_date ON talk (date);
CREATE INDEX talk_talker ON talk (talker_id);
CREATE INDEX talk_subject ON talk (subject_id);

-- The branch's talk rules: a talk of the rule at least at_least times per period (0 = off).
CREATE TABLE talk_rule (
	id        INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	rule      TEXT NOT NULL CHECK (rule IN ('书记与支委谈话', '支委与党员谈话', '重点岗位党员谈话')),
	per       TEXT NOT NULL CHECK (per IN ('月', '季度', '半年', '年')),
	at_least  INTEGER NOT NULL CHECK (at_least BETWEEN 0 AND 99),
	UNIQUE (branch_id, rule)
);

-- 换届: the committee's terms and, per term, its members and their posts.
CREATE TABLE committee_term (
	id           INTEGER PRIMARY KEY,
	branch_id    INTEGER NOT NULL REFERENCES branch (id),
	number       INTEGER NOT NULL CHECK (number BETWEEN 1 AND 100),         -- 届次
	elected_date TEXT NOT NULL CHECK (date(elected_date) IS elected_date),  -- 选举日期
	years        INTEGER NOT NULL DEFAULT 3 CHECK (years BETWEEN 1 AND 10), -- 任期
	remark       TEXT NOT NULL DEFAULT '',                                  -- 备注
	created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (branch_id, number)
);
CREATE TABLE term_member (
	id        INTEGER PRIMARY KEY,
	term_id   INTEGER NOT NULL REFERENCES committee_term (id) ON DELETE CASCADE,
	sort      INTEGER NOT NULL,
	member_id INTEGER NOT NULL REFERENCES member (id),
	post      TEXT NOT NULL CHECK (post IN ('书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员')), -- 职务
	UNIQUE (term_id, sort),
	UNIQUE (term_id, member_id)
);
CREATE INDEX term_member_member ON term_member (member_id);

-- 作风纪律建设靠前 of the seeded 支部月度考核表 becomes automatic (data.AutoDiscipline, SPEC §12.6:
-- 谈心谈话 coverage of the key posts, 作风纪律 findings and their close-out), unless the user has
-- changed the item.
UPDATE assess_template_item SET method = '按次扣分', per = 1, auto = '纪律谈话台账',
	standard = '重点岗位党员每季度至少谈话1次，季度末未谈的每人扣1分；当月发现作风纪律问题每条扣1分，逾期未销号的每条扣1分；通报批评、违纪案件人工调整；扣完为止'
	WHERE name = '作风纪律建设靠前' AND method = '人工评分' AND auto = ''
	AND standard = '落实中央八项规定精神，无违规违纪；党员受到通报批评的每人次扣3分，发生违纪案件本项不得分'
	AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核');
