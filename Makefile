# 支部台账 — build, run and test on Debian. Every target installs the Debian packages it needs.
GO      ?= go
APT_GUI := gcc libgl1-mesa-dev xorg-dev
APT_WIN := gcc-mingw-w64-x86-64

# need installs the named Debian packages when any is missing (as root, or through sudo).
define need
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  s=; [ "$$(id -u)" = 0 ] || s=sudo; \
	  $$s apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$s apt-get install -y -qq $$missing >/dev/null; fi
endef

.PHONY: run build test bench windows deps clean

deps:
	$(call need,$(APT_GUI))

run: deps
	$(GO) run ./cmd/branchledger $(ARGS)

build: deps
	$(GO) build -o dist/branchledger ./cmd/branchledger

test: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf dist
