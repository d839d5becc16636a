package main

import "fmt"

var validateCommand = &command{
	name:  "validate",
	short: "check services.hcl and report every problem",
	usage: `usage: pipelines validate [-f services.hcl]

Validate decodes services.hcl, merges defaults into every service and checks
every value against AWS's limits and the platform's policy. It reports every
problem at once, each with file:line:col, and writes nothing.
`,
}

func init() { validateCommand.run = runValidate }

func runValidate(e *env, args []string) int {
	fs := newFlagSet(validateCommand, e)
	file := fs.String("f", "services.hcl", "the services file to read")
	if code, ok := parse(fs, e, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "pipelines validate: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitMisuse
	}
	p, ok := load(e, *file)
	if !ok {
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "%s is valid: %d services\n", *file, len(p.Services))
	return exitOK
}
