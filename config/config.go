// Package config reads services.hcl: it parses and decodes the HCL, layers
// defaults under each service, lowers the result into the model, and turns
// every problem into an hcl.Diagnostic with its source range.
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"pipelines/internal/graphemes"
	"pipelines/model"
)

// MaxFileSize bounds the input: services.hcl for 10,000 services is a few
// megabytes.
const MaxFileSize = 32 << 20

// MaxServices bounds the services of a file: twice the largest platform
// the tool is measured on (see BenchmarkBuild), so that a mistake does not
// turn into minutes of work and gigabytes of templates.
const MaxServices = 20_000

var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "defaults"},
		{Type: "service", LabelNames: []string{"name"}},
	},
}

// Loader reads configuration files and keeps their sources for rendering
// diagnostics.
type Loader struct {
	// Record, when set, makes Load fill in the Settings of the services
	// whose names it accepts: each effective value, rendered as HCL, with
	// the place that set it. Only a report of the merged configuration
	// needs them, and on a large file they cost much of the load's time
	// and memory, so they are not recorded unless asked for.
	Record func(service string) bool

	files map[string]*hcl.File // the source cache, by filename
}

// RecordAll is a Loader.Record that records every service's settings.
func RecordAll(string) bool { return true }

// NewLoader returns a Loader with an empty source cache that does not
// record settings.
func NewLoader() *Loader {
	return &Loader{files: map[string]*hcl.File{}}
}

// Files returns the sources read so far, by filename, for diagnostic
// rendering.
func (l *Loader) Files() map[string]*hcl.File {
	return l.files
}

// Load reads path from fsys, decodes and validates it. Filenames in
// diagnostics are path as given. The project is nil when any error was
// found.
func (l *Loader) Load(fsys fs.FS, path string) (*model.Project, hcl.Diagnostics) {
	src, diags := readFile(fsys, path)
	if diags.HasErrors() {
		return nil, diags
	}
	return l.LoadSource(path, src)
}

// LoadSource decodes and validates src, read by the caller (from standard
// input, say), as Load does a file; path names it in diagnostics.
func (l *Loader) LoadSource(path string, src []byte) (*model.Project, hcl.Diagnostics) {
	// The source alone, for snippets: not its syntax tree, which is
	// freed as the file is decoded.
	l.files[path] = &hcl.File{Bytes: src}
	st, diags := checkSource(src, path)
	if diags.HasErrors() {
		return nil, diags
	}
	pieces, diags := parse(src, path, st, decodeTop)
	if pieces == nil {
		return nil, limitSyntaxErrors(sortDiagnostics(explain(diags, src)))
	}
	record := l.Record
	if record == nil {
		record = func(string) bool { return false }
	}
	p, d := decodeFile(pieces, path, record)
	diags = limitProblems(sortDiagnostics(explain(append(diags, d...), src)))
	if diags.HasErrors() {
		return nil, diags
	}
	return p, diags
}

// limitSyntaxErrors keeps the first MaxSyntaxErrors+1 of the sorted
// problems of a file that does not parse: the first syntax error of the
// file and of the items after it (see laterSyntaxErrors), with those
// HCL's parser reports as it recovers. One "Too many syntax errors" says
// where reporting stops, and nothing comes after it.
func limitSyntaxErrors(diags hcl.Diagnostics) hcl.Diagnostics {
	var stop *hcl.Diagnostic // where laterSyntaxErrors stopped, if it did
	for _, d := range diags {
		if d.Summary == tooManySyntaxErrors {
			stop = d
		}
	}
	kept := make(hcl.Diagnostics, 0, len(diags))
	for _, d := range diags {
		if d.Summary == tooManySyntaxErrors {
			continue
		}
		if stop != nil && d.Subject != nil && stop.Subject != nil && d.Subject.Start.Byte >= stop.Subject.Start.Byte {
			continue // the parser's own, past where the others stop
		}
		kept = append(kept, d)
	}
	if len(kept) > MaxSyntaxErrors+1 {
		stop = &hcl.Diagnostic{Severity: hcl.DiagError, Summary: tooManySyntaxErrors, Subject: kept[MaxSyntaxErrors+1].Subject,
			Detail: fmt.Sprintf("More syntax errors follow, from here on; only the first %d are reported. Fix them and run again.", MaxSyntaxErrors+1)}
		kept = kept[:MaxSyntaxErrors+1]
	}
	if stop != nil {
		kept = append(kept, stop)
	}
	return kept
}

// MaxProblems is the number of problems a load reports when the file
// parses: a value wrong in each of thousands of services would otherwise
// print hundreds of thousands of messages no one reads, for minutes.
const MaxProblems = 100

