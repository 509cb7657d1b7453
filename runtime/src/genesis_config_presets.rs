//! Genesis presets: named genesis configurations the node turns into chain specs.
//!
//! - `development` ([`sp_genesis_builder::DEV_RUNTIME_PRESET`]): Alice is the single block author and GRANDPA
//!   voter and the sudo key; the well-known dev accounts are endowed.
//! - `local_testnet` ([`sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET`]): Alice and Bob are authorities,
//!   so a two-node network is needed to finalize.

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, SudoConfig, UNIT};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each endowed account holds at genesis.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// The genesis of a test network: its authorities, endowed accounts and sudo key.
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities
				.iter()
				.map(|(aura, _)| aura.clone())
				.collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The keys of a well-known dev authority.
fn authority_keys(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

/// The well-known dev accounts (Alice .. Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The `development` preset: Alice alone authors and finalizes.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice and Bob author and finalize.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of the preset named `id`, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	// Serializing a `serde_json::Value` cannot fail.
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Builds the genesis state of `preset` the way the node does: the preset's patch merged over the
	/// default genesis config.
	fn build(preset: &str) -> sp_io::TestExternalities {
		let patch: Value =
			serde_json::from_slice(&get_preset(&PresetId::from(preset)).expect("preset exists"))
				.expect("a preset is JSON");
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
		merge(&mut config, patch);
		let config = serde_json::to_vec(&config).expect("serializes");
		let mut ext = sp_io::TestExternalities::default();
		ext.execute_with(|| {
			frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
				.expect("genesis builds")
		});
		ext
	}

	/// RFC 7386 merge, as the node applies a preset patch.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	#[test]
	fn every_listed_preset_builds_and_unknown_ones_do_not_exist() {
		for name in preset_names() {
			let name = core::str::from_utf8(name.as_ref()).expect("utf8").to_owned();
			build(&name);
		}
		assert!(get_preset(&PresetId::from("no_such_preset")).is_none());
	}

	#[test]
	fn development_has_alice_as_sole_authority_and_sudo_and_endows_dev_accounts() {
		build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
			let authorities = pallet_aura::Authorities::<crate::Runtime>::get();
			assert_eq!(
				authorities.into_inner(),
				vec![AuraId::from(Sr25519Keyring::Alice.public())]
			);
			assert_eq!(
				crate::Grandpa::grandpa_authorities(),
				vec![(GrandpaId::from(Ed25519Keyring::Alice.public()), 1)]
			);
			assert_eq!(
				pallet_sudo::Key::<crate::Runtime>::get(),
				Some(Sr25519Keyring::Alice.to_account_id())
			);
			for account in dev_accounts() {
				assert_eq!(crate::Balances::free_balance(&account), ENDOWMENT);
			}
			assert_eq!(
				pallet_balances::TotalIssuance::<crate::Runtime>::get(),
				ENDOWMENT * dev_accounts().len() as u128
			);
		});
	}

	#[test]
	fn local_testnet_has_alice_and_bob_as_authorities() {
		build(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
			let authorities = pallet_aura::Authorities::<crate::Runtime>::get();
			assert_eq!(
				authorities.into_inner(),
				vec![
					AuraId::from(Sr25519Keyring::Alice.public()),
					AuraId::from(Sr25519Keyring::Bob.public())
				]
			);
			assert_eq!(crate::Grandpa::grandpa_authorities().len(), 2);
		});
	}
}
