package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"pipelines/check"
	"pipelines/emit"
	"pipelines/model"
	"pipelines/plan"
)

var planCommand = &command{
	name:  "plan",
	short: "show what a build would change, resource by resource",
	usage: `usage: pipelines plan [-f services.hcl] [-o out] [-format text|markdown] [-detailed-exitcode]

Plan compares the templates a build would write with the files in <out>
and shows, per service and file, the resources, parameters and outputs
that would be added, removed or changed, with each property path that
changes (old → new). A change that makes CloudFormation replace a
resource (a create-only property such as a physical name, or the type)
is marked as a replacement. Changes to IAM roles and policies, key
policies and aliases, bucket and topic policies, Lambda permissions and
security groups are marked security-relevant. Plan writes nothing.

Services whose files change alike, once each service's name is written
<service>, are shown once: under their names when they are at most five,
and followed by the list of their names when they are more.

-format markdown writes the plan as a pull request comment of at most
65,536 characters, what GitHub allows: were it longer, it names fewer of
the services that change alike, then leaves out the last sections, and
counts what it leaves out.

Exit status: 0 when the plan was made (whatever it holds), 1 on invalid
input or an error, 2 on misuse. With -detailed-exitcode: 0 when nothing
would change, 3 when something would.
`,
}

func init() { planCommand.run = runPlan }

// maxValue is how many characters of a value a plan shows.
const maxValue = 60

// knownAfter is the new value of a reference to a replaced resource: the
// new resource's ID or attribute, which only its creation tells.
const knownAfter = "(known after apply)"

func runPlan(e *env, args []string) int {
	fs := newFlagSet(planCommand, e)
	file := fs.String("f", "services.hcl", "the services file to read")
	out := fs.String("o", "out", "the folder holding the templates of the last build")
	format := fs.String("format", "text", "output format: text or markdown")
	detailed := fs.Bool("detailed-exitcode", false, "exit 0 when nothing would change, 3 when something would")
	if code, ok := parse(fs, e, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "pipelines plan: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitMisuse
	}
	var write func(io.Writer, *buildPlan)
	switch *format {
	case "text":
		write = writePlanText
	case "markdown":
		write = writePlanMarkdown
	default:
		fmt.Fprintf(e.stderr, "pipelines plan: -format %q: want text or markdown\n", *format)
		return exitMisuse
	}
	if !fileInput(e, "plan", *file) || !outputFolder(e, "plan", *out) {
		return exitMisuse
	}
	project, ok := load(e, *file)
	if !ok {
		return exitFailed
	}
	shared, err := emit.RenderShared(project)
	if err != nil {
		fmt.Fprintf(e.stderr, "pipelines plan: %v\n", err)
		return exitFailed
	}
	bp, err := makePlan(*out, project.Services, shared, check.CreateOnlyPaths, e.stderr)
	if err != nil {
		printErrors(e, "plan", err)
		return exitFailed
	}
	bp.input = *file
	write(e.stdout, bp)
	if len(bp.edited) > 0 {
		for _, p := range bp.edited {
			fmt.Fprintf(e.stderr, "pipelines plan: %s, no longer generated, was edited since it was generated: a build refuses to delete it, and writes nothing; restore it (git checkout -- %[1]s), or delete it\n", path.Join(*out, p))
		}
		return exitFailed
	}
	if *detailed && !bp.empty() {
		return exitChanges
	}
	return exitOK
}

// buildPlan is what a build would do to the output folder.
type buildPlan struct {
	input, dir string
	services   int
	groups     []planGroup // by name
	unchanged  int         // files a build would leave as they are
	summary    plan.Summary
	edited     []string // files no longer generated that a build refuses to delete
}

// planGroup is the files of one folder of out/, a service's usually, or
// of several services whose files change alike.
type planGroup struct {
	names []string   // the folders: more than one for services that change alike
	files []planFile // by path; for services that change alike, one's, with its name written <service>
	// twin names an earlier group whose changes read the same as far as
	// a plan shows them, for a group that differs from it only in values
	// too long to show; "" for others.
	twin string
}

