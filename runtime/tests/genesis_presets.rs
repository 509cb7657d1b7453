//! The genesis presets build, and hold the authorities, sudo key and endowments they promise.

use bulwark_runtime::{
	genesis_config_presets::{dev_accounts, get_preset, preset_names, ENDOWMENT},
	Balances, Grandpa, Runtime, RuntimeGenesisConfig, EXISTENTIAL_DEPOSIT,
};
use frame_support::traits::fungible::Inspect;
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
			// Free plus held: Alice's self-bond and Bob's delegation stay in their accounts.
			assert_eq!(Balances::total_balance(&account), ENDOWMENT);
		}
		// The restaking reward pot holds the existential deposit.
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			ENDOWMENT * dev_accounts().len() as u128 + EXISTENTIAL_DEPOSIT
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

#[test]
fn both_presets_make_alice_an_operator_with_a_delegation_from_bob() {
	use bulwark_runtime::genesis_config_presets::{DEMO_DELEGATION, OPERATOR_SELF_BOND};
	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		build(preset).execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			let bob = Sr25519Keyring::Bob.to_account_id();
			let pool = bulwark_runtime::Restaking::pool_view(&alice).expect("Alice is an operator");
			assert_eq!(pool.stake, OPERATOR_SELF_BOND + DEMO_DELEGATION);
			assert_eq!(pool.status, bulwark_primitives::OperatorStatus::Active);
			let delegation =
				bulwark_runtime::Restaking::delegation_view(&bob, &alice).expect("Bob delegates");
			assert_eq!(delegation.value, DEMO_DELEGATION);
		});
	}
}

#[test]
fn on_the_dev_chain_an_unbonding_completes_in_minutes() {
	use bulwark_runtime::{
		configs::dynamic_params::restaking, Restaking, RuntimeOrigin, MILLISECS_PER_BLOCK,
	};
	use frame_support::traits::{Get, Hooks};
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		frame_system::Pallet::<Runtime>::set_block_number(1);
		Restaking::undelegate(
			RuntimeOrigin::signed(bob.clone()),
			alice.clone(),
			400 * bulwark_runtime::UNIT,
		)
		.expect("Bob undelegates");
		let mut block = 1;
		while Restaking::withdraw(RuntimeOrigin::signed(bob.clone()), alice.clone()).is_err() {
			block += 1;
			frame_system::Pallet::<Runtime>::set_block_number(block);
			Restaking::on_initialize(block);
			assert!(block < 10_000, "the unbonding never matured");
		}
		let expected = <restaking::EraLength as Get<u32>>::get()
			* <restaking::UnbondingEras as Get<u32>>::get();
		assert_eq!(block, expected);
		let minutes = u64::from(block) * MILLISECS_PER_BLOCK / 60_000;
		assert!(minutes <= 5, "an unbonding takes {minutes} minutes on the dev chain");
		assert_eq!(Balances::total_balance(&bob), ENDOWMENT);
		assert_eq!(
			Restaking::delegation_view(&bob, &alice).expect("still delegates").value,
			600 * bulwark_runtime::UNIT
		);
	});
}
