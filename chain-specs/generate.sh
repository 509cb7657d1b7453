#!/usr/bin/env bash
# Regenerates the committed chain specs from the runtime's genesis presets, with the node itself.
# Usage: chain-specs/generate.sh   (builds the node first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -p bulwark-node
node="${CARGO_TARGET_DIR:-target}/debug/bulwark-node"
for chain in dev local; do
	"$node" build-spec --chain "$chain" --disable-default-bootnode > "chain-specs/$chain.json"
	echo "chain-specs/$chain.json regenerated"
done
