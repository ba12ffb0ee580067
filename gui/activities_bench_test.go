package gui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data/demo"
)

const budgetBenchmarkOpenActivities500 = 300 * time.Millisecond

// BenchmarkOpenActivities500 opens the activities screen in a window (laid out, not painted) on a branch of 500
// members with ten years of activities (about 600). The fonts are loaded once before the clock
// starts: that is the program's start, not the screen's.
func BenchmarkOpenActivities500(b *testing.B) {
	env := newBenchEnv(b)
	if err := demo.LoadOrgLifeBench(context.Background(), env.Store, 500, 10, env.Today()); err != nil {
		b.Fatal(err)
	}
	open := func() {
		env.Win = test.NewWindow(nil)
		s := NewActivitiesScreen(env) // loads the records
		env.Win.SetContent(s.Content())
		env.Win.Resize(fyne.NewSize(1280, 800))
		if len(s.all) < 500 {
			b.Fatalf("%d activities", len(s.all))
		}
		env.Win.Close()
	}
	open()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		open()
	}
	if per := time.Since(start) / time.Duration(b.N); per > budgetBenchmarkOpenActivities500 {
		b.Errorf("%v per opening, budget %v", per, budgetBenchmarkOpenActivities500)
	}
}
