package model

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Problem is one way the configuration breaks the platform's rules or
// AWS's.
type Problem struct {
	Range   Range  // the value, label or block to blame
	Subject string // the attribute or block, as written in services.hcl
	Summary string // short, capitalized, no final period
	Detail  string // full sentences
}

// Problems is every problem found, in the order found.
type Problems []Problem

// Policy values the platform enforces.
const (
	Region            = "us-east-1"
	ComputeType       = "BUILD_GENERAL1_SMALL"
	LogRetentionDays  = 30
	ReservedName      = "shared" // out/shared holds the notes
	MaxRollbackAlarms = 10       // CodeDeploy's limit per deployment group
	MaxSubnets        = 16       // CodeBuild's limit per project
	MaxEmails         = 100
	MaxStages         = 47 // deployment stages: CodePipeline's 50 stages, less Source, Build and Test

	// A validation URL travels in the pipeline action's UserParameters,
	// which hold at most 1000 characters.
	MaxValidationURL = 800
	// MaxValidationTimeout leaves the function time to report the result
	// within Lambda's 15 minutes.
	MaxValidationTimeout = 300
)

// Identifier shapes, as AWS documents them. The patterns used as
// CloudFormation AllowedPattern values are exported so templates and
// validation agree.
const (
	CodeCommitRepositoryPattern = `^[\w.-]+$`
	CodeCommitRepositoryMax     = 100
	ECRRepositoryPattern        = `^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$`
	ECRRepositoryMax            = 256
	ECSNamePattern              = `^[a-zA-Z0-9_-]+$` // clusters and services
	ECSNameMax                  = 255
)

// Patterns of values. Most are matched by hand (see pattern); the
// expressions define them.
var (
	serviceNameRE   = newPattern(`^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$`, isServiceName).allowing(isLowerAlnumOrHyphen).hinting(hyphenFlaw(true))
	stageNameRE     = newPattern(`^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$`, isStageName).allowing(isLowerAlnumOrHyphen)
	suffixRE        = newPattern(SuffixPattern, isSuffix).allowing(isLowerAlnumOrHyphen).hinting(suffixFlaw)
	accountIDRE     = newPattern(`^[0-9]{12}$`, isAccountID).allowing(isDigit)
	vpcIDRE         = newPattern(`^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$`, hexID("vpc-")).allowing(isLowerAlnumOrHyphen).hinting(upperHex("vpc-"))
	subnetIDRE      = newPattern(`^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$`, hexID("subnet-")).allowing(isLowerAlnumOrHyphen).hinting(upperHex("subnet-"))
	prefixListRE    = newPattern(`^pl-(?:[0-9a-f]{8}|[0-9a-f]{17})$`, hexID("pl-")).allowing(isLowerAlnumOrHyphen).hinting(upperHex("pl-"))
	listenerARNRE   = newPattern(`^arn:aws:elasticloadbalancing:([a-z0-9-]+):([0-9]{12}):listener/(?:app|net)/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?/[0-9a-f]{16}/[0-9a-f]{16}$`, isListenerARN)
	codeCommitRE    = newPattern(CodeCommitRepositoryPattern, isCodeCommitName).allowing(isCodeCommitChar)
	ecrRE           = newPattern(ECRRepositoryPattern, isECRName).allowing(isECRChar)
	ecsNameRE       = newPattern(ECSNamePattern, isECSName).allowing(isNameChar)
	targetGroupRE   = newPattern(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$`, isTargetGroupName).allowing(isTargetGroupChar)
	bucketNameRE    = newPattern(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`, isBucketName).allowing(isBucketChar)
	ipLikeRE        = newPattern(`^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$`, isIPLike)
	pathRE          = newPattern(`^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$`, isPath).allowing(isPathChar)
	branchRE        = newPattern(`^[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$`, isPath)
	curatedImageRE  = newPattern(`^aws/codebuild/[a-z0-9._-]+:[A-Za-z0-9._-]+$`, isCuratedImage)
	containerNameRE = newPattern(`^[A-Za-z0-9_-]{1,255}$`, isContainerName).allowing(isNameChar)

	ecrImageRE = regexp.MustCompile(`^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[0-9a-f]{64})$`)
)

// ECRImage splits an ECR image URI into account, region and repository; ok
// is false for any other image (CodeBuild's curated images, say).
func ECRImage(image string) (account, region, repository string, ok bool) {
	m := ecrImageRE.FindStringSubmatch(image)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[3], true
}

// Validate checks every service against AWS's rules and the platform's
// policy, and the services' AWS names and ECS services against each
// other, and returns every problem found.
func (p *Project) Validate() Problems {
	// Services are checked independently, on every core.
	per := make([]Problems, len(p.Services))
	forEach(len(per), func(i int) {
		s := p.Services[i]
		per[i] = s.Validate(s.Source)
	})
	return slices.Concat(append(slices.Concat(per, p.NetworkConflicts(nil), p.ForeignLogBuckets(nil)), p.NameCollisions(), p.SharedECSServices(nil), p.TooManyTemplates())...)
}

// forEach calls f(0) to f(n-1) on every core, and returns once all have
// returned.
func forEach(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// Validate checks one service against AWS's rules and the platform's
// policy and returns every problem found. source tells where the setting
// at a path was written, as Service.Source does; it is asked only about
// settings with a problem, so a caller may work it out on demand.
func (s *Service) Validate(source func(path string) Source) Problems {
	v := validator{s: s, source: source}
	v.service(s)
	return v.probs
}

// ValidateDisabled checks the optional blocks s declares but switches
// off, d, by the rules they meet when on, and returns every problem found,
// with the paths and messages Validate gives. source is as for Validate.
// Left out are the rules only a block that is on can break: a switched-off
// notifications block may list no address, and a switched-off validation's
// URL need not lie in the VPC's range, which concerns only a function that
// is not deployed.
func (s *Service) ValidateDisabled(d *Disabled, source func(path string) Source) Problems {
	v := validator{s: s, source: source, off: true}
	v.disabled(d)
	return v.probs
}

// ValidateDefaults checks the values defaults give every service, also
// those that every service overrides. s is the service that defaults alone
// make, with no name and no value of its own; d holds the optional blocks
// they declare but switch off, or is nil; source is as for Validate, for
// the blocks on and off.
//
// It returns the problems of values written in defaults only, as source
// tells, with the paths and messages Validate gives, and only those a
// value has whatever a service sets: a service may give the values
// defaults leave out, override the others and switch off any optional
// block. Left out are therefore the service's name and the names derived
// from it, the rules only a block that is on can break (see
// ValidateDisabled), and the rules between a value and another that a
// service may set apart from it: a listener's account against the stage's
// and the pipeline's, a stage's account against the pipeline's, a test
// listener against the listener, a task definition's path against the
// AppSpec's, the number of subnets against a stage's validation block, and
// a stage named "test" against the test block.
func (s *Service) ValidateDefaults(d *Disabled, source func(path string) Source) Problems {
	v := validator{s: s, source: source, off: true, alone: true}
	v.service(s)
	if d != nil {
		v.disabled(d)
	}
	return v.probs
}

// disabled checks the optional blocks switched off, d.
func (v *validator) disabled(d *Disabled) {
	if d.Test != nil {
		v.test(d.Test)
	}
	if d.Notifications != nil {
		v.notifications(d.Notifications)
	}
	for _, sv := range d.Validations {
		v.inStage, v.inValidation = &Stage{Name: sv.Stage}, true
		v.validation(&sv.Validation)
	}
	v.inStage, v.inValidation = nil, false
}

type validator struct {
	s      *Service
	source func(path string) Source
	probs  Problems

	// off tells that the blocks being checked are switched off: the
	// rules only a block that is on can break are skipped.
	off bool

	// alone tells that s is what defaults alone make (see
	// ValidateDefaults): only values written in defaults are reported,
	// and only by the rules that need no value a service may give.
	alone bool

	// inStage is the stage being checked, if any, and inValidation tells
	// that its validation block is: the paths given to the checks are
	// then relative to that block. The full path is made only for a
	// problem, so that valid values cost no allocation.
	inStage      *Stage
	inValidation bool
}

// path is the full path of the setting attr of the block being checked.
func (v *validator) path(attr string) string {
	switch {
	case v.inStage == nil:
		return attr
	case v.inValidation:
		return "stage." + v.inStage.Name + ".validation." + attr
	}
	return "stage." + v.inStage.Name + "." + attr
}

// attrName is the last element of a setting's path: the attribute as
// written in services.hcl.
func attrName(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

// known reports whether the value of the setting attr of the block being
// checked is known: not refused (see Service.Refused). A check that needs
// a value that is not known is left out.
func (v *validator) known(attr string) bool {
	return len(v.s.Refused) == 0 || v.s.known(v.path(attr))
}

// invalid reports a bad value of the setting at attr. A value derived
// from an invalid service or stage name is not reported: the name is. Nor
// is a value refused already, which holds no value to check.
func (v *validator) invalid(attr, format string, args ...any) {
	path := v.path(attr)
	if !v.s.known(path) {
		return
	}
	src := v.source(path)
	if src.Layer == LayerDerived && v.fromInvalidName(path) || v.alone && src.Layer != LayerDefaults {
		return
	}
	v.probs = append(v.probs, Problem{
		Range:   src.Range,
		Subject: path,
		Summary: fmt.Sprintf("Invalid value for %q", attrName(path)),
		Detail:  fmt.Sprintf(format, clip(args)...),
	})
}

// fromInvalidName reports whether the derived value of the setting at
// path is made of a name that is invalid: the service's, or for a stage's
// paths and target groups, the stage's.
func (v *validator) fromInvalidName(path string) bool {
	if !serviceNameRE.MatchString(v.s.Name) {
		return true
	}
	return v.inStage != nil && !v.inValidation && attrName(path) != "ecs_service" && !validStageName(v.inStage.Name)
}

// invalidItem reports a bad element, the i-th, of the list setting at
// attr: at the element when the list is written as a list literal, else
// at the list.
func (v *validator) invalidItem(attr string, i int, format string, args ...any) {
	n := len(v.probs)
	v.invalid(attr, format, args...)
	if len(v.probs) > n {
		if items := v.source(v.path(attr)).Items; i < len(items) {
			v.probs[n].Range = items[i]
		}
	}
}

// maxShown is the longest value a message quotes in full.
const maxShown = 256

// clip shortens long string arguments of a message, so that a megabyte
// of input does not become a megabyte of message; lengths are reported
// separately.
func clip(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clipped(s)
		}
	}
	return args
}

