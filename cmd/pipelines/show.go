package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"pipelines/config"
	"pipelines/model"
)

var showCommand = &command{
	name:  "show",
	short: "print a service's merged configuration and where each value is set",
	usage: `usage: pipelines show name [-f services.hcl] [-json]

Show prints the configuration a service is built from, after merging the
built-in values, defaults and the service's own block, with the line that
set each value and its layer: (service), (defaults), (built-in) or
(derived from the service name, the stage name, or both, or for a
stage's account_id from the service's). Use it to see
what an override really changes. "-f -" reads standard input. An unknown
name exits 1 and suggests the closest names.

-json prints a document for scripts: {service, source, settings: [{path,
value, source: {layer, file, line, column}}]}, values as JSON.
`,
}

func init() { showCommand.run = runShow }

func runShow(e *env, args []string) int {
	fs := newFlagSet(showCommand, e)
	file := fs.String("f", "services.hcl", "the services file to read")
	asJSON := fs.Bool("json", false, "print JSON")
	names, code, ok := parseInterspersed(fs, e, args)
	if !ok {
		return code
	}
	if len(names) != 1 {
		fmt.Fprintln(e.stderr, "pipelines show: give one service name")
		fs.Usage()
		return exitMisuse
	}
	if !namedFile(e, "show", "-f ", *file) {
		return exitMisuse
	}
	l := config.NewLoader()
	l.Record = func(service string) bool { return service == names[0] } // what show prints
	project, ok := loadWith(e, l, *file)
	if !ok {
		return exitFailed
	}
	i := slices.IndexFunc(project.Services, func(s *model.Service) bool { return s.Name == names[0] })
	if i < 0 {
		fmt.Fprintf(e.stderr, "pipelines show: no service named %q in %s.%s\n", names[0], inputName(*file), suggest(names[0], project.Services))
		return exitFailed
	}
	s := project.Services[i]
	if *asJSON {
		if err := writeShowJSON(e.stdout, s); err != nil {
			fmt.Fprintf(e.stderr, "pipelines show: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	writeShowText(e.stdout, s)
	return exitOK
}

// suggest names the services closest to name, or lists the services when
// none is close. Service names are lowercase: so is what name is compared
// as.
func suggest(name string, services []*model.Service) string {
	name = strings.ToLower(name)
	type candidate struct {
		name string
		dist int
	}
	var close []candidate
	for _, s := range services {
		// A name far longer than a service's is a few edits from none,
		// and comparing it would cost its length times each name's.
		d := len(name)
		if len(name) <= 4*len(s.Name) {
			d = levenshtein.Distance(name, s.Name, nil)
		}
		if d <= max(2, utf8.RuneCountInString(name)/3) || strings.HasPrefix(s.Name, name) || strings.HasPrefix(name, s.Name) {
			close = append(close, candidate{s.Name, d})
		}
	}
	slices.SortFunc(close, func(a, b candidate) int { return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(a.name, b.name)) })
	quoted := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = strconv.Quote(n)
		}
		return strings.Join(q, ", ")
	}
	switch {
	case len(close) == 1:
		return fmt.Sprintf(" Did you mean %q?", close[0].name)
	case len(close) > 1:
		names := make([]string, 0, 3)
		for _, c := range close[:min(3, len(close))] {
			names = append(names, c.name)
		}
		return " Did you mean one of " + quoted(names) + "?"
	case len(services) == 0:
		return " It declares no service."
	}
	names := make([]string, 0, 10)
	for _, s := range services[:min(10, len(services))] {
		names = append(names, s.Name)
	}
	more := ""
	if len(services) > 10 {
		more = fmt.Sprintf(" and %d more", len(services)-10)
	}
	return " Services: " + quoted(names) + more + "."
}

// sourceText says where a setting came from: "services.hcl:12 (defaults)".
func sourceText(s *model.Service, st model.Setting) string {
	src := shownSource(s, st)
	if src.Layer == model.LayerBuiltin {
		return "(built-in)"
	}
	layer := "(" + src.Layer.String() + ")"
	if src.Layer == model.LayerDerived {
		layer = "(derived from " + derivedFrom(st.Path) + ")"
	}
	return fmt.Sprintf("%s:%d %s", src.Range.Filename, src.Range.Start.Line, layer)
}

