package emit_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"pipelines/emit"
	"pipelines/model"
)

// deployCommand is an `aws cloudformation deploy` command of the notes.
type deployCommand struct {
	line   string            // as a shell reads it, continuations joined
	flags  map[string]string // --flag value
	params map[string]string // --parameter-overrides Name=value
}

// deployCommands returns the deploy commands of the notes' shell blocks.
func deployCommands(t *testing.T, notes string) []deployCommand {
	t.Helper()
	var cmds []deployCommand
	var in bool
	var cur string
	for _, raw := range strings.Split(notes, "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case line == "```sh":
			in = true
			continue
		case line == "```":
			in = false
			continue
		case !in || strings.HasPrefix(line, "#"):
			continue
		}
		cur += line
		if strings.HasSuffix(cur, `\`) {
			cur = strings.TrimSuffix(cur, `\`)
			continue
		}
		if strings.HasPrefix(cur, "aws cloudformation deploy ") {
			cmds = append(cmds, parseDeploy(t, cur))
		}
		cur = ""
	}
	return cmds
}

// parseDeploy splits a deploy command into its flags and parameters, as a
// shell would: words split at blanks outside double quotes.
func parseDeploy(t *testing.T, line string) deployCommand {
	t.Helper()
	var words []string
	var word strings.Builder
	quoted, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, word.String())
	}
	c := deployCommand{line: line, flags: map[string]string{}, params: map[string]string{}}
	overrides := false
	for _, w := range words[3:] {
		switch {
		case strings.HasPrefix(w, "--"):
			overrides = w == "--parameter-overrides"
			c.flags[w] = ""
			if overrides {
				c.flags[w] = "set"
			}
		case overrides:
			name, value, ok := strings.Cut(w, "=")
			if !ok {
				t.Errorf("%s: %q is no Name=value", line, w)
			}
			c.params[name] = value
		default:
			var last string
			for f, v := range c.flags {
				if v == "" {
					last = f
				}
			}
			if last == "" {
				t.Errorf("%s: %q follows no flag", line, w)
			}
			c.flags[last] = w
		}
	}
	return c
}

// TestNotesCommandsDeploy runs, on paper, every deploy command of the
// notes against the template it names: the template exists; every
// parameter without a default is given, and only parameters the template
// declares, with values its AllowedValues and AllowedPattern accept
// (placeholders in angle brackets aside); the command has the capability
// its IAM resources need, and an S3 bucket when the template is over
// the 51,200 bytes CloudFormation takes inline; and the stack names are
// valid and distinct.
func TestNotesCommandsDeploy(t *testing.T) {
	stackName := regexp.MustCompile(`^[A-Za-z][-A-Za-z0-9]{0,127}$`)
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			files := map[string][]byte{}
			for _, f := range renderAll(t, loadCase(t, dir)) {
				files[f.Path] = f.Data
			}
			cmds := deployCommands(t, string(files[emit.SharedNotes]))
			if len(cmds) == 0 {
				t.Fatal("the notes give no deploy command")
			}
			stacks := map[string]string{}
			for _, c := range cmds {
				checkDeploy(t, c, files)
				name := c.flags["--stack-name"]
				if !stackName.MatchString(name) {
					t.Errorf("%s: stack name %q is not valid", c.line, name)
				}
				if other, ok := stacks[name]; ok && other != c.flags["--template-file"] {
					t.Errorf("stack %s deploys both %s and %s", name, other, c.flags["--template-file"])
				}
				stacks[name] = c.flags["--template-file"]
			}
		})
	}
}

// checkDeploy checks one deploy command against its template.
func checkDeploy(t *testing.T, c deployCommand, files map[string][]byte) {
	t.Helper()
	if c.flags["--region"] != "us-east-1" {
		t.Errorf("%s: region %q", c.line, c.flags["--region"])
	}
	data, ok := files[c.flags["--template-file"]]
	if !ok {
		t.Errorf("%s: no template %q", c.line, c.flags["--template-file"])
		return
	}
	var tmpl struct {
		Parameters map[string]struct {
			Type           string
			Default        any
			AllowedValues  []string
			AllowedPattern string
		}
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(data, &tmpl); err != nil {
		t.Fatal(err)
	}
	for name, p := range tmpl.Parameters {
		value, given := c.params[name]
		if !given {
			if p.Default == nil {
				t.Errorf("%s: parameter %s has no default and is not given", c.line, name)
			}
			continue
		}
		if strings.HasPrefix(value, "<") || strings.HasPrefix(value, "$") {
			continue // a placeholder for the reader to fill in
		}
		if p.AllowedValues != nil && !slices.Contains(p.AllowedValues, value) {
			t.Errorf("%s: %s=%s is not one of %v", c.line, name, value, p.AllowedValues)
		}
		if p.AllowedPattern != "" && !regexp.MustCompile(p.AllowedPattern).MatchString(value) {
			t.Errorf("%s: %s=%s does not match %s", c.line, name, value, p.AllowedPattern)
		}
	}
	for name := range c.params {
		if _, ok := tmpl.Parameters[name]; !ok {
			t.Errorf("%s: the template has no parameter %s", c.line, name)
		}
	}
	named, iam := false, false
	for _, r := range tmpl.Resources {
		if strings.HasPrefix(r.Type, "AWS::IAM::") {
			iam = true
			for _, prop := range []string{"RoleName", "ManagedPolicyName", "UserName", "GroupName", "InstanceProfileName"} {
				if _, ok := r.Properties[prop]; ok {
					named = true
				}
			}
		}
	}
	caps := c.flags["--capabilities"]
	switch {
	case named && caps != "CAPABILITY_NAMED_IAM":
		t.Errorf("%s: named IAM resources need --capabilities CAPABILITY_NAMED_IAM", c.line)
	case iam && !named && caps == "":
		t.Errorf("%s: IAM resources need --capabilities CAPABILITY_IAM", c.line)
	}
	if len(data) > 51200 && c.flags["--s3-bucket"] == "" {
		t.Errorf("%s: a template of %d bytes needs --s3-bucket", c.line, len(data))
	}
	if _, ok := c.flags["--stack-name"]; !ok {
		t.Errorf("%s: no --stack-name", c.line)
	}
}

// TestNotesNameAccounts holds the notes to the accounts each step takes
// place in: each VPC names the accounts of its services' pipelines, and
// warns when they are several; each pipeline's stack is listed with its
// account.
func TestNotesNameAccounts(t *testing.T) {
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p := loadCase(t, dir)
			notes := notesOf(t, p)
			accounts := map[string][]string{}
			for _, s := range p.Services {
				id := s.AccountID
				if id == "" {
					id = "the pipelines' account (no `account_id`)"
				}
				if s.AccountID != "" && !slices.Contains(accounts[s.Network.VPCID], id) {
					accounts[s.Network.VPCID] = append(accounts[s.Network.VPCID], id)
				}
				row := "| " + s.Name + " | " + id + " | `" + s.Name + "/pipeline.json` | `pipeline-" + s.Name + "-" + s.EnvironmentSuffix + "` |"
				if !strings.Contains(notes, row) {
					t.Errorf("the notes lack the pipeline row %q", row)
				}
			}
			for _, s := range p.Services {
				if _, ok := accounts[s.Network.VPCID]; !ok {
					accounts[s.Network.VPCID] = []string{"the pipelines' account (no `account_id`)"}
				}
			}
			for vpc, ids := range accounts {
				slices.Sort(ids)
				_, section, _ := strings.Cut(notes, "### "+vpc+"\n\n")
				section, _, _ = strings.Cut(section, "\n### ")
				want := "- Account: " + ids[0] + "\n"
				if len(ids) > 1 {
					want = "- Accounts: " + strings.Join(ids, ", ") + "\n"
				}
				if !strings.HasPrefix(section, want) {
					t.Errorf("%s: the section starts %.60q, want %q", vpc, section, want)
				}
				warned := strings.Contains(section, "accounts, but the endpoints template")
				if warned != (len(ids) > 1) {
					t.Errorf("%s: warns of several accounts: %t, want %t", vpc, warned, len(ids) > 1)
				}
			}
		})
	}
}

// TestNotesListPrerequisites holds the notes to naming what each
// service's templates deploy into and no template creates: its
// repositories and access-logs bucket, and each stage's account, ECS
// cluster and service, target groups, listeners and alarms.
func TestNotesListPrerequisites(t *testing.T) {
	code := func(names []string) string {
		var quoted []string
		for _, n := range names {
			quoted = append(quoted, "`"+n+"`")
		}
		return strings.Join(quoted, ", ")
	}
	for _, dir := range caseDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p := loadCase(t, dir)
			notes := notesOf(t, p)
			_, section, _ := strings.Cut(notes, "## What must exist first\n")
			section, _, _ = strings.Cut(section, "\n## ")
			for _, s := range p.Services {
				_, svc, _ := strings.Cut(section, "### "+s.Name+"\n")
				svc, _, _ = strings.Cut(svc, "\n### ")
				for _, want := range []string{
					"CodeCommit repository `" + s.Repository + "`, with the branch `" + s.Branch + "`",
					"ECR repository `" + s.ECRRepository + "`",
					"access-logs bucket `" + s.Artifacts.AccessLogsBucket + "`",
				} {
					if !strings.Contains(svc, want) {
						t.Errorf("%s: the notes lack %q", s.Name, want)
					}
				}
				for _, st := range s.Stages {
					account := st.AccountID
					if account == "" {
						account = s.AccountID
					}
					if account == "" {
						account = "the pipelines' account (no `account_id`)"
					}
					test, alarms := "none", "none"
					if st.TestListenerARN != "" {
						test = "`" + st.TestListenerARN + "`"
					}
					if len(st.RollbackAlarms) > 0 {
						alarms = code(st.RollbackAlarms)
					}
					row := strings.Join([]string{"", st.Name, account, "`" + st.Cluster + "`", "`" + st.ECSService + "`",
						code(st.TargetGroups), "`" + st.ListenerARN + "`", test, alarms, ""}, " | ")
					if !strings.Contains(svc, strings.TrimSpace(row)+"\n") {
						t.Errorf("%s: the notes lack the stage row %q", s.Name, strings.TrimSpace(row))
					}
				}
			}
		})
	}
}

// TestNotesServiceWithoutAccount: a service that declares no account_id,
// beside services of one account in its VPC, runs where it is deployed,
// which may be that account: the VPC has that one account, and no
// warning of several.
func TestNotesServiceWithoutAccount(t *testing.T) {
	p := loadCase(t, filepath.Join("testdata", "overrides"))
	for _, s := range p.Services {
		s.AccountID = "111111111111"
	}
	p.Services[0].AccountID = ""
	notes := notesOf(t, p)
	if !strings.Contains(notes, "- Account: 111111111111\n") || strings.Contains(notes, "accounts, but the endpoints template") {
		t.Errorf("the notes of a VPC of account 111111111111 and a service without account_id:\n%s", notes)
	}
}

// notesOf renders shared/NOTES.md of p.
func notesOf(t *testing.T, p *model.Project) string {
	t.Helper()
	shared, err := emit.RenderShared(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range shared {
		if f.Path == emit.SharedNotes {
			return string(f.Data)
		}
	}
	t.Fatal("no shared/NOTES.md")
	return ""
}
