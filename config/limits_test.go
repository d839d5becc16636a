package config_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"

	"pipelines/config"
	"pipelines/model"
)

// diagDetails renders diagnostics as "line:col: summary: detail".
func diagDetails(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		pos := "-"
		if d.Subject != nil {
			pos = fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column)
		}
		out = append(out, fmt.Sprintf("%s: %s: %s", pos, d.Summary, d.Detail))
	}
	return out
}

const (
	heredocNewline = " A heredoc ends its value with a newline; for a value of one line, write a quoted string instead"
	heredocOpen    = "This heredoc has no end: no line after it holds only its marker, EOT, so it runs to the end of the file. End it with a line that holds only EOT."
	numberRange    = "Numbers in services.hcl (ports, timeouts, counts) are whole numbers smaller than 2^53 (9007199254740992) in magnitude; this one is far larger, or a fraction far smaller than any."
	tooManyTokens  = "The file has more than 8000000 tokens (names, numbers, punctuation, line ends, comments and pieces of strings); this one is over the limit. A platform of 20,000 services with every setting has about 4.5 million: look for a long run of blank lines, or of anything else, such as one written by a script gone wrong."
	literalsOnly   = " Values in services.hcl are literals: there are no variables, no functions, no for expressions and no splats, so the file means the same on every machine. Write the value itself: \"container_port\" needs a whole number, such as 8080."
)

