package model

// ForeignLogBuckets returns, for each service, the problem of an access
// logs bucket that belongs to another account: S3 delivers a bucket's
// server access logs only to a bucket of the same owner, and the artifact
// bucket is in the pipelines' account, so its stack would fail at the
// bucket. A bucket's owner is not in its name, but a platform that keeps
// one logs bucket per account often names the account in it: a name
// holding, between non-digits, the 12 digits of an account the file
// declares (one of the services', their stages', or of declared, which
// the caller knows of: those of defaults, say), other than the service's,
// is taken to be that account's. A service whose account is not declared,
// or not valid, is skipped, and so is a name refused already. sources are
// as for NetworkConflicts.
func (p *Project) ForeignLogBuckets(sources []func(path string) Source, declared ...string) []Problems {
	accounts := map[string]bool{}
	for _, a := range declared {
		accounts[a] = true
	}
	for _, s := range p.Services {
		accounts[s.AccountID] = true
		for _, st := range s.Stages {
			accounts[st.AccountID] = true
		}
	}
	delete(accounts, "")
	probs := make([]Problems, len(p.Services))
	for i, s := range p.Services {
		bucket := s.Artifacts.AccessLogsBucket
		other := accountIn(bucket, s.AccountID, accounts)
		if !accountIDRE.MatchString(s.AccountID) || other == "" || !validBucketName(bucket) {
			continue
		}
		source := s.Source
		if sources != nil {
			source = sources[i]
		}
		v := validator{s: s, source: source}
		if v.source("artifacts.access_logs_bucket").Layer != LayerService && v.source("account_id").Layer == LayerService {
			v.invalid("account_id", "This runs the service's pipeline in account %s, but the access logs bucket it inherits, %q, seems to be account %s's: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Set artifacts.access_logs_bucket here to a bucket of account %[1]s.",
				s.AccountID, bucket, other)
		} else {
			v.invalid("artifacts.access_logs_bucket", "%q seems to be a bucket of account %s, but the service's pipeline runs in account %s: S3 delivers server access logs only to a bucket of the artifact bucket's own account. Give a bucket of account %[3]s.",
				bucket, other, s.AccountID)
		}
		probs[i] = v.probs
	}
	return probs
}

// accountIn returns the first run of exactly 12 digits in name, between
// non-digits, that is one of accounts other than own, or "".
func accountIn(name, own string, accounts map[string]bool) string {
	for i := 0; i < len(name); {
		if !isDigit(name[i]) {
			i++
			continue
		}
		j := i
		for j < len(name) && isDigit(name[j]) {
			j++
		}
		if run := name[i:j]; j-i == 12 && run != own && accounts[run] {
			return run
		}
		i = j
	}
	return ""
}

// validBucketName reports whether name is one the access logs bucket may
// have.
func validBucketName(name string) bool {
	format, _ := bucketNameFlaw(name)
	return format == ""
}
