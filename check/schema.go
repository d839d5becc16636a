package check

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The resource schemas, as cfn-lint bundles them (see schemas/README.md).
//
//go:embed schemas/*.json schemas/legacy-v1.42.1/*.json
var schemaFS embed.FS

// legacyEnums lists the enum lists that the current schemas dropped and that
// are restored from the older copies in schemas/legacy-v1.42.1. Only lists
// whose values AWS has kept stable are restored. Deliberately left out:
// CodeBuild Environment.ComputeType and Environment.Type (AWS keeps adding
// compute sizes and environment types; PL030 enforces the one compute type
// we allow) and Source.Type (new source providers appear over time).
var legacyEnums = []struct{ file, pointer string }{
	{"aws-codepipeline-pipeline.json", "definitions/ActionTypeId/properties/Owner"},
	{"aws-codecommit-repository.json", "definitions/RepositoryTrigger/properties/Events/items"},
	{"aws-codebuild-project.json", "definitions/Artifacts/properties/Type"},
	{"aws-codebuild-project.json", "definitions/Artifacts/properties/Packaging"},
	{"aws-codebuild-project.json", "definitions/ProjectCache/properties/Type"},
	{"aws-codebuild-project.json", "definitions/Environment/properties/ImagePullCredentialsType"},
}

// extraAttributes lists Fn::GetAtt attributes that CloudFormation documents
// for a type but that its schema does not mark read-only.
var extraAttributes = map[string][]string{
	"AWS::EC2::SecurityGroup": {"VpcId"},     // GroupId's VPC
	"AWS::SNS::Topic":         {"TopicName"}, // also returned when the name was generated
}

// typeSet is a set of JSON-Schema types.
type typeSet uint8

const (
	tObject typeSet = 1 << iota
	tArray
	tString
	tNumber
	tInteger
	tBoolean
	tNull
)

var typeNames = []struct {
	t    typeSet
	name string
}{
	{tObject, "object"}, {tArray, "array"}, {tString, "string"},
	{tNumber, "number"}, {tInteger, "integer"}, {tBoolean, "boolean"}, {tNull, "null"},
}

// describe names the types for messages: "a list", "a string or an object".
func (ts typeSet) describe() string {
	var parts []string
	for _, tn := range typeNames {
		if ts&tn.t != 0 {
			parts = append(parts, kindPhrase(tn.name))
		}
	}
	return strings.Join(parts, " or ")
}

func kindPhrase(name string) string {
	switch name {
	case "object":
		return "an object"
	case "array":
		return "a list"
	case "integer":
		return "an integer"
	case "null":
		return "null"
	}
	return "a " + name
}

// schema is one compiled JSON-Schema node, limited to the keywords the
// resource schemas use.
type schema struct {
	types        typeSet
	ref          *schema
	properties   map[string]*schema
	propNames    []string // sorted
	required     []string
	noAdditional bool
	additional   *schema
	patternProps []patternProp
	enum         []any
	hasConst     bool
	constVal     any
	pattern      *pattern
	patternSrc   string
	format       string
	minLength    int // -1 when unset, likewise below
	maxLength    int
	minItems     int
	maxItems     int
	minimum      *float64
	maximum      *float64
	uniqueItems  bool
	uniqueKeys   []string
	items        *schema
	oneOf        []*schema
	anyOf        []*schema
	allOf        []*schema
	depRequired  map[string][]string
	depExcluded  map[string][]string
	requiredXor  []string
	requiredOr   []string
}

type patternProp struct {
	re *pattern
	s  *schema
}

// resourceSchema is the compiled schema of one resource type.
type resourceSchema struct {
	typeName   string
	root       *schema
	readOnly   [][]string // property paths, "*" for every list item
	createOnly []string   // dotted paths
	attrs      map[string]bool
}

var (
	schemasOnce   sync.Once
	schemasByType map[string]*resourceSchema
)

// lookupSchema returns the compiled schema of a resource type, or nil.
func lookupSchema(typeName string) *resourceSchema {
	schemasOnce.Do(loadSchemas)
	return schemasByType[typeName]
}

// CreateOnlyPaths returns the createOnlyProperties of a resource type's schema
// as dotted paths ("BucketName", "EncryptionConfiguration.KmsKey"): changing
// any of them replaces the resource. It returns nil for unknown types.
func CreateOnlyPaths(resourceType string) []string {
	rs := lookupSchema(resourceType)
	if rs == nil {
		return nil
	}
	return slices.Clone(rs.createOnly)
}