// limitProblems keeps the first MaxProblems of sorted diagnostics and
// replaces the rest with one that says how many there are and where the
// first of them is.
func limitProblems(diags hcl.Diagnostics) hcl.Diagnostics {
	if len(diags) <= MaxProblems+1 {
		return diags // one more says no more than a count of one would
	}
	rest := diags[MaxProblems:]
	errs := 0
	for _, d := range rest {
		if d.Severity == hcl.DiagError {
			errs++
		}
	}
	return append(diags[:MaxProblems:MaxProblems], tooMany(rest[0].Subject, len(rest), errs))
}

// tooMany is the diagnostic that stands for the problems not reported,
// errs errors and the rest warnings, the first of them at subject.
func tooMany(subject *hcl.Range, problems, errs int) *hcl.Diagnostic {
	more := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many problems", Subject: subject}
	what := fmt.Sprintf("%d more problems (%d errors, %d warnings)", problems, errs, problems-errs)
	switch errs {
	case problems:
		what = fmt.Sprintf("%d more errors", errs)
	case 0:
		more.Severity, more.Summary = hcl.DiagWarning, "Too many warnings"
		what = fmt.Sprintf("%d more warnings", problems)
	}
	// There are two at least: the plural is right.
	more.Detail = fmt.Sprintf("%s follow from here on; only the first %d problems are reported. Fix those and run again.", what, MaxProblems)
	return more
}

// lineErrors collects the errors of a check of the whole file that may
// find one on each of its lines: it keeps the diagnostics limitProblems
// would keep and counts the others, so that a file of a million such
// lines costs no more memory than one of a hundred.
type lineErrors struct {
	diags hcl.Diagnostics
	n     int // the errors found, those not kept included
}

// keep counts an error and reports whether its diagnostic is to be
// appended to diags.
func (l *lineErrors) keep() bool {
	l.n++
	return l.n <= MaxProblems+1
}

// result is what limitProblems gives of every error found.
func (l *lineErrors) result() hcl.Diagnostics {
	if l.n <= MaxProblems+1 {
		return l.diags
	}
	return append(l.diags[:MaxProblems:MaxProblems], tooMany(l.diags[MaxProblems].Subject, l.n-MaxProblems, l.n-MaxProblems))
}

// Load is a convenience for NewLoader().Load recording every service's
// settings: it returns the complete model.
func Load(fsys fs.FS, path string) (*model.Project, hcl.Diagnostics) {
	l := NewLoader()
	l.Record = RecordAll
	return l.Load(fsys, path)
}

// readAtMost reads up to limit bytes of path, whose size is size as
// reported: a pipe or a device reports none and may never end.
func readAtMost(fsys fs.FS, path string, size, limit int64) ([]byte, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	buf.Grow(int(min(size, limit)) + bytes.MinRead)
	_, err = buf.ReadFrom(io.LimitReader(f, limit))
	return buf.Bytes(), err
}

// readFile reads path, refusing a folder, anything else but a regular
// file, and anything over MaxFileSize.
func readFile(fsys fs.FS, path string) ([]byte, hcl.Diagnostics) {
	fail := func(summary, detail string) ([]byte, hcl.Diagnostics) {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: summary, Detail: detail}}
	}
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return fail("Cannot read configuration", readProblem(path, err))
	}
	if info.IsDir() {
		return fail("Cannot read configuration", fmt.Sprintf("%s is a directory; give the path of services.hcl.", path))
	}
	if !info.Mode().IsRegular() {
		// A named pipe with no writer would block the open, and a device
		// may never end: the services file is a file.
		detail := fmt.Sprintf("%s is %s, not a regular file; give the path of services.hcl.", path, fileKind(info.Mode()))
		if info.Mode()&fs.ModeNamedPipe != 0 {
			// As <(command) and /dev/stdin give: validate and show read
			// standard input given as -f -.
			detail += " To read standard input, validate and show take -f -."
		}
		return fail("Cannot read configuration", detail)
	}
	if info.Size() > MaxFileSize {
		return fail("Configuration too large", fmt.Sprintf("%s is %d bytes; the limit is %d MiB.", path, info.Size(), MaxFileSize>>20))
	}
	src, err := readAtMost(fsys, path, info.Size(), MaxFileSize+1)
	if err != nil {
		return fail("Cannot read configuration", readProblem(path, err))
	}
	return src, nil
}

// readProblem says why path could not be read: in words for a file that
// does not exist or may not be read, else as the system said it.
func readProblem(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("There is no file at %s; give the path of services.hcl.", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s may not be read: permission denied.", path)
	}
	return fmt.Sprintf("%s.", err)
}

