// Package graphemes splits text into grapheme clusters, the characters
// HCL counts columns in, with the version of Unicode's rules that HCL
// uses for the Go release it is built with.
package graphemes

import "bufio"

// Count returns the number of grapheme clusters in b.
func Count(b []byte) int {
	n := 0
	for len(b) > 0 {
		size, _, _ := Scan(b, true)
		if size == 0 {
			break
		}
		b = b[size:]
		n++
	}
	return n
}

// Scan is a bufio.SplitFunc that yields one grapheme cluster at a time.
var Scan bufio.SplitFunc = scan