// label names the group in a note: its service, its few services, or
// their number and the first of them, as several sections may be of as
// many services.
func (g *planGroup) label() string {
	switch {
	case !g.alike():
		return g.names[0]
	case len(g.names) <= namedInHeading:
		return strings.Join(g.names, ", ")
	}
	return fmt.Sprintf("%d services (%s and %d more)", len(g.names), g.names[0], len(g.names)-1)
}

// twinNote says what a group's twin is, for a reader who would otherwise
// take the two sections for one change shown twice.
func (g *planGroup) twinNote() string {
	return "reads as the section of " + g.twin + " above: the two differ in values too long to show"
}

// alike reports whether g stands for several services.
func (g *planGroup) alike() bool { return len(g.names) > 1 }

// path is where f is in dir, with <service> for the folder of services
// that change alike.
func (g *planGroup) path(dir string, f planFile) string {
	if !g.alike() {
		return path.Join(dir, f.path)
	}
	_, rest, _ := strings.Cut(f.path, "/")
	return path.Join(dir, servicePlaceholder, rest)
}

// planFile is one file a build would add, update or delete.
type planFile struct {
	path   string      // relative to the output folder
	action plan.Action // Create, Update or Delete
	diff   *plan.Template
	note   string // why there is no diff, when there is none
}

func (p *buildPlan) empty() bool { return len(p.groups) == 0 }

func (g *planGroup) status() string {
	all := func(a plan.Action) bool {
		return !slices.ContainsFunc(g.files, func(f planFile) bool { return f.action != a })
	}
	switch {
	case all(plan.Create):
		return "new"
	case all(plan.Delete):
		return "removed"
	}
	return "changed"
}

// makePlan renders every service and compares each file, and each of the
// project-wide files in shared, with the one in dir; files the last build
// generated that a build would no longer generate are deleted.
func makePlan(dir string, services []*model.Service, shared []emit.File, createOnly plan.CreateOnlyFunc, stderr io.Writer) (*buildPlan, error) {
	o, err := openOutput(dir, false, stderr)
	if err != nil {
		return nil, err
	}
	defer o.close()

	bp := &buildPlan{dir: dir, services: len(services)}
	var mu sync.Mutex
	var files []planFile
	generated := map[string]bool{}
	compare := func(f emit.File) error {
		old, err := o.read(f.Path)
		exists := err == nil
		if err != nil && !isNotExist(err) {
			return err
		}
		var pf *planFile
		if !exists || string(old) != string(f.Data) {
			if !exists {
				old = nil
			}
			if pf, err = planFor(f.Path, old, f.Data, createOnly); err != nil {
				return err
			}
		}
		mu.Lock()
		defer mu.Unlock()
		generated[f.Path] = true
		if pf == nil {
			bp.unchanged++
		} else {
			files = append(files, *pf)
		}
		return nil
	}
	err = renderEach(services, compare)
	for i := 0; i < len(shared) && err == nil; i++ {
		err = compare(shared[i])
	}
	if err != nil {
		return nil, err
	}
	for _, p := range slices.Sorted(maps.Keys(o.manifest)) {
		if generated[p] {
			continue
		}
		old, err := o.read(p)
		if isNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		pf, err := planFor(p, old, nil, createOnly)
		if err != nil {
			return nil, err
		}
		if !o.listed(p, hash(old)) {
			// As build checks it (see checkUnedited).
			pf.note = "edited since it was generated: a build refuses to delete it"
			bp.edited = append(bp.edited, p)
		}
		files = append(files, *pf)
	}
	slices.Sort(bp.edited)

	// By folder, then by path in the folder: orders before orders-api,
	// whose paths sort the other way ('-' < '/').
	slices.SortFunc(files, func(a, b planFile) int {
		adir, apath, _ := strings.Cut(a.path, "/")
		bdir, bpath, _ := strings.Cut(b.path, "/")
		return cmp.Or(cmp.Compare(adir, bdir), cmp.Compare(apath, bpath))
	})
	var groups []planGroup
	for _, f := range files {
		name, _, _ := strings.Cut(f.path, "/")
		if n := len(groups); n == 0 || groups[n-1].names[0] != name {
			groups = append(groups, planGroup{names: []string{name}})
		}
		g := &groups[len(groups)-1]
		g.files = append(g.files, f)
		if f.diff != nil {
			bp.summary.Count(f.diff)
		}
	}
	if bp.groups, err = mergeAlike(groups); err != nil {
		return nil, err
	}
	markTwins(bp.groups)
	return bp, nil
}

