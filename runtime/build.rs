//! Builds the runtime to WASM.
//!
//! The committed chain specs embed this WASM, so it must not depend on where the repository or the target
//! directory lives: local paths that rustc would embed in panic locations are remapped to fixed prefixes.

#[cfg(feature = "std")]
fn main() {
	use std::path::Path;

	let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
	let workspace_root = Path::new(&manifest_dir).parent().map(|p| p.display().to_string());
	let cargo_home = std::env::var("CARGO_HOME")
		.ok()
		.or_else(|| std::env::var("HOME").ok().map(|home| format!("{home}/.cargo")));
	// OUT_DIR is `<target>/<profile>/build/<crate>-<hash>/out`; the target directory is four levels up.
	let target_dir = std::env::var("OUT_DIR")
		.ok()
		.and_then(|out| Path::new(&out).ancestors().nth(4).map(|p| p.display().to_string()));

	let mut builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	// rustc applies the last matching remap: the target directory may lie inside the workspace.
	for (local, fixed) in
		[(workspace_root, "/bulwark"), (cargo_home, "/cargo"), (target_dir, "/target")]
	{
		if let Some(local) = local.filter(|p| !p.is_empty()) {
			builder = builder.append_to_rust_flags(format!("--remap-path-prefix={local}={fixed}"));
		}
	}
	builder.build();
}

/// The wasm builder is deactivated when compiling this crate for wasm to speed up the compilation.
#[cfg(not(feature = "std"))]
fn main() {}
