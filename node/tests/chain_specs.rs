//! The committed chain specs in `chain-specs/` must be exactly what the node generates from the runtime's
//! presets today. Regenerate them with `chain-specs/generate.sh`.

mod common;

use std::{path::Path, process::Command};

fn generated(chain: &str) -> String {
	let output = Command::new(common::NODE)
		.args(["build-spec", "--chain", chain, "--disable-default-bootnode"])
		.output()
		.expect("the node binary runs");
	assert!(
		output.status.success(),
		"build-spec --chain {chain} failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8(output.stdout).expect("the spec is UTF-8")
}

fn assert_committed_spec_is_current(chain: &str, file: &str) {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(file);
	let committed = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
	let generated = generated(chain);
	let parse = |json: &str| -> serde_json::Value {
		serde_json::from_str(json).expect("a chain spec is JSON")
	};
	let (committed, generated) = (parse(&committed), parse(&generated));

	// Name the fields that differ, so that a stale spec is easy to diagnose without a 1 MB diff.
	let differing: Vec<String> = ["name", "id", "chainType", "bootNodes", "properties", "genesis"]
		.iter()
		.filter(|key| committed.get(**key) != generated.get(**key))
		.map(|key| key.to_string())
		.collect();
	assert!(
		committed == generated,
		"chain-specs/{file} is stale (differing fields: {differing:?}); regenerate it with \
		 chain-specs/generate.sh"
	);
}

#[test]
fn committed_dev_spec_matches_the_runtime() {
	assert_committed_spec_is_current("dev", "dev.json");
}

#[test]
fn committed_local_spec_matches_the_runtime() {
	assert_committed_spec_is_current("local", "local.json");
}