// shownSource is where show says a setting came from, in text and JSON
// alike: its source, but for a value derived from a stage's name alone,
// the stage's label.
func shownSource(s *model.Service, st model.Setting) model.Source {
	src := st.Source
	if src.Layer == model.LayerDerived && derivedFrom(st.Path) == "the stage name" {
		name, _, _ := strings.Cut(strings.TrimPrefix(st.Path, "stage."), ".")
		src.Range = s.Source("stage." + name).Range
	}
	return src
}

// derivedFrom says what a derived value is computed from.
func derivedFrom(path string) string {
	switch {
	case !strings.HasPrefix(path, "stage."), strings.HasSuffix(path, ".ecs_service"):
		return "the service name"
	case strings.HasSuffix(path, ".account_id"):
		return "the service's account_id"
	case strings.HasSuffix(path, ".target_groups"):
		return "the service and stage names"
	}
	return "the stage name"
}

// showBlock is a block of the effective configuration, in the order the
// schema declares its contents.
type showBlock struct {
	header  string         // `stage "production"`; empty at the top
	setting *model.Setting // where a labelled block was declared
	items   []showItem
}

type showItem struct {
	setting *model.Setting // an attribute
	block   *showBlock
}

// splitPath splits a setting path into its blocks and attribute:
// "stage.production.validation.url" is [`stage "production"`,
// "validation"] and "url". A path naming a stage has no attribute.
func splitPath(p string) (blocks []string, attr string) {
	parts := strings.Split(p, ".")
	for i := 0; i < len(parts); i++ {
		switch {
		case parts[i] == "stage" && i+1 < len(parts):
			blocks = append(blocks, "stage "+strconv.Quote(parts[i+1]))
			i++
		case i == len(parts)-1:
			attr = parts[i]
		default:
			blocks = append(blocks, parts[i])
		}
	}
	return blocks, attr
}

func settingsTree(s *model.Service) *showBlock {
	root := &showBlock{}
	for i := range s.Settings {
		st := &s.Settings[i]
		blocks, attr := splitPath(st.Path)
		b := root
		for _, h := range blocks {
			var next *showBlock
			for _, it := range b.items {
				if it.block != nil && it.block.header == h {
					next = it.block
				}
			}
			if next == nil {
				next = &showBlock{header: h}
				b.items = append(b.items, showItem{block: next})
			}
			b = next
		}
		if attr == "" {
			b.setting = st
		} else {
			b.items = append(b.items, showItem{setting: st})
		}
	}
	return root
}

// showLine is one line of the text form: code, and a comment saying where
// the value came from.
type showLine struct{ code, comment string }

// maxAligned is the widest line whose comment sets the comment column;
// longer lines put their comment right after the code.
const maxAligned = 64

func writeShowText(w io.Writer, s *model.Service) {
	lines := []showLine{{
		code:    fmt.Sprintf("service %q {", s.Name),
		comment: fmt.Sprintf("%s:%d", s.NameRange.Filename, s.NameRange.Start.Line),
	}}
	lines = appendBlockLines(lines, s, settingsTree(s), "  ")
	lines = append(lines, showLine{code: "}"})

	column := 0
	for _, l := range lines {
		if n := utf8.RuneCountInString(l.code); l.comment != "" && n <= maxAligned {
			column = max(column, n)
		}
	}
	fmt.Fprintf(w, "# Effective configuration of service %q: each comment says where the value was set.\n", s.Name)
	for _, l := range lines {
		if l.comment == "" {
			fmt.Fprintln(w, l.code)
			continue
		}
		pad := max(column-utf8.RuneCountInString(l.code), 0) + 2
		fmt.Fprintf(w, "%s%s# %s\n", l.code, strings.Repeat(" ", pad), l.comment)
	}
}

