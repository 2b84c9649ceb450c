# ispo-board — `make run` serves the app on SQLite with the demo board; `make test` runs
# every test. Both install what a fresh machine lacks first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.11
WASM_BINDGEN_VERSION := 0.2.130
# wasm-opt (Binaryen, from the npm registry), installed where cargo-leptos finds it on any
# PATH that has cargo: release builds optimise the WebAssembly with it, and cargo-leptos
# would otherwise try to download it from GitHub.
BINARYEN_VERSION := 132.0.0
BINARYEN_HOME := $(HOME)/.cargo/binaryen-$(BINARYEN_VERSION)
OPENAPI_VALIDATOR_VERSION := 0.9.0
# Plain cargo commands get their own target folder: cargo-leptos builds with other flags.
TEST_TARGET := target/test
WASM_CHECK_TARGET := target/clippy-wasm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test setup setup-rust setup-node setup-browser build release lint test-rust test-openapi test-e2e bench bench-browser soak bench-live clean-data

## Build and serve the app at http://127.0.0.1:3000 (SQLite under ./data/, demo board when empty).
run: setup build
	./target/debug/ispo-board seed-demo
	./target/debug/ispo-board serve

## Run every test: formatting, lints, unit, store/HTTP (SQLite and PostgreSQL), the API's
## OpenAPI document, browser.
test: setup setup-browser lint test-rust build test-openapi test-e2e

setup: setup-rust setup-node

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@cargo leptos --version >/dev/null 2>&1 || { \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 16 minutes, once)…"; \
	  cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --ignore-rust-version; }
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || { \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 2 minutes, once)…"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; }
	@[ -x $(BINARYEN_HOME)/node_modules/.bin/wasm-opt ] || { \
	  echo "Installing wasm-opt (Binaryen $(BINARYEN_VERSION))…"; \
	  npm install --prefix $(BINARYEN_HOME) --no-audit --no-fund --no-save binaryen@$(BINARYEN_VERSION) >/dev/null; }
	@ln -sf $(BINARYEN_HOME)/node_modules/.bin/wasm-opt $(HOME)/.cargo/bin/wasm-opt

setup-node:
	@[ -x end2end/node_modules/.bin/playwright ] && [ -x end2end/node_modules/.bin/wasm-opt ] \
	  && [ -d end2end/node_modules/@axe-core/playwright ] \
	  || (cd end2end && npm ci --no-audit --no-fund)

setup-browser:
	@[ -x /usr/bin/chromium ] || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## Debug build of the server and the WebAssembly front end (into target/debug and target/site).
build: setup
	cargo leptos build

## Optimised build, with the front end's files also written brotli- and gzip-compressed
## (served as such to browsers that accept them); prints the front end's size. The gzip
## copies are written again at gzip's best level: cargo-leptos writes them at a faster one
## (the WebAssembly's 688 KB instead of 581 KB).
release: setup
	cargo leptos build --release --precompress
	@for f in target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css; do \
	  gzip -9 -n -c "$$f" > "$$f.gz"; touch -r "$$f" "$$f.gz"; done
	@ls -l target/site/pkg/

lint:
	cargo fmt --all --check
	cargo clippy --target-dir $(TEST_TARGET) -p app -p server -p migrations --features app/ssr --all-targets -- -D warnings
	cargo clippy --target-dir $(WASM_CHECK_TARGET) -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

## Domain unit tests, then store, HTTP and command-line tests on SQLite and PostgreSQL.
test-rust:
	@skip=""; \
	if ! .ci/postgres-ready; then \
	  if [ "$${CI:-}" = true ]; then echo "PostgreSQL is required in CI and is not reachable" >&2; exit 1; fi; \
	  echo "!! PostgreSQL is not reachable at 127.0.0.1:5432: the PostgreSQL tests are NOT RUN (reported as filtered out)." >&2; \
	  skip="--skip ::postgres"; \
	fi; \
	cargo test --target-dir $(TEST_TARGET) -p app -p server -p migrations --features app/ssr -- $$skip

## The JSON API's OpenAPI document, as the built server prints it, validated against the
## OpenAPI 3.1 schema by openapi-spec-validator (from PyPI, in a virtualenv under target/).
test-openapi:
	@[ -x target/py/bin/openapi-spec-validator ] || { \
	  python3 -m venv target/py && \
	  target/py/bin/pip install -q openapi-spec-validator==$(OPENAPI_VALIDATOR_VERSION); }
	./target/debug/ispo-board openapi > target/openapi.json
	target/py/bin/openapi-spec-validator target/openapi.json

## Browser journeys in headless Chromium against the debug build.
test-e2e:
	cd end2end && npx playwright test

## One table of figures of the optimised build: start-up, memory, the board page at 100,
## 1,000 and 10,000 cards against the same bytes served as a file, the board API, card
## create and move under 50 clients on SQLite and PostgreSQL, front-end bytes per page,
## catalogue search at 10,000 solutions. Asserts nothing (about 10 minutes).
bench: release
	BENCH_BIN=$(CURDIR)/target/release/ispo-board \
	  cargo bench --target-dir $(TEST_TARGET) -p server --bench perf

## Ten minutes of mixed reads, writes, sign-ins and live streams against an optimised
## build: prints errors (must be 0), p50/p99 per kind of request and memory (must be flat).
soak:
	cargo bench --target-dir $(TEST_TARGET) -p server --bench soak

## Time from a move in one browser to its appearance in another (20 moves; debug build).
bench-live: setup setup-browser build
	cd end2end && npx playwright test --config playwright.bench.config.ts bench/live-latency.spec.ts

## In Chromium, against the optimised build: Largest Contentful Paint and time to
## interactive of the board (100 and 1,000 cards) and the catalogue, on loopback and on a
## simulated slow phone, and a keyboard move's redraw on the 1,000-card board.
bench-browser: release setup-browser
	cd end2end && E2E_BIN=$(CURDIR)/target/release/ispo-board \
	  npx playwright test --config playwright.bench.config.ts bench/page-speed.spec.ts

## Forget the local SQLite database used by `make run`.
clean-data:
	rm -rf data
