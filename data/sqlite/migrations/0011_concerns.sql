-- 0011: 人文关怀疏导 (SPEC §12.3): the 思想疏导 records of workers' concerns with their return visits.
-- The conventions of 0001 hold. The worker is any worker (a name and a team as text), the
-- counsellor a member who cannot be deleted while named here (no ON DELETE action). 转办实事 links
-- the welfare item made from the concern: deleting that item clears the link, deleting the concern
-- leaves the item. 逾期 of a return visit is derived, never stored.
-- This file is released: change the schema in a new numbered file.

CREATE TABLE concern (
	id           INTEGER PRIMARY KEY,
	branch_id    INTEGER NOT NULL REFERENCES branch (id),
	date         TEXT NOT NULL CHECK (date(date) IS date),                                    -- 日期
	worker       TEXT NOT NULL CHECK (worker <> ''),                                          -- 职工姓名
	team         TEXT NOT NULL DEFAULT '',                                                    -- 班组
	channel      TEXT NOT NULL DEFAULT '' CHECK (channel IN ('', '线上', '线下', '讲解', '交流')), -- 渠道
	category     TEXT NOT NULL DEFAULT ''                                                     -- 类别
		CHECK (category IN ('', '家庭困难', '工作压力', '伤病', '待遇', '安全顾虑', '疫情等突发事件', '其他')),
	situation    TEXT NOT NULL CHECK (situation <> ''),                                       -- 反映情况
	counselor_id INTEGER NOT NULL REFERENCES member (id),                                     -- 疏导人
	measures     TEXT NOT NULL DEFAULT '',                                                    -- 疏导措施
	result       TEXT NOT NULL DEFAULT '' CHECK (result IN ('', '已疏导', '持续关注', '转办实事')), -- 结果
	visit_date   TEXT NOT NULL DEFAULT ''                                                     -- 回访日期
		CHECK (visit_date = '' OR date(visit_date) IS visit_date AND visit_date >= date),
	visit        TEXT NOT NULL DEFAULT '',                                                    -- 回访情况
	welfare_id   INTEGER REFERENCES welfare_item (id) ON DELETE SET NULL,                     -- 转办的办实事事项
	created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,  -- UTC 'YYYY-MM-DD HH:MM:SS'
	updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- A visit written has its date; a welfare item is linked only to a concern handed on.
	CHECK (visit = '' OR visit_date <> ''),
	CHECK (welfare_id IS NULL OR result = '转办实事')
);
CREATE INDEX concern_date ON concern (date);
CREATE INDEX concern_counselor ON concern (counselor_id);
CREATE INDEX concern_welfare ON concern (welfare_id);
CREATE INDEX concern_visit ON concern (visit_date) WHERE visit = '' AND visit_date <> '';

-- 人文关怀疏导靠前 of the seeded 支部月度考核表 becomes automatic (data.AutoConcern, SPEC §12.6:
-- concerns handled, return visits done and overdue; data.A1ConcernStandard), unless the user has
-- changed the item.
UPDATE assess_template_item SET method = '按次扣分', per = 2, auto = '思想疏导台账',
	standard = '每月主动开展职工思想疏导，当月未记录思想疏导的扣2分；约定回访的按期回访，逾期未回访的每人次扣2分；帮扶不到位的人工调整；扣完为止'
	WHERE name = '人文关怀疏导靠前' AND method = '人工评分' AND auto = ''
	AND standard = '开展谈心谈话，困难党员职工帮扶、思想波动疏导及时；应谈未谈或帮扶不到位的每人次扣2分'
	AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核');