func clipped(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown - 3
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// policy reports a value that is valid for AWS but not allowed by the
// platform's policy.
func (v *validator) policy(attr, format string, args ...any) {
	path := v.path(attr)
	if !v.s.known(path) {
		return
	}
	src := v.source(path)
	if v.alone && src.Layer != LayerDefaults {
		return
	}
	v.probs = append(v.probs, Problem{
		Range:   src.Range,
		Subject: path,
		Summary: fmt.Sprintf("Policy violation in %q", attrName(path)),
		Detail:  fmt.Sprintf(format, clip(args)...),
	})
}

// match checks a string setting against a pattern and a length range.
func (v *validator) match(path, value string, re pattern, minLen, maxLen int, what string) bool {
	// A value derived from a name is reported at the name, which the user
	// did not write as this value: say where it came from. Asked only of
	// a value that fails, as the answer may cost a lowering of the service.
	derived := func() string {
		if v.source(v.path(path)).Layer == LayerDerived {
			return fmt.Sprintf(" The value comes from the name; set %s, or choose another name.", attrName(v.path(path)))
		}
		return ""
	}
	// AWS counts these limits in characters; a value with a character
	// beyond ASCII breaks the pattern whatever its length.
	switch n := utf8.RuneCountInString(value); {
	case (n < minLen || n > maxLen) && !re.MatchString(value) && re.MatchString(strings.TrimSpace(value)):
		// The length is off by blanks, which are hard to see: say so,
		// rather than count them.
		flaw, pronoun := blankFlaw(value)
		v.invalid(path, "%q is not a valid %s%s. Write the value without %s: %q.%s", value, what, flaw, pronoun, strings.TrimSpace(value), derived())
		return false
	case n < minLen || n > maxLen:
		long := fmt.Sprintf("%d characters", n)
		if n == 1 {
			long = "1 character"
		}
		if minLen == maxLen {
			v.invalid(path, "%q is %s long; %s %s must be exactly %d characters.%s", value, long, article(what), what, minLen, derived())
		} else {
			v.invalid(path, "%q is %s long; %s %s must be %d to %d characters.%s", value, long, article(what), what, minLen, maxLen, derived())
		}
		return false
	case !re.MatchString(value):
		v.invalid(path, "%q is not a valid %s%s.%s", value, what, re.held(value), derived())
		return false
	}
	return true
}

// blankFlaw says where value has white space at either end, as a clause
// to follow a message's main one (": it starts with a space"), and the
// pronoun of the blanks, "it" or "them".
func blankFlaw(value string) (flaw, pronoun string) {
	trimmed := strings.TrimLeftFunc(value, unicode.IsSpace)
	lead := value[:len(value)-len(trimmed)]
	trail := trimmed[len(strings.TrimRightFunc(trimmed, unicode.IsSpace)):]
	pronoun = "it"
	if utf8.RuneCountInString(lead)+utf8.RuneCountInString(trail) > 1 {
		pronoun = "them"
	}
	switch {
	case lead != "" && trail != "":
		return fmt.Sprintf(": it starts with %s and ends with %s", blanks(lead), blanks(trail)), pronoun
	case lead != "":
		return ": it starts with " + blanks(lead), pronoun
	case trail != "":
		return ": it ends with " + blanks(trail), pronoun
	}
	return "", pronoun
}

// blanks names a run of white space for blankFlaw: "a space", "2 tabs",
// "a no-break space (U+00A0)", "3 blanks".
func blanks(s string) string {
	first, _ := utf8.DecodeRuneInString(s)
	n := utf8.RuneCountInString(s)
	switch {
	case n == 1 && first == '\u00a0':
		return "a no-break space (U+00A0)"
	case n == 1:
		return charName(first)
	case s == strings.Repeat(" ", n):
		return fmt.Sprintf("%d spaces", n)
	case s == strings.Repeat("\t", n):
		return fmt.Sprintf("%d tabs", n)
	}
	return fmt.Sprintf("%d blanks", n)
}

// article is the indefinite article of a noun phrase that starts with
// what's first word: "an" before a vowel (all the phrases here that start
// with a vowel sound start with a vowel letter, and none with a letter
// read with one, such as "S"), "a" otherwise.
func article(what string) string {
	if what != "" && strings.IndexByte("AEIOaeio", what[0]) >= 0 {
		return "an"
	}
	return "a"
}

func (v *validator) intRange(path string, value, lo, hi int, what string) {
	if value < lo || value > hi {
		v.invalid(path, "%d is out of range; %s must be between %d and %d.", value, what, lo, hi)
	}
}

func (v *validator) service(s *Service) {
	v.s = s
	if !v.alone {
		v.serviceName()
	}
	v.match("environment_suffix", s.EnvironmentSuffix, suffixRE, 1, SuffixMaxLength,
		"environment suffix (lowercase letters and digits in groups joined by single hyphens)")
	if s.Region != Region {
		v.policy("region", "Region %q is not supported; every pipeline runs in %q.", s.Region, Region)
	}
	if s.AccountID != "" {
		v.match("account_id", s.AccountID, accountIDRE, 12, 12, "AWS account id (12 digits)")
	}
	v.branch()
	v.match("repository", s.Repository, codeCommitRE, 1, CodeCommitRepositoryMax,
		"CodeCommit repository name (letters, digits, '.', '_' and '-')")
	v.repositoryGitSuffix(s.Repository)
	if repo := ecrURIRepository(s.ECRRepository); repo != "" {
		v.invalid("ecr_repository", "%q is an image URI, not an ECR repository name. Give the repository's name alone, %q: the build pushes the image to the repository of that name in the pipeline's account.", s.ECRRepository, repo)
	} else {
		v.match("ecr_repository", s.ECRRepository, ecrRE, 2, ECRRepositoryMax,
			"ECR repository name (lowercase letters, digits, '.', '_', '-' and '/' between them)")
	}
	v.match("container_name", s.ContainerName, containerNameRE, 1, 255,
		"container name (letters, digits, '_' and '-')")
	v.intRange("container_port", s.ContainerPort, 1, 65535, "a port")
	v.taskRoles(s.TaskRoles)
	v.network()
	v.build()
	v.artifacts()
	if s.Logs.RetentionDays != LogRetentionDays {
		v.policy("logs.retention_days", "Log retention is %d days; the platform keeps logs exactly %d days.", s.Logs.RetentionDays, LogRetentionDays)
	}
	if s.Notifications != nil {
		v.notifications(s.Notifications)
	}
	v.stages()
	if !v.alone && s.nameSetKnown() {
		v.physicalNames()
	}
}

// repositoryGitSuffix reports a CodeCommit repository name ending in
// ".git", which CodeCommit refuses, and names the repository to give
// instead: the name without every such ending, when that is a name
// CodeCommit accepts. A name that is not, such as "orders service" for
// "orders service.git", is not offered, as its own problem is reported
// already.
func (v *validator) repositoryGitSuffix(repo string) {
	base := repo
	for strings.HasSuffix(strings.ToLower(base), ".git") {
		base = base[:len(base)-len(".git")]
	}
	switch {
	case base == repo:
	case codeCommitRE.MatchString(base) && len(base) <= CodeCommitRepositoryMax:
		v.invalid("repository", "CodeCommit repository names cannot end in \".git\"; use %q.", base)
	default:
		v.invalid("repository", "CodeCommit repository names cannot end in \".git\"; give the repository's name without it.")
	}
}

// reservedBucketEnds are the ends of names S3 keeps for access point
// aliases, Object Lambda access points, directory buckets and table
// buckets: CreateBucket refuses a general purpose bucket whose name ends
// with one. The artifact bucket's name ends with "-" and the suffix,
// whose pattern rules them out (see SuffixPattern).
var reservedBucketEnds = []string{"-s3alias", "--ol-s3", "--x-s3", "--table-s3"}

// reservedBucketStarts are the starts of names S3 refuses for a general
// purpose bucket. It refuses the ends above too, and ".mrap", which ends
// the names of Multi-Region Access Points (the artifact bucket's name,
// which starts with "s3-" and ends with a suffix of letters, digits and
// hyphens, has neither).
var reservedBucketStarts = []string{"xn--", "sthree-", "amzn-s3-demo-"}

// reservedBucketName returns the start (start is true) or the end of name
// that S3 refuses in the name of a general purpose bucket, or "".
func reservedBucketName(name string) (part string, start bool) {
	for _, p := range reservedBucketStarts {
		if strings.HasPrefix(name, p) {
			return p, true
		}
	}
	for _, end := range reservedBucketEnds {
		if strings.HasSuffix(name, end) {
			return end, false
		}
	}
	if strings.HasSuffix(name, ".mrap") {
		return ".mrap", false
	}
	return "", false
}

// windowsDevice reports whether name, a valid service name, is one of the
// names Windows keeps for devices in every folder: CON, PRN, AUX, NUL,
// COM1 to COM9 and LPT1 to LPT9, in any case.
func windowsDevice(name string) bool {
	switch name {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(name) == 4 && (strings.HasPrefix(name, "com") || strings.HasPrefix(name, "lpt")) && name[3] >= '1' && name[3] <= '9'
}

func (v *validator) serviceName() {
	s := v.s
	var detail string
	switch {
	case !serviceNameRE.MatchString(s.Name):
		detail = fmt.Sprintf("%q is not a valid service name%s. Use lowercase letters and digits, starting with a letter, in words joined by single hyphens, such as \"orders-api\". The name is also the folder of the service's templates in out/, and part of its AWS names.", clipped(s.Name), serviceNameRE.held(s.Name))
	case s.Name == ReservedName:
		detail = fmt.Sprintf("%q is reserved: out/%s holds the platform's shared notes. Choose another name.", s.Name, ReservedName)
	case windowsDevice(s.Name):
		detail = fmt.Sprintf("%q names a device on Windows, where out/%s could not be checked out or written. Choose another name.", s.Name, s.Name)
	default:
		return
	}
	v.probs = append(v.probs, Problem{Range: s.NameRange, Subject: "service", Summary: "Invalid service name", Detail: detail})
}

func (v *validator) branch() {
	if format, args := branchFlaw(v.s.Branch); format != "" {
		v.invalid("branch", format, args...)
	}
}

func (v *validator) network() {
	n := v.s.Network
	v.match("network.vpc_id", n.VPCID, vpcIDRE, 12, 21, "VPC id (\"vpc-\" and 8 or 17 hex digits)")
	if len(n.SubnetIDs) == 0 || len(n.SubnetIDs) > MaxSubnets {
		v.invalid("network.subnet_ids", "%d subnets are given; CodeBuild needs 1 to %d private subnets of the VPC.", len(n.SubnetIDs), MaxSubnets)
	}
	seen := map[string]bool{}
	for i, id := range n.SubnetIDs[:min(len(n.SubnetIDs), MaxSubnets)] {
		if !subnetIDRE.MatchString(id) {
			v.invalidItem("network.subnet_ids", i, "%q is not a valid subnet id (\"subnet-\" and 8 or 17 hex digits)%s.", id, subnetIDRE.held(id))
		} else if seen[id] {
			v.invalidItem("network.subnet_ids", i, "Subnet %q is listed twice; list each subnet once.", id)
		}
		seen[id] = true
	}
	// A service may list other subnets, or switch the validation off.
	if i := slices.IndexFunc(v.s.Stages, func(st Stage) bool { return st.Validation != nil }); i >= 0 && len(n.SubnetIDs) == 1 && !v.alone {
		v.invalid("network.subnet_ids", "1 subnet is given, and the validation function of stage %q runs in the subnets: a function in a VPC needs subnets in at least two Availability Zones to keep running when one fails (Security Hub Lambda.5). List a private subnet of each of two or more Availability Zones.", v.s.Stages[i].Name)
	}
	if p, err := netip.ParsePrefix(n.CIDRBlock); err != nil || !p.Addr().Is4() {
		v.invalid("network.cidr_block", "%q is not an IPv4 CIDR block such as \"10.20.0.0/16\".", n.CIDRBlock)
	} else if p.Masked() != p {
		v.invalid("network.cidr_block", "%q has host bits set; the VPC's range is %q.", n.CIDRBlock, p.Masked().String())
	} else if p.Bits() < MinVPCPrefix || p.Bits() > MaxVPCPrefix {
		v.invalid("network.cidr_block", "%q has a /%d prefix; a VPC's range is /%d to /%d.", n.CIDRBlock, p.Bits(), MinVPCPrefix, MaxVPCPrefix)
	}
	v.match("network.s3_prefix_list_id", n.S3PrefixListID, prefixListRE, 11, 20, "prefix list id (\"pl-\" and hex digits)")
}

// MaxBuildTimeout is the longest CodeBuild timeout, in minutes, that
// CloudFormation accepts: the CodeBuild API allows 2160, but the
// AWS::CodeBuild::Project resource schema caps TimeoutInMinutes at 480, and
// a template over it fails its checks.
const MaxBuildTimeout = 480

func (v *validator) build() {
	b := v.s.Build
	if b.ComputeType != ComputeType {
		v.policy("build.compute_type", "Compute type %q is not allowed; builds use %q.", b.ComputeType, ComputeType)
	}
	v.image("build.image", b.Image)
	v.relPath("build.buildspec", b.Buildspec, "buildspec path", "repository", func() string { return "ci/buildspec.yml" })
	v.intRange("build.timeout_minutes", b.TimeoutMinutes, 5, MaxBuildTimeout, "a CodeBuild timeout in minutes")
	v.baseImageRepositories(b.BaseImageRepositories)
	if t := v.s.Test; t != nil {
		v.test(t)
	}
}

func (v *validator) test(t *Test) {
	v.relPath("test.buildspec", t.Buildspec, "buildspec path", "repository", func() string { return "ci/buildspec-test.yml" })
	v.intRange("test.timeout_minutes", t.TimeoutMinutes, 5, MaxBuildTimeout, "a CodeBuild timeout in minutes")
}

// MaxTaskRoles bounds the roles task definitions may name (a task role
// and an execution role, and room to spare), and MaxTaskRole the length
// of each, path included (IAM allows a 512-character path): with them, a
// CodeDeploy role listing the roles and every other value at its longest
// stays within IAM's 10,240 characters.
const (
	MaxTaskRoles = 5
	MaxTaskRole  = 128
)

// taskRoleRE is an IAM role's name, 1 to 64 characters, after its path.
var taskRoleRE = regexp.MustCompile(`^(?:[\w+=,.@-]+/)*[\w+=,.@-]{1,64}$`)

func (v *validator) taskRoles(roles []string) {
	const path = "task_roles"
	if len(roles) > MaxTaskRoles {
		v.invalid(path, "%d roles are given; list at most %d.", len(roles), MaxTaskRoles)
		return
	}
	seen := map[string]bool{}
	named := map[string]string{} // a name, in lowercase, to the role that first has it
	for i, r := range roles {
		name := strings.ToLower(r[strings.LastIndexByte(r, '/')+1:])
		switch {
		case utf8.RuneCountInString(r) > MaxTaskRole:
			v.invalidItem(path, i, "%q is %d characters long; a role is named here in at most %d, path included.", r, utf8.RuneCountInString(r), MaxTaskRole)
		case utf8.RuneCountInString(r[strings.LastIndexByte(r, '/')+1:]) > 64:
			v.invalidItem(path, i, "The name of role %q is %d characters long, after its path; IAM allows 64.", r, utf8.RuneCountInString(r[strings.LastIndexByte(r, '/')+1:]))
		case !taskRoleRE.MatchString(r):
			v.invalidItem(path, i, "%q is not an IAM role name: up to 64 letters, digits and '+=,.@_-', after an optional path such as \"ecs/\", %d characters in all, as in \"orders-task\" or \"ecs/orders-execution\". Give the name, not the ARN: the role is looked up in each stage's account.", r, MaxTaskRole)
		case seen[strings.ToLower(r)]:
			// IAM tells role names apart regardless of case.
			v.invalidItem(path, i, "Role %q is listed twice (IAM role names ignore case); list each role once.", r)
		case named[name] != "":
			// IAM names a role once in an account, whatever its path, so
			// one of the two names a role that does not exist.
			v.invalidItem(path, i, "Role %q has the name of %q, listed before: an account has one role of a name, whatever its path, so one of the two does not exist. List the role once, with its path.", r, named[name])
		}
		seen[strings.ToLower(r)] = true
		if named[name] == "" && taskRoleRE.MatchString(r) {
			named[name] = r
		}
	}
}

// MaxBaseImageRepositories bounds the repositories a build may pull base
// images from.
const MaxBaseImageRepositories = 20

func (v *validator) baseImageRepositories(repos []string) {
	const path = "build.base_image_repositories"
	if len(repos) > MaxBaseImageRepositories {
		v.invalid(path, "%d repositories are given; list at most %d.", len(repos), MaxBaseImageRepositories)
		return
	}
	seen := map[string]bool{}
	for i, r := range repos {
		switch {
		case ecrURIRepository(r) != "":
			v.invalidItem(path, i, "%q is an image URI, not an ECR repository name. Give the repository's name alone, %q: the build pulls from the repositories of the pipeline's account.", r, ecrURIRepository(r))
		case !isECRRepository(r):
			v.invalidItem(path, i, "%q is not an ECR repository name (2 to 256 lowercase letters, digits, and '.', '_', '-' or '/' between them)%s. Give one such as \"base-images/python\".", r, ecrRE.held(r))
		case seen[r]:
			v.invalidItem(path, i, "Repository %q is listed twice; list each repository once.", r)
		}
		seen[r] = true
	}
}

// linuxImages are the repositories of CodeBuild's curated images for the
// environment the projects run in, LINUX_CONTAINER: Linux on x86-64.
// CodeBuild's other curated images need another environment type.
var linuxImages = []string{"standard", "amazonlinux2-x86_64-standard", "amazonlinux-x86_64-standard"}

// ecrHostRE is the registry of an ECR image URI, and what follows it.
var ecrHostRE = regexp.MustCompile(`^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/(.*)$`)

// isECRRepository reports whether name is an ECR repository name: 2 to
// ECRRepositoryMax characters of ECRRepositoryPattern.
func isECRRepository(name string) bool {
	return len(name) >= 2 && len(name) <= ECRRepositoryMax && ecrRE.MatchString(name)
}

// ecrURIRepository returns the repository of name when name is an ECR
// image URI, its registry, a repository and maybe a tag or a digest, such
// as "111111111111.dkr.ecr.us-east-1.amazonaws.com/base/python:3", which
// the pattern of a repository name accepts without its tag: "base/python".
// It is "" for any other name.
func ecrURIRepository(name string) string {
	m := ecrHostRE.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	repo, _, _ := strings.Cut(m[1], "@")
	if i := strings.LastIndexByte(repo, ':'); i > strings.LastIndexByte(repo, '/') {
		repo = repo[:i]
	}
	if !isECRRepository(repo) {
		return ""
	}
	return repo
}

func (v *validator) image(path, image string) {
	if curatedImageRE.MatchString(image) {
		if format, args := curatedImageFlaw(image); format != "" {
			v.invalid(path, format, args...)
		}
		return
	}
	if _, region, _, ok := ECRImage(image); ok {
		if region != Region {
			v.invalid(path, "Image %q is in %s; builds have no internet access and can pull only from ECR in %s.", image, region, Region)
		}
		return
	}
	if m := ecrHostRE.FindStringSubmatch(image); m != nil {
		// The flaws are a sentence of the tool's, with values clipped
		// already: in the format, not an argument, which would be clipped.
		v.invalid(path, "%q is not an ECR image URI: "+strings.ReplaceAll(ecrImageFlaw(m[1]), "%", "%%")+".", image)
		return
	}
	if flaw := curatedImageShapeFlaw(image); flaw != "" {
		v.invalid(path, "%q is not a CodeBuild image: "+strings.ReplaceAll(flaw, "%", "%%")+". Use one such as \"aws/codebuild/amazonlinux2-x86_64-standard:5.0\" or \"aws/codebuild/standard:7.0\".", image)
		return
	}
	if trimmed := strings.TrimSpace(image); trimmed != image && validImage(trimmed) {
		flaw, pronoun := blankFlaw(image)
		v.invalid(path, "%q is not a valid image%s. Write the value without %s: %q.", image, flaw, pronoun, trimmed)
		return
	}
	// A character no image holds is told besides, not as the reason:
	// without it, the image would still be out of reach.
	also := ""
	if held := heldChar(image, isImageChar); held != "" {
		also = " (and" + strings.TrimPrefix(held, ":") + ")"
	}
	v.invalid(path, "%q is not an image builds can pull without internet access%s. Use a CodeBuild image such as \"aws/codebuild/amazonlinux2-x86_64-standard:5.0\" or an ECR image such as \"111111111111.dkr.ecr.us-east-1.amazonaws.com/build-images:1\".", image, also)
}

// validImage reports whether image is one builds can pull: a CodeBuild
// image, or an image in ECR in the platform's region.
func validImage(image string) bool {
	if curatedImageRE.MatchString(image) {
		format, _ := curatedImageFlaw(image)
		return format == ""
	}
	_, region, _, ok := ECRImage(image)
	return ok && region == Region
}

// curatedImagePrefix starts the name of every CodeBuild image.
const curatedImagePrefix = "aws/codebuild/"

// isImageChar reports whether c may be in an image's name, repository,
// tag and registry together; a space, say, is in none of them.
func isImageChar(c byte) bool { return c > ' ' && c < 0x7f }

// curatedImageShapeFlaw says what keeps image, which starts as the name of
// a CodeBuild image does (aws/codebuild/, in any case), from being one: a
// prefix in other letter case, a character no such name holds, or a tag
// that is missing or empty. It is "" for any other image.
func curatedImageShapeFlaw(image string) string {
	n := len(curatedImagePrefix)
	if len(image) < n || !strings.EqualFold(image[:n], curatedImagePrefix) {
		return ""
	}
	if image[:n] != curatedImagePrefix {
		return fmt.Sprintf("the names of CodeBuild's images start with %q, in lowercase", curatedImagePrefix)
	}
	name, tag, hasTag := strings.Cut(image[n:], ":")
	nameChar := func(c byte) bool { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-' }
	tagChar := func(c byte) bool { return isAlnum(c) || c == '.' || c == '_' || c == '-' }
	switch {
	case name == "":
		return fmt.Sprintf("it names no image after %q", curatedImagePrefix)
	case heldChar(name, nameChar) != "":
		return fmt.Sprintf("the image's name %q holds %s; a name is lowercase letters, digits, '.', '_' and '-'", clipped(name), strings.TrimPrefix(heldChar(name, nameChar), ": it holds "))
	case !hasTag:
		return "it names no tag, by which CodeBuild pulls the image, as in \"aws/codebuild/standard:7.0\""
	case tag == "":
		return "its tag, after ':', is empty; CodeBuild pulls the image by its tag, as in \"aws/codebuild/standard:7.0\""
	case heldChar(tag, tagChar) != "":
		return fmt.Sprintf("the tag %q holds %s; a tag is letters, digits, '.', '_' and '-'", clipped(tag), strings.TrimPrefix(heldChar(tag, tagChar), ": it holds "))
	}
	return ""
}

// curatedImageFlaw says why a CodeBuild image, aws/codebuild/name:tag,
// does not run in the projects' environment, LINUX_CONTAINER with
// BUILD_GENERAL1_SMALL, or returns "".
func curatedImageFlaw(image string) (format string, args []any) {
	name, tag, _ := strings.Cut(strings.TrimPrefix(image, "aws/codebuild/"), ":")
	if slices.Contains(linuxImages, name) {
		return "", nil
	}
	const use = " Builds run in CodeBuild's LINUX_CONTAINER environment, Linux on x86-64, with %s: use one of its images, such as \"aws/codebuild/amazonlinux2-x86_64-standard:5.0\" or \"aws/codebuild/standard:7.0\"."
	var what string
	switch {
	case strings.Contains(name, "lambda"):
		env := "LINUX_LAMBDA_CONTAINER"
		if strings.Contains(name, "aarch64") {
			env = "ARM_LAMBDA_CONTAINER"
		}
		what = "%q is an image for CodeBuild's Lambda compute, the " + env + " environment, which cannot run Docker to build images."
	case strings.Contains(name, "aarch64"):
		what = "%q is an ARM (aarch64) image, for CodeBuild's ARM_CONTAINER environment."
	case strings.Contains(name, "windows"):
		env := "WINDOWS_SERVER_2019_CONTAINER"
		if strings.HasPrefix(tag, "2022") {
			env = "WINDOWS_SERVER_2022_CONTAINER"
		}
		what = "%q is a Windows image, for CodeBuild's " + env + " environment."
	case strings.Contains(name, "macos"):
		what = "%q is a macOS image, for CodeBuild's MAC_ARM environment."
	default:
		what = "%q is not one of CodeBuild's images for Linux on x86-64 (aws/codebuild/standard, amazonlinux2-x86_64-standard or amazonlinux-x86_64-standard, with a tag)."
	}
	return what + use, []any{image, ComputeType}
}

// ecrImageFlaw says what is wrong with the part of an ECR image URI after
// its registry, rest, which is not repository:tag or repository@digest:
// each flaw, of the repository and of the tag or digest.
func ecrImageFlaw(rest string) string {
	repo, digest, isDigest := strings.Cut(rest, "@")
	var flaws []string
	if i := strings.LastIndexByte(repo, ':'); isDigest && i > strings.LastIndexByte(repo, '/') {
		// Its other flaws are the repository's and the digest's.
		flaws = append(flaws, fmt.Sprintf("it gives both a tag, %q, and a digest, where CodeBuild takes one", clipped(repo[i+1:])))
		repo = repo[:i]
	}
	tag, hasTag := "", false
	if !isDigest {
		if i := strings.LastIndexByte(rest, ':'); i > strings.LastIndexByte(rest, '/') {
			repo, tag, hasTag = rest[:i], rest[i+1:], true
		}
	}
	if !isECRRepository(repo) {
		flaws = append(flaws, fmt.Sprintf("%q is not an ECR repository name (2 to 256 lowercase letters, digits, and '.', '_', '-' or '/' between them)%s", clipped(repo), ecrRE.held(repo)))
	}
	n := utf8.RuneCountInString(tag)
	switch {
	case isDigest && !validDigest(digest):
		flaws = append(flaws, fmt.Sprintf("%q is not an image digest, which is \"sha256:\" and 64 lowercase hex digits", clipped(digest)))
	case isDigest:
	case !hasTag:
		example := repo
		if len(flaws) > 0 {
			example = "build-images"
		}
		flaws = append(flaws, fmt.Sprintf("it names no tag or digest of the image, by which CodeBuild pulls it, as in %q or %q", example+":1", example+"@sha256:<64 hex digits>"))
	case n == 0:
		flaws = append(flaws, "its tag is empty")
	case n > 128:
		flaws = append(flaws, fmt.Sprintf("its tag is %d characters long; a tag is at most 128", n))
	case !imageTagRE.MatchString(tag):
		flaws = append(flaws, fmt.Sprintf("%q is not an image tag, which is 1 to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'", tag))
	}
	return strings.Join(flaws, "; and ")
}

// imageTagRE is a Docker image tag.
var imageTagRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)

// validDigest reports whether d is an image digest: "sha256:" and 64
// lowercase hex digits.
func validDigest(d string) bool {
	hex, ok := strings.CutPrefix(d, "sha256:")
	return ok && len(hex) == 64 && all(hex, isHex)
}

// relPath checks a relative path inside where (the repository or the
// build output), such as example.
// It reports whether the path is valid.
func (v *validator) relPath(path, value, what, where string, example func() string) bool {
	if n := utf8.RuneCountInString(value); n > 255 {
		v.invalid(path, "The %s is %d characters; at most 255 are allowed.", what, n)
		return false
	} else if !pathRE.MatchString(value) || hasSegment(value, "..") || hasSegment(value, ".") {
		v.invalid(path, "%q is not a valid %s%s. Give a path relative to the top of the %s, with '/' between folders and no \".\" or \"..\", such as %q.", value, what, pathRE.held(value), where, example())
		return false
	}
	return true
}

// hasSegment reports whether seg is one of the '/'-separated parts of p.
func hasSegment(p, seg string) bool {
	for {
		part, rest, found := strings.Cut(p, "/")
		if part == seg {
			return true
		}
		if !found {
			return false
		}
		p = rest
	}
}

func (v *validator) artifacts() {
	a := v.s.Artifacts
	v.intRange("artifacts.expire_days", a.ExpireDays, 1, 3650, "a number of days")
	v.intRange("artifacts.noncurrent_expire_days", a.NoncurrentExpireDays, 1, 3650, "a number of days")
	if format, args := bucketNameFlaw(a.AccessLogsBucket); format != "" {
		v.invalid("artifacts.access_logs_bucket", format, args...)
	}
}

// bucketNameFlaw says, as a format and its arguments, what keeps b from
// being the name of a general purpose bucket, the only kind that receives
// server access logs, or returns "" when nothing does.
func bucketNameFlaw(b string) (format string, args []any) {
	if n := utf8.RuneCountInString(b); n < 3 || n > 63 {
		return "%q is %d characters long; an S3 bucket name is 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit.", []any{b, n}
	} else if !bucketNameRE.MatchString(b) {
		return "%q is not a valid S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)%s.", []any{b, bucketNameRE.held(b)}
	} else if strings.Contains(b, "..") {
		return "%q is not a valid S3 bucket name: it holds two periods in a row, which S3 refuses.", []any{b}
	} else if ipLikeRE.MatchString(b) {
		return "%q is not a valid S3 bucket name: it is written like an IP address, which S3 refuses. Give the name of the bucket that receives the logs.", []any{b}
	} else if part, start := reservedBucketName(b); part != "" {
		where := "ends"
		if start {
			where = "starts"
		}
		return "%q %s with %q, which S3 refuses in the name of a general purpose bucket, the only kind that receives server access logs. Give the name of the bucket that receives them.", []any{b, where, part}
	}
	return "", nil
}

func (v *validator) notifications(n *Notifications) {
	// Switched off, the block needs no address: only too many is wrong.
	if len(n.Emails) == 0 && !v.off || len(n.Emails) > MaxEmails {
		v.invalid("notifications.emails", "%d addresses are given; list 1 to %d email addresses, or remove the notifications block.", len(n.Emails), MaxEmails)
	}
	seen := map[string]string{} // an address, in lowercase, to its first spelling
	for i, e := range n.Emails[:min(len(n.Emails), MaxEmails)] {
		first, dup := seen[strings.ToLower(e)]
		switch format, args := emailFlaw(e); {
		case format != "":
			v.invalidItem("notifications.emails", i, format, args...)
		case dup && first == e:
			v.invalidItem("notifications.emails", i, "%q is listed twice; list each address once.", e)
		case dup:
			// Mail servers take an address in any case for the same
			// mailbox, which would get every message twice.
			v.invalidItem("notifications.emails", i, "%q is %q, listed before, in another case; list each address once.", e, first)
		}
		if !dup {
			seen[strings.ToLower(e)] = e
		}
	}
}

func (v *validator) stages() {
	s := v.s
	if len(s.Stages) == 0 {
		if !v.alone { // defaults without stages are reported as such
			v.probs = append(v.probs, Problem{Range: s.DefRange, Subject: "stage", Summary: "Missing stage",
				Detail: "The service has no stage to deploy to. Declare at least one stage block in defaults."})
		}
		return
	}
	for i := range s.Stages {
		v.stage(&s.Stages[i])
	}
	v.stageLabels()
	last := s.Stages[len(s.Stages)-1]
	if !last.RequireApproval {
		v.policy("stage."+last.Name+".require_approval",
			"Stage %q is the last stage and deploys without approval; the last stage must set require_approval = true.", last.Name)
	}
}

// stageLabels reports a stage whose name differs from another's, or from
// a stage the pipeline has itself, only in its hyphens ("prod-eu" and
// "prodeu"). The pipeline stage of a stage is named after it, each word
// capitalized and the hyphens dropped (ProdEu), as the logical IDs of the
// stage's resources are made (ProdEuDeployRole): two such names give
// pipeline stages and IDs told apart by letter case alone, which a reader
// does not tell apart at a glance.
func (v *validator) stageLabels() {
	s := v.s
	own := map[string]string{"source": "Source", "build": "Build"}
	if s.Test != nil && !v.alone {
		own["test"] = "Test"
	}
	first := map[string]string{} // name without hyphens → the first stage's name
	for _, st := range s.Stages {
		if !validStageName(st.Name) || s.reservedStageName(st.Name) {
			continue // reported as such
		}
		key := strings.ReplaceAll(st.Name, "-", "")
		var detail string
		if label, ok := own[key]; ok {
			detail = fmt.Sprintf("Stage %q differs from the pipeline's own stage %s only in its hyphens: its pipeline stage would be named %s, told apart from %s by letter case alone. Name the stage otherwise, such as \"staging\" or \"prod-eu\".", st.Name, label, stageLabel(st.Name), label)
		} else if other, ok := first[key]; ok && other != st.Name {
			detail = fmt.Sprintf("Stage %q differs from stage %q only in its hyphens: their pipeline stages would be named %s and %s, and the logical IDs of their resources would differ in the same way, told apart by letter case alone. Name the stages with different letters.", st.Name, other, stageLabel(st.Name), stageLabel(other))
		} else {
			if !ok {
				first[key] = st.Name
			}
			continue
		}
		v.probs = append(v.probs, Problem{Range: v.source("stage." + st.Name).Range, Subject: "stage", Summary: "Stage names alike", Detail: detail})
	}
}

// stageLabel is the name of the pipeline stage of a stage: each word of
// its name capitalized, the hyphens dropped.
func stageLabel(name string) string {
	var b strings.Builder
	for word := range strings.SplitSeq(name, "-") {
		b.WriteString(strings.ToUpper(word[:1]) + word[1:])
	}
	return b.String()
}

// alarmNameProblem says what is wrong with a CloudWatch alarm name, or
// returns "". The CodeDeploy roles' policies name each alarm in an ARN,
// and IAM refuses a policy holding any character but tab, line feed,
// carriage return and U+0020 to U+00FF; in an ARN, '*' and '?' are
// wildcards, which would let the role read other alarms, and "${" starts
// a policy variable. IAM's escapes for them, ${*}, ${?} and ${$}, are
// four characters each, and a role's policies hold at most 10,240.
func alarmNameProblem(a string) string {
	n := utf8.RuneCountInString(a)
	if n == 0 || n > 255 {
		return fmt.Sprintf("it is %d characters; CloudWatch allows 1 to 255", n)
	}
	for _, r := range a {
		switch {
		case r == '*' || r == '?':
			return fmt.Sprintf("IAM reads %q in an ARN as a wildcard", r)
		case r == '$':
			return "IAM reads '$' in a policy as the start of a variable, such as ${aws:username}"
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r > 0xff:
			return fmt.Sprintf("it holds %q (%U), which IAM refuses in a policy", r, r)
		}
	}
	if strings.TrimSpace(a) != a {
		return "it starts or ends with a space"
	}
	return ""
}

// alarmNames says which alarms the pipeline can watch, for the message of
// one it cannot.
const alarmNames = "Give an alarm whose name is 1 to 255 characters of printable ASCII and Latin-1 (U+0020 to U+007E, U+00A0 to U+00FF), without '*', '?' or '$' and with no space at either end, such as \"orders-prod-5xx\"."

// MaxStageName is the longest stage name.
const MaxStageName = 32

// reservedStageNames are the names of the stages every pipeline has
// before its deployments, Source and Build, as stage labels: a pipeline's
// stage names must be unique. A service with a test block has a Test
// stage too, so its stages may not be called "test".
var reservedStageNames = []string{"source", "build"}

func (s *Service) reservedStageName(name string) bool {
	return slices.Contains(reservedStageNames, name) || name == "test" && s.Test != nil
}

func validStageName(name string) bool {
	return stageNameRE.MatchString(name) && len(name) <= MaxStageName
}

// IsStageName reports whether name is a valid stage name.
func IsStageName(name string) bool { return validStageName(name) }

// stageNameFlaw says why name is no stage name: a character it may not
// hold, or else how its characters are arranged.
func stageNameFlaw(name string) string {
	if held := stageNameRE.held(name); held != "" {
		return held
	}
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		return ": it is empty"
	case n > MaxStageName:
		return fmt.Sprintf(": it is %d characters long", n)
	case strings.HasPrefix(name, "-"):
		return ": it starts with a hyphen"
	case strings.HasSuffix(name, "-"):
		return ": it ends with a hyphen"
	case strings.Contains(name, "--"):
		return ": it holds two hyphens in a row"
	}
	for word := range strings.SplitSeq(name, "-") {
		if word[0] >= '0' && word[0] <= '9' {
			if word == name {
				return ": it starts with a digit"
			}
			return fmt.Sprintf(": its word %q starts with a digit", word)
		}
	}
	return ""
}

func (v *validator) stage(st *Stage) {
	s := v.s
	v.inStage = st
	defer func() { v.inStage = nil }()
	// Alone, "test" is left out: every service may switch off the test
	// block that defaults switch on.
	if s.reservedStageName(st.Name) && !(v.alone && st.Name == "test") {
		builtIn := "every pipeline starts with the stages Source and Build"
		if st.Name == "test" {
			builtIn = "the test block adds the stage Test after Source and Build"
		}
		v.probs = append(v.probs, Problem{Range: v.source("stage." + st.Name).Range, Subject: "stage", Summary: "Reserved stage name",
			Detail: fmt.Sprintf("%q names a stage of the pipeline itself: %s, and a pipeline's stage names must be unique. Name the stage otherwise, such as \"staging\" or \"prod-eu\".", st.Name, builtIn)})
	} else if !validStageName(st.Name) {
		v.probs = append(v.probs, Problem{Range: v.source("stage." + st.Name).Range, Subject: "stage", Summary: "Invalid stage name",
			Detail: fmt.Sprintf("%q is not a valid stage name%s. Use at most %d lowercase letters and digits, in words that start with a letter, joined by single hyphens, such as \"staging\" or \"prod-eu\".", clipped(st.Name), stageNameFlaw(st.Name), MaxStageName)})
	}
	// The account the stage deploys into, or "" when it is not known: a
	// refused or malformed id is reported as such, and the listeners
	// are not compared with another account in its place.
	account := s.AccountID
	if !accountIDRE.MatchString(account) {
		account = "" // unknown: reported on account_id
	}
	switch {
	case !v.known("account_id"):
		account = "" // refused: the stage does not take the pipeline's
	case st.AccountID != "":
		// A malformed id is one problem; the missing pipeline account is
		// reported once the id is right, and a listener is not compared
		// with a wrong id.
		account = ""
		if v.match("account_id", st.AccountID, accountIDRE, 12, 12, "AWS account id (12 digits)") {
			account = st.AccountID
		}
		// Alone, the pipeline's account may be one each service gives;
		// a refused one is declared, if not known.
		if account == st.AccountID && s.AccountID == "" && s.known("account_id") && !v.alone {
			v.invalid("account_id", "Stage %q names account %s, but the pipeline's own account is not declared. Set account_id in defaults so that cross-account stages can be told apart and their roles can trust it.", st.Name, st.AccountID)
		}
	}
	if v.alone {
		// A service may set the stage's account, or the pipeline's, to
		// that of the listener; or its own listeners.
		account = ""
	}
	v.match("cluster", st.Cluster, ecsNameRE, 1, ECSNameMax, "ECS cluster name (letters, digits, '_' and '-')")
	v.match("ecs_service", st.ECSService, ecsNameRE, 1, ECSNameMax, "ECS service name (letters, digits, '_' and '-')")
	v.listener("listener_arn", st.ListenerARN, account)
	if st.TestListenerARN != "" {
		v.listener("test_listener_arn", st.TestListenerARN, account)
		// Alone, a service may override either listener.
		if st.TestListenerARN == st.ListenerARN && !v.alone {
			v.invalid("test_listener_arn", "The test listener is the production listener; give a separate listener for test traffic, or remove test_listener_arn.")
		}
	}
	v.targetGroups("target_groups", st.TargetGroups)
	if len(st.RollbackAlarms) > MaxRollbackAlarms {
		v.invalid("rollback_alarms", "%d alarms are given; CodeDeploy watches at most %d per deployment group.", len(st.RollbackAlarms), MaxRollbackAlarms)
	}
	seen := map[string]bool{}
	for i, a := range st.RollbackAlarms[:min(len(st.RollbackAlarms), MaxRollbackAlarms)] {
		if why := alarmNameProblem(a); why != "" {
			v.invalidItem("rollback_alarms", i, "%q is not an alarm name the pipeline can watch: %s. %s", a, why, alarmNames)
		} else if seen[a] {
			v.invalidItem("rollback_alarms", i, "Alarm %q is listed twice; list each alarm once.", a)
		}
		seen[a] = true
	}
	taskDef := v.relPath("task_definition_path", st.TaskDefinitionPath, "task definition path", "build output", func() string { return DefaultTaskDefinitionPath(exampleStage(st.Name)) })
	appSpec := v.relPath("appspec_path", st.AppSpecPath, "AppSpec path", "build output", func() string { return DefaultAppSpecPath(exampleStage(st.Name)) })
	if taskDef && appSpec {
		v.deployFiles(st)
	}
	if st.Validation != nil {
		v.inValidation = true
		v.validation(st.Validation)
		v.inValidation = false
	}
}

// ImageDetailFile is the file of the build output that the deploy action
// reads the image to deploy from: CodePipeline fixes its name.
const ImageDetailFile = "imageDetail.json"

// deployFiles checks that the stage's task definition, AppSpec and image
// are three files. The CodeDeployToECS action reads each from the build
// output: the task definition it registers (an ECS task definition in
// JSON, with the image's placeholder), the AppSpec it deploys it with (a
// CodeDeploy AppSpec, with the task definition's placeholder) and
// imageDetail.json (the image's URI alone). No file is two of them.
func (v *validator) deployFiles(st *Stage) {
	imageFile := func(attr, what, example string) {
		v.invalid(attr, "%q is the file the deploy action reads the image to deploy from, which holds its URI alone ({\"ImageURI\": \"...\"}); the %s cannot be that file too. Give the %s a file of its own in the build output, such as %q.",
			ImageDetailFile, what, what, example)
	}
	if st.TaskDefinitionPath == ImageDetailFile {
		imageFile("task_definition_path", "task definition", DefaultTaskDefinitionPath(exampleStage(st.Name)))
	}
	if st.AppSpecPath == ImageDetailFile {
		imageFile("appspec_path", "AppSpec", DefaultAppSpecPath(exampleStage(st.Name)))
	}
	// Alone, a service may set either path apart from the other.
	if st.TaskDefinitionPath != st.AppSpecPath || st.TaskDefinitionPath == ImageDetailFile || v.alone {
		return
	}
	// Blamed where the service sets one of them, if it does.
	attr := "appspec_path"
	if v.source(v.path(attr)).Layer != LayerService && v.source(v.path("task_definition_path")).Layer == LayerService {
		attr = "task_definition_path"
	}
	v.invalid(attr, "The task definition and the AppSpec are both read from %q. The deploy action registers the task definition from one file of the build output, an ECS task definition, and deploys it with the AppSpec of another, a CodeDeploy AppSpec: no file can be both. Give each a file of its own, such as %q and %q.",
		st.AppSpecPath, DefaultTaskDefinitionPath(exampleStage(st.Name)), DefaultAppSpecPath(exampleStage(st.Name)))
}

// exampleStage is the stage name a message's example of a file name is
// made of: the stage's own, unless it is invalid, which the example would
// repeat.
func exampleStage(name string) string {
	if validStageName(name) {
		return name
	}
	return "production"
}

// validation checks a stage's health check. The function runs in the
// pipeline's VPC and may connect only to the VPC's range.
func (v *validator) validation(val *Validation) {
	u, err := url.Parse(val.URL)
	var escape url.EscapeError
	// An ASCII character a URL holds only percent-encoded, such as a
	// space: some make the URL fail to parse.
	bad := strings.IndexFunc(val.URL, func(r rune) bool { return r < utf8.RuneSelf && !isURLChar(r) })
	hostStart, hostEnd := hostSpan(val.URL)
	host := val.URL[hostStart:hostEnd]
	pct := strings.IndexByte(host, '%')
	switch {
	case bad >= hostStart && bad < hostEnd:
		v.invalid("url", "The host %q holds %s, which no host holds: %s.", host, charName(rune(val.URL[bad])), hostRule)
	case pct >= 0:
		fix := ""
		if plain, err := url.PathUnescape(host); err == nil && strings.IndexFunc(plain, func(r rune) bool { return !isHostChar(r) }) < 0 {
			fix = fmt.Sprintf(" Write it as %q.", plain)
		}
		if esc := host[pct:min(pct+3, len(host))]; validEscape(esc) {
			v.invalid("url", "The host %q holds %q, a percent escape: %s, and never percent-encoded.%s", host, esc, hostRule, fix)
		} else {
			v.invalid("url", "The host %q holds '%%', which no host holds: %s.", host, hostRule)
		}
	case bad >= 0 && (hasPrefixFold(val.URL, "http://") || hasPrefixFold(val.URL, "https://")):
		r := rune(val.URL[bad])
		v.invalid("url", "The URL holds %s, which a URL carries percent-encoded: write %s instead. The function sends the URL as it is written, and its HTTP client refuses %s.", charName(r), percentEncode(r), charName(r))
	case errors.As(err, &escape):
		v.invalid("url", "The URL holds %q, which is no percent-encoded byte: a '%%' starts one, with two hex digits, as in %%20; write a '%%' itself as %%25.", string(escape))
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		v.invalid("url", "%q is not an http or https URL such as \"https://orders.internal.example.com/health\".", val.URL)
	case u.User != nil:
		auth, rest, slash := strings.Cut(val.URL[len(u.Scheme)+len("://"):], "/")
		user := auth[:strings.LastIndexByte(auth, '@')+1]
		without := val.URL[:len(u.Scheme)+len("://")] + auth[len(user):]
		if slash {
			without += "/" + rest
		}
		v.invalid("url", "The URL gives user information, %q, before its host, which the function's HTTP client does not send: it would fail to reach the host, and a password there would show in the pipeline's configuration. Remove it, as in %q: the health check must answer without credentials.", user, without)
	case utf8.RuneCountInString(val.URL) > MaxValidationURL:
		v.invalid("url", "The URL is %d characters long; the pipeline passes it to the function in at most %d.", utf8.RuneCountInString(val.URL), MaxValidationURL)
	default:
		if port := u.Port(); port != "" {
			if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
				v.invalid("url", "%q has port %s; a port is 1 to 65535.", val.URL, port)
			}
		}
		host := u.Hostname()
		if i := strings.IndexFunc(host, func(r rune) bool { return r >= utf8.RuneSelf }); i >= 0 {
			v.invalid("url", "The host %q holds %q, which is not ASCII. The function's HTTP client maps such a host to ASCII before resolving it (a full-width digit to a digit, say), so it cannot be checked against the VPC's range; write the host in ASCII, an internationalized name in its xn-- form.", host, []rune(host[i:])[0])
			break
		}
		if i := strings.IndexFunc(val.URL, func(r rune) bool { return !isURLChar(r) }); i >= 0 {
			r, _ := utf8.DecodeRuneInString(val.URL[i:])
			v.invalid("url", "The URL holds %q, which a URL carries percent-encoded: write %s instead. The function sends the URL as it is written, and its HTTP client refuses any other character.", r, percentEncode(r))
			break
		}
		if host == "" {
			v.invalid("url", "%q has no host; give the service's DNS name or IPv4 address, as in \"https://orders.internal.example.com/health\".", val.URL)
			break
		}
		if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "localhost" || strings.HasSuffix(h, ".localhost") {
			v.invalid("url", "The host %q is the function's own machine, not the service; use an address or a name that resolves inside the VPC's range.", host)
			break
		}
		addr, err := netip.ParseAddr(host)
		if err != nil {
			// Not an address as written, but resolvers may still read
			// it as one, which the range check below would miss. Else a
			// DNS name, which a final dot makes absolute.
			name := strings.TrimSuffix(host, ".")
			if read, numeric := numericHost(host); numeric && read.IsValid() {
				v.invalid("url", "The host %q is read by resolvers as the IPv4 address %s. Write IPv4 addresses in dotted-decimal form, here %q, so that the address can be checked against the VPC's range.", host, read, read.String())
			} else if numeric {
				v.invalid("url", "The host %q is made of numbers, as an IPv4 address is, but is not an address in dotted-decimal form, and no DNS name is all numbers. Give an address in dotted-decimal form, such as \"10.20.0.5\", or a DNS name.", host)
			} else if flaw, label := checkDNSName(name); flaw != nameOK {
				clause, args := flaw.describe(name, label)
				v.invalid("url", "The host %q is not a DNS name: "+clause+"; a DNS name is "+dnsLabelRule+", at most 253 characters (an internationalized name in its xn-- form).", append([]any{host}, args...)...)
			}
			break
		}
		if !addr.Is4() {
			v.invalid("url", "%s is an IPv6 address; the VPC's range, and the function's egress, are IPv4. Give the host's IPv4 address or a DNS name.", addr)
			break
		}
		if v.off {
			break // no function is deployed to reach it
		}
		if !validVPCRange(v.s.Network.CIDRBlock) {
			break // reported on cidr_block
		}
		vpc := netip.MustParsePrefix(v.s.Network.CIDRBlock)
		switch {
		case vpc.Contains(addr) && addr.Less(vpc.Addr().Next().Next().Next().Next()) && addr != vpc.Addr():
			v.invalid("url", "%s is reserved by AWS in the VPC's range %s: its second, third and fourth addresses are the VPC router's, the DNS server's and reserved, and no service has them. Use the address of a host inside the range.", addr, vpc)
		case !vpc.Contains(addr):
			v.invalid("url", "%s is outside the VPC's range %s. The validation function runs in the VPC with egress to that range only; use an address or a name that resolves inside it.", addr, vpc)
		case addr == vpc.Addr():
			v.invalid("url", "%s is the network address of the VPC's range %s, which no host has; use the address of a host inside the range.", addr, vpc)
		case addr == lastAddr(vpc):
			v.invalid("url", "%s is the broadcast address of the VPC's range %s, its last, which no host has; use the address of a host inside the range.", addr, vpc)
		}
	}
	v.intRange("expected_status", val.ExpectedStatus, 100, 599, "an HTTP status code")
	v.intRange("timeout_seconds", val.TimeoutSeconds, 1, MaxValidationTimeout, "a timeout in seconds")
}