// fileKind names the type of a file that is neither a regular file nor a
// folder.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// checkSource checks what a file holds before it is parsed: its size, its
// encoding, its direction controls, its line ends, its merge conflict
// markers and its structure (see scanStructure). It also returns the
// starts of the lines outside any bracket, string or comment, where the
// file may be cut.
func checkSource(src []byte, path string) (structure, hcl.Diagnostics) {
	if len(src) > MaxFileSize {
		return structure{}, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Configuration too large",
			Detail: fmt.Sprintf("%s is over %d MiB.", path, MaxFileSize>>20)}}
	}
	if d := checkBinary(src, path); d != nil {
		return structure{}, hcl.Diagnostics{d}
	}
	if diags := checkUTF8(src, path); diags != nil {
		return structure{}, diags
	}
	if diags := checkBidi(src, path); diags != nil {
		return structure{}, diags
	}
	if diags := checkLineEnds(src, path); diags != nil {
		return structure{}, diags
	}
	if diags := checkConflictMarkers(src, path); diags != nil {
		return structure{}, diags
	}
	st, diags := scanStructure(src, path)
	for i, d := range diags {
		diags[i] = clusterColumns(src, d)
	}
	return st, diags
}

// clusterColumns counts the columns of d's subject, found by counting
// characters, as HCL counts them: in grapheme clusters, so that "e" and a
// combining accent are one column.
func clusterColumns(src []byte, d *hcl.Diagnostic) *hcl.Diagnostic {
	if d.Subject == nil {
		return d
	}
	column := func(pos hcl.Pos) hcl.Pos {
		if pos.Byte < 0 || pos.Byte > len(src) {
			return pos
		}
		line := src[bytes.LastIndexByte(src[:pos.Byte], '\n')+1 : pos.Byte]
		pos.Column = graphemes.Count(line) + 1
		return pos
	}
	d.Subject.Start, d.Subject.End = column(d.Subject.Start), column(d.Subject.End)
	return d
}

// checkBidi refuses the characters that change the direction of text:
// in a comment or a string, they make a line read differently in a review
// than it parses, as in the attacks called Trojan Source.
func checkBidi(src []byte, path string) hcl.Diagnostics {
	if !bytes.Contains(src, []byte{0xE2, 0x80}) && !bytes.Contains(src, []byte{0xE2, 0x81}) && !bytes.Contains(src, []byte{0xD8, 0x9C}) {
		return nil // none of them can be there
	}
	var errs lineErrors
	line, lineStart := 1, 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == '\n':
			line, lineStart = line+1, i+1
		case (r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C) && errs.keep():
			start := hcl.Pos{Line: line, Column: 1 + i - lineStart, Byte: i}
			end := hcl.Pos{Line: line, Column: start.Column + 1, Byte: i + size}
			errs.diags = append(errs.diags, clusterColumns(src, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Bidirectional text control",
				Detail: fmt.Sprintf("The line holds U+%04X, which changes the direction text is shown in: a reviewer would read the line otherwise than the tool parses it. services.hcl needs none; remove it.",
					r),
				Subject: &hcl.Range{Filename: path, Start: start, End: end},
			}))
		}
		i += size
	}
	return errs.result()
}

// checkBinary refuses a file that holds a NUL byte, as binary files do
// and text files do not (git tells them apart the same way), once, at
// its first NUL: a file given by mistake, a program or an archive, would
// otherwise be told of each of its lines that is not UTF-8. A file saved
// as UTF-16, which holds a NUL beside each ASCII character, is told so.
func checkBinary(src []byte, path string) *hcl.Diagnostic {
	at := bytes.IndexByte(src, 0)
	if at < 0 {
		return nil
	}
	if d := checkUTF16(src, path); d != nil {
		return clusterColumns(src, d)
	}
	line := 1 + bytes.Count(src[:at], []byte("\n"))
	start := hcl.Pos{Line: line, Column: 1 + at - (bytes.LastIndexByte(src[:at], '\n') + 1), Byte: at}
	end := hcl.Pos{Line: line, Column: start.Column + 1, Byte: at + 1}
	return clusterColumns(src, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Binary file",
		Detail:   fmt.Sprintf("%s holds a NUL byte here, as binary files do; services.hcl is text. Give the path of services.hcl.", path),
		Subject:  &hcl.Range{Filename: path, Start: start, End: end},
	})
}

// checkUTF16 refuses a file saved as UTF-16, as Windows PowerShell 5 saves
// what it writes: one that starts with the byte order mark of UTF-16, or
// whose first characters each have a NUL byte on the same side, as ASCII
// characters do in UTF-16.
func checkUTF16(src []byte, path string) *hcl.Diagnostic {
	var what string
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		what = fmt.Sprintf("starts with the byte order mark of UTF-16 (the bytes % X)", src[:2])
	case utf16ASCII(src):
		what = "holds a NUL byte beside each character, as UTF-16 text does"
	default:
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "File saved as UTF-16",
		Detail:   fmt.Sprintf("%s %s; HCL reads UTF-8 only. Save the file as UTF-8.", path, what),
		Subject: &hcl.Range{Filename: path, Start: hcl.InitialPos,
			End: hcl.Pos{Line: 1, Column: 3, Byte: 2}},
	}
}

