//go:build go1.27

package graphemes

import "github.com/apparentlymart/go-textseg/v17/textseg"

// HCL uses Unicode 17's rules from Go 1.27 on.
var scan = textseg.ScanGraphemeClusters