// validEscape reports whether s is one percent-encoded byte, such as %2F.
func validEscape(s string) bool {
	_, err := url.PathUnescape(s)
	return len(s) == 3 && err == nil
}

// hostRule says what the host of a validation URL may hold.
const hostRule = "a host is a DNS name (labels of letters, digits and hyphens joined by dots; an internationalized name in its xn-- form) or an IPv4 address such as 10.20.0.5, written as it is"

// isHostChar reports whether r may stand in a validation URL's host.
func isHostChar(r rune) bool {
	return r < utf8.RuneSelf && (isAlnum(byte(r)) || r == '-' || r == '.')
}

// hostSpan returns where the host of an http or https URL starts and ends
// in it: after "://" and any user information, before any port, path,
// query or fragment. It is empty for any other URL, and for an IPv6
// address in brackets, which is refused as such.
func hostSpan(u string) (start, end int) {
	scheme := len("http://")
	if hasPrefixFold(u, "https://") {
		scheme = len("https://")
	} else if !hasPrefixFold(u, "http://") {
		return 0, 0
	}
	start, end = scheme, len(u)
	if i := strings.IndexAny(u[start:], "/?#"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndexByte(u[start:end], '@'); at >= 0 {
		start += at + 1
	}
	if strings.HasPrefix(u[start:end], "[") {
		return 0, 0
	}
	if colon := strings.LastIndexByte(u[start:end], ':'); colon >= 0 {
		end = start + colon
	}
	return start, end
}

// isURLChar reports whether r may stand in a URL as it is (RFC 3986):
// ASCII letters and digits, and -._~:/?#[]@!$&'()*+,;=%.
func isURLChar(r rune) bool {
	return r < utf8.RuneSelf && (isAlnum(byte(r)) || strings.ContainsRune("-._~:/?#[]@!$&'()*+,;=%", r))
}

// charName names a character for a message: blanks by their name, which
// a quoted character hardly shows.
func charName(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	}
	return fmt.Sprintf("%q", r)
}

