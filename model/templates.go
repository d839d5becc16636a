package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// MaxTemplates bounds the templates a file gives: a pipeline per service
// and a template per stage in another account. 20,000 services with 47
// such stages each would otherwise give 960,000 files, and a manifest
// larger than the tool reads back. The largest file measured, 20,000
// services with two such stages each, gives 60,000.
const MaxTemplates = 100_000

// Templates is the number of templates s gives: its pipeline and one per
// stage in another account.
func (s *Service) Templates() int {
	n := 1
	for i := range s.Stages {
		if s.Stages[i].CrossAccount(s.AccountID) {
			n++
		}
	}
	return n
}

// TooManyTemplates reports the first service, in the order the file
// declares them, with which the services give more than MaxTemplates
// templates.
func (p *Project) TooManyTemplates() Problems {
	total := 0
	for _, s := range p.Services {
		total += s.Templates()
	}
	if total <= MaxTemplates {
		return nil
	}
	order := slices.Clone(p.Services)
	slices.SortStableFunc(order, func(a, b *Service) int {
		return cmp.Or(strings.Compare(a.NameRange.Filename, b.NameRange.Filename), cmp.Compare(a.NameRange.Start.Byte, b.NameRange.Start.Byte))
	})
	n := 0
	for _, s := range order {
		if n += s.Templates(); n > MaxTemplates {
			return Problems{{
				Range:   s.NameRange,
				Subject: "service",
				Summary: "Too many templates",
				Detail: fmt.Sprintf("Up to this one, the services give %d templates: a pipeline each, and one more for each stage in another account. A file may give at most %d; this one gives %d in all. Split the platform into several services files.",
					n, MaxTemplates, total),
			}}
		}
	}
	return nil
}
