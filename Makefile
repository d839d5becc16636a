# The two commands a fresh machine needs:
#   make build   builds bin/pipelines and regenerates out/ from services.hcl
#   make test    runs every check CI runs
GO  ?= go
BIN := bin/pipelines

.PHONY: build test bench fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/pipelines
	$(BIN) build -f services.hcl -o out

test:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -shuffle=on ./...
	$(GO) build -o $(BIN) ./cmd/pipelines
	$(BIN) build -check -f services.hcl -o out
	$(BIN) fmt -check services.hcl

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
