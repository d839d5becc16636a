package check

import (
	"bytes"
	"fmt"
	"testing"
)

// TestFindingsDoNotAliasData checks that findings hold no reference to the
// template's bytes, which Template reads in place: overwriting them after
// the call changes no finding.
func TestFindingsDoNotAliasData(t *testing.T) {
	data := readTestdata(t, "pipeline.json")
	// Values that findings quote: a log retention and a wildcard action.
	data = bytes.Replace(data, []byte(`"RetentionInDays": 30`), []byte(`"RetentionInDays": 7`), 1)
	data = bytes.Replace(data, []byte(`"kms:Decrypt"`), []byte(`"kms:*"`), 1)
	findings := Template("pipeline.json", data)
	if len(findings) < 2 {
		t.Fatalf("want findings that quote the template, got %q", findings)
	}
	want := fmt.Sprintf("%q", findings)
	for i := range data {
		data[i] = 'x'
	}
	if got := fmt.Sprintf("%q", findings); got != want {
		t.Errorf("findings changed with the data:\n%s\nwas\n%s", got, want)
	}
}
