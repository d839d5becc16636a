package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// bodyContent is Body.Content (strict: unknown arguments and blocks are
// errors) with the valid names added to the messages that have no "Did
// you mean" suggestion, so that a new user sees what the block accepts.
func bodyContent(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	if content, ok := plainContent(body, schema); ok {
		return content, nil
	}
	content, diags := body.Content(schema)
	content.Blocks = keepExtraLabelled(content.Blocks, body, schema, diags)
	for _, d := range diags {
		if d.Summary == "Unsupported argument" || d.Summary == "Unsupported block type" {
			notASCII(d)
			if placed(d, schema) {
				continue
			}
		}
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

// placed adds to the message of an unsupported argument or block, d, where
// an argument or block of that name goes, when it goes in another block
// than the one with schema: timeout_minutes in a build or test block, say,
// rather than in the service. It reports whether it did. At the top level,
// a service's own argument is left to decodeTop's message.
func placed(d *hcl.Diagnostic, schema *hcl.BodySchema) bool {
	name, ok := quotedName(d.Detail)
	if !ok {
		return false
	}
	if d.Summary == "Unsupported block type" {
		where, ok := blockPlaces()[name]
		if !ok {
			return false
		}
		d.Detail += fmt.Sprintf(" %s goes %s.", article(name), where)
		return true
	}
	where, ok := attributePlaces()[name]
	if !ok || schema == fileSchema && slices.ContainsFunc(layerAttributes, func(a hcl.AttributeSchema) bool { return a.Name == name }) {
		return false
	}
	d.Detail += fmt.Sprintf(" %q is set %s.", name, where)
	return true
}

// blockHeaders are the nested blocks of the file, as they are written.
var blockHeaders = []struct {
	typ, header string
	schema      *hcl.BodySchema
}{
	{"network", "network { ... }", networkBlockSchema},
	{"build", "build { ... }", buildBlockSchema},
	{"test", "test { ... }", testBlockSchema},
	{"artifacts", "artifacts { ... }", artifactsBlockSchema},
	{"logs", "logs { ... }", logsBlockSchema},
	{"notifications", "notifications { ... }", notificationsBlockSchema},
	{"stage", `stage "name" { ... }`, stageBlockSchema},
	{"validation", `validation { ... }`, validationBlockSchema},
}

// attributePlaces says, for the name of each argument of the file, where
// it is set: "in a build { ... } or test { ... } block".
var attributePlaces = sync.OnceValue(func() map[string]string {
	places := map[string]string{}
	for _, a := range serviceBlockSchema.Attributes {
		places[a.Name] = "directly in a service block"
	}
	for _, a := range defaultsBlockSchema.Attributes {
		places[a.Name] = "directly in defaults { ... } or a service block"
	}
	blocks := map[string][]string{}
	var names []string
	for _, b := range blockHeaders {
		for _, a := range b.schema.Attributes {
			if blocks[a.Name] == nil {
				names = append(names, a.Name)
			}
			blocks[a.Name] = append(blocks[a.Name], b.header)
		}
	}
	for _, name := range names {
		headers := blocks[name]
		list := headers[0]
		if n := len(headers); n > 1 {
			list = strings.Join(headers[:n-1], ", ") + " or " + headers[n-1]
		}
		in := article(list)
		in = "in " + strings.ToLower(in[:1]) + in[1:]
		if top, ok := places[name]; ok {
			in = top + ", or " + in
		}
		places[name] = in
	}
	return places
})

// blockPlaces says, for each block type of the file, where such a block
// goes.
var blockPlaces = sync.OnceValue(func() map[string]string {
	places := map[string]string{
		"defaults":   "at the top level of the file",
		"service":    "at the top level of the file",
		"validation": `in a stage "name" { ... } block`,
	}
	for _, b := range layerBlocks {
		places[b.Type] = "directly in defaults { ... } or a service block"
	}
	return places
})

// quotedName is the name an unsupported argument's or block's message
// quotes first.
func quotedName(detail string) (string, bool) {
	i := strings.IndexByte(detail, '"')
	if i < 0 {
		return "", false
	}
	quoted, err := strconv.QuotedPrefix(detail[i:])
	if err != nil {
		return "", false
	}
	name, err := strconv.Unquote(quoted)
	return name, err == nil
}

// notASCII says which character of the name of an unsupported argument or
// block is not ASCII, if one is: a letter of another script that looks like
// a Latin one makes a name, and the "Did you mean" that follows it, look
// like the right one.
func notASCII(d *hcl.Diagnostic) {
	name, ok := quotedName(d.Detail)
	if !ok {
		return
	}
	held := nonASCII(name)
	if held == "" {
		return
	}
	const here = " not expected here."
	if k := strings.Index(d.Detail, here); k >= 0 {
		k += len(here) - 1 // the period
		d.Detail = d.Detail[:k] + ": the name holds " + held + ", which is not ASCII." + d.Detail[k+1:]
	}
}

// nonASCII quotes the first character of name that is not ASCII, with its
// code point when it is visible; "" when every character is ASCII.
func nonASCII(name string) string {
	j := strings.IndexFunc(name, func(r rune) bool { return r >= utf8.RuneSelf })
	if j < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(name[j:])
	if unicode.IsPrint(r) {
		return fmt.Sprintf("%q (%U)", r, r)
	}
	return fmt.Sprintf("%q", r)
}

// keepExtraLabelled adds to blocks, in the order of the file, the blocks of
// body that have more labels than schema gives their type: Body.Content
// reports the extra labels and drops such a block, whose values would then
// be missing, or whose stage would be, and other problems would be
// reported in place of the labels. The block is kept with the labels its
// type takes, the first ones, and its diagnostic points at all the others.
func keepExtraLabelled(blocks hcl.Blocks, body hcl.Body, schema *hcl.BodySchema, diags hcl.Diagnostics) hcl.Blocks {
	b, ok := body.(*hclsyntax.Body)
	if !ok {
		return blocks
	}
	added := false
	for _, block := range b.Blocks {
		i := slices.IndexFunc(schema.Blocks, func(s hcl.BlockHeaderSchema) bool { return s.Type == block.Type })
		if i < 0 || len(block.Labels) <= len(schema.Blocks[i].LabelNames) {
			continue
		}
		n := len(schema.Blocks[i].LabelNames)
		first, last := block.LabelRanges[n], block.LabelRanges[len(block.LabelRanges)-1]
		for _, d := range diags {
			if d.Subject != nil && d.Subject.Start.Byte == first.Start.Byte && strings.HasPrefix(d.Summary, "Extraneous label for ") {
				r := hcl.RangeBetween(first, last)
				d.Subject = &r
			}
		}
		kept := *block.AsHCLBlock()
		kept.Labels, kept.LabelRanges = kept.Labels[:n], kept.LabelRanges[:n]
		blocks = append(blocks, &kept)
		added = true
	}
	if added {
		slices.SortStableFunc(blocks, func(a, b *hcl.Block) int { return a.DefRange.Start.Byte - b.DefRange.Start.Byte })
	}
	return blocks
}

// plainContent is Body.Content for a body of the parser that holds only
// what schema allows, with the right labels: the case of nearly every
// block of a file, which Body.Content handles with maps of what it hid
// and a body of what remains, to report whatever else there is. ok is
// false for any other body, and for a schema with required attributes,
// which Body.Content handles.
func plainContent(body hcl.Body, schema *hcl.BodySchema) (*hcl.BodyContent, bool) {
	b, ok := body.(*hclsyntax.Body)
	if !ok {
		return nil, false
	}
	for _, block := range b.Blocks {
		i := slices.IndexFunc(schema.Blocks, func(s hcl.BlockHeaderSchema) bool { return s.Type == block.Type })
		if i < 0 || len(block.Labels) != len(schema.Blocks[i].LabelNames) {
			return nil, false
		}
	}
	// The attributes share one allocation, and so do the blocks, rather
	// than taking one each.
	attrs := make(hcl.Attributes, len(b.Attributes))
	list := make([]hcl.Attribute, 0, len(b.Attributes))
	for _, s := range schema.Attributes {
		if s.Required {
			return nil, false
		}
		if a, ok := b.Attributes[s.Name]; ok {
			list = append(list, *a.AsHCLAttribute())
			attrs[s.Name] = &list[len(list)-1]
		}
	}
	if len(attrs) != len(b.Attributes) {
		return nil, false // an argument that schema does not allow
	}
	var blocks hcl.Blocks
	if len(b.Blocks) > 0 {
		blocks = make(hcl.Blocks, len(b.Blocks))
		list := make([]hcl.Block, len(b.Blocks))
		for i, block := range b.Blocks {
			list[i] = *block.AsHCLBlock()
			blocks[i] = &list[i]
		}
	}
	return &hcl.BodyContent{Attributes: attrs, Blocks: blocks, MissingItemRange: b.MissingItemRange()}, true
}