// TestLimits feeds absurd inputs: each is refused with one clear
// diagnostic, quickly, without a crash.
func TestLimits(t *testing.T) {
	services := func(n int) string {
		var b strings.Builder
		b.WriteString(base)
		for i := range n {
			fmt.Fprintf(&b, "service \"s%d\" {}\n", i)
		}
		return b.String()
	}
	withStages := func(n int) string {
		var b strings.Builder
		b.WriteString("defaults {\n")
		for i := range n {
			fmt.Fprintf(&b, "  stage \"s%d\" {}\n", i)
		}
		b.WriteString("}\nservice \"orders\" {}\n")
		return b.String()
	}
	// crossAccount declares n services that each deploy to 47 stages in
	// another account: 48 templates each.
	crossAccount := func(n int) string {
		var b strings.Builder
		b.WriteString(base[:strings.Index(base, "  stage \"staging\"")])
		for i := range 47 {
			fmt.Fprintf(&b, "  stage \"s%d\" {\n    account_id = \"222222222222\"\n    cluster = \"c%d\"\n", i, i)
			b.WriteString("    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:222222222222:listener/app/p/0123456789abcdef/0123456789abcdef\"\n")
			if i == 46 {
				b.WriteString("    require_approval = true\n")
			}
			b.WriteString("  }\n")
		}
		b.WriteString("}\n")
		for i := range n {
			fmt.Fprintf(&b, "service \"s%d\" {}\n", i)
		}
		return b.String()
	}
	subnets := make([]string, 10_000)
	for i := range subnets {
		subnets[i] = fmt.Sprintf("%q", fmt.Sprintf("subnet-%08x", i))
	}
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "file over the size limit",
			src:  "#" + strings.Repeat("x", config.MaxFileSize),
			want: []string{`-: Configuration too large: services.hcl is 33554433 bytes; the limit is 32 MiB.`},
		},
		{
			name: "too many services",
			src:  services(config.MaxServices + 5),
			want: []string{`20022:9: Too many services: The file declares more than 20000 services; a file may declare at most 20000. This is the first one over the limit.`},
		},
		{
			// Counted before the file is parsed: the syntax error after
			// them is never reached.
			name: "too many services, indented and with odd labels, before a syntax error",
			src: services(config.MaxServices-2) + "  service \"a\\\"b\" {}\nservice\t\"c\" {}\n" +
				"service {}\nservice \"d\" {\n",
			want: []string{`20022:1: Too many services: The file declares more than 20000 services; a file may declare at most 20000. This is the first one over the limit.`},
		},
		{
			// Not counted by their lines: counted by their braces.
			name: "too many services after comments on their lines",
			src:  base + strings.Repeat("/**/ service \"s\" {}\n", config.MaxServices+5),
			want: []string{`20022:18: Too many services: The file declares more than 20000 services and defaults; a file may declare at most 20000 services. This block is the first over the limit.`},
		},
		{
			// Refused before it is parsed: its syntax tree would take
			// gigabytes, and its unknown arguments as many messages.
			name: "a service of a million lines",
			src:  base + "service \"orders\" {\n" + strings.Repeat("  x = 1\n", 1_000_000) + "}\n",
			want: []string{`22:18: Block too large: What this opens runs on for more than 1024 KiB, to line 131094; a service block takes a kilobyte or two, and defaults with every stage a few dozen. Remove what does not belong in it, or close it where it should end.`},
		},
		{
			name: "a service on one line of megabytes",
			src:  base + "service \"orders\" { task_roles = [" + strings.Repeat(`"role", `, 200_000) + "] }\n",
			want: []string{`22:18: Block too large: What this opens runs on for more than 1024 KiB, to line 22; a service block takes a kilobyte or two, and defaults with every stage a few dozen. Remove what does not belong in it, or close it where it should end.`},
		},
		{
			// Past the limit, the block most likely lacks its brace.
			name: "a service left open in a large file",
			src: base + "service \"orders\" {\n  branch = \"main\"\n\n" +
				strings.Repeat("service \"s\" {\n  repository = \"a-repository-name-long-enough-to-fill-a-mebibyte\"\n}\n", 15_000),
			want: []string{`22:18: Unclosed brace: Nothing closes this { before line 25, which starts as a top-level block does, and what it opens runs on for more than 1024 KiB. Close it with } before line 25.`},
		},
		{
			name: "too many stages",
			src:  withStages(100),
			want: []string{`49:9: Too many stages: Defaults declare 100 stages; a pipeline holds at most 47 deployment stages (CodePipeline allows 50 stages, and Source, Build and Test take 3). Remove stages from here on.`},
		},
		{
			name: "too many templates",
			src:  crossAccount(model.MaxTemplates/48 + 1),
			want: []string{`2332:9: Too many templates: Up to this one, the services give 100032 templates: a pipeline each, and one more for each stage in another account. A file may give at most 100000; this one gives 100032 in all. Split the platform into several services files.`},
		},
		{
			name: "ten thousand subnets",
			src:  base + "service \"orders\" {\n  network {\n    subnet_ids = [" + strings.Join(subnets, ", ") + "]\n  }\n}\n",
			want: []string{`24:18: Invalid value for "subnet_ids": 10000 subnets are given; CodeBuild needs 1 to 16 private subnets of the VPC.`},
		},
		{
			name: "deeply nested brackets",
			src:  "defaults {\n  branch = " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n}\n",
			want: []string{`2:75: Nesting too deep: Brackets, braces, parentheses, strings and template interpolations nest more than 64 levels deep here. services.hcl needs only a few levels; simplify the expression.`},
		},
		{
			name: "deeply nested templates",
			src:  "defaults {\n  branch = " + strings.Repeat(`"${`, 40) + strings.Repeat(`}"`, 40) + "\n}\n",
			want: []string{`2:106: Nesting too deep: Brackets, braces, parentheses, strings and template interpolations nest more than 64 levels deep here. services.hcl needs only a few levels; simplify the expression.`},
		},
		{
			name: "a million negations",
			src:  "defaults {\n  container_port = " + strings.Repeat("!", 1_000_000) + "true\n}\n",
			want: []string{`2:10021: Too many operators: The file has more than 10000 operators (such as !, -, + or ?), template directives and index brackets; this one is over the limit. Values in services.hcl are literals: write them out.`},
		},
		{
			name: "a long chain of additions",
			src:  "defaults {\n  container_port = 1" + strings.Repeat(" + 1", 100_000) + "\n}\n",
			want: []string{`2:40023: Too many operators: The file has more than 10000 operators (such as !, -, + or ?), template directives and index brackets; this one is over the limit. Values in services.hcl are literals: write them out.`},
		},
		{
			name: "nested template directives",
			src:  "defaults {\n  branch = \"" + strings.Repeat("%{if true}", 20_000) + strings.Repeat("%{endif}", 20_000) + "\"\n}\n",
			want: []string{`2:100013: Too many operators: The file has more than 10000 operators (such as !, -, + or ?), template directives and index brackets; this one is over the limit. Values in services.hcl are literals: write them out.`},
		},
		{
			name: "a number with a huge exponent",
			src:  base + "service \"orders\" {\n  container_port = 1e100000000\n}\n",
			want: []string{`23:20: Number out of range in "container_port": ` + numberRange},
		},
		{
			name: "a tiny number in a string attribute",
			src:  base + "service \"orders\" {\n  branch = 1e-100000000\n}\n",
			want: []string{`23:12: Number out of range in "branch": ` + numberRange},
		},
		{
			name: "a huge literal index",
			src:  base + "service \"orders\" {\n  branch = {a = \"main\"}[1e100000000]\n}\n",
			want: []string{`23:24: Number out of range in "branch": ` + numberRange},
		},
		{
			name: "a huge number made by operators",
			src:  base + "service \"orders\" {\n  branch = 1e15" + strings.Repeat(" * 1e15", 1000) + "\n}\n",
			want: []string{`23:12: Invalid value for "branch": "branch" needs a string in double quotes, such as "main"; found a number out of range. ` + numberRange},
		},
		{
			name: "a remainder of a division by zero",
			src:  base + "service \"orders\" {\n  container_port = 8080 % (1 - 1)\n}\n",
			want: []string{`23:20: Remainder of a division by zero in "container_port": The right operand of % is zero, and a remainder of a division by zero is undefined. Write the value itself, or divide by something else.`},
		},
		{
			name: "a string of megabytes",
			src:  "defaults {\n  branch = \"" + strings.Repeat("a b ", 4<<20) + "\"\n}\n",
			want: []string{`2:12: String too long: This string is longer than 16384 bytes. Values in services.hcl are names, ARNs, URLs and paths, none that long; check for a missing closing quote or marker.`},
		},
		{
			name: "a string made of interpolated strings",
			src:  "defaults {\n  branch = \"${\"" + strings.Repeat("a", 9000) + "\"}${\"" + strings.Repeat("a", 9000) + "\"}\"\n}\n",
			want: []string{`2:12: String too long: This string is longer than 16384 bytes. Values in services.hcl are names, ARNs, URLs and paths, none that long; check for a missing closing quote or marker.`},
		},
		{
			name: "a heredoc of megabytes",
			src:  "defaults {\n  branch = <<EOT\n" + strings.Repeat("a b\n", 4<<20) + "EOT\n}\n",
			want: []string{`2:12: String too long: This heredoc is longer than 16384 bytes. Values in services.hcl are names, ARNs, URLs and paths, none that long; check for a missing closing quote or marker.`},
		},
		{
			// 33 million tokens fit in 32 MiB: formatting them took a
			// minute and 16 GB.
			name: "millions of blank lines",
			src:  strings.Repeat("\n", config.MaxTokens+1) + base + "service \"orders\" {}\n",
			want: []string{fmt.Sprintf("%d:1: Too many tokens: %s", config.MaxTokens+1, tooManyTokens)},
		},
		{
			name: "a number of a million digits",
			src:  "defaults {\n  container_port = 1" + strings.Repeat("0", 1_000_000) + "\n}\n",
			want: []string{`2:20: Number too long: This number is written with more than 64 characters; numbers in services.hcl (ports, timeouts, counts) need a few digits.`},
		},
		{
			// The limit counts characters: these are 44, in 84 bytes, and
			// HCL reads the letters as a name after the number.
			name: "a number followed by letters beyond ASCII",
			src:  "defaults {\n  container_port = 8080" + strings.Repeat("é", 40) + "\n}\n",
			want: []string{`2:24: Missing newline after argument: An argument definition must end with a newline.`},
		},
		{
			name: "an unterminated string before a million lines",
			src:  "defaults {\n  branch = \"main\n}\n" + strings.Repeat("service \"a\" {}\n", 1_000_000),
			want: []string{`2:12: Unterminated string: This string has no closing quote on its line. A quoted string ends on the line it starts; for text of several lines, use a heredoc (<<EOT).`},
		},
		{
			name: "a division by zero",
			src:  base + "service \"orders\" {\n  container_port = (8080 / 0) % 3\n}\n",
			want: []string{`23:21: Division by zero in "container_port": The right operand of / is zero. Write the value itself, or divide by something else.`},
		},
		{
			name: "a divisor written as a string",
			src:  base + "service \"orders\" {\n  container_port = 8080 % \"0\"\n}\n",
			want: []string{`23:20: Remainder of a division by zero in "container_port": The right operand of % is zero, and a remainder of a division by zero is undefined. Write the value itself, or divide by something else.`},
		},
		{
			name: "an infinity written as a string",
			src:  base + "service \"orders\" {\n  container_port = \"inf\" * 0\n}\n",
			want: []string{`23:21: Number out of range in "container_port": This string reads as a number, which operators would use as one. It is an infinity; numbers in services.hcl (ports, timeouts, counts) are whole numbers smaller than 2^53 (9007199254740992) in magnitude.`},
		},
		{
			name: "a huge number written as a string",
			src:  base + "service \"orders\" {\n  container_port = (true ? \"1e100000\" : \"1\") * 1\n}\n",
			want: []string{`23:29: Number out of range in "container_port": This string reads as a number, which operators would use as one. ` + numberRange},
		},
		{
			// No operator: the attribute takes a number, and reads the
			// string as one.
			name: "a huge number written as a string, as the value",
			src:  base + "service \"orders\" {\n  container_port = \"1e100000000\"\n}\n",
			want: []string{`23:21: Number out of range in "container_port": "container_port" takes a number, and would read this string as one. ` + numberRange},
		},
		{
			name: "an infinity written as a string, as the value",
			src:  base + "service \"orders\" {\n  build {\n    timeout_minutes = \"-Inf\"\n  }\n}\n",
			want: []string{`24:24: Number out of range in "timeout_minutes": "timeout_minutes" takes a number, and would read this string as one. It is an infinity; numbers in services.hcl (ports, timeouts, counts) are whole numbers smaller than 2^53 (9007199254740992) in magnitude.`},
		},
		{
			name: "a for expression in a divisor",
			src:  base + "service \"orders\" {\n  container_port = 1 % [for a in [1, 2] : [for b in [1, 2] : 0]][0][0]\n}\n",
			want: []string{`23:24: Unsupported expression in "container_port": A for expression is not supported.` + literalsOnly},
		},
		{
			name: "a value of ten thousand characters",
			src:  base + "service \"orders\" {\n  stage \"production\" {\n    cluster = \"" + strings.Repeat("c", 10_000) + "\"\n  }\n}\n",
			want: []string{`24:15: Invalid value for "cluster": "` + strings.Repeat("c", 253) + `..." is 10000 characters long; an ECS cluster name (letters, digits, '_' and '-') must be 1 to 255 characters.`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"services.hcl": {Data: []byte(tt.src)}}
			p, diags := config.Load(fsys, "services.hcl")
			if p != nil {
				t.Errorf("Load returned a project")
			}
			if diff := cmp.Diff(tt.want, diagDetails(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestManySyntaxErrors: a syntax error in every service reports the first
// MaxSyntaxErrors+1, those HCL's parser finds as it recovers included,
// then one "Too many syntax errors", and nothing after it.
func TestManySyntaxErrors(t *testing.T) {
	for _, fault := range []string{"  container_port 8080\n", "  branch = = 1\n"} {
		var b strings.Builder
		b.WriteString(base)
		for i := range 300 {
			fmt.Fprintf(&b, "service \"s%d\" {\n%s}\n", i, fault)
		}
		_, diags := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(b.String())}}, "services.hcl")
		if len(diags) != config.MaxSyntaxErrors+2 {
			t.Errorf("%q: %d diagnostics, want %d", fault, len(diags), config.MaxSyntaxErrors+2)
			continue
		}
		if last := diags[len(diags)-1]; last.Summary != "Too many syntax errors" || last.Subject.Start.Line <= diags[len(diags)-2].Subject.Start.Line {
			t.Errorf("%q: last diagnostic %s at %v, after %v", fault, last.Summary, last.Subject, diags[len(diags)-2].Subject)
		}
	}
}

