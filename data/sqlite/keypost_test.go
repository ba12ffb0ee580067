package sqlite

import (
	"slices"
	"testing"

	"branchledger/data"
)

func TestKeyPosts(t *testing.T) {
	db := openTemp(t)
	if err := db.SetKeyPosts(ctx, []string{" 出纳", "安全员", "ｂ 岗"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"出纳", "安全员", "b 岗"} // normalised, in the order given
	got, err := db.KeyPosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("KeyPosts() = %v, want %v", got, want)
	}

	for _, bad := range [][]string{
		{"出纳", " "},
		{"出纳", "保管员", "出纳 "},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"},
	} {
		if fe := fieldErrors(t, db.SetKeyPosts(ctx, bad)); fe.For(data.FKeyPost) == "" {
			t.Errorf("SetKeyPosts(%q): no error on 重点岗位", bad)
		}
	}
	if got, _ := db.KeyPosts(ctx); !slices.Equal(got, want) {
		t.Errorf("a refused list changed the saved one: %v", got)
	}

	// A member keeps a key post that leaves the list.
	m := newMember("张三", 3)
	m.KeyPost = "安全员"
	m = mustCreate(t, db, m)
	if err := db.SetKeyPosts(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.KeyPosts(ctx); len(got) != 0 {
		t.Errorf("KeyPosts() after clearing = %v", got)
	}
	if got, _ := db.Member(ctx, m.ID); got.KeyPost != "安全员" {
		t.Errorf("member's key post = %q", got.KeyPost)
	}
}

func TestKeyPostsPersist(t *testing.T) {
	db := openTemp(t)
	if err := db.SetKeyPosts(ctx, []string{"材料员", "出纳"}); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	if got, _ := db.KeyPosts(ctx); !slices.Equal(got, []string{"材料员", "出纳"}) {
		t.Errorf("KeyPosts() after reopening = %v", got)
	}
}
