package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// template is a parsed template with its sections indexed.
type template struct {
	file       string
	root       *object
	params     map[string]*parameter
	conditions *object
	mappings   *object
	resources  map[string]*resource
	ids        []string // resource logical IDs, sorted
	key        string   // the first AWS::KMS::Key in ids, or ""
	latin1     bool     // every string is Latin-1 text, see decodeJSONKeys
	langExt    bool     // the template declares the AWS::LanguageExtensions transform
	sam        bool     // the template declares the AWS::Serverless-2016-10-31 transform
	// samPrefixes begin the logical IDs of the resources the
	// AWS::Serverless-2016-10-31 transform may generate, see mayBeResource.
	samPrefixes []string
	outputs     *object
	findings    []Finding
	errorsOnly  bool // only Error findings are wanted: see TemplateErrors

	// What Fn::ForEach loops over collections known only on deploy may
	// give, see expandLoops: resource logical IDs and condition names, and
	// the resources that hold such a loop, which are indexed but not
	// checked.
	loopIDs, loopConds []keyPattern
	unchecked          map[string]bool

	docs  []policyDoc // computed by policyDocs
	stmts []statement // computed by statements
	every [][]string  // computed by everyResources

	visited          int                            // resources and statements visited; see each
	referrerIndex    map[string]map[string][]string // computed by referrers
	byName, byID     *suggester                     // computed by nameSuggester and idSuggester
	condAnswers      map[string]bool                // computed by canFail
	actionSuggesters map[string]*suggester          // computed by suggesterFor
}

type resource struct {
	id     string
	typ    string
	raw    *object
	props  *object // nil when the resource has no Properties
	schema *resourceSchema
	cond   string // the name of its Condition, "" when it has none
	// misspelled is set when the type is a near miss of one CloudFormation
	// knows (CFN006), and so not reported again for having no schema.
	misspelled bool
}

type parameter struct {
	name string
	typ  string
	raw  *object
}

// isList reports whether a Ref to the parameter yields a list.
func (p *parameter) isList() bool {
	return strings.HasPrefix(p.typ, "List<") || p.typ == "CommaDelimitedList" ||
		strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value<List<") ||
		p.typ == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
}

var templateSections = map[string]bool{
	"AWSTemplateFormatVersion": true, "Description": true, "Metadata": true,
	"Parameters": true, "Rules": true, "Mappings": true, "Conditions": true,
	"Transform": true, "Resources": true, "Outputs": true,
}

var resourceAttributes = map[string]bool{
	"Type": true, "Properties": true, "DependsOn": true, "Condition": true,
	"DeletionPolicy": true, "UpdateReplacePolicy": true, "Metadata": true,
	"CreationPolicy": true, "UpdatePolicy": true,
}

// isCustomResource reports whether typ is a custom resource's type.
func isCustomResource(typ string) bool {
	return typ == "AWS::CloudFormation::CustomResource" || strings.HasPrefix(typ, "Custom::")
}

// isLogicalID reports whether id is 1 to 255 ASCII letters and digits.
func isLogicalID(id string) bool {
	if id == "" || len(id) > 255 {
		return false
	}
	for _, c := range []byte(id) {
		if !isAlnum(c) {
			return false
		}
	}
	return true
}

func (t *template) report(resource, rule, msg string) {
	t.findings = append(t.findings, Finding{
		// A logical ID, and a message that quotes the template, may be slices
		// of the parsed document: copy them, so that a finding neither keeps
		// the whole document alive nor changes with it.
		File: t.file, Resource: strings.Clone(resource), Rule: rule, Severity: severityOf(rule), Message: strings.Clone(msg),
	})
}

func (t *template) reportf(resource, rule, format string, args ...any) {
	if t.errorsOnly && severityOf(rule) == Warning {
		return // dropped by TemplateErrors: not formatted for nothing
	}
	t.report(resource, rule, fmt.Sprintf(format, args...))
}

// parse decodes data and indexes its sections. It returns false when the
// document is not a template object, in which case no further check runs.
func parse(file string, data []byte) (*template, bool) {
	return parseIn(file, data, nil, false)
}