// utf16ASCII reports whether the first pairs of bytes of src, up to four,
// each hold a NUL on one side, the same in each, and a byte that is not
// NUL on the other, as ASCII text does in UTF-16.
func utf16ASCII(src []byte) bool {
	pairs := min(len(src)/2, 4)
	if pairs == 0 {
		return false
	}
	side := 0 // of the NUL in the first pair
	if src[1] == 0 {
		side = 1
	}
	for i := range pairs {
		if p := src[2*i : 2*i+2]; p[side] != 0 || p[1-side] == 0 {
			return false
		}
	}
	return true
}

// checkUTF8 refuses a file that is not UTF-8: its strings would reach the
// templates with U+FFFD in place of the bytes written. Each line that is
// not is reported, at its first bytes that are no character, so that a
// file saved in another encoding is mended in one pass.
func checkUTF8(src []byte, path string) hcl.Diagnostics {
	if utf8.Valid(src) {
		return nil
	}
	var errs lineErrors
	pos := hcl.InitialPos
	reported := 0 // the last line reported
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 && reported < pos.Line && errs.keep() {
			end := pos
			for end.Byte < len(src) {
				if r, size := utf8.DecodeRune(src[end.Byte:]); r != utf8.RuneError || size != 1 {
					break
				}
				end.Byte, end.Column = end.Byte+1, end.Column+1
			}
			errs.diags = append(errs.diags, clusterColumns(src, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid UTF-8",
				Detail:   fmt.Sprintf("%s is not valid UTF-8 here: %s. Save the file as UTF-8.", path, invalidBytes(src[pos.Byte:end.Byte])),
				Subject:  &hcl.Range{Filename: path, Start: pos, End: end},
			}))
		}
		if r == utf8.RuneError && size == 1 {
			reported = pos.Line
		}
		pos.Byte += size
		pos.Column++
		if r == '\n' {
			pos.Line, pos.Column = pos.Line+1, 1
		}
		i += size
	}
	return errs.result()
}

// invalidBytes describes b, bytes that are no UTF-8 character, for the
// detail of checkUTF8's problem: the bytes, and when each is a letter or a
// sign in Latin-1, what they are there, as a file saved in Latin-1 or
// Windows-1252 holds é as the byte 0xE9.
func invalidBytes(b []byte) string {
	hex := make([]string, len(b))
	latin1 := make([]rune, len(b))
	for i, c := range b {
		hex[i] = fmt.Sprintf("0x%02X", c)
		latin1[i] = rune(c)
	}
	what := fmt.Sprintf("the bytes %s are no character in UTF-8", strings.Join(hex, " "))
	if len(b) == 1 {
		what = fmt.Sprintf("the byte %s is no character in UTF-8", hex[0])
	}
	if slices.Min(b) < 0xA0 {
		return what // a control character in Latin-1, and not the same in Windows-1252
	}
	if len(b) == 1 {
		return fmt.Sprintf("%s; it is %q (%U) in Latin-1 and Windows-1252", what, latin1[0], latin1[0])
	}
	return fmt.Sprintf("%s; they are %q in Latin-1 and Windows-1252", what, string(latin1))
}

// conflictMarkers start the lines git writes around the sides of a merge
// conflict it could not resolve.
var conflictMarkers = []string{"<<<<<<<", "|||||||", "=======", ">>>>>>>"}

// checkConflictMarkers reports the marker lines of a merge conflict that
// was not resolved: HCL would report each as a missing argument, which
// does not say what happened. Only the lines from a <<<<<<< line to a
// >>>>>>> line after it count, as git writes them: a banner of =======
// in a comment is no conflict.
func checkConflictMarkers(src []byte, path string) hcl.Diagnostics {
	if !bytes.Contains(src, []byte(conflictMarkers[0])) {
		return nil
	}
	type marker struct {
		pos hcl.Pos
		m   string
	}
	var found []marker
	pos := hcl.InitialPos
	for line := range bytes.Lines(src) {
		for _, m := range conflictMarkers {
			rest := bytes.TrimRight(line[min(len(m), len(line)):], "\r\n")
			if bytes.HasPrefix(line, []byte(m)) && (len(rest) == 0 || rest[0] == ' ') {
				found = append(found, marker{pos, m})
				break
			}
		}
		pos.Byte += len(line)
		pos.Line++
	}
	first := slices.IndexFunc(found, func(k marker) bool { return k.m == conflictMarkers[0] })
	last := -1
	for k := len(found) - 1; k > first && first >= 0; k-- {
		if found[k].m == conflictMarkers[len(conflictMarkers)-1] {
			last = k
			break
		}
	}
	if last < 0 {
		return nil
	}
	var diags hcl.Diagnostics
	for _, k := range found[first : last+1] {
		end := k.pos
		end.Byte, end.Column = k.pos.Byte+len(k.m), k.pos.Column+len(k.m)
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Merge conflict marker",
			Detail:   fmt.Sprintf("%s holds a merge conflict that was not resolved. Keep the lines you want between <<<<<<< and >>>>>>>, and delete the marker lines.", path),
			Subject:  &hcl.Range{Filename: path, Start: k.pos, End: end},
		})
	}
	return diags
}

