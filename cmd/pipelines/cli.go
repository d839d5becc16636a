package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/agext/levenshtein"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1 // invalid input, failed check, I/O failure
	exitMisuse  = 2 // bad flags or arguments
	exitChanges = 3 // plan -detailed-exitcode: changes present
)

// env is what a command may touch besides the file system.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand. run gets the arguments after its name.
type command struct {
	name  string
	short string // one line for the command list
	usage string // the synopsis and a paragraph or two
	run   func(e *env, args []string) int
}

// commands lists every subcommand, in the order help shows them.
var commands []*command

func init() {
	commands = []*command{
		buildCommand,
		planCommand,
		showCommand,
		validateCommand,
		checkCommand,
		fmtCommand,
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitMisuse
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && name == "help" && !isHelpFlag(args[1]) && args[1] != "help" {
			if args[1] == "version" {
				fmt.Fprint(stdout, versionUsage)
				return exitOK
			}
			if c := lookup(args[1]); c != nil {
				// What "<command> -h" prints, its flags included, on
				// standard output.
				return c.run(&env{stdin: stdin, stdout: stdout, stderr: stdout}, []string{"-h"})
			}
			fmt.Fprintf(stderr, "pipelines help: unknown command %q\nRun 'pipelines help' for the list of commands.\n", args[1])
			return exitMisuse
		}
		usage(stdout)
		return exitOK
	case "-version", "--version", "version":
		if len(args) > 1 && isHelpFlag(args[1]) {
			// As every command does with -h.
			fmt.Fprint(stdout, versionUsage)
			return exitOK
		}
		if len(args) > 1 {
			fmt.Fprintf(stderr, "pipelines version: unexpected argument %q\n%s", args[1], versionUsage)
			return exitMisuse
		}
		fmt.Fprintln(stdout, "pipelines", version())
		return exitOK
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "pipelines: unknown command %q\n%sRun 'pipelines help' for usage.\n", name, closestCommand(name))
		return exitMisuse
	}
	return c.run(e, args[1:])
}

// isHelpFlag reports whether arg asks for a command's usage.
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

const versionUsage = `usage: pipelines version

Prints the version of pipelines: the module version it was built from, or
"devel" for a build from a checkout.
`

// closestCommand suggests the command a mistyped name most likely meant,
// as a line ending with a newline, or returns "" when none is close.
func closestCommand(name string) string {
	names := make([]string, 0, len(commands)+1)
	for _, c := range commands {
		names = append(names, c.name)
	}
	best, dist := "", 3 // at most two edits away
	for _, c := range append(names, "version") {
		if d := levenshtein.Distance(name, c, nil); d < dist {
			best, dist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("Did you mean %q?\n", best)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, `pipelines generates the CloudFormation templates of every service's CI/CD
pipeline from one services.hcl file.

Usage:

	pipelines <command> [flags] [arguments]

Commands:

`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\t%-10s %s\n", "version", "print the version of pipelines")
	fmt.Fprint(w, `
Run 'pipelines help <command>' or 'pipelines <command> -h' for a command's
flags. Exit status: 0 on success, 1 when the input is invalid, a check
fails or a file cannot be written, 2 on misuse; 'plan -detailed-exitcode'
exits 3 when something would change.
`)
}

// newFlagSet returns a flag set that prints c's usage on -h, to standard
// output as 'pipelines help <command>' does, and on errors, to standard
// error.
func newFlagSet(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprint(w, c.usage)
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		fs.SetOutput(w)
		if flags.Len() > 0 {
			fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
		}
	}
	return fs
}

// parse parses flags; it returns an exit code and false when the command
// should stop (help was asked for, or the flags were wrong).
func parse(fs *flag.FlagSet, e *env, args []string) (int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, where it belongs
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			fs.SetOutput(e.stderr)
			return exitOK, false
		}
		fs.Usage()
		return exitMisuse, false
	}
	return exitOK, true
}

// parseInterspersed parses flags that may come before, between or after
// the arguments ("show orders -json"), and returns the arguments. After
// "--" everything is an argument.
func parseInterspersed(fs *flag.FlagSet, e *env, args []string) ([]string, int, bool) {
	var rest []string
	for {
		if code, ok := parse(fs, e, args); !ok {
			return nil, code, false
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, exitOK, true
		}
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), exitOK, true
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// listFlag is a repeatable flag of service names that also splits on
// commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set refuses an empty name, as in -only "" or -only "orders,": it most
// likely comes from a script whose variable came out empty, and taking it
// as no names at all would quietly build every service.
func (l *listFlag) Set(v string) error {
	var names []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			return errors.New("empty service name; give the names of services, separated by commas")
		}
		names = append(names, s)
	}
	*l = append(*l, names...)
	return nil
}
