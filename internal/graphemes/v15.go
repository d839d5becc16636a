//go:build !go1.27

package graphemes

import "github.com/apparentlymart/go-textseg/v15/textseg"

// HCL uses Unicode 15's rules before Go 1.27.
var scan = textseg.ScanGraphemeClusters