// TestManyProblems: a file wrong in every service reports its first
// MaxProblems problems, in the order of the file, and one more that
// counts the rest.
func TestManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(base)
	for i := range 300 {
		fmt.Fprintf(&b, "service \"s%d\" {\n  container_port = 0\n}\n", i)
	}
	_, diags := config.Load(fstest.MapFS{"services.hcl": {Data: []byte(b.String())}}, "services.hcl")
	got := diagDetails(diags)
	if len(got) != config.MaxProblems+1 {
		t.Fatalf("%d diagnostics, want %d", len(got), config.MaxProblems+1)
	}
	if want := "23:20: "; !strings.HasPrefix(got[0], want) {
		t.Errorf("first diagnostic %q, want it at %s", got[0], want)
	}
	if want := "323:20: Too many problems: 200 more errors follow from here on; only the first 100 problems are reported. Fix those and run again."; got[len(got)-1] != want {
		t.Errorf("last diagnostic %q, want %q", got[len(got)-1], want)
	}
}

// endlessFS holds one regular file that reports no size and never ends,
// as a file of /proc may. (A pipe or a device is refused unread.)
type endlessFS struct{}

func (endlessFS) Open(string) (fs.File, error) { return endlessFile{}, nil }

type endlessFile struct{}

func (endlessFile) Stat() (fs.FileInfo, error) { return endlessInfo{}, nil }
func (endlessFile) Close() error               { return nil }
func (endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	return len(p), nil
}

type endlessInfo struct{ fs.FileInfo }

func (endlessInfo) Name() string      { return "services.hcl" }
func (endlessInfo) Size() int64       { return 0 }
func (endlessInfo) IsDir() bool       { return false }
func (endlessInfo) Mode() fs.FileMode { return 0 }

// TestEndlessFile checks that a file that never ends is read only up to
// the size limit.
func TestEndlessFile(t *testing.T) {
	p, diags := config.Load(endlessFS{}, "services.hcl")
	want := []string{`-: Configuration too large: services.hcl is over 32 MiB.`}
	if diff := cmp.Diff(want, diagDetails(diags)); p != nil || diff != "" {
		t.Errorf("Load returned a project: %t; diagnostics (-want +got):\n%s", p != nil, diff)
	}
}

