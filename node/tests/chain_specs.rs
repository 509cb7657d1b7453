//! The committed chain specs in `chain-specs/` must match what the node generates from the runtime today.
//! Regenerate them with `chain-specs/generate.sh`.
//!
//! Everything but the runtime's WASM is compared exactly. The WASM itself is not byte-for-byte reproducible
//! across checkouts (cargo mixes the absolute path of the runtime crate into symbol hashes), so for the code the
//! test compares the runtime's identity as embedded in the WASM: its `runtime_version` (spec name and version,
//! transaction version, ...) and `runtime_apis` sections (the latter as a set: the linker orders it differently
//! in different checkouts). Every change of runtime logic bumps `spec_version`,
//! and so is caught.

mod common;

use std::{path::Path, process::Command};

use serde_json::Value;

fn generated(chain: &str) -> Value {
	let output = Command::new(common::NODE)
		.args(["build-spec", "--chain", chain, "--disable-default-bootnode"])
		.output()
		.expect("the node binary runs");
	assert!(
		output.status.success(),
		"build-spec --chain {chain} failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	serde_json::from_slice(&output.stdout).expect("a chain spec is JSON")
}

/// Removes the runtime code from a spec and returns it as bytes.
fn take_code(spec: &mut Value) -> Vec<u8> {
	let code = spec
		.pointer_mut("/genesis/runtimeGenesis")
		.and_then(Value::as_object_mut)
		.and_then(|genesis| genesis.remove("code"))
		.expect("the spec has genesis.runtimeGenesis.code");
	let hex = code.as_str().and_then(|c| c.strip_prefix("0x")).expect("code is 0x-prefixed hex");
	(0..hex.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("code is hex"))
		.collect()
}

/// Reads an unsigned LEB128 number at `*pos`.
fn leb128(bytes: &[u8], pos: &mut usize) -> usize {
	let (mut value, mut shift) = (0usize, 0);
	loop {
		let byte = bytes[*pos];
		*pos += 1;
		value |= usize::from(byte & 0x7f) << shift;
		if byte & 0x80 == 0 {
			return value;
		}
		shift += 7;
	}
}

/// The contents of the WASM custom section `name`.
fn custom_section<'a>(wasm: &'a [u8], name: &str) -> &'a [u8] {
	assert!(wasm.starts_with(b"\0asm"), "the spec's code is an uncompressed WASM module");
	let mut pos = 8;
	while pos < wasm.len() {
		let id = wasm[pos];
		pos += 1;
		let size = leb128(wasm, &mut pos);
		let end = pos + size;
		if id == 0 {
			let mut name_pos = pos;
			let name_len = leb128(wasm, &mut name_pos);
			if &wasm[name_pos..name_pos + name_len] == name.as_bytes() {
				return &wasm[name_pos + name_len..end];
			}
		}
		pos = end;
	}
	panic!("the WASM has no `{name}` section")
}

/// Why `committed` no longer matches `generated`, or `None` if it does.
fn mismatch(mut committed: Value, mut generated: Value) -> Option<String> {
	let (committed_code, generated_code) = (take_code(&mut committed), take_code(&mut generated));
	let differing: Vec<&str> =
		["name", "id", "chainType", "bootNodes", "properties", "protocolId", "genesis"]
			.into_iter()
			.filter(|key| committed.get(*key) != generated.get(*key))
			.collect();
	if committed != generated {
		return Some(format!("differing fields: {differing:?}"));
	}
	["runtime_version", "runtime_apis"]
		.into_iter()
		.find(|section| {
			section_entries(&committed_code, section) != section_entries(&generated_code, section)
		})
		.map(|section| format!("the runtime has another `{section}`"))
}

/// The entries of a runtime section, in a canonical order. `runtime_apis` is a list of
/// `(api id: [u8; 8], version: u32)` whose order the linker does not keep stable across checkouts.
fn section_entries(wasm: &[u8], name: &str) -> Vec<Vec<u8>> {
	let section = custom_section(wasm, name);
	if name != "runtime_apis" {
		return vec![section.to_vec()];
	}
	let mut entries: Vec<Vec<u8>> = section.chunks(12).map(<[u8]>::to_vec).collect();
	entries.sort();
	entries
}

fn assert_committed_spec_is_current(chain: &str, file: &str) {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs").join(file);
	let committed = std::fs::read_to_string(&path)
		.unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
	let committed: Value = serde_json::from_str(&committed).expect("a chain spec is JSON");
	if let Some(why) = mismatch(committed, generated(chain)) {
		panic!("chain-specs/{file} is stale ({why}); regenerate it with chain-specs/generate.sh");
	}
}

#[test]
fn committed_dev_spec_matches_the_runtime() {
	assert_committed_spec_is_current("dev", "dev.json");
}

#[test]
fn committed_local_spec_matches_the_runtime() {
	assert_committed_spec_is_current("local", "local.json");
}

#[test]
fn stale_genesis_or_runtime_version_is_detected() {
	let spec = generated("dev");
	assert_eq!(mismatch(spec.clone(), spec.clone()), None);

	let mut other_genesis = spec.clone();
	other_genesis["name"] = Value::from("Another chain");
	assert_eq!(
		mismatch(other_genesis, spec.clone()),
		Some(r#"differing fields: ["name"]"#.to_string())
	);

	// A spec whose WASM carries another runtime version, as after a `spec_version` bump.
	let mut code = take_code(&mut spec.clone());
	let version = custom_section(&code, "runtime_version");
	let last_byte = version.as_ptr() as usize - code.as_ptr() as usize + version.len() - 1;
	code[last_byte] ^= 0xff;
	let hex: String = code.iter().map(|b| format!("{b:02x}")).collect();
	let mut other_version = spec.clone();
	other_version["genesis"]["runtimeGenesis"]["code"] = Value::from(format!("0x{hex}"));
	assert_eq!(
		mismatch(other_version, spec),
		Some("the runtime has another `runtime_version`".to_string())
	);
}
