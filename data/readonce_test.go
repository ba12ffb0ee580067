package data

import (
	"context"
	"testing"
)

// countingStore counts the reads ReadOnce should make once.
type countingStore struct {
	Store
	members, groups int
}

func (c *countingStore) Members(_ context.Context, f MemberFilter) ([]Member, error) {
	c.members++
	if f.IncludeLeft {
		return []Member{{Name: "张三", RollStatus: RollIn}, {Name: "李四", RollStatus: "转出"}}, nil
	}
	return []Member{{Name: "张三", RollStatus: RollIn}}, nil
}

func (c *countingStore) Groups(context.Context) ([]Group, error) {
	c.groups++
	return []Group{{Name: "第一党小组"}}, nil
}

func TestReadOnce(t *testing.T) {
	ctx := context.Background()
	c := &countingStore{}
	st := ReadOnce(c)
	for range 3 {
		ms, err := st.Members(ctx, MemberFilter{})
		if err != nil || len(ms) != 1 {
			t.Fatalf("on the roll: %v, %v", ms, err)
		}
		ms[0].Name = "改了" // a caller's edit stays its own
		all, _ := st.Members(ctx, MemberFilter{IncludeLeft: true})
		if len(all) != 2 || all[0].Name != "张三" {
			t.Fatalf("with those who left: %v", all)
		}
		if gs, _ := st.Groups(ctx); len(gs) != 1 {
			t.Fatalf("groups %v", gs)
		}
	}
	if c.members != 1 || c.groups != 1 {
		t.Errorf("read members %d times (want once: the roll is those of them 在册), groups %d times", c.members, c.groups)
	}
}
