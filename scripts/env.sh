# Sourced by the other scripts: PATH and settings that keep builds offline.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
