package main

import "testing"

func TestSoftLimit(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		size int64 // of services.hcl
		want int64
	}{
		{0, 64 * mib},
		{200 << 10, 64*mib + 64*(200<<10)}, // 1,000 generated services
		{2 * mib, 192 * mib},               // 10,000
		{3 * mib, 256 * mib},
		{8 * mib, 256 * mib}, // 10,000 services with every feature
		{32 * mib, 256 * mib},
	}
	for _, tt := range tests {
		if got := softLimit(tt.size); got != tt.want {
			t.Errorf("softLimit(%d) = %d MiB, want %d MiB", tt.size, got/mib, tt.want/mib)
		}
	}
}
