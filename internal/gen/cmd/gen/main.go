// Command gen writes a synthetic services.hcl with n services to standard
// output, to reproduce the benchmarks with the real binary:
//
//	go run ./internal/gen/cmd/gen -n 10000 > /tmp/s10k.hcl
//	bin/pipelines build -f /tmp/s10k.hcl -o /tmp/o10k
//
// With -full, every service uses every optional feature.
package main

import (
	"flag"
	"fmt"
	"os"

	"pipelines/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of services")
	full := flag.Bool("full", false, "give every service every optional feature")
	flag.Parse()
	if *n < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen [-n services] [-full] > services.hcl")
		os.Exit(2)
	}
	services := gen.Services
	if *full {
		services = gen.Full
	}
	if _, err := os.Stdout.Write(services(*n)); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