// checkLineEnds refuses a carriage return that does not start a CRLF:
// HCL ends lines at line feeds only, so a file saved with classic Mac line
// endings reads as one long line, the whole file a comment after its first #.
// The first such carriage return of each line is reported.
func checkLineEnds(src []byte, path string) hcl.Diagnostics {
	if bytes.IndexByte(src, '\r') < 0 {
		return nil
	}
	var errs lineErrors
	pos := hcl.InitialPos
	reported := 0 // the last line reported
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' || reported == pos.Line {
				break
			}
			reported = pos.Line
			if !errs.keep() {
				break
			}
			end := pos
			end.Byte, end.Column = end.Byte+1, end.Column+1
			errs.diags = append(errs.diags, clusterColumns(src, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Carriage return without line feed",
				Detail:   fmt.Sprintf("%s ends a line with a carriage return alone; HCL ends lines with a line feed. Save the file with LF (or CRLF) line endings.", path),
				Subject:  &hcl.Range{Filename: path, Start: pos, End: end},
			}))
		case '\n':
			pos.Line, pos.Column = pos.Line+1, 0
		}
		pos.Byte++
		if src[i]&0xC0 != 0x80 { // columns count characters, not bytes
			pos.Column++
		}
	}
	return errs.result()
}

// topPiece is what decoding keeps of a piece of the file's top level
// (see parse), so that its syntax tree can be freed: its blocks, decoded,
// and the problems of the piece itself, such as an unknown block.
type topPiece struct {
	blocks []topBlock
	diags  hcl.Diagnostics
}

// topBlock is a defaults or service block, decoded.
type topBlock struct {
	header *hcl.Block // the block's type, labels and ranges, without its body
	end    hcl.Pos    // where its body ends
	layer  layerBlock
	diags  hcl.Diagnostics // decoding's
}

// decodeTop decodes the top-level blocks of a piece of the file.
func decodeTop(body *hclsyntax.Body) topPiece {
	content, diags := bodyContent(body, fileSchema)
	for _, d := range diags {
		if d.Summary == "Unsupported argument" {
			d.Detail = strings.Replace(d.Detail, " This block takes no arguments, only blocks.",
				" The top level of the file holds only the defaults block and service blocks: move it into defaults { ... } to set it for every service, or into a service block.", 1)
		}
	}
	piece := topPiece{blocks: make([]topBlock, len(content.Blocks)), diags: diags}
	for i, block := range content.Blocks {
		layer := model.LayerService
		if block.Type == "defaults" {
			layer = model.LayerDefaults
		}
		b := &piece.blocks[i]
		b.layer, b.diags = decodeLayerBlock(block, layer)
		b.end = block.DefRange.End
		if body, ok := block.Body.(*hclsyntax.Body); ok {
			b.end = body.SrcRange.End
		}
		header := *block
		header.Body = nil
		b.header = &header
	}
	return piece
}

// topLevelErrors reports whether the top level of the file, outside its
// blocks' bodies, has an error: an unknown block or attribute, or a block
// without its label.
func topLevelErrors(pieces []topPiece) bool {
	for _, piece := range pieces {
		if piece.diags.HasErrors() {
			return true
		}
	}
	return false
}

// topBlocks sorts the top-level blocks of the pieces of a file into the
// defaults and the services, reporting a second defaults block and a
// service declared twice. The problems of the pieces and of the blocks
// come in the order of the file.
func topBlocks(pieces []topPiece) (defaults *layerBlock, services []*topBlock, diags hcl.Diagnostics) {
	var defaultsBlock *hcl.Block
	seen := map[string]*hcl.Block{}
	for _, piece := range pieces {
		diags = append(diags, piece.diags...)
		for i := range piece.blocks {
			tb := &piece.blocks[i]
			block := tb.header
			switch block.Type {
			case "defaults":
				if defaultsBlock != nil {
					diags = append(diags, duplicateBlock(block, defaultsBlock))
					diags = append(diags, tb.diags...) // its contents' problems too
					continue
				}
				defaultsBlock = block
				defaults = &tb.layer
				diags = append(diags, tb.diags...)
			case "service":
				name := block.Labels[0]
				if first, dup := seen[name]; dup {
					diags = append(diags, &hcl.Diagnostic{
						Severity: hcl.DiagError,
						Summary:  fmt.Sprintf("Duplicate service %q", name),
						Detail:   fmt.Sprintf("A service named %q was already declared at %s. Service names must be unique; rename or remove one of them.", name, toRange(first.LabelRanges[0])),
						Subject:  block.LabelRanges[0].Ptr(),
					})
					// Its contents' problems are reported all the same:
					// renamed, or merged into the first, they would be the
					// next ones.
					diags = append(diags, tb.diags...)
					continue
				}
				seen[name] = block
				services = append(services, tb)
			}
		}
	}
	return defaults, services, diags
}

