//! What the runtime's integration tests share: genesis state built from a preset, and blocks run through the
//! pallets' hooks.

use bulwark_runtime::{genesis_config_presets::get_preset, Runtime, RuntimeGenesisConfig};
use sp_genesis_builder::PresetId;

/// Builds the genesis state of `preset` the way the node does: the preset's patch merged over the default
/// genesis config with `sc_chain_spec`'s merge.
pub fn build(preset: &str) -> sp_io::TestExternalities {
	let patch = get_preset(&PresetId::from(preset)).expect("preset exists");
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("a preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	sc_chain_spec::json_merge(&mut config, patch);
	let config = serde_json::to_vec(&config).expect("serializes");
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
			.expect("genesis builds")
	});
	ext
}

/// Enter `block` and run every pallet's `on_initialize`, as the executive does.
pub fn run_hooks_of(block: u32) {
	use frame_support::traits::OnInitialize;
	frame_system::Pallet::<Runtime>::set_block_number(block);
	<bulwark_runtime::AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(block);
}
