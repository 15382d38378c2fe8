# Shared helpers for the scripts (sourced, not run).
FORMICA_TOOLS="${FORMICA_TOOLS:-$HOME/.cache/formica-tools}"
export FORMICA_TOOLS

# Prints the wasm-bindgen version Cargo.lock pins.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Puts the pinned wasm-bindgen, npm's wasm-opt and web-ext on PATH.
use_tools() {
  PATH="$FORMICA_TOOLS/wasm-bindgen-$(wasm_bindgen_version)/bin:$PWD/scripts/node_modules/.bin:$PATH"
  export PATH
}