// loadSchemas compiles every embedded schema. The schemas are fixed data
// shipped with the program, so a failure here is a programming error.
func loadSchemas() {
	raw, err := readSchemas()
	if err != nil {
		panic(err)
	}
	schemasByType = make(map[string]*resourceSchema, len(raw))
	for _, doc := range raw {
		rs, err := compileResource(doc)
		if err != nil {
			panic(err)
		}
		schemasByType[rs.typeName] = rs
	}
}

func readSchemas() ([]map[string]any, error) {
	names, err := fs.Glob(schemaFS, "schemas/*.json")
	if err != nil {
		return nil, err
	}
	docs := make([]map[string]any, 0, len(names))
	byFile := map[string]map[string]any{}
	for _, name := range names {
		doc, err := readJSONFile(name)
		if err != nil {
			return nil, err
		}
		docs = append(docs, doc)
		byFile[strings.TrimPrefix(name, "schemas/")] = doc
	}
	for _, le := range legacyEnums {
		legacy, err := readJSONFile("schemas/legacy-v1.42.1/" + le.file)
		if err != nil {
			return nil, err
		}
		cur, old := pointer(byFile[le.file], le.pointer), pointer(legacy, le.pointer)
		if cur == nil || old == nil {
			return nil, fmt.Errorf("legacy enum %s#%s: no such node", le.file, le.pointer)
		}
		if _, has := cur["enum"]; !has {
			cur["enum"] = old["enum"]
		}
	}
	return docs, nil
}

func readJSONFile(name string) (map[string]any, error) {
	data, err := schemaFS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return doc, nil
}

// pointer follows a slash-separated path of object keys.
func pointer(doc map[string]any, path string) map[string]any {
	cur := doc
	for key := range strings.SplitSeq(path, "/") {
		next, ok := cur[key].(map[string]any)
		if !ok {
			return nil
		}
		cur = next
	}
	return cur
}

type compiler struct {
	defs map[string]*schema
	raw  map[string]any
	err  error
}

func compileResource(doc map[string]any) (*resourceSchema, error) {
	typeName, _ := doc["typeName"].(string)
	if typeName == "" {
		return nil, fmt.Errorf("schema without typeName")
	}
	c := &compiler{defs: map[string]*schema{}}
	rawDefs, _ := doc["definitions"].(map[string]any)
	c.raw = rawDefs
	for name := range rawDefs {
		c.defs[name] = &schema{}
	}
	for name, def := range rawDefs {
		m, _ := def.(map[string]any)
		c.fill(c.defs[name], m)
	}
	root := &schema{}
	c.fill(root, doc)
	if c.err != nil {
		return nil, fmt.Errorf("schema %s: %w", typeName, c.err)
	}
	rs := &resourceSchema{typeName: typeName, root: root, attrs: map[string]bool{}}
	for _, p := range stringList(doc["readOnlyProperties"]) {
		segs := strings.Split(strings.TrimPrefix(p, "/properties/"), "/")
		rs.readOnly = append(rs.readOnly, segs)
		if !slices.Contains(segs, "*") {
			rs.attrs[strings.Join(segs, ".")] = true
		}
	}
	for _, p := range stringList(doc["createOnlyProperties"]) {
		rs.createOnly = append(rs.createOnly, strings.ReplaceAll(strings.TrimPrefix(p, "/properties/"), "/", "."))
	}
	for _, a := range extraAttributes[typeName] {
		rs.attrs[a] = true
	}
	return rs, nil
}

func (c *compiler) compile(v any) *schema {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	if target := c.plainRef(m); target != nil {
		return target // share the definition's node: no extra indirection
	}
	s := &schema{}
	c.fill(s, m)
	return s
}

// plainRef returns the target of a node that holds nothing but a $ref and
// annotations.
func (c *compiler) plainRef(m map[string]any) *schema {
	ref, ok := m["$ref"].(string)
	if !ok {
		return nil
	}
	for k := range m {
		switch k {
		case "$ref", "insertionOrder", "description", "$comment", "relationshipRef":
		default:
			return nil
		}
	}
	name, _ := strings.CutPrefix(ref, "#/definitions/")
	return c.defs[name]
}

func (c *compiler) compileList(v any) []*schema {
	list, _ := v.([]any)
	out := make([]*schema, 0, len(list))
	for _, item := range list {
		if s := c.compile(item); s != nil {
			out = append(out, s)
		}
	}
	return out
}

