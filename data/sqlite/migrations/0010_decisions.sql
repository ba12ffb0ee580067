-- 0010: "三重一大" decisions (SPEC §12.2). The conventions of 0001 hold. A member named as 执行责任人
-- cannot be deleted (no ON DELETE action: members who leave get a 在册状态); the activity of
-- 组织生活 a decision was taken at may be deleted, which clears the link (the recycle bin sets it
-- again on restore). The 大额资金 amount is the setting 'decision.large_fund' (data.DefaultLargeFund
-- while there is none).
-- This file is released: change the schema in a new numbered file.

CREATE TABLE decision (
	id          INTEGER PRIMARY KEY,
	branch_id   INTEGER NOT NULL REFERENCES branch (id),
	meeting     TEXT NOT NULL CHECK (meeting IN ('支部委员会', '党政联席会', '支部党员大会')),          -- 会议
	activity_id INTEGER REFERENCES activity (id) ON DELETE SET NULL,                               -- the meeting's record
	date        TEXT NOT NULL CHECK (date(date) IS date),                                          -- 日期
	topic       TEXT NOT NULL CHECK (topic <> ''),                                                 -- 议题
	category    TEXT NOT NULL CHECK (category IN ('重大决策', '重要人事任免', '重大项目安排', '大额资金使用')), -- 事项类别
	content     TEXT NOT NULL DEFAULT '',                                                          -- 内容
	amount      REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),                                       -- 金额(元)
	entitled    INTEGER NOT NULL CHECK (entitled >= 1),                                            -- 应到
	present     INTEGER NOT NULL CHECK (present BETWEEN 0 AND entitled),                           -- 实到
	votes_for   INTEGER NOT NULL DEFAULT 0 CHECK (votes_for >= 0),                                 -- 同意
	against     INTEGER NOT NULL DEFAULT 0 CHECK (against >= 0),                                   -- 不同意
	abstain     INTEGER NOT NULL DEFAULT 0 CHECK (abstain >= 0),                                   -- 弃权
	resolution  TEXT NOT NULL CHECK (resolution <> ''),                                            -- 决定事项
	publicity   TEXT NOT NULL DEFAULT '' CHECK (publicity IN ('', '公示', '会议通报', '不公开')),   -- 公开方式
	reason      TEXT NOT NULL DEFAULT '',                                                          -- 不公开原因
	executor_id INTEGER REFERENCES member (id),                                                    -- 执行责任人
	deadline    TEXT NOT NULL DEFAULT '' CHECK (deadline = '' OR date(deadline) IS deadline),      -- 完成期限
	execution   TEXT NOT NULL DEFAULT '',                                                          -- 执行情况
	state       TEXT NOT NULL DEFAULT '已决策' CHECK (state IN ('已决策', '执行中', '已完成')),    -- 状态
	created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK (votes_for + against + abstain <= present),
	CHECK (publicity <> '不公开' OR reason <> '')
);
CREATE INDEX decision_date ON decision (date);
CREATE INDEX decision_activity ON decision (activity_id);
CREATE INDEX decision_executor ON decision (executor_id);

-- “三重一大”决策靠前 of the seeded 支部月度考核表 becomes automatic (data.AutoDecision, SPEC §12.6:
-- decisions recorded, flagged, executions on time), unless the user has changed the item.
UPDATE assess_template_item SET method = '按次扣分', per = 1, auto = '三重一大台账',
	standard = '“三重一大”事项集体研究决策：不足法定人数、同意未过半数或大额资金未经集体研究的每项扣5分；执行逾期未完成的每项扣1分；当月无决策事项不扣分；扣完为止'
	WHERE name = '“三重一大”决策靠前' AND method = '人工评分' AND auto = ''
	AND standard = '重大事项、重要人事、重大项目和大额资金使用集体研究决策，会议纪要完整；未经集体研究的每项扣5分'
	AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核');