// serviceResult is what decoding, lowering and validating one service
// gave.
type serviceResult struct {
	decode, lower hcl.Diagnostics
	service       *model.Service
	block         hcl.Range // the service's block
	bad           []model.Range
	missing       []missingValue
	problems      model.Problems
}

// lowerServices decodes, merges, lowers and validates each service of
// serviceBlocks with opts, and checks what the services must agree on
// across them: their network, and which ECS services they deploy to. It
// returns the result of each service, in the order of serviceBlocks, and
// the problems of the ECS services that several of them share.
func lowerServices(defaults *layerBlock, serviceBlocks []*topBlock, opts lowerOptions, record func(service string) bool) ([]serviceResult, model.Problems) {
	// Services are decoded, merged, lowered and validated independently,
	// on every core.
	results := make([]serviceResult, len(serviceBlocks))
	each(len(serviceBlocks), func(i int) {
		r := &results[i]
		tb := serviceBlocks[i]
		r.block = tb.header.DefRange
		r.block.End = tb.end
		sb := &tb.layer
		r.decode = tb.diags
		opts := opts
		opts.record = record(sb.name)
		s, bad, missing, disabled, d := lowerService(defaults, *sb, opts)
		r.service, r.lower, r.bad, r.missing = s, d, bad, missing
		source := s.Source
		if !opts.record {
			source = sourceOnDemand(defaults, sb, opts)
		}
		r.problems = s.Validate(source)
		if disabled != nil {
			r.problems = append(r.problems, disabled.validate(s)...)
		}
	})
	// Services that disagree about their network are found across
	// services, but each problem is one service's value, which it may
	// inherit: they are reported as the service's own. This is done
	// while the services' blocks are at hand, to tell where a value was
	// written: once past this, the syntax tree of the file can be freed.
	var whole []*model.Service
	var sources []func(path string) model.Source
	var at []int
	for i := range results {
		if r := &results[i]; len(r.missing) == 0 && r.service != nil {
			whole = append(whole, r.service)
			if record(r.service.Name) {
				sources = append(sources, r.service.Source)
			} else {
				sources = append(sources, sourceOnDemand(defaults, &serviceBlocks[i].layer, opts))
			}
			at = append(at, i)
		}
	}
	project := &model.Project{Services: whole}
	for i, probs := range project.NetworkConflicts(sources) {
		results[at[i]].problems = append(results[at[i]].problems, probs...)
	}
	for i, probs := range project.ForeignLogBuckets(sources, declaredAccounts(defaults, serviceBlocks)...) {
		results[at[i]].problems = append(results[at[i]].problems, probs...)
	}
	// The stages that deploy to the same ECS service are found across
	// services too, and blamed at the values that name it: a value of
	// defaults once, with the services that inherit it.
	return results, project.SharedECSServices(sources)
}

// declaredAccounts returns every account id the file's blocks set, those
// of services that cannot be lowered too.
func declaredAccounts(defaults *layerBlock, serviceBlocks []*topBlock) []string {
	var ids []string
	add := func(l *layerBlock) {
		ids = append(ids, l.accountID.val)
		for _, st := range l.stages {
			ids = append(ids, st.accountID.val)
		}
	}
	if defaults != nil {
		add(defaults)
	}
	for _, sb := range serviceBlocks {
		add(&sb.layer)
	}
	return ids
}

