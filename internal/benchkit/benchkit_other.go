//go:build !linux

package benchkit

import "time"

func resetPeak() bool        { return false }
func peakMiB() float64       { return 0 }
func cpuTime() time.Duration { return 0 }
