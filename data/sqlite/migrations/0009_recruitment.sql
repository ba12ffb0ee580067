-- 0009: 发展党员 (SPEC §14): the people in the recruitment pipeline, their 25 steps, the members
-- picked for them (谈话人, 培养联系人, 入党介绍人) and their half-yearly 考察 records. The conventions
-- of 0001 hold. This file is released: change the schema in a new numbered file.

-- A person in the pipeline. member_id is the roster member made at step 15: that member cannot be
-- deleted while the link stands (no ON DELETE action), and one member is one person's.
CREATE TABLE recruit (
	id            INTEGER PRIMARY KEY,
	branch_id     INTEGER NOT NULL REFERENCES branch (id),
	name          TEXT NOT NULL CHECK (name <> ''),                          -- 姓名
	sex           TEXT NOT NULL CHECK (sex IN ('男', '女')),                  -- 性别
	ethnicity     TEXT NOT NULL DEFAULT '汉族',                               -- 民族
	id_number     TEXT NOT NULL CHECK (length(id_number) = 18),              -- 公民身份证号
	birth_date    TEXT NOT NULL CHECK (date(birth_date) IS birth_date),      -- 出生日期
	education     TEXT NOT NULL DEFAULT '',                                  -- 学历
	team_id       INTEGER REFERENCES team (id) ON DELETE SET NULL,           -- 班组
	job           TEXT NOT NULL DEFAULT '',                                  -- 岗位
	mobile        TEXT NOT NULL DEFAULT '',                                  -- 手机号
	remark        TEXT NOT NULL DEFAULT '',                                  -- 备注
	vote15        TEXT NOT NULL DEFAULT '',  -- 接收预备党员的表决: JSON {entitled, for, against, abstain} or ''
	vote23        TEXT NOT NULL DEFAULT '',  -- 转正的表决, as vote15
	train_days    INTEGER NOT NULL DEFAULT 0 CHECK (train_days >= 0),       -- 集中培训天数
	train_hours   INTEGER NOT NULL DEFAULT 0 CHECK (train_hours >= 0),      -- 集中培训学时
	group_id      INTEGER REFERENCES party_group (id) ON DELETE SET NULL,    -- 编入党小组 (step 19)
	extend_months INTEGER NOT NULL DEFAULT 0 CHECK (extend_months = 0 OR extend_months BETWEEN 6 AND 12), -- 延长预备期
	extend_date   TEXT NOT NULL DEFAULT '' CHECK (extend_date = '' OR date(extend_date) IS extend_date),
	member_id     INTEGER UNIQUE REFERENCES member (id),                     -- the member made at step 15
	created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE (branch_id, id_number)
);
CREATE INDEX recruit_team ON recruit (team_id);
CREATE INDEX recruit_group ON recruit (group_id);

-- The steps done (a step not done has no row).
CREATE TABLE recruit_step (
	recruit_id INTEGER NOT NULL REFERENCES recruit (id) ON DELETE CASCADE,
	step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 25),
	date       TEXT NOT NULL DEFAULT '' CHECK (date = '' OR date(date) IS date),
	note       TEXT NOT NULL DEFAULT '',                                     -- 情况记录
	PRIMARY KEY (recruit_id, step)
) WITHOUT ROWID;

-- The members picked: a member so named cannot be deleted (no ON DELETE action).
CREATE TABLE recruit_person (
	recruit_id INTEGER NOT NULL REFERENCES recruit (id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN ('谈话人', '培养联系人', '入党介绍人')),
	seq        INTEGER NOT NULL CHECK (seq >= 1),
	member_id  INTEGER NOT NULL REFERENCES member (id),
	PRIMARY KEY (recruit_id, role, seq)
) WITHOUT ROWID;
CREATE INDEX recruit_person_member ON recruit_person (member_id);

-- 考察 records of step 6 (培养教育考察) and step 21 (继续教育考察).
CREATE TABLE recruit_review (
	recruit_id INTEGER NOT NULL REFERENCES recruit (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL CHECK (seq >= 1),
	step       INTEGER NOT NULL CHECK (step IN (6, 21)),
	date       TEXT NOT NULL CHECK (date(date) IS date),
	note       TEXT NOT NULL DEFAULT '',                                     -- 考察情况
	PRIMARY KEY (recruit_id, seq)
) WITHOUT ROWID;