// TestSpecialFile checks that a services file that is not a regular file
// is refused without being read: a named pipe may block the open, and a
// device may never end.
func TestSpecialFile(t *testing.T) {
	for mode, kind := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "a named pipe",
		fs.ModeDevice | fs.ModeCharDevice: "a device",
		fs.ModeSocket:                     "a socket",
	} {
		fsys := fstest.MapFS{"services.hcl": {Data: []byte(base + "service \"orders\" {}\n"), Mode: mode}}
		p, diags := config.Load(fsys, "services.hcl")
		want := []string{"-: Cannot read configuration: services.hcl is " + kind + ", not a regular file; give the path of services.hcl."}
		if mode == fs.ModeNamedPipe {
			want[0] += " To read standard input, validate and show take -f -."
		}
		if diff := cmp.Diff(want, diagDetails(diags)); p != nil || diff != "" {
			t.Errorf("%s: Load returned a project: %t; diagnostics (-want +got):\n%s", kind, p != nil, diff)
		}
	}
}

// failingFS fails every Open with err.
type failingFS struct{ err error }

func (f failingFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
}

// TestUnreadableFile checks that a services file that cannot be read is
// reported in words when the reason is common, and as the system says
// it otherwise.
func TestUnreadableFile(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fs.ErrNotExist, "-: Cannot read configuration: There is no file at services.hcl; give the path of services.hcl."},
		{fs.ErrPermission, "-: Cannot read configuration: services.hcl may not be read: permission denied."},
		{errors.New("input/output error"), "-: Cannot read configuration: open services.hcl: input/output error."},
	}
	for _, tt := range tests {
		p, diags := config.Load(failingFS{tt.err}, "services.hcl")
		if diff := cmp.Diff([]string{tt.want}, diagDetails(diags)); p != nil || diff != "" {
			t.Errorf("%v: Load returned a project: %t; diagnostics (-want +got):\n%s", tt.err, p != nil, diff)
		}
	}
}