// parseIn is parse, carving the document's values from a when it is not
// nil, and keeping only Error findings when errorsOnly is set.
func parseIn(file string, data []byte, a *arena, errorsOnly bool) (*template, bool) {
	t := &template{file: file, errorsOnly: errorsOnly}
	// The document is read in place, without copying it: its strings
	// are slices of data, which the caller leaves alone while the checks
	// run, and findings copy what they quote.
	doc, repeated, latin1, err := decodeJSONIn(unsafe.String(unsafe.SliceData(data), len(data)), a)
	if err == errTrailingData {
		t.report("Template", "CFN001", "The file holds more data after the template object; a template is exactly one JSON object.")
		return t, false
	}
	switch {
	case err == nil:
	case len(bytes.TrimLeft(data, " \t\r\n")) == 0:
		t.report("Template", "CFN001", "The file is empty; a template is a JSON object with a Resources section.")
		return t, false
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		t.report("Template", "CFN001", "The file starts with a byte order mark (the bytes EF BB BF), which JSON does not allow; save it as UTF-8 without one.")
		return t, false
	case bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")):
		t.reportf("Template", "CFN001", "The file starts with the byte order mark of UTF-16 (the bytes % X); a template is UTF-8 text: save it as UTF-8.", data[:2])
		return t, false
	case len(data) >= 2 && (data[0] == 0) != (data[1] == 0):
		t.report("Template", "CFN001", "The file holds a NUL byte beside each character, as UTF-16 text does; a template is UTF-8 text: save it as UTF-8.")
		return t, false
	case looksLikeYAML(data):
		// A folder's templates are its .json files: a file of another
		// name was named on the command line.
		leaveOut := ", or name only the .json files"
		if strings.HasSuffix(file, ".json") {
			leaveOut = ""
		}
		t.report("Template", "CFN001", "The file is not valid JSON: "+jsonError(data, err)+"; it reads as a YAML template, and check reads JSON templates only: convert it to JSON (cfn-flip does)"+leaveOut+".")
		return t, false
	default:
		t.report("Template", "CFN001", "The file is not valid JSON: "+jsonError(data, err)+".")
		return t, false
	}
	var lines lineIndex
	if len(repeated) > 0 {
		lines = newLineIndex(data)
	}
	for _, r := range repeated {
		line, col := lines.position(r.offset)
		t.reportf("Template", "CFN001", "The object at line %d, column %d holds the key %q more than once; a JSON parser keeps one of them and drops the others. Keep one.", line, col, r.key)
	}
	root, ok := doc.(*object)
	if !ok {
		t.reportf("Template", "CFN001", "The document is %s, not a template object; a template is a JSON object with a Resources section.", jsonKind(doc))
		return t, false
	}
	t.root = root
	t.latin1 = latin1
	t.indexSections()
	if t.langExt {
		t.expandLoops()
	}
	t.indexParameters()
	t.indexResources()
	t.indexOutputs()
	t.checkQuotas(len(data))
	return t, true
}

// CloudFormation's quotas on one template.
const (
	maxTemplateBytes = 1_000_000 // in an S3 object; 51,200 in the request itself
	maxResources     = 500
	maxParameters    = 200
	maxOutputs       = 200
	maxMappings      = 200
)

// checkQuotas reports a template that CloudFormation refuses for its size.
func (t *template) checkQuotas(size int) {
	if size > maxTemplateBytes {
		t.reportf("Template", "CFN005", "The template is %d bytes; CloudFormation accepts at most %d, uploaded to S3. Split the service's stages across pipelines, or shorten its lists and names.", size, maxTemplateBytes)
	}
	for _, q := range []struct {
		section string
		n, max  int
	}{
		{"Resources", len(t.resources), maxResources},
		{"Parameters", len(t.params), maxParameters},
		{"Outputs", len(t.outputs.all()), maxOutputs},
		{"Mappings", len(t.mappings.all()), maxMappings},
	} {
		if q.n > q.max {
			t.reportf("Template", "CFN005", "The %s section has %d entries; CloudFormation allows at most %d in a template.", q.section, q.n, q.max)
		}
	}
}

// jsonError describes a decoding error with its line and column.
func jsonError(data []byte, err error) string {
	syn, ok := err.(*jsonSyntaxError)
	if !ok {
		return err.Error()
	}
	line, col := position(data, syn.offset)
	return fmt.Sprintf("line %d, column %d: %s", line, col, syn.msg)
}