// markTwins sets the twin of each group whose changes read the same as an
// earlier group's, its files' paths in their folder, notes and changes as
// the text plan shows them, though the two were not merged. The shared
// folder has no twin: no service's files read as its files.
func markTwins(groups []planGroup) {
	first := map[string]int{}
	for i := range groups {
		g := &groups[i]
		if g.names[0] == model.ReservedName {
			continue
		}
		var b strings.Builder
		for _, f := range g.files {
			_, rest, _ := strings.Cut(f.path, "/")
			fmt.Fprintf(&b, "%s %s (%s)\n", f.action.Symbol(), rest, f.note)
			if f.diff != nil {
				writeTemplateText(&b, f, "")
			}
		}
		if j, ok := first[b.String()]; ok {
			g.twin = groups[j].label()
			continue
		}
		first[b.String()] = i
	}
}

// mergeAlike merges the groups of services whose files change alike: the
// same files, by their paths in the service's folder, each with the same
// action, note and differences once the service's name in them is written
// <service>. One edit to defaults then shows once, with the services it
// changes, and not once for each of hundreds. A merged group takes the
// place of its first service, and shows its changes with <service>.
func mergeAlike(groups []planGroup) ([]planGroup, error) {
	type alikeFile struct {
		Path   string
		Action plan.Action
		Note   string
		Diff   *plan.Template
	}
	first := map[string]int{} // a group's changes, encoded, to its index in merged
	var merged []planGroup
	for _, g := range groups {
		name := g.names[0]
		if name == model.ReservedName {
			merged = append(merged, g)
			continue
		}
		n := nameless{name: name}
		abstract := make([]planFile, len(g.files))
		key := make([]alikeFile, len(g.files))
		for i, f := range g.files {
			_, rest, _ := strings.Cut(f.path, "/")
			f.note = n.text(f.note)
			f.diff = n.template(f.diff)
			abstract[i] = f
			key[i] = alikeFile{rest, f.action, f.note, f.diff}
		}
		if n.placeholder {
			// <service> would not tell the name from the text itself.
			merged = append(merged, g)
			continue
		}
		// encoding/json writes map keys in order, so equal changes give
		// equal bytes.
		b, err := json.Marshal(key)
		if err != nil {
			return nil, fmt.Errorf("internal error: the changes of %s: %w", name, err)
		}
		k := string(b)
		if i, ok := first[k]; ok {
			if len(merged[i].names) == 1 {
				merged[i].files = abstract
			}
			merged[i].names = append(merged[i].names, name)
			continue
		}
		first[k] = len(merged)
		merged = append(merged, g)
	}
	return merged, nil
}

// servicePlaceholder stands for the name of each service of a merged group.
const servicePlaceholder = "<service>"

// nameless writes a service's name <service> in the texts it is given,
// and notes whether one held the text <service> itself.
type nameless struct {
	name        string
	placeholder bool // a text held <service>
}

// text is s with each whole occurrence of the service's name, one that no
// other letter or digit touches, written <service>: "role-orders-build"
// for service orders reads "role-<service>-build".
func (n *nameless) text(s string) string {
	n.read(s)
	name := n.name
	if !strings.Contains(s, name) {
		return s
	}
	word := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	var b strings.Builder
	done := 0 // s[:done] is written
	for from := 0; ; {
		i := strings.Index(s[from:], name)
		if i < 0 {
			break
		}
		i += from
		j := i + len(name)
		if (i == 0 || !word(s[i-1])) && (j == len(s) || !word(s[j])) {
			b.WriteString(s[done:i])
			b.WriteString(servicePlaceholder)
			done, from = j, j
			continue
		}
		from = i + 1
	}
	b.WriteString(s[done:])
	return b.String()
}

// read notes whether s, a text shown as it is, holds <service>.
func (n *nameless) read(s string) {
	if strings.Contains(s, servicePlaceholder) {
		n.placeholder = true
	}
}

