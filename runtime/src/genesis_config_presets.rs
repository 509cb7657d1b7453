//! Genesis presets: named genesis configurations the node turns into chain specs.
//!
//! - `development` ([`sp_genesis_builder::DEV_RUNTIME_PRESET`]): Alice is the single block author and GRANDPA
//!   voter and the sudo key; the well-known dev accounts are endowed.
//! - `local_testnet` ([`sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET`]): Alice and Bob are authorities,
//!   so a two-node network is needed to finalize.
//!
//! In both, Alice is a restaking operator (10,000 BWK self-bond, 10% commission) with a 1,000 BWK delegation from
//! Bob, and allocates half of her pool to consumer 0, a demo consumer chain managed by Dave. Consumer 0 leases
//! 5,000 BWK of security from era 0 with 100 BWK in escrow; Alice attests its heads with her dev ed25519 key.

use crate::{
	AccountId, BalancesConfig, RestakingConfig, RuntimeGenesisConfig, SecurityLeaseConfig,
	SudoConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_security_lease::{ConsumerKey, LeaseTerms};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::H256;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;

/// What each endowed account holds at genesis.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// Self-bond of Alice, the demo operator of both presets.
pub const OPERATOR_SELF_BOND: crate::Balance = 10_000 * UNIT;

/// Bob's delegation to Alice in both presets.
pub const DEMO_DELEGATION: crate::Balance = 1_000 * UNIT;

/// Security the demo consumer leases.
pub const DEMO_SECURITY: crate::Balance = 5_000 * UNIT;

/// What the demo consumer declares at risk: below what an equivocation would cost the stake assigned to it.
pub const DEMO_VALUE_AT_RISK: crate::Balance = 500 * UNIT;

/// What the demo consumer's manager pays into its escrow at genesis.
pub const DEMO_ESCROW: crate::Balance = 100 * UNIT;

/// The demo consumer's lease: one to four operators, a thousand eras, renewing itself.
pub fn demo_lease_terms() -> LeaseTerms<crate::Balance> {
	LeaseTerms {
		security: DEMO_SECURITY,
		min_operators: 1,
		max_operators: 4,
		duration_eras: 1_000,
		max_price_per_era: UNIT,
		auto_renew: true,
	}
}

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
		restaking: RestakingConfig {
			operators: vec![(
				Sr25519Keyring::Alice.to_account_id(),
				OPERATOR_SELF_BOND,
				Perbill::from_percent(10)
			)],
			delegations: vec![(
				Sr25519Keyring::Bob.to_account_id(),
				Sr25519Keyring::Alice.to_account_id(),
				DEMO_DELEGATION
			)],
			allocations: vec![(
				Sr25519Keyring::Alice.to_account_id(),
				0,
				Perbill::from_percent(50)
			)],
		},
		security_lease: SecurityLeaseConfig {
			consumers: vec![(
				Sr25519Keyring::Dave.to_account_id(),
				b"Bulwark demo consumer".to_vec(),
				H256::repeat_byte(0xde),
				DEMO_VALUE_AT_RISK
			)],
			leases: vec![(0, demo_lease_terms(), DEMO_ESCROW)],
			keys: vec![(
				0,
				Sr25519Keyring::Alice.to_account_id(),
				ConsumerKey::Ed25519(Ed25519Keyring::Alice.public().0)
			)],
		},
	})
}

/// The keys of a well-known dev authority.
fn authority_keys(sr: Sr25519Keyring, ed: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(sr.public().into(), ed.public().into())
}

/// The well-known dev accounts (Alice .. Ferdie and their stashes), endowed by both presets.
pub fn dev_accounts() -> Vec<AccountId> {
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