// position is the line and column, counting bytes, of an offset in data.
func position(data []byte, offset int) (line, col int) {
	line, col = 1, 1
	for _, b := range data[:min(offset, len(data))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// lineIndex holds the offsets of a document's line feeds, so that the
// position of each of many offsets takes a binary search rather than a scan
// from the start.
type lineIndex struct {
	size     int
	newlines []int
}

func newLineIndex(data []byte) lineIndex {
	li := lineIndex{size: len(data)}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return li
		}
		li.newlines = append(li.newlines, i+j)
		i += j + 1
	}
}

// position returns what position returns for the same data and offset.
func (li lineIndex) position(offset int) (line, col int) {
	offset = min(offset, li.size)
	n, _ := slices.BinarySearch(li.newlines, offset) // line feeds before offset
	start := 0
	if n > 0 {
		start = li.newlines[n-1] + 1
	}
	return n + 1, offset - start + 1
}

// yamlStart matches the first line of a YAML template that JSON would not
// start with: a document marker, a comment, a directive, or a key and a
// colon, such as "AWSTemplateFormatVersion: 2010-09-09" or "Resources:".
var yamlStart = regexp.MustCompile(`^(---|#|%|[A-Za-z][A-Za-z0-9_]*:(\s|$))`)

// looksLikeYAML reports whether data, which is not JSON, starts as a
// YAML template does.
func looksLikeYAML(data []byte) bool {
	return yamlStart.Match(bytes.TrimLeft(data, " \t\r\n"))
}

// jsonKind names the JSON type of a decoded value, with an article.
func jsonKind(v any) string {
	switch v.(type) {
	case *object:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("a %T", v)
}

func (t *template) indexSections() {
	var transforms []any
	switch tr := t.root.get("Transform").(type) {
	case string:
		transforms = []any{tr}
	case []any:
		transforms = tr
	}
	t.langExt = slices.Contains(transforms, any(languageExtensions))
	t.sam = slices.Contains(transforms, any(serverless))
	for _, kv := range t.root.all() {
		key := kv.key
		if key == "Globals" && t.sam {
			continue
		}
		if !templateSections[key] {
			t.reportf("Template", "CFN002", "%q is not a template section; use one of AWSTemplateFormatVersion, Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources or Outputs.", key)
		}
	}
	if v, ok := t.root.lookup("AWSTemplateFormatVersion"); ok && v != "2010-09-09" {
		t.reportf("Template", "CFN002", "AWSTemplateFormatVersion is %s; the only valid version is \"2010-09-09\".", show(v))
	}
	if v, ok := t.root.lookup("Description"); ok {
		if s, isString := v.(string); !isString {
			t.report("Template", "CFN002", "Description must be a string.")
		} else if len(s) > 1024 {
			t.reportf("Template", "CFN002", "Description is %d bytes long; CloudFormation allows at most 1024.", len(s))
		}
	}
	t.conditions = t.section("Conditions")
	t.mappings = t.section("Mappings")
}

// languageExtensions is the transform that adds Fn::Length, Fn::ToJsonString
// and Fn::FindInMap's default value to the language, and lets Ref and
// Fn::GetAtt take functions
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-aws-languageextensions.html).
const languageExtensions = "AWS::LanguageExtensions"

// serverless is the transform of the AWS Serverless Application Model, which
// adds the Globals section
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
const serverless = "AWS::Serverless-2016-10-31"

// samGenerated begin the logical IDs of the resources that the serverless
// transform generates whatever the template names them: the implicit APIs,
// and the CodeDeploy application and role of gradual deployments. The others
// begin with the logical ID of the AWS::Serverless resource they come from
// (FunctionRole, ApiProdStage, Function.Version)
// (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html).
var samGenerated = []string{"ServerlessRestApi", "ServerlessHttpApi", "ServerlessDeploymentApplication", "CodeDeployServiceRole"}

// section returns a top-level section that must be an object.
func (t *template) section(name string) *object {
	v, ok := t.root.lookup(name)
	if !ok {
		return nil
	}
	m, isMap := v.(*object)
	if !isMap {
		t.reportf("Template", "CFN002", "The %s section is %s; it must be an object.", name, jsonKind(v))
	}
	return m
}

