package data

import (
	"strings"
	"testing"
)

// The bin's messages (已恢复…, 已彻底删除…) name a 办实事 without doubling 事 (issue 10 #22).
func TestBinEntryObjectNoDoubledNoun(t *testing.T) {
	e := BinEntry{Entity: EntWelfare, Label: "宿舍增设晾衣架"}
	if got := e.Object(); strings.Contains(got, "事事") || got != "办实事「宿舍增设晾衣架」" {
		t.Errorf("Object() = %q, want 办实事「宿舍增设晾衣架」", got)
	}
	m := BinEntry{Entity: EntMember, Label: "张三"}
	if got := m.Object(); got != "党员「张三」" {
		t.Errorf("Object() = %q", got)
	}
}