// TestWholeFile checks problems of the file as a whole: each is one
// diagnostic, pointing at its cause.
func TestWholeFile(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "empty",
			src:  "",
			want: []string{`1:1: No services: services.hcl declares no service block, so a build would delete every generated template. Declare at least one service "name" { ... } block; to retire every service, delete the output folder.`},
		},
		{
			name: "blanks only",
			src:  "   \n\n",
			want: []string{`1:1: No services: services.hcl declares no service block, so a build would delete every generated template. Declare at least one service "name" { ... } block; to retire every service, delete the output folder.`},
		},
		{
			name: "defaults only",
			src:  base,
			want: []string{`1:1: No services: services.hcl declares no service block, so a build would delete every generated template. Declare at least one service "name" { ... } block; to retire every service, delete the output folder.`},
		},
		{
			// Problems of the defaults do not hide that no service is
			// declared; a block of an unknown type, maybe one misspelt, does.
			name: "defaults without stages and no service",
			src:  "defaults {\n  container_port = 0\n}\n",
			want: []string{
				`1:1: Missing stage: Defaults declare no stage, so no pipeline would deploy anything. Add at least one stage block, such as stage "production" { ... }, in the order deployments should run.`,
				`1:1: No services: services.hcl declares no service block, so a build would delete every generated template. Declare at least one service "name" { ... } block; to retire every service, delete the output folder.`,
				`2:20: Invalid value for "container_port": 0 is out of range; a port must be between 1 and 65535.`,
			},
		},
		{
			name: "a service misspelt",
			src:  base + "servce \"orders\" {\n}\n",
			want: []string{
				`22:1: Unsupported block type: Blocks of type "servce" are not expected here. Did you mean "service"?`,
			},
		},
		{
			name: "classic Mac line endings",
			src:  strings.ReplaceAll(base+"service \"orders\" {}\n", "\n", "\r"),
			want: []string{`1:1: Carriage return without line feed: services.hcl ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.`},
		},
		{
			name: "carriage returns on two lines",
			src:  base + "service \"orders\" {\r\r}\nservice \"payments\" {\n  branch = \"main\"\r\n}\r",
			want: []string{
				`22:19: Carriage return without line feed: services.hcl ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.`,
				`25:2: Carriage return without line feed: services.hcl ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.`,
			},
		},
		{
			// A binary file is told once, at its first NUL byte, however
			// many of its lines are not UTF-8.
			name: "binary",
			src:  "\x7fELF\x02\x01\x01\n\xd0\xff\x00\x00\n\xe9\n",
			want: []string{`2:3: Binary file: services.hcl holds a NUL byte here, as binary files do; services.hcl is text. Give the path of services.hcl.`},
		},
		{
			name: "NUL in a string",
			src:  base + "service \"orders\" {\n  branch = \"ma\x00in\"\n}\n",
			want: []string{`23:15: Binary file: services.hcl holds a NUL byte here, as binary files do; services.hcl is text. Give the path of services.hcl.`},
		},
		{
			// Columns count characters, as HCL's do: é is one.
			name: "NUL after a letter of two bytes",
			src:  base + "service \"orders\" {\n  branch = \"caf\u00e9\x00\"\n}\n",
			want: []string{`23:17: Binary file: services.hcl holds a NUL byte here, as binary files do; services.hcl is text. Give the path of services.hcl.`},
		},
		{
			// Windows PowerShell 5 writes UTF-16 by default: its NUL
			// bytes make no binary file.
			name: "UTF-16 with a byte order mark",
			src:  "\xff\xfed\x00e\x00f\x00a\x00u\x00l\x00t\x00s\x00 \x00{\x00\n\x00",
			want: []string{`1:1: File saved as UTF-16: services.hcl starts with the byte order mark of UTF-16 (the bytes FF FE); HCL reads UTF-8 only. Save the file as UTF-8.`},
		},
		{
			name: "UTF-16 big-endian without a byte order mark",
			src:  "\x00d\x00e\x00f\x00a\x00u\x00l\x00t\x00s\x00 \x00{\x00\n",
			want: []string{`1:1: File saved as UTF-16: services.hcl holds a NUL byte beside each character, as UTF-16 text does; HCL reads UTF-8 only. Save the file as UTF-8.`},
		},
		{
			name: "one carriage return",
			src:  base + "service \"orders\" {\r}\n",
			want: []string{`22:19: Carriage return without line feed: services.hcl ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.`},
		},
		{
			// HCL trims the line that ends a heredoc: a quote in the next
			// heredoc is text, not the start of a string.
			name: "heredoc marker followed by blanks",
			src:  base + "service \"orders\" {\n  branch = <<EOT\nmain\nEOT \t\n  repository = <<DOC\nEOT\nsay \"hi\nDOC\n}\n",
			want: []string{
				`23:12: Invalid value for "branch": "main\n" is not a valid branch name: it holds '\n'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".` + heredocNewline + `: "main".`,
				`26:16: Invalid value for "repository": "EOT\nsay \"hi\n" is not a valid CodeCommit repository name (letters, digits, '.', '_' and '-'): it holds '\n'.`,
			},
		},
		{
			// A heredoc of one line is refused for the newline it ends
			// with: a quoted string is meant.
			name: "heredocs of one line",
			src: base + "service \"orders\" {\n  repository = <<-EOT\n    orders-service\n    EOT\n" +
				"  task_roles = [\"a\", <<EOT\norders-task\nEOT\n  ]\n  ecr_repository = <<EOT\n${\"orders\"}\nEOT\n}\n",
			want: []string{
				`23:16: Invalid value for "repository": "orders-service\n" is not a valid CodeCommit repository name (letters, digits, '.', '_' and '-'): it holds '\n'.` + heredocNewline + `: "orders-service".`,
				`26:22: Invalid value for "task_roles": "orders-task\n" is not an IAM role name: up to 64 letters, digits and '+=,.@_-', after an optional path such as "ecs/", 128 characters in all, as in "orders-task" or "ecs/orders-execution". Give the name, not the ARN: the role is looked up in each stage's account.` + heredocNewline + `: "orders-task".`,
				`30:20: Invalid value for "ecr_repository": "orders\n" is not a valid ECR repository name (lowercase letters, digits, '.', '_', '-' and '/' between them): it holds '\n'.` + heredocNewline + `.`,
			},
		},
		{
			// The value to write instead is one of the attribute's type.
			name: "heredocs of one line for a list, a number and a bool",
			src: base + "service \"orders\" {\n  task_roles = <<EOT\norders-task\nEOT\n  container_port = <<EOT\n8080\nEOT\n" +
				"  notifications {\n    enabled = <<EOT\nfalse\nEOT\n  }\n  build {\n    base_image_repositories = <<EOT\n${\"a\"}\nEOT\n  }\n}\n",
			want: []string{
				`23:16: Invalid value for "task_roles": "task_roles" needs a list of strings, such as ["a", "b"]; found the string "orders-task\n". A heredoc is one string, which ends with a newline; for a list of one string, write it quoted in brackets instead: ["orders-task"].`,
				`26:20: Invalid value for "container_port": "container_port" needs a whole number, such as 8080; found the string "8080\n". A heredoc is a string, which ends with a newline; write the number itself instead: 8080.`,
				`30:15: Invalid value for "enabled": "enabled" needs true or false; found the string "false\n". A heredoc is a string, which ends with a newline; write the value itself instead: false.`,
				`35:31: Invalid value for "base_image_repositories": "base_image_repositories" needs a list of strings, such as ["a", "b"]; found the string "a\n". A heredoc is one string, which ends with a newline; for a list of one string, write it quoted in brackets instead.`,
			},
		},
		{
			name: "heredoc of one line, with Windows line endings",
			src:  strings.ReplaceAll(base+"service \"orders\" {\n  branch = <<EOT\nmain\nEOT\n}\n", "\n", "\r\n"),
			want: []string{
				`23:12: Invalid value for "branch": "main\r\n" is not a valid branch name: it holds '\r'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".` + heredocNewline + `: "main".`,
			},
		},
		{
			// A file saved in Latin-1 holds such bytes wherever it has an
			// accent: each line of them is reported at once.
			name: "invalid UTF-8 on several lines",
			src:  base + "# caf\xe9 \xfe\xff\nservice \"orders\" {\n  repository = \"caf\xe9\"\n  branch     = \"\x81\"\n}\n",
			want: []string{
				`22:6: Invalid UTF-8: services.hcl is not valid UTF-8 here: the byte 0xE9 is no character in UTF-8; it is 'é' (U+00E9) in Latin-1 and Windows-1252. Save the file as UTF-8.`,
				`24:20: Invalid UTF-8: services.hcl is not valid UTF-8 here: the byte 0xE9 is no character in UTF-8; it is 'é' (U+00E9) in Latin-1 and Windows-1252. Save the file as UTF-8.`,
				`25:17: Invalid UTF-8: services.hcl is not valid UTF-8 here: the byte 0x81 is no character in UTF-8. Save the file as UTF-8.`,
			},
		},
		{
			name: "invalid UTF-8 of several bytes",
			src:  base + "service \"orders\" {\n  repository = \"\xfe\xff\"\n}\n",
			want: []string{
				`23:17: Invalid UTF-8: services.hcl is not valid UTF-8 here: the bytes 0xFE 0xFF are no character in UTF-8; they are "þÿ" in Latin-1 and Windows-1252. Save the file as UTF-8.`,
			},
		},
		{
			// HCL counts columns in grapheme clusters: "e" and its accent
			// are one column, so the carriage return is in column 17, not 18.
			name: "carriage return after a combining accent",
			src:  base + "service \"cafe\u0301\" {\r}\n",
			want: []string{`22:17: Carriage return without line feed: services.hcl ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.`},
		},
		{
			name: "unterminated string after a combining accent",
			src:  base + "service \"orders\" {\n  repository = \"e\u0301\" branch = \"main\n}\n",
			want: []string{`23:29: Unterminated string: This string has no closing quote on its line. A quoted string ends on the line it starts; for text of several lines, use a heredoc (<<EOT).`},
		},
		{
			name: "list closed with the wrong bracket",
			src:  base + "service \"orders\" {\n  task_roles = [\"a\", \"b\"}\n}\n",
			want: []string{
				`23:25: Mismatched brace: This } comes before the list opened at 23:16 is closed, with ]. Replace it with ] if it was meant to close the list, or write ] before it.`,
			},
		},
		{
			name: "backslash that starts no escape",
			src:  base + "service \"orders\" {\n  branch = \"rel\\qease\"\n}\n",
			want: []string{
				`23:16: Invalid escape sequence: The symbol "q" is not a valid escape sequence selector. In a string, a backslash starts an escape: \n, \r, \t, \", \\, \uNNNN or \UNNNNNNNN. Write \\ for a backslash itself, and $${ for a literal ${.`,
			},
		},
		{
			name: "a brace too many inside a block",
			src:  base + "service \"orders\" {\n  build {\n    timeout_minutes = 10\n  }\n  }\n  branch = \"main\"\n}\n",
			want: []string{
				`26:3: Unmatched closing brace: This } closes the block opened at 22:18, though it is indented as the end of a block inside it: it seems one } too many, and the } at 28:1 then closes nothing. Remove this one.`,
			},
		},
		{
			name: "a brace after an argument, closing its block early",
			src:  base + "service \"orders\" {\n  branch = \"main\" }\n  container_port = 80\n}\n",
			want: []string{
				`23:19: Unmatched closing brace: This } closes the block opened at 22:18, though it follows an argument on its line, where fmt never closes a block: it seems one } too many, and the } at 25:1 then closes nothing. Remove this one.`,
			},
		},
		{
			name: "a bracket that no list opens",
			src:  base + "service \"orders\" {\n  build {\n    timeout_minutes = 10\n    ]\n  }\n}\n",
			want: []string{
				`25:5: Unmatched closing bracket: No [ is open here, so this ] closes nothing. Remove it.`,
			},
		},
		{
			name: "a list closed with a brace on a line of its own",
			src:  base + "service \"orders\" {\n  task_roles = [\n    \"a\",\n  }\n}\n",
			want: []string{
				`25:3: Mismatched brace: This } is where the list opened at 23:16 ends, going by the indentation, and ] closes it: replace it with ].`,
			},
		},
		{
			name: "a parenthesis closed with a bracket",
			src:  base + "service \"orders\" {\n  container_port = (80]\n}\n",
			want: []string{
				`23:23: Mismatched bracket: This ] comes before the parenthesis opened at 23:20 is closed, with ). Replace it with ) if it was meant to close the parenthesis, or write ) before it.`,
			},
		},
		{
			name: "a block never closed inside another",
			src:  base + "service \"orders\" {\n  build {\n    timeout_minutes = 10\n  stage \"production\" {\n    cluster = \"c\"\n  }\n}\n",
			want: []string{
				`23:9: Unclosed brace: Nothing closes this {. Going by the indentation, what it holds ends before line 25: close it there with }.`,
			},
		},
		{
			name: "a list never closed, then the next argument",
			src:  base + "service \"orders\" {\n  task_roles = [\"a\"\n  branch = \"main\"\n}\n",
			want: []string{
				`23:16: Unclosed bracket: Nothing closes this [. Going by the indentation, what it holds ends before line 24: close it there with ].`,
			},
		},
		{
			name: "a parenthesis never closed, then a block",
			src:  base + "service \"orders\" {\n  container_port = (80\n\n  build {\n    timeout_minutes = 10\n  }\n}\n",
			want: []string{
				`23:20: Unclosed parenthesis: Nothing closes this (. Going by the indentation, what it holds ends before line 25: close it there with ).`,
			},
		},
		{
			name: "a block of one line never closed",
			src:  base + "service \"orders\" {\n  notifications { enabled = false\n}\n",
			want: []string{
				`23:34: Invalid single-argument block definition: An argument on the line of the { that opens its block, "enabled" here, makes the block one line long, which must end on that line. Move the argument to a line of its own after the {, or close the block with } right after the argument.`,
			},
		},
		{
			name: "closing brace of no block",
			src:  base + "}\nservice \"orders\" {\n  branch = = \"main\"\n}\n",
			want: []string{
				`22:1: Unmatched closing brace: Every bracket before this } is closed already, so it closes nothing. Remove it, unless a { is missing before it, or a } before it closes its block too early.`,
				`24:12: Invalid expression: The value of branch is missing or starts with a character no value starts with. Write a string in double quotes, a number, true or false, or a list in [ ], after the = on the same line.`,
			},
		},
		{
			// A header in the first column closes, by the indentation,
			// every bracket its item left open; only those the file
			// leaves open are reported: "a" holds "b" and closes after it.
			name: "blocks never closed before a header, and one closed after it",
			src:  base + "service \"a\" {\n  repository = \"a\"\nservice \"b\" {\n  repository = \"b\"\n}\n}\n\nservice \"c\" {\n  repository = \"c\"\n  build {\n    timeout_minutes = 1\n\nservice \"d\" {\n}\n",
			want: []string{
				`29:13: Unclosed brace: Nothing closes this {. Going by the indentation, what it holds ends before line 34: close it there with }.`,
				`31:9: Unclosed brace: Nothing closes this {. Going by the indentation, what it holds ends before line 34: close it there with }.`,
			},
		},
		{
			name: "block after an equals sign",
			src:  base + "service \"orders\" {\n  build =\n  {\n    timeout_minutes = 10\n  }\n}\n",
			want: []string{
				`23:10: Invalid expression: build = followed by a { on the next line is neither an argument nor a block. A block is written without =, with its { on the line of its name: build {.`,
			},
		},
		{
			name: "a value missing at the end of the file",
			src:  base + "service \"orders\" {\n}\ndefaults {\n  branch =",
			want: []string{
				`25:11: Missing expression: The value of branch is missing or starts with a character no value starts with. Write a string in double quotes, a number, true or false, or a list in [ ], after the = on the same line.`,
			},
		},
		{
			name: "a string ended by an escaped quote",
			src:  base + "service \"orders\" {\n  branch = \"release\\\"\n}\n",
			want: []string{
				`23:12: Unterminated string: This string has no closing quote on its line: the \" that ends the line is an escaped quote, part of the string. To end the string with a backslash, write \\ before its closing quote.`,
			},
		},
		{
			name: "a list never closed at the end of the file",
			src:  base + "service \"orders\" {\n  task_roles = [\"a\"",
			want: []string{
				`23:16: Unclosed bracket: Nothing closes this [ before the end of the file. Close the list with ] after its last item.`,
			},
		},
		{
			// The block after the one never closed starts in the first
			// column: the indentation says where the brace belongs, and
			// the later block's error is reported too.
			name: "block never closed before a block with an error",
			src:  base + "service \"catalog\" {\n  container_port = 8081\n\n# Search.\nservice \"search\" {\n  container_port = = 9200\n}\n",
			want: []string{
				`22:19: Unclosed brace: Nothing closes this {. Going by the indentation, what it holds ends before line 26: close it there with }.`,
				`27:20: Invalid expression: The value of container_port is missing or starts with a character no value starts with. Write a string in double quotes, a number, true or false, or a list in [ ], after the = on the same line.`,
			},
		},
		{
			// The heredoc left open is the outermost construct: a block
			// start inside the closed block before it is no guess.
			name: "heredoc left open after a block with an error",
			src:  "defaults {\n  branch = = \"x\"\nservice \"x\" {\n}\n}\nx = <<EOT\nabc\n",
			want: []string{
				`2:12: Invalid expression: The value of branch is missing or starts with a character no value starts with. Write a string in double quotes, a number, true or false, or a list in [ ], after the = on the same line.`,
				`6:5: Unterminated heredoc: ` + heredocOpen,
			},
		},
		{
			// The parser says where the file ends: the heredoc starts
			// lines before.
			name: "heredoc left open",
			src:  base + "service \"orders\" {\n  branch = <<EOT\nmain\n\n}\n",
			want: []string{`23:12: Unterminated heredoc: ` + heredocOpen},
		},
		{
			name: "indented heredoc left open, with Windows line endings",
			src:  base + "service \"orders\" {\r\n  branch = <<-EOT\r\n  main\r\n  EOT2\r\n",
			want: []string{`23:12: Unterminated heredoc: ` + heredocOpen},
		},
		{
			name: "quoted string left open at the end of the file",
			src:  base + "service \"orders\" {\n  branch = \"main",
			want: []string{`23:12: Unterminated string: This string has no closing quote: the file ends first. A quoted string ends on the line it starts; close it with " there.`},
		},
		{
			// The quote after b starts a string in the interpolation, and
			// the line's end ends both: one error, at the ${.
			name: "interpolation left open in a quoted string",
			src:  base + "service \"orders\" {\n  branch = \"a${b\"\n}\n",
			want: []string{`23:14: Unclosed template interpolation: This ${ starts a template interpolation that is not closed on its line, so the rest of the line, any closing quote included, is read as part of it. Close it with }, or write $${ for a literal ${.`},
		},
		{
			name: "directive left open in a quoted string",
			src:  base + "service \"orders\" {\n  branch = \"a%{b\"\n}\n",
			want: []string{`23:14: Unclosed template directive: This %{ starts a template directive that is not closed on its line, so the rest of the line, any closing quote included, is read as part of it. Close it with }, or write %%{ for a literal %{.`},
		},
		{
			// HCL lets an interpolation go on over lines: the brace that
			// closes the block closes it, and the string is left open.
			name: "interpolation closed on a later line",
			src:  base + "service \"orders\" {\n  branch = \"a${b\n}\n",
			want: []string{`23:14: Unclosed template interpolation: This ${ starts a template interpolation that is not closed on its line, so the rest of the line, any closing quote included, is read as part of it. Close it with }, or write $${ for a literal ${.`},
		},
		{
			name: "interpolation closed on a later line, at the end of the file",
			src:  base + "service \"orders\" {\n  branch = \"a${b\n}",
			want: []string{`23:14: Unclosed template interpolation: This ${ starts a template interpolation that is not closed on its line, so the rest of the line, any closing quote included, is read as part of it. Close it with }, or write $${ for a literal ${.`},
		},
		{
			name: "interpolation left open in a heredoc",
			src:  base + "service \"orders\" {\n  branch = <<EOT\n${b\n",
			want: []string{`24:1: Unclosed template interpolation: This ${ starts a template interpolation that nothing closes, so the rest of the file is read as part of it. Close it with }, or write $${ for a literal ${.`},
		},
		{
			// HCL would read the marker as a name in the interpolation,
			// and report the line after it, or the end of the file.
			name: "interpolation left open before a heredoc's marker",
			src:  base + "service \"orders\" {\n  branch = <<EOT\nab ${c\nd\nEOT\n}\n",
			want: []string{`24:4: Unclosed template interpolation: This ${ starts a template interpolation that is not closed before the line that ends the heredoc, EOT, so that line and the ones after it are read as part of it. Close it with }, or write $${ for a literal ${.`},
		},
		{
			name: "directive left open before a heredoc's indented marker",
			src:  base + "service \"orders\" {\n  branch = <<-EOT\n    abc %{if\n    EOT\n  container_port = 80\n}\nservice \"payments\" {\n}\n",
			want: []string{`24:9: Unclosed template directive: This %{ starts a template directive that is not closed before the line that ends the heredoc, EOT, so that line and the ones after it are read as part of it. Close it with }, or write %%{ for a literal %{.`},
		},
		{
			name: "bracket left open in a heredoc's interpolation",
			src:  "service \"a\" {\n  doc = <<EOT\n${[}\nEOT\n}\nservice \"b\" {\n  x = 1 1\n}\n",
			want: []string{
				`3:4: Invalid expression: Expected the start of an expression, but found an invalid expression token.`,
				`7:9: Missing newline after argument: An argument definition must end with a newline.`,
			},
		},
		{
			// Defaults leave the production listener to the services, and
			// two of the four do not set it: they are named, once.
			name: "services lacking a required value",
			src: strings.Replace(base, "    listener_arn     = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdef\"\n", "", 1) +
				"service \"orders\" {}\nservice \"payments\" {\n  stage \"production\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcdee\"\n  }\n}\n" +
				"service \"search\" {}\nservice \"catalog\" {\n  stage \"production\" {\n    listener_arn = \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/production/0123456789abcdef/0123456789abcded\"\n  }\n}\n",
			want: []string{
				`16:3: Missing required argument "listener_arn": The "listener_arn" attribute is required in the stage "production" block. Set it in defaults, or in each service. 2 of the 4 services lack it: "orders", "search".`,
			},
		},
		{
			// A string in a template stays a string: it is never read as
			// a number.
			name: "a string that reads as a huge number, in a template",
			src:  base + "service \"orders\" {\n  branch = \"release-${\"1e100000000\"}\"\n}\n",
		},
		{
			// The place HCL's message cites is written as file:line:col,
			// not in HCL's notation.
			name: "a directive without its end",
			src:  base + "service \"orders\" {\n  branch = \"a%{ if true }b\"\n}\n",
			want: []string{`23:27: Unexpected end of template: The if directive at services.hcl:23:14 is missing its corresponding endif directive.`},
		},
		{
			// HCL reads 0x1F90 as 0, then the name x1F90, and says that a
			// newline is missing.
			name: "a hexadecimal number",
			src:  base + "service \"orders\" {\n  container_port = 0x1F90\n}\n",
			want: []string{`23:20: Invalid number: HCL has no hexadecimal numbers: 0x1F90 reads as 0, then the name x1F90. Write the number in decimal: 8080.`},
		},
		{
			name: "an octal number in a list, a binary one in another service",
			src:  base + "service \"orders\" {\n  task_roles = [\"a\", 0o17]\n}\nservice \"payments\" {\n  container_port = 0B101\n}\n",
			want: []string{
				`23:22: Invalid number: HCL has no octal numbers: 0o17 reads as 0, then the name o17. Write the number in decimal: 15.`,
				`26:20: Invalid number: HCL has no binary numbers: 0B101 reads as 0, then the name B101. Write the number in decimal: 5.`,
			},
		},
		{
			// The sign is part of the number to write instead, and of
			// the range it replaces.
			name: "a negative hexadecimal number",
			src:  base + "service \"orders\" {\n  build {\n    timeout_minutes = -0x1E\n  }\n}\n",
			want: []string{`24:23: Invalid number: HCL has no hexadecimal numbers: 0x1E reads as 0, then the name x1E. Write the number in decimal: -30.`},
		},
		{
			name: "a hexadecimal number after a minus that is no sign",
			src:  base + "service \"orders\" {\n  container_port = 8110 - 0x1E\n}\n",
			want: []string{`23:27: Invalid number: HCL has no hexadecimal numbers: 0x1E reads as 0, then the name x1E. Write the number in decimal: 30.`},
		},
		{
			// No digits of the base the letter names: no number in
			// another base, but a 0 and a name.
			name: "a 0 and a name",
			src: base + "service \"orders\" {\n  container_port = 0xZZ\n}\nservice \"payments\" {\n  container_port = 0x1G\n}\n" +
				"service \"search\" {\n  container_port = 0ops\n}\nservice \"catalog\" {\n  task_roles = [0bar]\n}\n",
			want: []string{
				`23:20: Invalid number: 0xZZ is no number: HCL reads it as 0, then the name xZZ. Write a number in decimal digits alone, or text as a string, in double quotes.`,
				`26:20: Invalid number: 0x1G is no number: HCL reads it as 0, then the name x1G. Write a number in decimal digits alone, or text as a string, in double quotes.`,
				`29:20: Invalid number: 0ops is no number: HCL reads it as 0, then the name ops. Write a number in decimal digits alone, or text as a string, in double quotes.`,
				`32:17: Invalid number: 0bar is no number: HCL reads it as 0, then the name bar. Write a number in decimal digits alone, or text as a string, in double quotes.`,
			},
		},
		{
			name: "Windows line endings",
			src:  strings.ReplaceAll(base+"service \"orders\" {}\n", "\n", "\r\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"services.hcl": {Data: []byte(tt.src)}}
			_, diags := config.Load(fsys, "services.hcl")
			if diff := cmp.Diff(tt.want, diagDetails(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStringLengthBoundary holds the limit on strings to its number: a
// string of exactly MaxStringLength bytes is not refused for its length.
func TestStringLengthBoundary(t *testing.T) {
	for _, n := range []int{config.MaxStringLength, config.MaxStringLength + 1} {
		_, diags := loadString(t, base+"service \"orders\" {\n  branch = \""+strings.Repeat("a", n)+"\"\n}\n")
		tooLong := slices.ContainsFunc(diags, func(d *hcl.Diagnostic) bool { return d.Summary == "String too long" })
		if want := n > config.MaxStringLength; tooLong != want {
			t.Errorf("a string of %d bytes: refused as too long %t, want %t", n, tooLong, want)
		}
	}
}

// TestTooManySyntaxErrors holds that syntax errors are reported for at
// most MaxSyntaxErrors+1 blocks, with a last diagnostic, where the first
// error left out is, only when some are.
func TestTooManySyntaxErrors(t *testing.T) {
	limit := config.MaxSyntaxErrors + 1 // the first error, and those after
	for _, tc := range []struct{ broken, valid int }{{limit, 0}, {limit, 50}, {limit + 1, 0}, {150, 0}, {5000, 0}} {
		t.Run(fmt.Sprintf("%d broken, %d valid", tc.broken, tc.valid), func(t *testing.T) {
			var b strings.Builder
			for i := range tc.broken {
				fmt.Fprintf(&b, "service \"s%d\" {\n  branch = = \"x\"\n}\n", i)
			}
			for i := range tc.valid {
				fmt.Fprintf(&b, "service \"v%d\" {}\n", i)
			}
			_, diags := loadString(t, b.String())
			cut := tc.broken > limit
			want := min(tc.broken, limit)
			if cut {
				want++
			}
			if len(diags) != want {
				t.Fatalf("%d diagnostics, want %d", len(diags), want)
			}
			last := diags[len(diags)-1]
			if got := last.Summary == "Too many syntax errors"; got != cut {
				t.Errorf("last diagnostic: %s", last.Summary)
			}
			if cut && last.Subject.Start.Line != 3*limit+2 { // the error of the first block left out
				t.Errorf("the cut is said at line %d, want %d", last.Subject.Start.Line, 3*limit+2)
			}
		})
	}
}
