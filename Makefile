# The two commands: `make run` serves the whole app, `make test` runs every test.
.PHONY: run test setup build fmt bench

run:
	scripts/run.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh --test

build:
	scripts/setup.sh
	scripts/build.sh

fmt:
	cargo fmt --all

# Search/listing figures on 10,000 products (backend p50/p95/p99, keystroke->render, scrolling).
bench:
	scripts/setup.sh --test
	scripts/build.sh
	. scripts/env.sh && node scripts/bench-search.mjs
