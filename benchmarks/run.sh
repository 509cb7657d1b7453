#!/usr/bin/env bash
# Generate the Bulwark pallets' weights on this machine, and the benchmark report of the issues.
#
#   bash benchmarks/run.sh                   # build the benchmarking node, write every weights.rs, save raw results
#   bash benchmarks/run.sh security-lease    # only the named groups: restaking, security-lease, slashing, parameters
#
# The node is built in release with `--features runtime-benchmarks`; the runtime WASM is executed compiled, as on
# a live chain. The CLI's text output goes to benchmarks/results/<group>-run.txt and the report to
# <group>-report.md; the raw JSON (hundreds of MB with the 100,000-delegator cases) is kept out of the repository,
# in $BENCH_JSON_DIR (default: $CARGO_TARGET_DIR/bench-json).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/bulwark-target}"

STEPS="${STEPS:-5}"
REPEAT="${REPEAT:-10}"

# The storage benchmark's test runtime is not needed for `benchmark pallet`, and its WASM does not build from a
# workspace other than polkadot-sdk's.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build --locked --release -p bulwark-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/bulwark-node"
mkdir -p benchmarks/results
json_dir="${BENCH_JSON_DIR:-$CARGO_TARGET_DIR/bench-json}"
mkdir -p "$json_dir"

common=(--chain dev --extrinsic '*' --wasm-execution compiled --steps "$STEPS" --repeat "$REPEAT" --heap-pages 4096)

# The runtime's MaxConsumersPerBlock, for the report of era processing.
consumers_per_block() {
	grep -o 'type MaxConsumersPerBlock = ConstU32<[0-9_]*>' runtime/src/configs/mod.rs | grep -o '[0-9_]*>' | tr -d '_>'
}

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(restaking security-lease slashing parameters)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for group in "${groups[@]}"; do
	case "$group" in
	restaking)
		# Balances in the same run, so that transfer_keep_alive is measured beside the restaking calls.
		"$node" benchmark pallet "${common[@]}" --pallets pallet_balances,pallet_restaking \
			--template benchmarks/pallet-weight-template.hbs --output "$out" \
			--json-file "$json_dir/restaking-run.json" | tee benchmarks/results/restaking-run.txt
		cp "$out/pallet_restaking.rs" pallets/restaking/src/weights.rs
		python3 benchmarks/report.py "$json_dir/restaking-run.json" \
			transfer_keep_alive delegate undelegate claim_rewards slash | tee benchmarks/results/restaking-report.md
		;;
	security-lease)
		"$node" benchmark pallet "${common[@]}" --pallets pallet_balances,pallet_security_lease \
			--template benchmarks/pallet-weight-template.hbs --output "$out" \
			--json-file "$json_dir/security-lease-run.json" | tee benchmarks/results/security-lease-run.txt
		cp "$out/pallet_security_lease.rs" pallets/security-lease/src/weights.rs
		python3 benchmarks/report.py "$json_dir/security-lease-run.json" \
			--consumers-per-block "$(consumers_per_block)" |
			tee benchmarks/results/security-lease-report.md
		;;
	slashing)
		# Balances in the same run, so that transfer_keep_alive is measured beside the slash of an operator with
		# 100,000 delegators.
		"$node" benchmark pallet "${common[@]}" --pallets pallet_balances,pallet_slashing \
			--template benchmarks/pallet-weight-template.hbs --output "$out" \
			--json-file "$json_dir/slashing-run.json" | tee benchmarks/results/slashing-run.txt
		cp "$out/pallet_slashing.rs" pallets/slashing/src/weights.rs
		python3 benchmarks/report.py "$json_dir/slashing-run.json" | tee benchmarks/results/slashing-report.md
		;;
	parameters)
		mkdir -p runtime/src/weights
		"$node" benchmark pallet "${common[@]}" --pallets pallet_parameters \
			--output runtime/src/weights/pallet_parameters.rs | tee benchmarks/results/parameters-run.txt
		;;
	*)
		echo "unknown benchmark group: $group" >&2
		exit 1
		;;
	esac
done