func appendBlockLines(lines []showLine, s *model.Service, b *showBlock, indent string) []showLine {
	width := 0 // align = within each run of attributes, as hclwrite does
	for i, it := range b.items {
		if it.block != nil {
			if i > 0 {
				lines = append(lines, showLine{})
			}
			header := showLine{code: indent + it.block.header + " {"}
			if it.block.setting != nil {
				header.comment = sourceText(s, *it.block.setting)
			}
			lines = append(lines, header)
			lines = appendBlockLines(lines, s, it.block, indent+"  ")
			lines = append(lines, showLine{code: indent + "}"})
			if i+1 < len(b.items) && b.items[i+1].block == nil {
				lines = append(lines, showLine{})
			}
			width = 0
			continue
		}
		if width == 0 {
			for _, next := range b.items[i:] {
				if next.block != nil {
					break
				}
				_, attr := splitPath(next.setting.Path)
				width = max(width, len(attr))
			}
		}
		_, attr := splitPath(it.setting.Path)
		lines = append(lines, showLine{
			code:    fmt.Sprintf("%s%-*s = %s", indent, width, attr, it.setting.Value),
			comment: sourceText(s, *it.setting),
		})
	}
	return lines
}

// showDocument is the -json form.
type showDocument struct {
	Service  string        `json:"service"`
	Source   jsonSource    `json:"source"`
	Settings []jsonSetting `json:"settings"`
}

type jsonSetting struct {
	Path   string          `json:"path"`
	Value  json.RawMessage `json:"value"`
	Source jsonSource      `json:"source"`
}

type jsonSource struct {
	Layer  string `json:"layer"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func writeShowJSON(w io.Writer, s *model.Service) error {
	doc := showDocument{
		Service: s.Name,
		Source: jsonSource{Layer: model.LayerService.String(), File: s.NameRange.Filename,
			Line: s.NameRange.Start.Line, Column: s.NameRange.Start.Column},
		Settings: make([]jsonSetting, 0, len(s.Settings)),
	}
	for _, st := range s.Settings {
		v, err := settingJSON(st.Value)
		if err != nil {
			return fmt.Errorf("internal error: value of %s: %w", st.Path, err)
		}
		shown := shownSource(s, st)
		src := jsonSource{Layer: shown.Layer.String()}
		if shown.Layer != model.LayerBuiltin {
			r := shown.Range
			src.File, src.Line, src.Column = r.Filename, r.Start.Line, r.Start.Column
		}
		doc.Settings = append(doc.Settings, jsonSetting{Path: st.Path, Value: v, Source: src})
	}
	return encodeJSON(w, doc)
}

// settingJSON turns a setting's rendered value back into JSON. Values are
// HCL literals: quoted strings, whole numbers, true or false, and lists of
// quoted strings. A quoted string without "$${" or "%%{" reads as Go
// reads it; anything else is read as HCL.
func settingJSON(v string) (json.RawMessage, error) {
	if strings.Contains(v, "${") || strings.Contains(v, "%{") {
		return hclJSON(v)
	}
	var x any
	switch {
	case v == "true" || v == "false":
		x = v == "true"
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err != nil {
			return hclJSON(v)
		}
		x = s
	case strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]"):
		list, ok := quotedList(v[1 : len(v)-1])
		if !ok {
			return hclJSON(v)
		}
		x = list
	default:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return hclJSON(v)
		}
		return json.RawMessage(v), nil
	}
	return json.Marshal(x)
}

// quotedList reads `"a", "b"`.
func quotedList(s string) ([]string, bool) {
	list := []string{}
	for s = strings.TrimSpace(s); s != ""; {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, false
		}
		item, err := strconv.Unquote(q)
		if err != nil {
			return nil, false
		}
		list = append(list, item)
		s = strings.TrimSpace(s[len(q):])
		if s != "" {
			if s[0] != ',' {
				return nil, false
			}
			s = strings.TrimSpace(s[1:])
		}
	}
	return list, true
}

// hclJSON evaluates an HCL literal and writes it as JSON.
func hclJSON(v string) (json.RawMessage, error) {
	expr, diags := hclsyntax.ParseExpression([]byte(v), "value", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	val, diags := expr.Value(nil)
	if diags.HasErrors() {
		return nil, diags
	}
	return ctyjson.Marshal(val, val.Type())
}

// encodeJSON writes v as the tool writes every JSON document: two-space
// indent, <, > and & literal, and a final newline.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
