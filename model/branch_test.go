package model

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// branchTests are branch names and what is said of them ("" when valid).
// Where git has a say, the verdicts are those of git check-ref-format
// --branch (git 2.39), within the characters allowed here.
var branchTests = []struct {
	branch string
	want   string
}{
	{branch: "main"},
	{branch: "release"},
	{branch: "release/v2"},
	{branch: "feature/JIRA-123_fix.v2"},
	{branch: "a"},
	{branch: "A"},
	{branch: "_"},
	{branch: "a-"},
	{branch: "a/-b"},        // only the whole name may not start with '-'
	{branch: "a./b"},        // only the whole name may not end with '.'
	{branch: "a.lock.b"},    // ".lock" only at the end of a part
	{branch: "HEAD/a"},      // only "HEAD" itself is refused
	{branch: "a/HEAD"},      //
	{branch: "head"},        //
	{branch: "heads/main"},  // not a full reference name
	{branch: "refsx/heads"}, //
	{branch: "a.b.c"},       //
	{branch: strings.Repeat("0123456789abcdef", 2) + "0123456"},   // 39 hex digits
	{branch: strings.Repeat("0123456789abcdef", 2) + "012345678"}, // 41 hex digits
	{branch: strings.Repeat("0123456789abcdef", 2) + "0123456g"},  // 40, not all hex
	{branch: strings.Repeat("a", MaxBranch)},

	// git's rules.
	{branch: ".hidden", want: `".hidden" is not a valid branch name: its part ".hidden" starts with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: ".", want: `"." is not a valid branch name: its part "." starts with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a/.b", want: `"a/.b" is not a valid branch name: its part ".b" starts with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a.", want: `"a." is not a valid branch name: it ends with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a/b.", want: `"a/b." is not a valid branch name: it ends with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a.lock/b", want: `"a.lock/b" is not a valid branch name: its part "a.lock" ends with ".lock", which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "release.lock", want: `"release.lock" is not a valid branch name: its part "release.lock" ends with ".lock", which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: ".lock", want: `".lock" is not a valid branch name: its part ".lock" starts with '.', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "feature/../main", want: `"feature/../main" is not a valid branch name: it holds "..", which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a..b", want: `"a..b" is not a valid branch name: it holds "..", which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "-main", want: `"-main" is not a valid branch name: it starts with '-', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "-", want: `"-" is not a valid branch name: it starts with '-', which git refuses. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "HEAD", want: `"HEAD" is git's name for the commit checked out, not a branch; give the branch's name, such as "main".`},
	{branch: "a//b", want: `"a//b" is not a valid branch name: it has an empty part (a '/' at its start or end, or two in a row). Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "/a", want: `"/a" is not a valid branch name: it has an empty part (a '/' at its start or end, or two in a row). Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a/", want: `"a/" is not a valid branch name: it has an empty part (a '/' at its start or end, or two in a row). Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "my branch", want: `"my branch" is not a valid branch name: it holds ' '. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a~1", want: `"a~1" is not a valid branch name: it holds '~'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a^", want: `"a^" is not a valid branch name: it holds '^'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a:b", want: `"a:b" is not a valid branch name: it holds ':'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a?b", want: `"a?b" is not a valid branch name: it holds '?'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a*b", want: `"a*b" is not a valid branch name: it holds '*'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a[b", want: `"a[b" is not a valid branch name: it holds '['. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: `a\b`, want: `"a\\b" is not a valid branch name: it holds '\\'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a@{b", want: `"a@{b" is not a valid branch name: it holds '@'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "@", want: `"@" is not a valid branch name: it holds '@'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "main\n", want: `"main\n" is not a valid branch name: it holds '\n'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "a\x7fb", want: `"a\x7fb" is not a valid branch name: it holds '\x7f'. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},

	// The full reference name of a branch, and of others.
	{branch: "refs/heads/main", want: `"refs/heads/main" is a full reference name; the pipeline already watches refs/heads/<branch>, so give "main".`},
	{branch: "refs/heads/release/v2", want: `"refs/heads/release/v2" is a full reference name; the pipeline already watches refs/heads/<branch>, so give "release/v2".`},
	{branch: "refs/heads/.x", want: `"refs/heads/.x" is a full reference name, not a branch's; the pipeline watches refs/heads/<branch>, so give the branch's name alone, such as "main".`},
	{branch: "refs/tags/v1", want: `"refs/tags/v1" is a full reference name, not a branch's; the pipeline watches refs/heads/<branch>, so give the branch's name alone, such as "main".`},

	// CodeCommit's rules.
	{branch: "", want: `The branch name is empty; give the branch whose commits start the pipeline, such as "main".`},
	{branch: strings.Repeat("a", MaxBranch+1), want: fmt.Sprintf(`%q is 257 characters long; CodeCommit allows branch names of at most 256.`, clipped(strings.Repeat("a", MaxBranch+1)))},
	{branch: "0123456789abcdef0123456789abcdef01234567", want: `"0123456789abcdef0123456789abcdef01234567" is not a valid branch name: it is 40 hexadecimal digits, which CodeCommit refuses as they read as a commit id. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
	{branch: "0123456789ABCDEF0123456789ABCDEF01234567", want: `"0123456789ABCDEF0123456789ABCDEF01234567" is not a valid branch name: it is 40 hexadecimal digits, which CodeCommit refuses as they read as a commit id. Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as "main" or "release/v2".`},
}

// TestBranchFlaw checks which branch names the pipeline can watch, and
// what the message says of the others.
func TestBranchFlaw(t *testing.T) {
	for _, tt := range branchTests {
		format, args := branchFlaw(tt.branch)
		got := ""
		if format != "" {
			got = fmt.Sprintf(format, clip(args)...)
		}
		if got != tt.want {
			t.Errorf("branchFlaw(%q):\n got %s\nwant %s", clipped(tt.branch), got, tt.want)
		}
	}
}

// TestBranchesGitAccepts checks, with the git on the machine, that git
// accepts every branch name validation does, among the names of the table
// and random ones, so that the pipeline never waits on a branch git
// cannot create. (git accepts some names refused here, in characters
// beyond those allowed, or by CodeCommit's rules.)
func TestBranchesGitAccepts(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	var accepted, random []string
	for _, tt := range branchTests {
		if tt.want == "" {
			accepted = append(accepted, tt.branch)
		}
	}
	for _, v := range values() {
		if f, _ := branchFlaw(v); f == "" {
			random = append(random, v)
		}
	}
	// A run of git takes a millisecond or more: an even sample of 200.
	if len(random) < 200 {
		t.Fatalf("only %d random names are accepted; the test needs more", len(random))
	}
	for i := range 200 {
		accepted = append(accepted, random[i*len(random)/200])
	}
	for _, n := range accepted {
		if out, err := exec.Command(git, "check-ref-format", "--branch", n).CombinedOutput(); err != nil {
			t.Errorf("%q is accepted, but git check-ref-format --branch refuses it: %v: %s", n, err, out)
		}
	}
}
