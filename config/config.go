// Package config reads services.hcl: it parses and decodes the HCL, layers
// defaults under each service, lowers the result into the model, and turns
// every problem into an hcl.Diagnostic with its source range.
package config

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"pipelines/model"
)

// MaxFileSize bounds the input: services.hcl for 10,000 services is a few
// megabytes.
const MaxFileSize = 32 << 20

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "defaults"},
		{Type: "service", LabelNames: []string{"name"}},
	},
}

// Loader reads configuration files and keeps their sources for rendering
// diagnostics.
type Loader struct {
	parser *hclparse.Parser
}

// NewLoader returns a Loader with an empty source cache.
func NewLoader() *Loader {
	return &Loader{parser: hclparse.NewParser()}
}

// Files returns the sources read so far, by filename, for diagnostic
// rendering.
func (l *Loader) Files() map[string]*hcl.File {
	return l.parser.Files()
}

// Load reads path from fsys, decodes and validates it. Filenames in
// diagnostics are path as given. The project is nil when any error was
// found.
func (l *Loader) Load(fsys fs.FS, path string) (*model.Project, hcl.Diagnostics) {
	src, diags := readSource(fsys, path)
	if diags.HasErrors() {
		return nil, diags
	}
	file, diags := l.parser.ParseHCL(src, path)
	if diags.HasErrors() {
		return nil, sortDiagnostics(diags)
	}
	p, d := decodeFile(file, path)
	diags = append(diags, d...)
	if diags.HasErrors() {
		return nil, sortDiagnostics(diags)
	}
	return p, sortDiagnostics(diags)
}

// Load is a convenience for NewLoader().Load.
func Load(fsys fs.FS, path string) (*model.Project, hcl.Diagnostics) {
	return NewLoader().Load(fsys, path)
}

func readSource(fsys fs.FS, path string) ([]byte, hcl.Diagnostics) {
	fail := func(summary, detail string) ([]byte, hcl.Diagnostics) {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail}}
	}
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return fail("Cannot read configuration", fmt.Sprintf("%s.", err))
	}
	if info.IsDir() {
		return fail("Cannot read configuration", fmt.Sprintf("%s is a directory; give the path of services.hcl.", path))
	}
	if info.Size() > MaxFileSize {
		return fail("Configuration too large", fmt.Sprintf("%s is %d bytes; the limit is %d MiB.", path, info.Size(), MaxFileSize>>20))
	}
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return fail("Cannot read configuration", fmt.Sprintf("%s.", err))
	}
	if len(src) > MaxFileSize {
		return fail("Configuration too large", fmt.Sprintf("%s is over %d MiB.", path, MaxFileSize>>20))
	}
	if d := checkNesting(src, path); d != nil {
		return nil, hcl.Diagnostics{d}
	}
	return src, nil
}

// decodeFile decodes the top level: one optional defaults block and any
// number of uniquely named services, merges and validates them. Every
// problem is reported, once: a value that failed to decode is not
// validated again, and a service missing a required value is not
// validated at all.
func decodeFile(file *hcl.File, path string) (*model.Project, hcl.Diagnostics) {
	content, diags := bodyContent(file.Body, fileSchema)

	var defaults *layerBlock
	var defaultsBlock *hcl.Block
	var services []layerBlock
	seen := map[string]*hcl.Block{}
	for _, block := range content.Blocks {
		switch block.Type {
		case "defaults":
			if defaultsBlock != nil {
				diags = append(diags, duplicateBlock(block, defaultsBlock))
				continue
			}
			defaultsBlock = block
			b, d := decodeLayerBlock(block, model.LayerDefaults)
			defaults = &b
			diags = append(diags, d...)
		case "service":
			name := block.Labels[0]
			if first, dup := seen[name]; dup {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  fmt.Sprintf("Duplicate service %q", name),
					Detail:   fmt.Sprintf("A service named %q was already declared at %s. Service names must be unique; rename or remove one of them.", name, toRange(first.LabelRanges[0])),
					Subject:  block.LabelRanges[0].Ptr(),
				})
				continue
			}
			seen[name] = block
			b, d := decodeLayerBlock(block, model.LayerService)
			services = append(services, b)
			diags = append(diags, d...)
		}
	}
	if defaults != nil && len(defaults.stages) == 0 {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing stage",
			Detail:   "Defaults declare no stage, so no pipeline would deploy anything. Add at least one stage block, such as stage \"production\" { ... }, in the order deployments should run.",
			Subject:  defaults.defRange.Ptr(),
		})
	}
	if len(services) == 0 && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "No services",
			Detail:   fmt.Sprintf("%s declares no service block, so there is nothing to build.", path),
			Subject:  file.Body.MissingItemRange().Ptr(),
		})
	}

	p := &model.Project{Filename: path}
	bad := map[model.Range]bool{}
	for _, sb := range services {
		s, badRanges, complete, d := lowerService(defaults, sb)
		diags = append(diags, d...)
		for _, r := range badRanges {
			bad[r] = true
		}
		if complete {
			p.Services = append(p.Services, s)
		}
	}
	slices.SortFunc(p.Services, func(a, b *model.Service) int { return cmp.Compare(a.Name, b.Name) })
	for _, prob := range p.Validate() {
		if bad[prob.Range] {
			continue
		}
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  prob.Summary,
			Detail:   prob.Detail,
			Subject:  fromRange(prob.Range).Ptr(),
		})
	}
	return p, diags
}

// sortDiagnostics orders diagnostics by file, line, column and summary,
// and drops exact duplicates: a bad value in defaults is reported once,
// not once per service.
func sortDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	key := func(d *hcl.Diagnostic) (string, int, int) {
		if d.Subject == nil {
			return "", 0, 0
		}
		return d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
	}
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		af, al, ac := key(a)
		bf, bl, bc := key(b)
		return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc),
			cmp.Compare(a.Summary, b.Summary), cmp.Compare(a.Detail, b.Detail))
	})
	return slices.CompactFunc(diags, func(a, b *hcl.Diagnostic) bool {
		af, al, ac := key(a)
		bf, bl, bc := key(b)
		return af == bf && al == bl && ac == bc && a.Summary == b.Summary && a.Detail == b.Detail && a.Severity == b.Severity
	})
}
