package check

import (
	"fmt"
	"strings"
	"testing"
)

// TestObjectLookup decodes objects below and above the size at which
// lookup builds an index: every key is found with its last value, and
// missing keys are not.
func TestObjectLookup(t *testing.T) {
	for _, n := range []int{1, indexAbove, indexAbove + 1, 200} {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, `"k%d": %d, `, i, i)
		}
		b.WriteString(`"k0": "last"}`) // a repeated key keeps its last value
		v, err := decodeJSON(b.String())
		if err != nil {
			t.Fatal(err)
		}
		o := v.(*object)
		if o.len() != n {
			t.Errorf("%d keys: len() = %d", n, o.len())
		}
		if got := o.get("k0"); got != "last" {
			t.Errorf("%d keys: k0 = %v, want the repeated key's last value", n, got)
		}
		for i := 1; i < n; i++ {
			if got, ok := o.lookup(fmt.Sprintf("k%d", i)); !ok || fmt.Sprint(got) != fmt.Sprint(i) {
				t.Errorf("%d keys: k%d = %v, %v", n, i, got, ok)
			}
		}
		if _, ok := o.lookup("missing"); ok {
			t.Errorf("%d keys: lookup of a missing key succeeded", n)
		}
	}
}

// TestMessagesQuoteValues checks that messages show a decoded value as the
// JSON it was: an empty list as [], an object as an object.
func TestMessagesQuoteValues(t *testing.T) {
	for _, tc := range []struct {
		template string
		want     string
	}{
		{`{"AWSTemplateFormatVersion": [], "Resources": {"T": {"Type": "AWS::SNS::Topic"}}}`, `AWSTemplateFormatVersion is []`},
		{keyed(`"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": [], "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}}}`), `Version is []`},
		{keyed(`"L": {"Type": "AWS::Logs::LogGroup", "Properties": {"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}, "RetentionInDays": {"k": []}}}`), `RetentionInDays is {"k":[]}`},
	} {
		var all []string
		for _, f := range Template("t.json", []byte(tc.template)) {
			all = append(all, f.String())
		}
		if !strings.Contains(strings.Join(all, "\n"), tc.want) {
			t.Errorf("no finding says %q; findings:\n%s", tc.want, strings.Join(all, "\n"))
		}
	}
}
