// Command pipelines generates the CloudFormation templates of every
// service's CI/CD pipeline from services.hcl.
package main

import (
	"os"
)

func main() {
	tuneGC = true
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
