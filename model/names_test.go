package model

import (
	"flag"
	"strings"
	"testing"
)

func TestValidationPort(t *testing.T) {
	tests := []struct {
		url  string
		want int
	}{
		{"https://orders.internal.example.com/health", 443},
		{"http://orders.internal.example.com/health", 80},
		{"http://10.20.4.10:8080/health", 8080},
		{"https://[fd00::1]:8443/", 8443},
	}
	for _, tt := range tests {
		if got := ValidationPort(tt.url); got != tt.want {
			t.Errorf("ValidationPort(%q) = %d, want %d", tt.url, got, tt.want)
		}
	}
}

func TestInAccount(t *testing.T) {
	s := &Service{Name: "orders"}
	got := s.ArtifactBucket().InAccount("111111111111").Sub
	if want := "s3-orders-artifacts-111111111111-${EnvironmentSuffix}"; got != want {
		t.Errorf("bucket in account = %q, want %q", got, want)
	}
}

// update is accepted so that "go test ./... -update" runs; this package has
// no golden files.
var _ = flag.Bool("update", false, "rewrite golden files (none here)")

func TestLongestLen(t *testing.T) {
	for _, sub := range []string{
		"", "plain", "role-orders-build-${EnvironmentSuffix}", "s3-orders-artifacts-${AWS::AccountId}-${EnvironmentSuffix}",
		"${EnvironmentSuffix}${EnvironmentSuffix}", "${${EnvironmentSuffix}", "$${AWS::AccountId}", "${", "${AWS::Account", "a${b}c${EnvironmentSuffix",
	} {
		n := PhysicalName{Sub: sub}
		want := len(sub) + strings.Count(sub, suffixRef)*(SuffixMaxLength-len(suffixRef)) + strings.Count(sub, accountIDRef)*(12-len(accountIDRef))
		if got := n.LongestLen(); got != want {
			t.Errorf("LongestLen(%q) = %d, want %d", sub, got, want)
		}
	}
}
