package emit

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEncodeConditionsAndPrincipals holds the encoders of conditions and
// principals to encoding/json, conditions in any order.
func TestEncodeConditionsAndPrincipals(t *testing.T) {
	values := []any{
		Conditions(nil),
		Conditions{},
		Conditions{{"StringEquals", "kms:ViaService", Sub("s3.${AWS::Region}.amazonaws.com")}},
		Conditions{
			{"StringEquals", "kms:ViaService", "b"},
			{"ArnEquals", "aws:PrincipalArn", []Value{GetAtt("Role", "Arn"), "arn:<&>"}},
			{"StringEquals", "kms:CallerAccount", Ref("AWS::AccountId")},
			{"Bool", "aws:SecureTransport", "false"},
		},
		Principal{},
		Principal{AWS: Ref("A")},
		Principal{Service: "logs.amazonaws.com"},
		Principal{Service: Sub("logs.${AWS::Region}.amazonaws.com")},
		Statement{Sid: "S", Effect: "Deny", Principal: "*", Action: []string{"s3:*"}, Condition: Conditions{
			{"Bool", "aws:SecureTransport", "false"}, {"ArnEquals", "aws:SourceArn", "x"},
		}},
	}
	for i, v := range values {
		got, err := Encode(v)
		if err != nil {
			t.Fatalf("value %d: %v", i, err)
		}
		if diff := cmp.Diff(string(stdEncode(t, v)), string(got)); diff != "" {
			t.Errorf("value %d (%#v): Encode differs from encoding/json (-want +got):\n%s", i, v, diff)
		}
	}
}
