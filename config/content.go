package config

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// bodyContent is Body.Content (strict: unknown arguments and blocks are
// errors) with the valid names added to the messages that have no "Did
// you mean" suggestion, so that a new user sees what the block accepts.
func bodyContent(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	for _, d := range diags {
		if strings.Contains(d.Detail, "Did you mean") {
			continue
		}
		switch d.Summary {
		case "Unsupported argument":
			names := make([]string, len(schema.Attributes))
			for i, a := range schema.Attributes {
				names[i] = fmt.Sprintf("%q", a.Name)
			}
			if len(names) == 0 {
				d.Detail += " This block takes no arguments, only blocks."
			} else {
				d.Detail += " Valid arguments here: " + strings.Join(names, ", ") + "."
			}
		case "Unsupported block type":
			names := make([]string, len(schema.Blocks))
			for i, b := range schema.Blocks {
				names[i] = fmt.Sprintf("%q", b.Type)
			}
			if len(names) == 0 {
				d.Detail += " This block takes no nested blocks."
			} else {
				d.Detail += " Valid blocks here: " + strings.Join(names, ", ") + "."
			}
		}
	}
	return content, diags
}
