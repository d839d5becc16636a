package main

import (
	"fmt"

	"pipelines/config"
)

var validateCommand = &command{
	name:  "validate",
	short: "check services.hcl and report every problem",
	usage: `usage: pipelines validate [-f services.hcl] [-format text|json]

Validate decodes services.hcl, merges defaults into every service and checks
every value against AWS's limits and the platform's policy. It reports every
problem at once, each with file:line:col, and writes nothing. "-f -" reads
standard input, named <stdin> in the problems (for an editor's unsaved
buffer, say).

-format json prints the problems on standard output as a JSON array of
{severity, summary, detail, file, line, column, end_line, end_column}
([] when there is none), for editors and CI annotations. The exit status
is the same in both formats.
`,
}

func init() { validateCommand.run = runValidate }

func runValidate(e *env, args []string) int {
	fs := newFlagSet(validateCommand, e)
	file := fs.String("f", "services.hcl", "the services file to read")
	format := fs.String("format", "text", "output format: text or json")
	if code, ok := parse(fs, e, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "pipelines validate: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitMisuse
	}
	if !namedFile(e, "validate", "-f ", *file) {
		return exitMisuse
	}
	switch *format {
	case "text":
	case "json":
		_, diags := loadInput(e, config.NewLoader(), *file)
		if err := writeJSONDiagnostics(e.stdout, inputName(*file), diags); err != nil {
			fmt.Fprintf(e.stderr, "pipelines validate: %v\n", err)
			return exitFailed
		}
		if diags.HasErrors() {
			return exitFailed
		}
		return exitOK
	default:
		fmt.Fprintf(e.stderr, "pipelines validate: -format %q: want text or json\n", *format)
		return exitMisuse
	}
	p, ok := load(e, *file)
	if !ok {
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "%s is valid: %s\n", inputName(*file), count(len(p.Services), "service"))
	return exitOK
}