func (t *template) indexResources() {
	t.resources = map[string]*resource{}
	if _, ok := t.root.lookup("Resources"); !ok {
		t.report("Template", "CFN002", "The template has no Resources section; CloudFormation requires at least one resource.")
		return
	}
	section := t.section("Resources")
	if section != nil && section.len() == 0 && len(t.loopIDs) == 0 {
		t.report("Template", "CFN002", "The Resources section is empty; CloudFormation requires at least one resource.")
	}
	for _, kv := range section.sortedMembers() {
		id := kv.key
		if strings.HasPrefix(id, forEachPrefix) { // with the transform, loops are expanded
			t.report(id, "CFN018", noTransform)
			continue
		}
		raw, ok := kv.val.(*object)
		if !ok {
			t.reportf(id, "CFN003", "The resource is %s; it must be an object with a Type.", jsonKind(kv.val))
			continue
		}
		r := &resource{id: id, raw: raw}
		r.cond, _ = raw.get("Condition").(string)
		t.checkResourceShape(r)
		t.resources[id] = r
		if t.key == "" && r.typ == "AWS::KMS::Key" {
			t.key = id
		}
		if t.sam && strings.HasPrefix(r.typ, "AWS::Serverless::") {
			t.samPrefixes = append(t.samPrefixes, id)
		}
		if t.unchecked[id] {
			continue
		}
		t.ids = append(t.ids, id)
	}
}