func (c *compiler) fill(s *schema, m map[string]any) {
	s.minLength, s.maxLength, s.minItems, s.maxItems = -1, -1, -1, -1
	if ref, ok := m["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/definitions/")
		target := c.defs[name]
		if !found || target == nil {
			c.err = fmt.Errorf("unresolved $ref %q", ref)
			return
		}
		s.ref = target
	}
	s.types = parseTypes(m["type"])
	if props, ok := m["properties"].(map[string]any); ok {
		s.properties = make(map[string]*schema, len(props))
		for name, p := range props {
			s.properties[name] = c.compile(p)
			s.propNames = append(s.propNames, name)
		}
		slices.Sort(s.propNames)
	}
	s.required = stringList(m["required"])
	switch ap := m["additionalProperties"].(type) {
	case bool:
		s.noAdditional = !ap
	case map[string]any:
		s.additional = c.compile(ap)
	}
	if pp, ok := m["patternProperties"].(map[string]any); ok {
		for _, pat := range sortedKeys(pp) {
			if re := compilePattern(pat); re != nil {
				s.patternProps = append(s.patternProps, patternProp{re, c.compile(pp[pat])})
			}
		}
	}
	s.enum, _ = m["enum"].([]any)
	s.constVal, s.hasConst = m["const"]
	if pat, ok := m["pattern"].(string); ok {
		s.pattern, s.patternSrc = compilePattern(pat), pat
	}
	s.format, _ = m["format"].(string)
	s.minLength = intKeyword(m, "minLength")
	s.maxLength = intKeyword(m, "maxLength")
	s.minItems = intKeyword(m, "minItems")
	s.maxItems = intKeyword(m, "maxItems")
	s.minimum = floatKeyword(m, "minimum")
	s.maximum = floatKeyword(m, "maximum")
	s.uniqueItems, _ = m["uniqueItems"].(bool)
	s.uniqueKeys = stringList(m["uniqueKeys"])
	s.items = c.compile(m["items"])
	s.oneOf = c.compileList(m["oneOf"])
	s.anyOf = c.compileList(m["anyOf"])
	s.allOf = c.compileList(m["allOf"])
	s.depRequired = stringListMap(m["dependentRequired"])
	if deps := stringListMap(m["dependencies"]); deps != nil {
		if s.depRequired == nil {
			s.depRequired = deps
		} else {
			for k, v := range deps {
				s.depRequired[k] = append(s.depRequired[k], v...)
			}
		}
	}
	s.depExcluded = stringListMap(m["dependentExcluded"])
	s.requiredXor = stringList(m["requiredXor"])
	s.requiredOr = stringList(m["requiredOr"])
}

func parseTypes(v any) typeSet {
	var ts typeSet
	add := func(name string) {
		for _, tn := range typeNames {
			if tn.name == name {
				ts |= tn.t
			}
		}
	}
	switch t := v.(type) {
	case string:
		add(t)
	case []any:
		for _, item := range t {
			if name, ok := item.(string); ok {
				add(name)
			}
		}
	}
	return ts
}

var (
	unicodeEscape = regexp.MustCompile(`\\u([0-9A-Fa-f]{4})`)
	patternCache  sync.Map // string → *pattern (nil when RE2 cannot compile it)
)

// re2Source rewrites the two Python/Java-isms the schemas use, \Z and
// \uXXXX, in RE2's syntax.
func re2Source(pat string) string {
	src := strings.ReplaceAll(pat, `\Z`, `\z`)
	return unicodeEscape.ReplaceAllString(src, `\x{$1}`)
}

// compilePattern compiles a schema pattern with Go's RE2 syntax. It rewrites
// the two Python/Java-isms the schemas use (\Z, \uXXXX) and returns nil for a
// pattern RE2 cannot express (look-arounds), which is then not checked.
func compilePattern(pat string) *pattern {
	if p, ok := patternCache.Load(pat); ok {
		return p.(*pattern)
	}
	p, err := newPattern(re2Source(pat))
	if err != nil {
		p = nil
	}
	patternCache.Store(strings.Clone(pat), p) // pat may be a slice of a template
	return p
}

func intKeyword(m map[string]any, key string) int {
	if n, ok := m[key].(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
	}
	return -1
}

func floatKeyword(m map[string]any, key string) *float64 {
	if n, ok := m[key].(json.Number); ok {
		if f, err := n.Float64(); err == nil {
			return &f
		}
	}
	return nil
}

func stringList(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func stringListMap(v any) map[string][]string {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string][]string, len(m))
	for k, item := range m {
		if list := stringList(item); list != nil {
			out[k] = list
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