// percentEncode writes r as a URL carries it: each byte of its UTF-8 as
// %XX.
func percentEncode(r rune) string {
	var b strings.Builder
	for _, c := range []byte(string(r)) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// lastAddr is the last address of an IPv4 prefix: its broadcast address.
// For an IPv6 prefix, it is the invalid address.
func lastAddr(p netip.Prefix) netip.Addr {
	if !p.Addr().Is4() {
		return netip.Addr{}
	}
	a := p.Masked().Addr().As4()
	n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	n |= 1<<(32-p.Bits()) - 1
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}

// numericHost reports whether host is made only of labels that resolvers
// read as numbers: decimal, octal with a leading 0, or hexadecimal with a
// leading 0x. The C library's inet_aton, which getaddrinfo and so the
// validation function use, and the WHATWG URL standard both read such a
// host as an IPv4 address: "010.020.0.5" is 8.16.0.5, and "134744072" and
// "0x08080808" are 8.8.8.8. read is that address, when the numbers make
// one (one to four of them, each in range).
func numericHost(host string) (read netip.Addr, numeric bool) {
	// A final dot makes a name absolute: "10.20.0.5." is the same host.
	host = strings.TrimSuffix(host, ".")
	var parts [4]uint32
	n, valid := 0, true
	for label := range strings.SplitSeq(host, ".") {
		x, ok, isNumber := parseNumber(label)
		if !isNumber {
			return netip.Addr{}, false
		}
		if !ok || n == len(parts) {
			valid = false
		} else {
			parts[n] = x
		}
		n++
	}
	if !valid {
		return netip.Addr{}, true
	}
	// The last number fills the bytes the others leave: "10.1310725" is
	// 10.20.0.5.
	var a uint32
	for i, x := range parts[:n-1] {
		if x > 0xff {
			return netip.Addr{}, true
		}
		a |= x << (24 - 8*i)
	}
	last := parts[n-1]
	if bits := 8 * (5 - n); bits < 32 && last >= 1<<bits {
		return netip.Addr{}, true
	}
	a |= last
	return netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), true
}