func (t *template) checkResourceShape(r *resource) {
	if !isLogicalID(r.id) {
		t.report(r.id, "CFN003", "The logical ID must be 1 to 255 ASCII letters and digits.")
	}
	switch typ := r.raw.get("Type").(type) {
	case nil:
		t.report(r.id, "CFN003", "The resource has no Type; set it to a resource type such as \"AWS::S3::Bucket\".")
	case string:
		r.typ = typ
		r.schema = lookupSchema(typ)
		if r.schema != nil {
			break
		}
		switch rule, sug := typeProblem(typ); {
		case rule == "CFN006":
			r.misspelled = true
			t.reportf(r.id, "CFN006", "Type %q is not a type CloudFormation knows; did you mean %q?", typ, sug)
		case rule == "CFN003" && sug != "":
			t.reportf(r.id, "CFN003", "Type %q is not a resource type; did you mean %q?", typ, sug)
		case rule == "CFN003":
			t.reportf(r.id, "CFN003", "Type %q is not a resource type; types look like \"AWS::Service::Resource\", \"Alexa::ASK::Skill\" or \"Custom::Name\" (letters, digits and _@-, up to 60).", typ)
		}
	default:
		t.reportf(r.id, "CFN003", "Type is %s; it must be a string such as \"AWS::S3::Bucket\".", jsonKind(typ))
	}
	for _, kv := range r.raw.all() {
		key := kv.key
		if key == "Version" && isCustomResource(r.typ) {
			// Custom resources keep the attribute of the first templates,
			// "Version": "1.0", which CloudFormation still accepts.
			switch kv.val.(type) {
			case string, json.Number:
			default:
				t.reportf(r.id, "CFN003", "Version is %s; a custom resource's Version is a string such as \"1.0\".", jsonKind(kv.val))
			}
			continue
		}
		if !resourceAttributes[key] {
			msg := fmt.Sprintf("%q is not a resource attribute; use Type, Properties, DependsOn, Condition, DeletionPolicy, UpdateReplacePolicy, Metadata, CreationPolicy or UpdatePolicy", key)
			if s := suggest(key, sortedKeys(resourceAttributes)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			t.report(r.id, "CFN003", msg+".")
		}
	}
	switch props := r.raw.get("Properties").(type) {
	case nil:
	case *object:
		r.props = props
	default:
		t.reportf(r.id, "CFN003", "Properties is %s; it must be an object.", jsonKind(props))
	}
	for _, attr := range []string{"DeletionPolicy", "UpdateReplacePolicy"} {
		v, ok := r.raw.lookup(attr)
		if !ok {
			continue
		}
		switch v {
		case "Delete", "Retain", "RetainExceptOnCreate", "Snapshot":
		default:
			fn, _, isFn := intrinsic(v)
			switch {
			case !isFn:
				t.reportf(r.id, "CFN003", "%s is %s; use \"Delete\", \"Retain\", \"RetainExceptOnCreate\" or \"Snapshot\".", attr, show(v))
			case !t.langExt:
				// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/function-refs-in-policy-attributes.html
				t.reportf(r.id, "CFN003", "%s uses %s, which CloudFormation accepts there only with the AWS::LanguageExtensions transform; write \"Delete\", or declare \"Transform\": \"AWS::LanguageExtensions\".", attr, fn)
			}
		}
	}
}

func (t *template) indexOutputs() {
	t.outputs = t.section("Outputs")
	for _, kv := range t.outputs.all() {
		name := kv.key
		where := "Outputs." + name
		if strings.HasPrefix(name, forEachPrefix) {
			t.report(where, "CFN018", noTransform)
			continue
		}
		out, ok := kv.val.(*object)
		if !ok {
			t.reportf(where, "CFN032", "The output is %s; it must be an object with a Value.", jsonKind(kv.val))
			continue
		}
		if !isLogicalID(name) {
			t.report(where, "CFN032", "The output's logical ID must be 1 to 255 ASCII letters and digits.")
		}
		if v, ok := out.lookup("Value"); !ok {
			t.report(where, "CFN032", "The output has no Value; every output needs one.")
		} else {
			t.checkOutputValue(where, v)
		}
		if d, ok := out.lookup("Description"); ok {
			switch d := d.(type) {
			case string:
				if len(d) > maxOutputDescription {
					t.reportf(where, "CFN032", "Description is %d bytes long; an output's Description holds at most %d.", len(d), maxOutputDescription)
				}
			default:
				t.reportf(where, "CFN032", "Description is %s; an output's Description is literal text, without parameters or functions.", jsonKind(d))
			}
		}
		for _, kv := range out.all() {
			key := kv.key
			switch key {
			case "Value", "Description", "Export", "Condition":
			default:
				t.reportf(where, "CFN032", "%q is not an output attribute; use Value, Description, Export or Condition.", key)
			}
		}
		if exp, ok := out.lookup("Export"); ok {
			m, isMap := exp.(*object)
			if _, hasName := m.lookup("Name"); !isMap || !hasName || m.len() != 1 {
				t.report(where, "CFN032", "Export must be an object with exactly one key, Name.")
			}
		}
	}
	t.checkExportNames()
}

// maxOutputDescription is how many bytes an output's Description holds.
const maxOutputDescription = 1024

// listFns are the intrinsic functions that always give a list.
var listFns = map[string]bool{"Fn::GetAZs": true, "Fn::Split": true, "Fn::Cidr": true}

// checkOutputValue reports an output Value that cannot be a string, in
// either branch of an Fn::If: a list, written out or given by a function
// that always gives one, an object that is no function, or null.
// CloudFormation refuses the template ("The Value field of every Outputs
// member must evaluate to a String").
func (t *template) checkOutputValue(where string, v any) {
	if v == nil {
		t.report(where, "CFN032", "Value is null; an output's Value must be a string.")
		return
	}
	for b := range eachBranch(v) {
		fn, _, isFn := intrinsic(b)
		switch {
		case isFn && listFns[fn]:
			t.reportf(where, "CFN032", "Value uses %s, which gives a list; an output's Value must be a string: join the list with Fn::Join.", fn)
		case isFn:
		default:
			switch b.(type) {
			case []any:
				t.report(where, "CFN032", "Value is a list; an output's Value must be a string: join the list with Fn::Join.")
			case *object:
				t.report(where, "CFN032", "Value is an object that is no intrinsic function; an output's Value must be a string.")
			}
		}
	}
}

// checkExportNames reports export names that depend on what CloudFormation
// knows only once it deploys (a resource, an imported value, the
// Availability Zones), and two outputs that export one name: CloudFormation
// refuses both templates ("The Name field of Export must not depend on any
// resources, imported values, or Fn::GetAZs"; "The Outputs section contains
// duplicate Export names").
func (t *template) checkExportNames() {
	// Names made of the same text, parameters and pseudo parameters are
	// the same on deploy: each parameter stands for itself.
	inputs := map[string]string{}
	for name := range pseudoParams {
		inputs[name] = "${" + name + "}"
	}
	for name := range t.params {
		inputs[name] = "${" + name + "}"
	}
	first := map[string]string{}
	for _, kv := range t.outputs.all() {
		out, _ := kv.val.(*object)
		exp, _ := get(out, "Export").(*object)
		name, ok := exp.lookup("Name")
		if !ok {
			continue
		}
		where := "Outputs." + kv.key
		var reasons []string
		for _, ref := range refsIn(name) {
			if t.resources[ref] != nil && !slices.Contains(reasons, "the resource "+ref) {
				reasons = append(reasons, "the resource "+ref)
			}
		}
		walkIntrinsics(name, func(fn string, _ any) {
			if (fn == "Fn::ImportValue" || fn == "Fn::GetAZs") && !slices.Contains(reasons, fn) {
				reasons = append(reasons, fn)
			}
		})
		if len(reasons) > 0 {
			t.reportf(where, "CFN032", "Export.Name depends on %s, which CloudFormation refuses: an export name is made of text, parameters and pseudo parameters such as ${AWS::StackName}.", strings.Join(reasons, " and "))
			continue
		}
		if _, conditional := out.lookup("Condition"); conditional {
			continue // another output may hold the name when this one is left out
		}
		text, known := staticString(name, inputs)
		if !known {
			continue
		}
		if other, seen := first[text]; seen {
			t.reportf(where, "CFN032", "Export.Name %s is also the export name of %s; CloudFormation refuses a template whose outputs export one name twice.", show(text), other)
		} else {
			first[text] = where
		}
	}
}

// each yields the resources in logical ID order. Checks visit resources
// through it, and statements through statements, which both count what they
// hand out in visited: a test holds visited to grow in proportion to the
// template, so that no check scans every resource (or statement) again for
// each resource it checks.
func (t *template) each() iter.Seq2[string, *resource] {
	return func(yield func(string, *resource) bool) {
		for _, id := range t.ids {
			t.visited++
			if !yield(id, t.resources[id]) {
				return
			}
		}
	}
}

// referrers returns, for each name, the resources of type typ that refer to
// it (through Ref, Fn::GetAtt or Fn::Sub) in the values pick returns from
// their Properties; each resource is listed once, in logical ID order. A
// check that asks "which resources of this type refer to X?" for every X
// would scan the whole template each time; this index is built once per
// template and key, which names typ and what pick looks at.
func (t *template) referrers(key, typ string, pick func(props *object) []any) map[string][]string {
	if m, ok := t.referrerIndex[key]; ok {
		return m
	}
	m := map[string][]string{}
	for id, r := range t.each() {
		if r.typ != typ {
			continue
		}
		for _, v := range pick(r.props) {
			for _, name := range refsIn(v) {
				if ids := m[name]; len(ids) == 0 || ids[len(ids)-1] != id {
					m[name] = append(ids, id)
				}
			}
		}
	}
	if t.referrerIndex == nil {
		t.referrerIndex = map[string]map[string][]string{}
	}
	t.referrerIndex[key] = m
	return m
}

// show renders a value for a message: strings quoted, the rest as JSON.
func show(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("%q", x)
	case json.Number:
		return x.String()
	case nil:
		return "null"
	}
	const limit = 80
	// Only the first bytes are shown, so only those are encoded: encoding a
	// large value whole, for each message that quotes it, took time that
	// grew with the value's size and depth.
	b, ok := appendShown(make([]byte, 0, limit+8), v, limit)
	if !ok {
		var err error
		if b, err = json.Marshal(v); err != nil {
			return fmt.Sprint(v)
		}
	}
	if len(b) > limit {
		return string(b[:limit]) + "…"
	}
	return string(b)
}

// appendShown appends v as json.Marshal encodes it, stopping once b holds
// more than limit bytes. It returns false for a value that is not made of
// what the decoder produces.
func appendShown(b []byte, v any, limit int) ([]byte, bool) {
	if len(b) > limit {
		return b, true
	}
	switch x := v.(type) {
	case string:
		return appendJSONString(b, x, limit), true
	case json.Number:
		return append(b, x...), true
	case bool:
		return strconv.AppendBool(b, x), true
	case nil:
		return append(b, "null"...), true
	case []any:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, item := range x {
			if len(b) > limit {
				return b, true
			}
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = appendShown(b, item, limit); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	case *object:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '{')
		for i, m := range x.sortedMembers() {
			if len(b) > limit {
				return b, true
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.key, limit)
			b = append(b, ':')
			var ok bool
			if b, ok = appendShown(b, m.val, limit); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	}
	return b, false
}

// appendJSONString appends s quoted as encoding/json quotes it (HTML
// characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD), stopping
// once b holds more than limit bytes.
func appendJSONString(b []byte, s string, limit int) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		if len(b) > limit {
			return b
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
