# The two commands: `make run` serves the whole app, `make test` runs every test.
.PHONY: run test setup build fmt bench-size

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
