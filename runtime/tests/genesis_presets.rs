//! The genesis presets build, and hold the authorities, sudo key and endowments they promise.

use bulwark_runtime::{
	genesis_config_presets::{dev_accounts, get_preset, preset_names, ENDOWMENT},
	Balances, Grandpa, Runtime, RuntimeGenesisConfig,
};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Builds the genesis state of `preset` the way the node does: the preset's patch merged over the default
/// genesis config with `sc_chain_spec`'s merge.
fn build(preset: &str) -> sp_io::TestExternalities {
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

#[test]
fn every_listed_preset_builds_and_unknown_ones_do_not_exist() {
	for name in preset_names() {
		build(core::str::from_utf8(name.as_ref()).expect("preset names are UTF-8"));
	}
	assert!(get_preset(&PresetId::from("no_such_preset")).is_none());
}

#[test]
fn development_has_alice_as_sole_authority_and_sudo_and_endows_dev_accounts() {
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let authorities = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(authorities.into_inner(), vec![AuraId::from(Sr25519Keyring::Alice.public())]);
		assert_eq!(
			Grandpa::grandpa_authorities(),
			vec![(GrandpaId::from(Ed25519Keyring::Alice.public()), 1)]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Sr25519Keyring::Alice.to_account_id()));
		for account in dev_accounts() {
			assert_eq!(Balances::free_balance(&account), ENDOWMENT);
		}
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			ENDOWMENT * dev_accounts().len() as u128
		);
	});
}

#[test]
fn local_testnet_has_alice_and_bob_as_authorities() {
	build(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let authorities = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(
			authorities.into_inner(),
			vec![
				AuraId::from(Sr25519Keyring::Alice.public()),
				AuraId::from(Sr25519Keyring::Bob.public())
			]
		);
		assert_eq!(Grandpa::grandpa_authorities().len(), 2);
	});
}
