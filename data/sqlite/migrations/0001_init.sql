-- 0001: the organisation (SPEC §1), the members (SPEC §2) and settings.
-- Conventions for every table: text columns are NOT NULL, '' meaning "not filled in"; dates are TEXT
-- 'YYYY-MM-DD' or '' (the CHECK "date(x) IS x" accepts only real calendar days in that form);
-- booleans are INTEGER 0/1; "none" references are NULL; enumerations are CHECKed with the Chinese
-- values the program shows. This file is released: change the schema in a new numbered file.

CREATE TABLE branch (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL DEFAULT '',  -- 名称
	committee    TEXT NOT NULL DEFAULT '',  -- 所属党委
	unit         TEXT NOT NULL DEFAULT '',  -- 所在单位
	secretary    TEXT NOT NULL DEFAULT '',  -- 书记
	deputy       TEXT NOT NULL DEFAULT '',  -- 副书记
	organisation TEXT NOT NULL DEFAULT '',  -- 组织委员
	propaganda   TEXT NOT NULL DEFAULT '',  -- 宣传委员
	discipline   TEXT NOT NULL DEFAULT '',  -- 纪检委员
	phone        TEXT NOT NULL DEFAULT '',  -- 联系电话
	code         TEXT NOT NULL DEFAULT ''   -- 支部代码, keys branches in a consolidated file
);
-- The code is unique once given.
CREATE UNIQUE INDEX branch_code ON branch (code) WHERE code <> '';
-- A new file always has its branch, to be filled in by the user.
INSERT INTO branch (id) VALUES (1);

CREATE TABLE party_group (
	id        INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	name      TEXT NOT NULL CHECK (name <> ''),                        -- 名称
	leader_id INTEGER REFERENCES member (id) ON DELETE SET NULL,      -- 组长
	area      TEXT NOT NULL DEFAULT '',                                -- 责任区说明
	UNIQUE (branch_id, name)
);
CREATE INDEX party_group_leader ON party_group (leader_id);

CREATE TABLE team (
	id        INTEGER PRIMARY KEY,
	branch_id INTEGER NOT NULL REFERENCES branch (id),
	name      TEXT NOT NULL CHECK (name <> ''),                        -- 名称
	category  TEXT NOT NULL DEFAULT ''                                 -- 类别
		CHECK (category IN ('', '采煤', '掘进', '机电', '运输', '通风', '地面', '后勤', '其他')),
	group_id  INTEGER REFERENCES party_group (id) ON DELETE SET NULL,  -- 所属党小组
	UNIQUE (branch_id, name)
);
CREATE INDEX team_group ON team (group_id);

CREATE TABLE member (
	id           INTEGER PRIMARY KEY,
	branch_id    INTEGER NOT NULL REFERENCES branch (id),

	-- The national standard collection form (the R1 roster columns).
	name         TEXT NOT NULL CHECK (name <> ''),                                 -- 姓名
	sex          TEXT NOT NULL CHECK (sex IN ('男', '女')),                         -- 性别
	ethnicity    TEXT NOT NULL DEFAULT '汉族' CHECK (ethnicity IN (                 -- 民族
		'汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
		'满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
		'佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
		'达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
		'塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
		'独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族')),
	id_number    TEXT NOT NULL                                                      -- 公民身份证号
		CHECK (id_number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9X]'),
	birth_date   TEXT NOT NULL CHECK (date(birth_date) IS birth_date),             -- 出生日期
	education    TEXT NOT NULL DEFAULT ''                                           -- 学历
		CHECK (education IN ('', '研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下')),
	category     TEXT NOT NULL CHECK (category IN ('正式党员', '预备党员')),         -- 人员类别
	join_date    TEXT NOT NULL CHECK (date(join_date) IS join_date),               -- 加入党组织日期
	full_date    TEXT NOT NULL DEFAULT '' CHECK (full_date = '' OR date(full_date) IS full_date), -- 转为正式党员日期
	job          TEXT NOT NULL DEFAULT '',                                          -- 工作岗位
	mobile       TEXT NOT NULL DEFAULT '',                                          -- 手机号
	landline     TEXT NOT NULL DEFAULT '',                                          -- 固定电话
	address      TEXT NOT NULL DEFAULT '',                                          -- 家庭住址
	party_status TEXT NOT NULL DEFAULT '正常' CHECK (party_status IN ('正常', '停止党籍')), -- 党籍状态
	lost_contact INTEGER NOT NULL DEFAULT 0 CHECK (lost_contact IN (0, 1)),         -- 是否为失联党员
	lost_date    TEXT NOT NULL DEFAULT '' CHECK (lost_date = '' OR date(lost_date) IS lost_date), -- 失去联系日期
	floating     INTEGER NOT NULL DEFAULT 0 CHECK (floating IN (0, 1)),             -- 是否为流动党员
	floating_to  TEXT NOT NULL DEFAULT '',                                          -- 外出流向
	remark       TEXT NOT NULL DEFAULT '',                                          -- 备注

	-- Placement and roles.
	group_id     INTEGER REFERENCES party_group (id) ON DELETE SET NULL,            -- 党小组
	team_id      INTEGER REFERENCES team (id) ON DELETE SET NULL,                   -- 班组
	party_role   TEXT NOT NULL DEFAULT '无'                                         -- 党内职务
		CHECK (party_role IN ('书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长', '无')),
	key_post     TEXT NOT NULL DEFAULT '',   -- 重点岗位: a name from key_post when set, '' = none
	supervisor   INTEGER NOT NULL DEFAULT 0 CHECK (supervisor IN (0, 1)),           -- 督查队伍成员
	work_date    TEXT NOT NULL DEFAULT '' CHECK (work_date = '' OR date(work_date) IS work_date), -- 参加工作日期
	roll_status  TEXT NOT NULL DEFAULT '在册' CHECK (roll_status IN ('在册', '转出', '去世', '出党')), -- 在册状态
	roll_date    TEXT NOT NULL DEFAULT '' CHECK (roll_date = '' OR date(roll_date) IS roll_date), -- 在册状态变动日期

	created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,

	UNIQUE (branch_id, id_number)
);
CREATE INDEX member_roll ON member (branch_id, roll_status);
CREATE INDEX member_group ON member (group_id);
CREATE INDEX member_team ON member (team_id);

-- The configurable list of 重点岗位, in the order shown.
CREATE TABLE key_post (
	name TEXT PRIMARY KEY CHECK (name <> ''),
	sort INTEGER NOT NULL
);
INSERT INTO key_post (name, sort) VALUES
	('班组长以上管理人员', 1), ('保管员', 2), ('核算员', 3), ('办事员', 4), ('采购员', 5), ('材料员', 6), ('出纳', 7);

-- Settings of later modules, one value per key.
CREATE TABLE setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL DEFAULT ''
);
