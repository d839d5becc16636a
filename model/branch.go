package model

import (
	"strings"
	"unicode/utf8"
)

// MaxBranch is the longest branch name CodeCommit accepts.
const MaxBranch = 256

// branchFlaw says why b is not a branch the pipeline can watch, as a
// message's format and arguments; format is "" when it is one.
//
// A branch is named within the characters branchRE allows (letters,
// digits, '.', '_' and '-', in parts joined by single slashes), by the
// rules of git check-ref-format --branch: no part starts with '.' or ends
// with ".lock", there is no "..", and the name neither starts with '-'
// nor ends with '.', nor is "HEAD". CodeCommit adds a length limit and
// refuses a name of exactly 40 hexadecimal digits, which reads as a commit
// id. The source action and the events rule take the branch's short
// name: CodePipeline's BranchName, and EventBridge's referenceName, which
// is matched as written. A full reference name such as "refs/heads/main"
// would never match.
func branchFlaw(b string) (format string, args []any) {
	const rule = ". Use letters, digits, '.', '_' and '-', in parts joined by single '/', such as \"main\" or \"release/v2\"."
	if n := utf8.RuneCountInString(b); n > MaxBranch {
		return "%q is %d characters long; CodeCommit allows branch names of at most %d.", []any{b, n, MaxBranch}
	}
	if short, ok := strings.CutPrefix(b, "refs/heads/"); ok {
		if f, _ := branchFlaw(short); f == "" {
			return "%q is a full reference name; the pipeline already watches refs/heads/<branch>, so give %q.", []any{b, short}
		}
	}
	if strings.HasPrefix(b, "refs/") {
		return "%q is a full reference name, not a branch's; the pipeline watches refs/heads/<branch>, so give the branch's name alone, such as \"main\".", []any{b}
	}
	if b == "HEAD" {
		return "\"HEAD\" is git's name for the commit checked out, not a branch; give the branch's name, such as \"main\".", nil
	}
	if b == "" {
		return "The branch name is empty; give the branch whose commits start the pipeline, such as \"main\".", nil
	}
	if !branchRE.MatchString(b) {
		for _, r := range b {
			if r != '/' && r != '.' && r != '_' && r != '-' && (r >= 0x80 || !isAlnum(byte(r))) {
				return "%q is not a valid branch name: it holds %q" + rule, []any{b, r}
			}
		}
		return "%q is not a valid branch name: it has an empty part (a '/' at its start or end, or two in a row)" + rule, []any{b}
	}
	if b[0] == '-' {
		return "%q is not a valid branch name: it starts with '-', which git refuses" + rule, []any{b}
	}
	if strings.Contains(b, "..") {
		return "%q is not a valid branch name: it holds \"..\", which git refuses" + rule, []any{b}
	}
	for part := range strings.SplitSeq(b, "/") {
		if part[0] == '.' {
			return "%q is not a valid branch name: its part %q starts with '.', which git refuses" + rule, []any{b, part}
		}
		if strings.HasSuffix(part, ".lock") {
			return "%q is not a valid branch name: its part %q ends with \".lock\", which git refuses" + rule, []any{b, part}
		}
	}
	if b[len(b)-1] == '.' {
		return "%q is not a valid branch name: it ends with '.', which git refuses" + rule, []any{b}
	}
	if len(b) == 40 && all(b, func(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }) {
		return "%q is not a valid branch name: it is 40 hexadecimal digits, which CodeCommit refuses as they read as a commit id" + rule, []any{b}
	}
	return "", nil
}