// parseNumber reads a label as inet_aton reads a part of an address:
// 0x and hexadecimal digits (none is 0), 0 and octal digits, or decimal
// digits. isNumber tells whether the label looks like a number at all;
// ok, whether it is one that fits 32 bits ("08" looks like one, but is
// not valid octal).
func parseNumber(label string) (x uint32, ok, isNumber bool) {
	base, digits := 10, label
	switch {
	case len(label) >= 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'):
		base, digits = 16, label[2:]
		if digits == "" {
			return 0, true, true
		}
	case len(label) >= 2 && label[0] == '0':
		base, digits = 8, label[1:]
	}
	if digits == "" {
		return 0, false, false
	}
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, false, false
		}
	}
	v, err := strconv.ParseUint(digits, base, 32)
	return uint32(v), err == nil, true
}

// ValidationPort is the TCP port a validation URL connects to.
func ValidationPort(rawURL string) int {
	u, err := url.Parse(rawURL)
	if err != nil {
		return 443
	}
	if n, err := strconv.Atoi(u.Port()); err == nil {
		return n
	}
	if u.Scheme == "http" {
		return 80
	}
	return 443
}

func (v *validator) listener(path, arn, account string) {
	region, owner, ok := parseListenerARN(arn)
	if !ok || internalLoadBalancer(arn) {
		flaw := listenerFlaw(arn)
		if flaw != "" {
			flaw = ": " + flaw
		}
		v.invalid(path, "%q is not an Application or Network Load Balancer listener ARN%s. Give one such as \"arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/my-alb/0123456789abcdef/0123456789abcdef\".", clipped(arn), flaw)
		return
	}
	if region != Region {
		v.invalid(path, "The listener is in %s; it must be in the pipelines' region, %s.", region, Region)
	}
	if account != "" && owner != account {
		v.invalid(path, "The listener belongs to account %s, but the stage deploys into account %s. Use a listener of the stage's account, or set the stage's account_id.", owner, account)
	}
}

