package benchkit

import (
	"runtime"
	"testing"
)

// On Linux the peak follows a large allocation and falls back after ResetPeak; the CPU time grows.
func TestPeakAndCPU(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("peak and CPU time are read from Linux's /proc")
	}
	if !ResetPeak() {
		t.Skip("clear_refs not writable here")
	}
	before, cpu := PeakMiB(), CPUTime()
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i) // touched, so resident
	}
	if got := PeakMiB(); got < before+60 {
		t.Fatalf("peak %.1f MiB after touching 64 MiB, was %.1f", got, before)
	}
	runtime.KeepAlive(buf)
	buf = nil
	runtime.GC()
	if CPUTime() <= cpu {
		t.Errorf("CPU time did not grow: %v", CPUTime())
	}
}