// template is t with the service's name written <service> in every
// value, as text writes it. The names and paths it shows as they are
// count too when they hold <service>.
func (n *nameless) template(t *plan.Template) *plan.Template {
	if t == nil {
		return nil
	}
	changes := func(cs []plan.Change) []plan.Change {
		out := make([]plan.Change, len(cs))
		for i, c := range cs {
			n.read(c.Path)
			n.read(c.Parameter)
			n.read(c.Replaced)
			c.Old, c.New = n.value(c.Old), n.value(c.New)
			out[i] = c
		}
		return out
	}
	entries := func(es []plan.Entry) []plan.Entry {
		out := make([]plan.Entry, len(es))
		for i, e := range es {
			n.read(e.Name)
			e.Changes = changes(e.Changes)
			out[i] = e
		}
		return out
	}
	nt := &plan.Template{Parameters: entries(t.Parameters), Outputs: entries(t.Outputs), Other: changes(t.Other)}
	nt.Resources = make([]plan.Resource, len(t.Resources))
	for i, r := range t.Resources {
		n.read(r.LogicalID)
		n.read(r.Type)
		r.Changes = changes(r.Changes)
		nt.Resources[i] = r
	}
	return nt
}

// value is v, a JSON value, with the service's name written <service> in
// its strings and keys.
func (n *nameless) value(v any) any {
	switch v := v.(type) {
	case string:
		return n.text(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = n.value(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[n.text(k)] = n.value(e)
		}
		return out
	}
	return v
}

// planFor compares the old and new bytes of a file; either may be nil for
// a file that does not exist.
func planFor(p string, old, new []byte, createOnly plan.CreateOnlyFunc) (*planFile, error) {
	pf := &planFile{path: p, action: plan.Update}
	switch {
	case old == nil:
		pf.action = plan.Create
	case new == nil:
		pf.action = plan.Delete
	}
	if path.Ext(p) != ".json" {
		return pf, nil
	}
	var newDoc, oldDoc plan.Doc
	var err error
	if new != nil {
		if newDoc, err = plan.Parse(new); err != nil {
			return nil, fmt.Errorf("internal error: generated %s: %w", p, err)
		}
	}
	if old != nil {
		if oldDoc, err = plan.Parse(old); err != nil {
			pf.note = fmt.Sprintf("the file in the output folder is %s; a build replaces it", printable(err.Error()))
			return pf, nil
		}
	}
	if from, to := plan.Account(oldDoc), plan.Account(newDoc); old != nil && new != nil && from != "" && to != "" && from != to {
		// Another account is another stack: CloudFormation creates the
		// new one there, and the old one stays until someone deletes it.
		pf.diff = plan.Moved(oldDoc, newDoc, createOnly)
		pf.note = fmt.Sprintf("moves from account %s to account %s: a new stack there, and the one in %[1]s to delete by hand", printable(from), printable(to))
		return pf, nil
	}
	pf.diff = plan.Compare(oldDoc, newDoc, createOnly, emit.PassedFromDefault)
	if pf.action == plan.Update && pf.diff.Empty() {
		pf.note = "the same template, written differently; a build rewrites it"
	}
	return pf, nil
}

// namedInHeading is how many services that change alike a heading names;
// more are listed apart.
const namedInHeading = 5

// writePlanText writes the plan the way terraform plan does.
func writePlanText(w io.Writer, p *buildPlan) {
	if p.empty() {
		fmt.Fprintf(w, "No changes. %s matches %s: %s of %s.\n", p.dir, p.input, count(p.unchanged, "file"), count(p.services, "service"))
		return
	}
	for _, g := range p.groups {
		// Services that change alike are named in the heading when they
		// are few, and listed after their changes when they are many,
		// so that hundreds of names do not push the changes out of view.
		listed := g.alike() && len(g.names) > namedInHeading
		switch {
		case !g.alike():
			fmt.Fprint(w, g.names[0])
		case listed:
			fmt.Fprintf(w, "%d services", len(g.names))
		default:
			fmt.Fprint(w, strings.Join(g.names, ", "))
		}
		status := g.status()
		switch {
		case g.alike() && status == "changed":
			fmt.Fprint(w, ": the same changes in each")
		case g.alike():
			fmt.Fprintf(w, " (%s): the same files in each", status)
		case status != "changed":
			fmt.Fprintf(w, " (%s)", status)
		}
		if listed {
			fmt.Fprint(w, ", listed below")
		}
		fmt.Fprintln(w)
		if g.twin != "" {
			fmt.Fprintf(w, "  (%s)\n", g.twinNote())
		}
		for _, f := range g.files {
			fmt.Fprintf(w, "  %s %s\n", f.action.Symbol(), g.path(p.dir, f))
			if f.note != "" {
				fmt.Fprintf(w, "      (%s)\n", f.note)
			}
			if f.diff != nil {
				writeTemplateText(w, f, "      ")
			}
		}
		if listed {
			fmt.Fprintln(w, "  in each of:")
			for _, line := range wrapNames(g.names, 76) {
				fmt.Fprintln(w, "    "+line)
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, p.filesLine())
	fmt.Fprintln(w, p.summary)
}

// wrapNames joins names with commas into lines of at most width
// characters, save a name longer than that.
func wrapNames(names []string, width int) []string {
	var lines []string
	line := ""
	for i, n := range names {
		if i < len(names)-1 {
			n += ","
		}
		switch {
		case line == "":
			line = n
		case len(line)+1+len(n) <= width:
			line += " " + n
		default:
			lines = append(lines, line)
			line = n
		}
	}
	return append(lines, line)
}

func (p *buildPlan) filesLine() string {
	var add, update, del int
	for _, g := range p.groups {
		for _, f := range g.files {
			n := len(g.names)
			switch f.action {
			case plan.Create:
				add += n
			case plan.Update:
				update += n
			case plan.Delete:
				del += n
			}
		}
	}
	return fmt.Sprintf("Files: %d to add, %d to update, %d to delete, %d unchanged.", add, update, del, p.unchanged)
}

// resourceNotes says what a reviewer must notice about a resource.
func resourceNotes(r plan.Resource) []string {
	var notes []string
	if r.Action == plan.Replace {
		notes = append(notes, "must be replaced")
	}
	if r.KeepsName != "" {
		notes = append(notes, "which fails: CloudFormation cannot replace it under the same "+r.KeepsName)
	}
	if r.Security {
		notes = append(notes, "security-relevant")
	}
	return notes
}

func writeTemplateText(w io.Writer, f planFile, indent string) {
	whole := f.action != plan.Update // list resources only
	for _, r := range f.diff.Resources {
		fmt.Fprintf(w, "%s%s %s (%s)", indent, r.Action.Symbol(), planName(r.LogicalID), planName(r.Type))
		if notes := resourceNotes(r); len(notes) > 0 {
			fmt.Fprintf(w, " %s", strings.Join(notes, ", "))
		}
		fmt.Fprintln(w)
		for _, c := range r.Changes {
			writeChangeText(w, c, indent+"    ")
		}
	}
	if whole {
		return
	}
	writeEntriesText(w, "parameter", f.diff.Parameters, indent)
	writeEntriesText(w, "output", f.diff.Outputs, indent)
	for _, c := range f.diff.Other {
		writeChangeText(w, c, indent)
	}
}

func writeEntriesText(w io.Writer, what string, entries []plan.Entry, indent string) {
	for _, e := range entries {
		fmt.Fprintf(w, "%s%s %s %s\n", indent, e.Kind.Symbol(), what, planName(e.Name))
		for _, c := range e.Changes {
			writeChangeText(w, c, indent+"    ")
		}
	}
}

func writeChangeText(w io.Writer, c plan.Change, indent string) {
	through := ""
	switch {
	case c.Parameter != "":
		through = " (parameter " + planName(c.Parameter) + ")"
	case c.Replaced != "":
		through = " (replaced " + planName(c.Replaced) + ")"
	}
	fmt.Fprintf(w, "%s%s %s%s: %s", indent, c.Kind.Symbol(), changePath(c), through, changeValues(c))
	if c.Replacement {
		fmt.Fprint(w, " (forces replacement)")
	}
	fmt.Fprintln(w)
}

// changeValues writes a change's values, shortened: "old → new" for a
// modification, the value for an addition or removal.
func changeValues(c plan.Change) string {
	if c.Replaced != "" {
		return plan.Shorten(plan.Format(c.New), maxValue) + " → " + knownAfter
	}
	switch c.Kind {
	case plan.Add:
		return plan.Shorten(plan.Format(c.New), maxValue)
	case plan.Remove:
		return plan.Shorten(plan.Format(c.Old), maxValue)
	case plan.Reorder:
		o, n := plan.ShortenPair(plan.Format(c.Old), plan.Format(c.New), maxValue)
		return "order " + o + " → " + n
	}
	o, n := plan.ShortenPair(plan.Format(c.Old), plan.Format(c.New), maxValue)
	return o + " → " + n
}

// maxComment is the most characters a GitHub pull request comment holds.
const maxComment = 65536

// writePlanMarkdown writes the plan as a pull request comment: the
// summary first, then a heading per service, or per services that change
// alike, and a list per resource. Sections that would take the comment
// past maxComment characters are left out, and counted at the end.
func writePlanMarkdown(w io.Writer, p *buildPlan) {
	var head strings.Builder
	fmt.Fprintf(&head, "## pipelines plan\n\n")
	if p.empty() {
		fmt.Fprintf(&head, "No changes. %s matches %s: %s of %s.\n", code(p.dir), code(p.input), count(p.unchanged, "file"), count(p.services, "service"))
		io.WriteString(w, head.String())
		return
	}
	fmt.Fprintf(&head, "**%s**\n\n%s\n", p.summary, p.filesLine())
	// left[i] is what the groups from i on hold.
	left := make([]leftOut, len(p.groups)+1)
	for i := len(p.groups) - 1; i >= 0; i-- {
		left[i] = left[i+1].add(p.groups[i])
	}
	used := utf8.RuneCountInString(head.String())
	sections, total := make([]string, len(p.groups)), used
	for i, g := range p.groups {
		sections[i] = groupMarkdown(p.dir, g, -1)
		total += utf8.RuneCountInString(sections[i])
	}
	if total <= maxComment {
		io.WriteString(w, head.String())
		for _, sec := range sections {
			io.WriteString(w, sec)
		}
		return
	}
	// The changes matter more than the names of the services that share
	// them: the lists of names share what the changes leave.
	bare, lists := used+utf8.RuneCountInString(leftOutMarkdown(p.dir, left[0], true)), 0
	for i, g := range p.groups {
		if g.alike() {
			sections[i] = groupMarkdown(p.dir, g, 0)
			lists++
		}
		bare += utf8.RuneCountInString(sections[i])
	}
	share := max((maxComment-bare)/max(lists, 1), minNames)
	// rest[i] is the length of the sections from i on.
	rest := make([]int, len(p.groups)+1)
	for i := len(p.groups) - 1; i >= 0; i-- {
		if p.groups[i].alike() {
			sections[i] = groupMarkdown(p.dir, p.groups[i], share)
		}
		rest[i] = rest[i+1] + utf8.RuneCountInString(sections[i])
	}
	io.WriteString(w, head.String())
	for i, g := range p.groups {
		// Room for the section, and for the note should the next one
		// not fit: none is needed when the rest fits whole.
		room := maxComment - used
		if i+1 < len(p.groups) && used+rest[i] > maxComment {
			room -= utf8.RuneCountInString(leftOutMarkdown(p.dir, left[i+1], true))
		}
		sec := sections[i]
		if utf8.RuneCountInString(sec) > room && g.alike() {
			// The names of thousands of services may not fit where their
			// changes do: name as many as fit, and count the others.
			if extra := room - utf8.RuneCountInString(groupMarkdown(p.dir, g, 0)); extra >= 0 {
				sec = groupMarkdown(p.dir, g, extra)
			}
		}
		if utf8.RuneCountInString(sec) > room {
			io.WriteString(w, leftOutMarkdown(p.dir, left[i], i > 0))
			return
		}
		io.WriteString(w, sec)
		used += utf8.RuneCountInString(sec)
	}
}

// minNames is the fewest characters of names of services that change
// alike a comment too short for all of them lists, room permitting.
const minNames = 1000

// leftOut counts what a comment leaves out: folders of the output, the
// files in them to change, and the resources among them to replace or
// with security-relevant changes, which a reviewer must not miss.
type leftOut struct{ folders, files, replace, security int }

// add is l with g's folders, files, and resources to replace or with
// security-relevant changes, each counted once per service.
func (l leftOut) add(g planGroup) leftOut {
	n := len(g.names)
	l.folders += n
	l.files += n * len(g.files)
	for _, f := range g.files {
		if f.diff == nil {
			continue
		}
		for _, r := range f.diff.Resources {
			if r.Action == plan.Replace {
				l.replace += n
			}
			if r.Security {
				l.security += n
			}
		}
	}
	return l
}

// leftOutMarkdown is the note that ends a comment that leaves out what l
// counts; "more" folders when the comment shows some.
func leftOutMarkdown(dir string, l leftOut, more bool) string {
	what, are := "folders", "are"
	if l.folders == 1 {
		what, are = "folder", "is"
	}
	if more {
		what = "more " + what
	}
	var among []string
	if l.replace > 0 {
		among = append(among, count(l.replace, "resource")+" to replace")
	}
	if l.security > 0 {
		among = append(among, count(l.security, "resource")+" with security-relevant changes")
	}
	them := ""
	if len(among) > 0 {
		them = " Among them: " + strings.Join(among, " and ") + "."
	}
	return fmt.Sprintf("\n---\n\n**%d %s of %s, with %s to change, %s left out:** a pull request comment holds at most %d characters.%s Run `pipelines plan` for the whole plan.\n",
		l.folders, what, code(dir), count(l.files, "file"), are, maxComment, them)
}

// groupMarkdown is the section of a plan for one folder of the output,
// or for services that change alike. It lists the names of the services
// in at most room characters, and counts those that do not fit, or all
// of them when room is negative.
func groupMarkdown(dir string, g planGroup, room int) string {
	var w strings.Builder
	list, all := namesMarkdown(g.names, room)
	switch {
	case !g.alike():
		fmt.Fprintf(&w, "\n### %s", g.names[0])
	case len(g.names) <= namedInHeading && all:
		fmt.Fprintf(&w, "\n### %s", strings.Join(g.names, ", "))
	default:
		fmt.Fprintf(&w, "\n### %d services", len(g.names))
	}
	if s := g.status(); s != "changed" {
		fmt.Fprintf(&w, " (%s)", s)
	}
	fmt.Fprintln(&w)
	if g.twin != "" {
		note := g.twinNote()
		fmt.Fprintf(&w, "\n_%s%s._\n", strings.ToUpper(note[:1]), note[1:])
	}
	if g.alike() {
		what := "changes"
		if g.status() != "changed" {
			what = "files" // all added, or all deleted
		}
		fmt.Fprintf(&w, "\nThe same %s in each of these %d services.\n", what, len(g.names))
		if len(g.names) > namedInHeading || !all {
			fmt.Fprintf(&w, "\n<details><summary>The services</summary>\n\n%s\n\n</details>\n", list)
		}
	}
	for _, f := range g.files {
		verb := map[plan.Action]string{plan.Create: "added", plan.Update: "updated", plan.Delete: "deleted"}[f.action]
		fmt.Fprintf(&w, "\n%s will be %s", code(g.path(dir, f)), verb)
		if f.note != "" {
			fmt.Fprintf(&w, " (%s)", markdownText(f.note))
		}
		fmt.Fprintln(&w, ".")
		if f.diff != nil {
			writeTemplateMarkdown(&w, f)
		}
	}
	return w.String()
}

// namesMarkdown joins names with commas: all of them when room is
// negative or they fit in room characters, and otherwise as many as fit
// in room beyond the count of the others. Service names are ASCII.
func namesMarkdown(names []string, room int) (list string, all bool) {
	if list := strings.Join(names, ", "); room < 0 || len(list) <= room {
		return list, true
	}
	var b strings.Builder
	k := 0
	for ; k < len(names) && b.Len()+len(names[k])+len(", ") <= room; k++ {
		b.WriteString(names[k])
		b.WriteString(", ")
	}
	fmt.Fprintf(&b, "and %d more: `pipelines plan` lists them all", len(names)-k)
	return b.String(), false
}

func writeTemplateMarkdown(w io.Writer, f planFile) {
	d := f.diff
	if f.action != plan.Update {
		if len(d.Resources) == 0 {
			return
		}
		verb := "to add"
		if f.action == plan.Delete {
			verb = "to destroy"
		}
		fmt.Fprintf(w, "\n<details><summary>%s %s</summary>\n\n", count(len(d.Resources), "resource"), verb)
		for _, r := range d.Resources {
			writeResourceMarkdown(w, r)
		}
		fmt.Fprintf(w, "\n</details>\n")
		return
	}
	if len(d.Resources)+len(d.Parameters)+len(d.Outputs)+len(d.Other) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, r := range d.Resources {
		writeResourceMarkdown(w, r)
	}
	for _, e := range d.Parameters {
		writeEntryMarkdown(w, "parameter", e)
	}
	for _, e := range d.Outputs {
		writeEntryMarkdown(w, "output", e)
	}
	for _, c := range d.Other {
		writeChangeMarkdown(w, c, "")
	}
}

func writeResourceMarkdown(w io.Writer, r plan.Resource) {
	fmt.Fprintf(w, "- %s **%s** %s", code(r.Action.Symbol()), nameMarkdown(r.LogicalID), code(planName(r.Type)))
	for _, n := range resourceNotes(r) {
		fmt.Fprintf(w, " · **%s**", n)
	}
	fmt.Fprintln(w)
	for _, c := range r.Changes {
		writeChangeMarkdown(w, c, "  ")
	}
}

func writeEntryMarkdown(w io.Writer, what string, e plan.Entry) {
	fmt.Fprintf(w, "- %s %s **%s**\n", code(e.Kind.Symbol()), what, nameMarkdown(e.Name))
	for _, c := range e.Changes {
		writeChangeMarkdown(w, c, "  ")
	}
}

func writeChangeMarkdown(w io.Writer, c plan.Change, indent string) {
	var values string
	switch {
	case c.Replaced != "":
		values = code(plan.Shorten(plan.Format(c.New), maxValue)) + " → " + knownAfter
	case c.Kind == plan.Add:
		values = code(plan.Shorten(plan.Format(c.New), maxValue))
	case c.Kind == plan.Remove:
		values = code(plan.Shorten(plan.Format(c.Old), maxValue))
	default:
		o, n := plan.ShortenPair(plan.Format(c.Old), plan.Format(c.New), maxValue)
		values = code(o) + " → " + code(n)
		if c.Kind == plan.Reorder {
			values = "order " + values
		}
	}
	through := ""
	switch {
	case c.Parameter != "":
		through = " (parameter " + code(planName(c.Parameter)) + ")"
	case c.Replaced != "":
		through = " (replaced " + code(planName(c.Replaced)) + ")"
	}
	fmt.Fprintf(w, "%s- %s %s%s: %s", indent, code(c.Kind.Symbol()), code(changePath(c)), through, values)
	if c.Replacement {
		fmt.Fprint(w, " (forces replacement)")
	}
	fmt.Fprintln(w)
}

// planName shows a name read from a template, a logical ID, a type or a
// parameter name: as it is when it holds only what such names hold
// (letters, digits and ":._-"), and quoted, with Go's escapes, otherwise.
// A template in out/ may be edited by hand, and a name that held control
// characters would act on the terminal.
func planName(s string) string {
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(":._-", c) >= 0) {
			return strconv.Quote(s)
		}
	}
	return s
}

// nameMarkdown shows a name read from a template in Markdown, in bold:
// as it is when planName leaves it so, and in a code span otherwise, so
// that no HTML or Markdown in it takes effect in a pull request.
func nameMarkdown(s string) string {
	if n := planName(s); n != s {
		return code(n)
	}
	return s
}

// printable escapes, as Go quotes them, the characters of s that are not
// printable: a message may quote a hand-edited template's.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !strconv.IsPrint(r) }) < 0 {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// markdownText escapes the characters of s that Markdown or HTML would
// read as markup.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>&|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// changePath is where a change is, for a change of a whole resource too,
// whose path is empty.
func changePath(c plan.Change) string {
	if c.Path == "" {
		return "(the whole value)"
	}
	return c.Path
}

// code writes s as a Markdown code span, whatever backticks it holds.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || len(fence) > 1 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