func (v *validator) targetGroups(path string, tgs []string) {
	if len(tgs) != 2 {
		given := fmt.Sprintf("%d target groups are given", len(tgs))
		if len(tgs) == 1 {
			given = "1 target group is given"
		}
		// The example for a list a service writes is its stage's own
		// default, the names written out, when they are valid: what
		// removing the list would give. A list of defaults is told one
		// example for every service that inherits it.
		example := []string{"orders-prod-blue", "orders-prod-green"}
		if v.inStage != nil && v.source(v.path(path)).Layer == LayerService {
			if tgs := DefaultTargetGroups(v.s.Name, v.inStage.Name); len(tgs[1]) <= 32 && targetGroupRE.MatchString(tgs[0]) && targetGroupRE.MatchString(tgs[1]) {
				example = tgs
			}
		}
		v.invalid(path, "%s; a blue/green deployment needs exactly 2, such as [%q, %q].", given, example[0], example[1])
	}
	for i, tg := range tgs[:min(len(tgs), 2)] {
		n := utf8.RuneCountInString(tg)
		if n <= 32 && targetGroupRE.MatchString(tg) {
			continue
		}
		// Asked only of a name that fails, as the answer may cost a
		// lowering of the service.
		advice := ""
		switch {
		case v.source(v.path(path)).Layer == LayerDerived:
			advice = " The name comes from the service's and the stage's names; name the target groups explicitly with target_groups."
		case strings.HasPrefix(tg, "arn:"):
			advice = " Give the target group's name, not its ARN: the name follows \"targetgroup/\" in the ARN."
		}
		if n > 32 {
			v.invalidItem(path, i, "%q is %d characters long; a target group name is 1 to 32 letters, digits and '-', not starting or ending with '-'.%s", tg, n, advice)
		} else {
			v.invalidItem(path, i, "%q is not a target group name (1 to 32 letters, digits and '-', not starting or ending with '-')%s.%s", tg, targetGroupRE.held(tg), advice)
		}
	}
	if len(tgs) == 2 && tgs[0] == tgs[1] {
		v.invalidItem(path, 1, "Both target groups are %q; blue and green must be different target groups.", tgs[0])
	}
}

