package data

import "testing"

// A row's error is found by its row, not by the record's field of the same name, and reads with
// its row in text.
func TestFieldErrorRows(t *testing.T) {
	item := FieldErrors{{Field: FItemScore, Message: "不能为负数"}}.InRow(RowItem, 2)
	fe := append(FieldErrors{{Field: FItemScore, Message: "自身"}}, item...)
	if fe.For(FItemScore) != "自身" || fe.At(3, FItemScore) != "不能为负数" || fe.At(2, FItemScore) != "" {
		t.Errorf("For/At: %+v", fe)
	}
	if got, want := fe.Error(), "得分：自身；第3项：得分：不能为负数"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := fe.ForLabel("第3项：" + FItemScore); got != "不能为负数" {
		t.Errorf("ForLabel = %q", got)
	}
}
