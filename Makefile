# The two commands a fresh machine needs:
#   make build   builds bin/pipelines and regenerates out/ from services.hcl
#   make test    runs every check CI runs
GO  ?= go
BIN := bin/pipelines

.PHONY: build test bench fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/pipelines
	$(BIN) build -verify -f services.hcl -o out

test:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -shuffle=on ./...
	$(GO) build -o $(BIN) ./cmd/pipelines
	$(BIN) build -check -f services.hcl -o out
	$(BIN) check out
	$(BIN) fmt -check services.hcl

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Each fuzz target for FUZZTIME (make fuzz FUZZTIME=3m for a long run).
# Inputs that fail are saved under testdata/fuzz/<Name>/: commit them.
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./config -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./config -run '^$$' -fuzz '^FuzzFormat$$' -fuzztime $(FUZZTIME)
	$(GO) test ./emit -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME)
	$(GO) test ./emit -run '^$$' -fuzz '^FuzzEncodeString$$' -fuzztime $(FUZZTIME)
	$(GO) test ./emit -run '^$$' -fuzz '^FuzzTemplatesPassCheck$$' -fuzztime $(FUZZTIME)
	$(GO) test ./check -run '^$$' -fuzz '^FuzzDecodeJSON$$' -fuzztime $(FUZZTIME)

clean:
	rm -rf bin