// decodeFile sorts the decoded pieces of a file into one optional
// defaults block and any number of uniquely named services, and merges,
// lowers and validates them. Every problem is reported, once: a value that
// failed to decode, or a required value that is missing, is not validated
// again, and a service missing a required value is left out of the checks
// between services. The values of optional blocks switched off are
// validated too, as those of blocks that are on (see disabledBlocks), and
// so are the values of defaults that every service overrides (see
// shadowedDefaults). record says, by name, which services' Settings to
// fill in.
func decodeFile(pieces []topPiece, path string, record func(service string) bool) (*model.Project, hcl.Diagnostics) {
	defaults, serviceBlocks, diags := topBlocks(pieces)
	if defaults != nil && len(defaults.stages) > model.MaxStages {
		st := defaults.stages[model.MaxStages]
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Too many stages",
			Detail: fmt.Sprintf("Defaults declare %d stages; a pipeline holds at most %d deployment stages (CodePipeline allows 50 stages, and Source, Build and Test take 3). Remove stages from here on.",
				len(defaults.stages), model.MaxStages),
			Subject: st.labelRange.Ptr(),
		})
		// Lowering would multiply the stages by the services.
		return &model.Project{Filename: path}, diags
	}
	if len(serviceBlocks) > MaxServices {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Too many services",
			Detail:   tooManyServices(len(serviceBlocks)),
			Subject:  serviceBlocks[MaxServices].header.LabelRanges[0].Ptr(),
		})
		return &model.Project{Filename: path}, diags
	}

	opts := newLowerOptions(defaults)
	results, shared := lowerServices(defaults, serviceBlocks, opts, record)
	for _, r := range results {
		diags = append(diags, r.decode...)
	}
	if defaults != nil && len(defaults.stages) == 0 {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing stage",
			Detail:   "Defaults declare no stage, so no pipeline would deploy anything. Add at least one stage block, such as stage \"production\" { ... }, in the order deployments should run.",
			Subject:  defaults.defRange.Ptr(),
		})
	}
	if len(serviceBlocks) == 0 && !topLevelErrors(pieces) {
		// An error, not a warning: a build would delete every generated
		// template, and an empty or truncated file is far likelier than
		// the retirement of every service. A problem of the top level,
		// such as a block of an unknown type, may be a service misspelt:
		// then it alone is reported.
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No services",
			Detail:   fmt.Sprintf("%s declares no service block, so a build would delete every generated template. Declare at least one service \"name\" { ... } block; to retire every service, delete the output folder.", path),
			Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
		})
	}

	p := &model.Project{Filename: path}
	bad := map[model.Range]bool{}
	checked := make([]*serviceResult, 0, len(results))
	complete := 0
	lacking := newLackingServices(len(results))
	for i := range results {
		r := &results[i]
		diags = append(diags, r.lower...)
		lacking.add(r.service.Name, r.missing)
		for _, b := range r.bad {
			bad[b] = true
		}
		checked = append(checked, r)
		if len(r.missing) == 0 {
			complete++
		}
	}
	diags = append(diags, lacking.diagnostics()...)
	// Problems come in the order of the sorted services, as
	// model.Project.Validate gives them.
	slices.SortFunc(checked, func(a, b *serviceResult) int { return cmp.Compare(a.service.Name, b.service.Name) })
	if complete > 0 {
		p.Services = make([]*model.Service, 0, complete)
	}
	inherited := newInheritedProblems(len(checked))
	for _, r := range checked {
		if len(r.missing) == 0 {
			p.Services = append(p.Services, r.service)
		}
		for _, prob := range r.problems {
			if bad[prob.Range] || slices.ContainsFunc(r.missing, func(m missingValue) bool { return m.path == prob.Subject }) {
				continue
			}
			if within(prob.Range, r.block) {
				diags = append(diags, ProblemDiagnostic(prob))
			} else {
				inherited.add(r.service.Name, prob)
			}
		}
	}
	diags = append(diags, inherited.diagnostics()...)
	if defaults != nil {
		only := ""
		if len(checked) == 1 {
			only = checked[0].service.Name
		}
		diags = append(diags, shadowedDefaults(defaults, opts, inherited, only)...)
	}
	// Services are validated one by one above; their AWS names can be
	// checked against each other only once every service is lowered, and
	// only for services whose every required value is set.
	for _, prob := range slices.Concat(p.NameCollisions(), p.TooManyTemplates()) {
		diags = append(diags, ProblemDiagnostic(prob))
	}
	for _, prob := range shared {
		if !bad[prob.Range] {
			diags = append(diags, ProblemDiagnostic(prob))
		}
	}
	return p, diags
}

// tooManyServices says that a file declares n services, or more than
// MaxServices when n is 0 (the scan before parsing stops counting).
func tooManyServices(n int) string {
	if n == 0 {
		return fmt.Sprintf("The file declares more than %d services; a file may declare at most %d. This is the first one over the limit.", MaxServices, MaxServices)
	}
	return fmt.Sprintf("The file declares %d services; a file may declare at most %d. This is the first one over the limit.", n, MaxServices)
}

// lackingServices gathers the missing required values of the services:
// one diagnostic for a value no service sets where defaults could, which
// names the services without it when others have it.
type lackingServices struct {
	services int            // in the file
	order    []missingValue // as first met
	names    map[missingValue][]string
}

func newLackingServices(services int) *lackingServices {
	return &lackingServices{services: services, names: map[missingValue][]string{}}
}

// add records the values service lacks.
func (l *lackingServices) add(service string, missing []missingValue) {
	for _, m := range missing {
		if _, seen := l.names[m]; !seen {
			l.order = append(l.order, m)
		}
		l.names[m] = append(l.names[m], service)
	}
}

// inheritedProblems gathers the problems of values services inherit
// from defaults: one diagnostic for each, where the value is written,
// which names the services it is a problem in when it is not in all.
type inheritedProblems struct {
	services int // validated
	order    []model.Problem
	names    map[model.Problem][]string
}

func newInheritedProblems(services int) *inheritedProblems {
	return &inheritedProblems{services: services, names: map[model.Problem][]string{}}
}

func (p *inheritedProblems) add(service string, prob model.Problem) {
	if _, seen := p.names[prob]; !seen {
		p.order = append(p.order, prob)
	}
	p.names[prob] = append(p.names[prob], service)
}

