package emit

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestValidationCode runs the validation function's Python, with boto3
// stubbed, against a local server: it must report exactly one result in
// every case, a failure when the answer is wrong or comes too late.
func TestValidationCode(t *testing.T) {
	if n := len(validationCode); n > 4096 {
		t.Errorf("the code is %d bytes; CloudFormation takes at most 4096 inline", n)
	}
	if want := "get_remaining_time_in_millis() / 1000 - " + strconv.Itoa(reportTime) + ","; !strings.Contains(validationCode, want) {
		t.Errorf("the code does not keep reportTime (%d s) for reporting: no %q", reportTime, want)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	files := map[string]string{
		"index.py":              validationCode,
		"boto3.py":              stubBoto3,
		"botocore/__init__.py":  "",
		"botocore/config.py":    "class Config:\n    def __init__(self, **kw):\n        pass\n",
		"validation_harness.py": validationHarness,
	}
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(python, "validation_harness.py")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the harness failed: %v\n%s", err, out)
	}
	// The handler prints to standard output too: the results are the
	// last line.
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got map[string][]string
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("the harness printed %q: %v", out, err)
	}
	want := map[string][]string{
		"expected status":    {"success"},
		"other status":       {"failure: GET /bad answered 503; expected 200"},
		"slow answer":        {"failure: the health check did not finish in time"},
		"bad parameters":     {"failure: Expecting value: line 1 column 1 (char 0)"},
		"refused connection": {"failure: <urlopen error [Errno 111] Connection refused>"},
	}
	for name, results := range want {
		if g := strings.Join(got[name], " | "); g != strings.Join(results, " | ") {
			t.Errorf("%s: reported %q, want %q", name, g, results)
		}
	}
}

const stubBoto3 = `calls = []


class Client:
    def put_job_success_result(self, jobId):
        calls.append("success")

    def put_job_failure_result(self, jobId, failureDetails):
        calls.append("failure: " + failureDetails["message"])


def client(name, config=None):
    return Client()
`

// validationHarness runs the handler on a few cases, each with a deadline
// like Lambda's, and prints what each reported, by case, as JSON. URLs
// are shown without their address, which changes from run to run.
const validationHarness = `import http.server, json, socket, threading, time
import boto3, index


class Server(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(3)
        self.send_response(503 if self.path == "/bad" else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Server)
threading.Thread(target=server.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d" % server.server_address[1]
closed = socket.socket()
closed.bind(("127.0.0.1", 0))
closed_url = "http://127.0.0.1:%d/" % closed.getsockname()[1]
closed.close()


class Context:
    def __init__(self, seconds):
        self.end = time.time() + seconds

    def get_remaining_time_in_millis(self):
        return int((self.end - time.time()) * 1000)


def event(params):
    return {"CodePipeline.job": {"id": "job", "data": {"actionConfiguration": {"configuration": {"UserParameters": params}}}}}


def case(url, seconds):
    return event(json.dumps({"url": url, "expected_status": 200, "timeout_seconds": 10})), seconds


cases = {
    "expected status": case(base + "/ok", 40),
    "other status": case(base + "/bad", 40),
    "slow answer": case(base + "/slow", 21.5),
    "bad parameters": (event("not json"), 40),
    "refused connection": case(closed_url, 40),
}
results = {}
for name, (ev, seconds) in cases.items():
    boto3.calls.clear()
    index.handler(ev, Context(seconds))
    results[name] = [c.replace(base, "") for c in boto3.calls]
print(json.dumps(results))
`
