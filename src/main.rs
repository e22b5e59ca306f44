//! Entry point of the wasm bundle.

fn main() {
    storefront::start();
}
