package reports

import (
	"io"
	"testing"
	"time"

	"branchledger/data"
)

func testOps() []data.Op {
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.Local) }
	zhang := data.Fields{{Label: "姓名", Value: "张三"}, {Label: "公民身份证号", Value: "130203198505120011"}, {Label: "手机号", Value: "13800000000"}}
	zhang2 := data.Fields{{Label: "姓名", Value: "张三"}, {Label: "公民身份证号", Value: "130203198505120011"}, {Label: "手机号", Value: "13900000000"}}
	return []data.Op{
		{At: at(23, 9, 5), Action: data.ActDelete, Entity: data.EntMember, Label: "张三", Before: zhang2, Detail: "已移入回收站"},
		{At: at(22, 16, 30), Action: data.ActUpdate, Entity: data.EntMember, Label: "张三", Before: zhang, After: zhang2, Detail: data.Diff(zhang, zhang2)},
		{At: at(21, 8, 0), Action: data.ActImport, Entity: data.EntMember, Label: "党员名单 120 行", Detail: "新增 118 人，更新 2 人，跳过 0 人"},
		{At: at(20, 10, 0), Action: data.ActCreate, Entity: data.EntGroup, Label: "第一党小组", After: data.Fields{{Label: "名称", Value: "第一党小组"}, {Label: "组长", Value: "王建国"}}},
		{At: at(19, 7, 45), Action: data.ActEmptyBin, Entity: "回收站", Detail: "彻底删除 3 项"},
	}
}

func TestGoldenOpLog(t *testing.T) {
	meta := Meta{Branch: "综采一队党支部", Date: data.NewDate(2026, 11, 23)}
	runGolden(t, []goldenCase{
		{"oplog", func(w io.Writer) error { return WriteOpLog(w, meta, OpLogFilter{}, testOps()) }},
		{"oplog_empty", func(w io.Writer) error {
			return WriteOpLog(w, meta, OpLogFilter{Period: "2026-11-01 至 2026-11-30", Entity: "党员", Action: "删除", Text: "李"}, nil)
		}},
	})
}
