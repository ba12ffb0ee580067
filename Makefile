# 支部台账 — build, run and test on Debian. Every target installs the Debian packages it needs.
GO      ?= go
# Fyne's fyneDo migration (FyneApp.toml [Migrations]) is a build tag for plain go commands.
export GOFLAGS := $(strip $(GOFLAGS) -tags=migrated_fynedo)
APT_GUI := gcc libgl1-mesa-dev xorg-dev
APT_WIN := gcc-mingw-w64-x86-64
# fyne packaging tool (embeds icon and version info in the exe); v1.7.4 packages fyne v2.7 apps.
FYNE_TOOLS := v1.7.4
FYNE       := $(CURDIR)/dist/tools/fyne-$(FYNE_TOOLS)/fyne
WIN_STAGE  := dist/windows-stage
# fyne package names the exe after FyneApp.toml's Name (dist/支部台账.exe); its Version also goes
# into main.version.
toml        = $(shell sed -nE 's/^[[:space:]]*$(1)[[:space:]]*=[[:space:]]*"(.*)"/\1/p' FyneApp.toml)
WIN_EXE     = $(call toml,Name).exe

# need installs the named Debian packages when any is missing (as root, or through sudo).
define need
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  s=; [ "$$(id -u)" = 0 ] || s=sudo; \
	  $$s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq $$missing >/dev/null; fi
endef

.PHONY: run build test lint bench windows deps clean

# staticcheck, pinned; go run builds it once into the module cache.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
deps:
	$(call need,$(APT_GUI))

run: deps
	$(GO) run ./cmd/branchledger $(ARGS)

build: deps
	$(GO) build -o dist/branchledger ./cmd/branchledger

lint: deps
	@unformatted=$$("$$($(GO) env GOROOT)/bin/gofmt" -l $$(git ls-files --cached --others --exclude-standard '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt -w these files:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Every test runs under the race detector: work comes back through fyne.Do from goroutines, and
# gui's tests look at the widgets only between those hand-overs (gui/helpers_test.go).
test: lint
	$(GO) test -count=1 -race ./...

# bench runs every benchmark and writes BENCHMARKS.md (internal/benchreport: budget, figure,
# machine, date); it ends with a line per benchmark over its budget. The raw output stays in
# dist/bench.txt. Timed runs are only ever here, never in make test.
bench: deps
	@mkdir -p dist
	$(GO) test -run '^$$' -bench . -benchmem -timeout 3h ./... 2>&1 | tee dist/bench.txt
	$(GO) run ./internal/benchreport -in dist/bench.txt -out BENCHMARKS.md

# windows cross-builds dist/支部台账.exe for 64-bit Windows 10/11: release mode, GUI subsystem,
# icon and version info from FyneApp.toml, main.version set to its Version. fyne package wants
# FyneApp.toml beside the main package, writes fyne.syso and fyne_metadata_init.go there and bumps
# Build on every run, so it works on a copy of the tree under dist/ and the repository stays
# untouched (the copy carries no VCS stamp: it may differ from any commit).
windows:
	$(call need,$(APT_WIN))
	@[ -x $(FYNE) ] || { echo "installing fyne.io/tools/cmd/fyne@$(FYNE_TOOLS)"; \
	  GOBIN=$(dir $(FYNE)) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS); }
	rm -rf $(WIN_STAGE) && mkdir -p $(WIN_STAGE)
	tar -c --exclude=./dist --exclude=./.git . | tar -x -C $(WIN_STAGE)
	sed -E 's#^([[:space:]]*Icon[[:space:]]*=[[:space:]]*")#\1../../#' FyneApp.toml >$(WIN_STAGE)/cmd/branchledger/FyneApp.toml
	cd $(WIN_STAGE)/cmd/branchledger && rm -f *.exe && \
	  GO=$(GO) CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
	  GOFLAGS="$$($(GO) env GOFLAGS) -buildvcs=false -ldflags=-X=main.version=$(call toml,Version)" \
	  $(FYNE) package --target windows --release
	mv -f "$(WIN_STAGE)/cmd/branchledger/$(WIN_EXE)" dist/
	rm -rf $(WIN_STAGE)
	@# The exe must need only Windows' own DLLs, never mingw's runtime DLLs.
	@x86_64-w64-mingw32-objdump -p "dist/$(WIN_EXE)" | sed -n 's/^[[:space:]]*DLL Name: /imports: /p' | sort -u
	@! x86_64-w64-mingw32-objdump -p "dist/$(WIN_EXE)" | grep -iE 'DLL Name: lib(winpthread|gcc|stdc)'
	@ls -l "dist/$(WIN_EXE)"

clean:
	rm -rf dist