func (v *validator) physicalNames() {
	s := v.s
	// The names too long, by stage ("" for the service's own): one
	// problem each, for the name over by the most. Shortening by that
	// much fixes all the others.
	type overflow struct {
		worst PhysicalName
		over  int // characters over the limit, of worst
		more  int // other names too long
	}
	var order []string
	byStage := map[string]*overflow{}
	for _, n := range s.PhysicalNames() {
		over := n.LongestLen() - n.Limit
		if over <= 0 || n.Stage != "" && !validStageName(n.Stage) {
			continue // an invalid stage name is reported as such
		}
		o := byStage[n.Stage]
		switch {
		case o == nil:
			byStage[n.Stage] = &overflow{worst: n, over: over}
			order = append(order, n.Stage)
		case over > o.over:
			o.worst, o.over, o.more = n, over, o.more+1
		default:
			o.more++
		}
	}
	for _, stage := range order {
		o := byStage[stage]
		n := o.worst
		what := fmt.Sprintf("service name %q", clipped(s.Name))
		if stage != "" {
			what += fmt.Sprintf(" or the stage name %q", clipped(stage))
		}
		others := ""
		switch o.more {
		case 0:
		case 1:
			others = " One other generated name is too long as well, by as much or less."
		default:
			others = fmt.Sprintf(" %d other generated names are too long as well, by as much or less.", o.more)
		}
		by := fmt.Sprintf("%d characters", o.over)
		if o.over == 1 {
			by = "1 character"
		}
		v.probs = append(v.probs, Problem{
			Range:   s.NameRange,
			Subject: "service",
			Summary: "Service name too long",
			Detail: fmt.Sprintf("The %s %q is %d characters with a %d-character EnvironmentSuffix; AWS allows %d. Shorten the %s by %s.%s",
				n.Kind, clipped(n.Sub), n.LongestLen(), SuffixMaxLength, n.Limit, what, by, others),
		})
	}
}
