package sqlite

import (
	"reflect"
	"testing"

	"branchledger/data"
)

// 本月待办 against a real file: a welfare item past its planned date, the default rhythm rules of a
// branch that has held nothing, and nothing owed where nothing is recorded.
func TestLoadTodos(t *testing.T) {
	fx := newFixture(t)
	if err := fx.db.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	fx.welfare(t, newWelfare(fx, "澡堂更换防滑地垫", 2, 10))
	fx.welfare(t, newWelfare(fx, "食堂增加夜班热饭", 2, 30))
	todos, err := data.LoadTodos(ctx, fx.db, day(23))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]data.Todo{}
	for _, td := range todos {
		if td.Count <= 0 {
			t.Errorf("a line with nothing to do: %+v", td)
		}
		got[td.What] = td
	}
	if w := got["逾期未办结的办实事事项"]; w.Count != 1 || !w.Overdue || w.Entity != data.EntWelfare || w.View != data.ViewOverdue {
		t.Errorf("welfare line %+v", w)
	}
	// Nothing held this year: every monthly rule owes November, and the earlier periods were missed.
	if o := got["本月（本期）还须召开的组织生活"]; o.Count == 0 || o.Overdue {
		t.Errorf("organisational life due %+v", o)
	}
	if o := got["今年到期未开的组织生活"]; o.Count == 0 || !o.Overdue {
		t.Errorf("organisational life missed %+v", o)
	}
	for _, what := range []string{"逾期未销号的问题", "本月到期待销号的问题", "本月到期的发展党员工作"} {
		if td, ok := got[what]; ok {
			t.Errorf("%s counted with no record: %+v", what, td)
		}
	}
}

// A new file (no branch details yet) owes nothing it cannot say, and says it without an error.
func TestLoadTodosNewFile(t *testing.T) {
	if _, err := data.LoadTodos(ctx, openTemp(t), day(23)); err != nil {
		t.Fatal(err)
	}
}

// ReadOnce's roll (members 在册, served from the read with those who left) is the store's own.
func TestReadOnceRollMatchesStore(t *testing.T) {
	fx := newFixture(t)
	m := fx.second
	m.RollStatus, m.RollDate = data.RollOut, day(1)
	if err := fx.db.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range []data.MemberFilter{{}, {TeamID: fx.team1.ID}, {IncludeLeft: true}} {
		want, err := fx.db.Members(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := data.ReadOnce(fx.db).Members(ctx, f)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: ReadOnce %d members, the store %d (%v)", f, len(got), len(want), err)
		}
	}
}