func (p *inheritedProblems) diagnostics() hcl.Diagnostics {
	diags := make(hcl.Diagnostics, 0, len(p.order))
	for _, prob := range p.order {
		d := ProblemDiagnostic(prob)
		d.Detail += model.InheritedBy(p.names[prob], p.services)
		diags = append(diags, d)
	}
	return diags
}

// shadowedDefaults reports the problems of values written in defaults
// that no service has, because every service overrides the value: the
// next service that does not would have them. Defaults are lowered alone,
// as the service that sets nothing of its own, and validated by the rules
// a value breaks whatever a service sets (see
// model.Service.ValidateDefaults). A problem at a range reported already,
// through a service that inherits the value, is not reported again; nor
// is one with a value that failed to decode. This is done once per file,
// whatever the number of services. only names the file's service when it
// has one.
func shadowedDefaults(defaults *layerBlock, opts lowerOptions, inherited *inheritedProblems, only string) hcl.Diagnostics {
	opts.record = true // where each value was written, and in which layer
	alone := layerBlock{layer: model.LayerService, defRange: defaults.defRange}
	s, bad, _, disabled, _ := lowerService(defaults, alone, opts)
	var off *model.Disabled
	source := s.Source
	if disabled != nil {
		off = &disabled.blocks
		source = func(path string) model.Source {
			if src := disabled.source(path); src.Layer != 0 {
				return src
			}
			return s.Source(path)
		}
	}
	probs := s.ValidateDefaults(off, source)
	if len(probs) == 0 {
		return nil
	}
	reported := make(map[model.Range]bool, len(inherited.order))
	for _, prob := range inherited.order {
		reported[prob.Range] = true
	}
	var diags hcl.Diagnostics
	for _, prob := range probs {
		if reported[prob.Range] || slices.Contains(bad, prob.Range) {
			continue
		}
		d := ProblemDiagnostic(prob)
		switch inherited.services {
		case 0: // no service overrides it: the file declares none
		case 1:
			d.Detail += fmt.Sprintf(" Service %q overrides the value, but a new service would inherit it.", only)
		default:
			d.Detail += " Every service overrides the value, but a new service would inherit it."
		}
		diags = append(diags, d)
	}
	return diags
}

// within reports whether r lies inside the block range b.
func within(r model.Range, b hcl.Range) bool {
	return r.Filename == b.Filename && r.Start.Byte >= b.Start.Byte && r.End.Byte <= b.End.Byte
}

func (l *lackingServices) diagnostics() hcl.Diagnostics {
	diags := make(hcl.Diagnostics, 0, len(l.order))
	for _, k := range l.order {
		d := missing(k.path, k.blame)
		if names := l.names[k]; len(names) > 1 && len(names) < l.services {
			d.Detail += fmt.Sprintf(" %d of the %d services lack it: %s.", len(names), l.services, model.NameList(names))
		} else if len(names) == 1 && l.services > 1 {
			d.Detail += fmt.Sprintf(" Service %q lacks it.", names[0])
		}
		diags = append(diags, d)
	}
	return diags
}

// ProblemDiagnostic is prob as an error diagnostic.
func ProblemDiagnostic(prob model.Problem) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  prob.Summary,
		Detail:   prob.Detail,
		Subject:  fromRange(prob.Range).Ptr(),
	}
}

// sourceOnDemand returns where the settings of the service sb were
// written, for validation when settings are not recorded. The first
// question lowers the service again, recording its settings: only
// services with a problem are asked about. It keeps sb, not a copy: every
// service's is held until the file is decoded.
func sourceOnDemand(defaults *layerBlock, sb *layerBlock, opts lowerOptions) func(path string) model.Source {
	var s *model.Service
	return func(path string) model.Source {
		if s == nil {
			opts.record = true
			s, _, _, _, _ = lowerService(defaults, *sb, opts)
		}
		return s.Source(path)
	}
}

// sortDiagnostics orders diagnostics by file, line, column and summary,
// and drops exact duplicates: a bad value in defaults is reported once,
// not once per service.
func sortDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	key := func(d *hcl.Diagnostic) (string, int, int) {
		if d.Subject == nil {
			return "", 0, 0
		}
		return d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
	}
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int {
		af, al, ac := key(a)
		bf, bl, bc := key(b)
		return cmp.Or(cmp.Compare(af, bf), cmp.Compare(al, bl), cmp.Compare(ac, bc),
			cmp.Compare(a.Summary, b.Summary), cmp.Compare(a.Detail, b.Detail))
	})
	return slices.CompactFunc(diags, func(a, b *hcl.Diagnostic) bool {
		af, al, ac := key(a)
		bf, bl, bc := key(b)
		return af == bf && al == bl && ac == bc && a.Summary == b.Summary && a.Detail == b.Detail && a.Severity == b.Severity
	})
}
