package config

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/internal/gen"
)

// blockSchemas are the schemas of nested blocks, by type.
var blockSchemas = map[string]*hcl.BodySchema{
	"defaults":      defaultsBlockSchema,
	"service":       serviceBlockSchema,
	"network":       networkBlockSchema,
	"build":         buildBlockSchema,
	"test":          testBlockSchema,
	"artifacts":     artifactsBlockSchema,
	"logs":          logsBlockSchema,
	"notifications": notificationsBlockSchema,
	"stage":         stageBlockSchema,
	"validation":    validationBlockSchema,
}

// checkContent requires plainContent to give what Body.Content gives,
// when it gives anything, for body and every block in it.
func checkContent(t *testing.T, body hcl.Body, schema *hcl.BodySchema) (plain, all int) {
	t.Helper()
	want, diags := body.Content(schema)
	got, ok := plainContent(body, schema)
	all++
	if ok {
		plain++
		if len(diags) > 0 {
			t.Errorf("%s: plainContent accepts a body with problems: %v", body.MissingItemRange(), diags)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: plainContent differs from Content", body.MissingItemRange())
		}
	}
	// Every nested block, including those the schema does not allow.
	for _, b := range body.(*hclsyntax.Body).Blocks {
		if s, known := blockSchemas[b.Type]; known {
			p, a := checkContent(t, b.Body, s)
			plain, all = plain+p, all+a
		}
	}
	return plain, all
}

func TestPlainContent(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.hcl")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string][]byte{"generated": gen.Services(100)}
	for _, file := range append(files, "../services.hcl") {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sources[file] = src
	}
	for name, src := range sources {
		f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		plain, all := checkContent(t, f.Body, fileSchema)
		if name == "generated" && plain != all {
			t.Errorf("generated: %d of %d bodies read plainly, want all", plain, all)
		}
	}
}
