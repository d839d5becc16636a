package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF executables only")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if got := goBuildID(exe); got != strings.TrimSpace(string(want)) || got == "" {
		t.Errorf("goBuildID = %q, go tool buildid says %q", got, want)
	}

	text := filepath.Join(t.TempDir(), "not-elf")
	if err := os.WriteFile(text, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := goBuildID(text); got != "" {
		t.Errorf("goBuildID of a shell script = %q, want none", got)
	}
}

func TestStampRoundTrip(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	for _, file := range []string{"services.hcl", "./conf//x.hcl", "with space\nand newline.hcl"} {
		want := *newStamp(file, []byte("defaults {}\n"), sum, 3)
		want.manifest = sum
		got, ok := parseStamp(want.format())
		if !ok || got != want {
			t.Errorf("parseStamp(format(%+v)) = %+v, %v", want, got, ok)
		}
	}
	if got := newStamp("./conf//x.hcl", nil, sum, 0).source; got != "conf/x.hcl" {
		t.Errorf("source of ./conf//x.hcl = %q, want conf/x.hcl", got)
	}
	// A stamp of the format before the source was recorded is no stamp.
	old := "pipelines build stamp 1\ninput " + sum + "\nprogram " + sum + "\nmanifest " + sum + "\nservices 1\n"
	if _, ok := parseStamp([]byte(old)); ok {
		t.Errorf("parseStamp accepted a stamp of the old format")
	}
}

func TestIsToolchainBuildID(t *testing.T) {
	for id, want := range map[string]bool{
		"ef8oOc7ZdzD2A5b_1gjQ/D8ATmS58BFI-nroegW9V/eOFTyR_jp8dHUY4FMSBV/LgOUo8HznSjhy2S9tATm": true,
		"redacted": false,
		"":         false,
		"ef8oOc7ZdzD2A5b_1gjQ/D8ATmS58BFI-nroegW9V":                                           false,
		"ef8oOc7ZdzD2A5b_1gjQ/D8ATmS58BFI-nroegW9V/eOFTyR_jp8dHUY4FMSBV/LgOUo8HznSjhy2S9tAT=": false,
	} {
		if got := isToolchainBuildID(id); got != want {
			t.Errorf("isToolchainBuildID(%q) = %t, want %t", id, got, want)
		}
	}
}
