//! The genesis presets build, and hold the authorities, sudo key and endowments they promise.

use bulwark_runtime::{
	genesis_config_presets::{dev_accounts, get_preset, preset_names, DEMO_ESCROW, ENDOWMENT},
	Balances, Grandpa, Runtime, EXISTENTIAL_DEPOSIT,
};
use frame_support::traits::fungible::Inspect;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

mod common;
use common::{build, run_hooks_of};

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
		let dave = Sr25519Keyring::Dave.to_account_id();
		for account in dev_accounts() {
			// Free plus held: Alice's self-bond and Bob's delegation stay in their accounts; Dave paid the demo
			// consumer's escrow.
			let paid = if account == dave { DEMO_ESCROW } else { 0 };
			assert_eq!(Balances::total_balance(&account), ENDOWMENT - paid);
		}
		// The restaking reward pot, the treasury account and the slashing pot hold the existential deposit.
		assert_eq!(
			pallet_balances::TotalIssuance::<Runtime>::get(),
			ENDOWMENT * dev_accounts().len() as u128 + 3 * EXISTENTIAL_DEPOSIT
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
	use frame_support::traits::Get;
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
			run_hooks_of(block);
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

#[test]
fn both_presets_start_the_demo_consumer_with_an_active_lease_served_by_alice() {
	use bulwark_runtime::genesis_config_presets::{
		DEMO_DELEGATION, DEMO_SECURITY, DEMO_VALUE_AT_RISK, OPERATOR_SELF_BOND,
	};
	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		build(preset).execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			let lease =
				bulwark_runtime::SecurityLease::lease_view(0).expect("the demo consumer leases");
			assert_eq!(lease.lease.status, pallet_security_lease::LeaseStatus::Active);
			assert_eq!(lease.lease.terms.security, DEMO_SECURITY);
			let assignment =
				bulwark_runtime::SecurityLease::assignment_view(0).expect("assigned at genesis");
			// Half of Alice's pool is allocated to the consumer.
			assert_eq!(assignment.era, 0);
			assert_eq!(
				assignment.operators,
				vec![(alice, (OPERATOR_SELF_BOND + DEMO_DELEGATION) / 2)]
			);
			let corruption =
				bulwark_runtime::SecurityLease::corruption_view(0).expect("registered");
			// Alice alone can finalize; an equivocation would cost her 10% of what she counts for.
			assert_eq!(corruption.value_at_risk, DEMO_VALUE_AT_RISK);
			assert_eq!(corruption.corrupting_stake, (OPERATOR_SELF_BOND + DEMO_DELEGATION) / 2);
			assert_eq!(corruption.slash_fraction, sp_runtime::Perbill::from_percent(10));
			assert_eq!(corruption.cost_of_corruption, (OPERATOR_SELF_BOND + DEMO_DELEGATION) / 20);
			assert!(corruption.covered);
		});
	}
}

#[test]
fn on_the_dev_chain_the_demo_lease_pays_alice_and_the_treasury_for_each_era_served() {
	use bulwark_runtime::{configs::TreasuryAccount, RuntimeEvent, RuntimeOrigin, SecurityLease};
	use sp_core::Pair;
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let price = SecurityLease::lease_view(0).expect("leased").lease.price_per_era;
		// 5,000 BWK of security at 1/100,000 per era.
		assert_eq!(price, 50 * bulwark_runtime::MILLI_UNIT);
		// Era 0 is paid at genesis; Alice serves it by making a head final.
		let head = sp_core::H256::repeat_byte(7);
		let payload = SecurityLease::signing_payload(0, 0, 1, head).expect("registered");
		let signature = pallet_security_lease::ConsumerSignature::Ed25519(
			Ed25519Keyring::Alice.pair().sign(&payload).0,
		);
		frame_support::assert_ok!(SecurityLease::attest(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			0,
			1,
			head,
			signature
		));
		let treasury = TreasuryAccount::get();
		let before = Balances::total_balance(&treasury);
		let mut block = 0;
		while pallet_security_lease::Escrow::<Runtime>::get(0).paid == 0 {
			block += 1;
			run_hooks_of(block);
			assert!(block < 100, "the demo lease never paid");
		}
		assert_eq!(pallet_security_lease::Escrow::<Runtime>::get(0).paid, price);
		assert_eq!(Balances::total_balance(&treasury) - before, price / 10);
		let paid = frame_system::Pallet::<Runtime>::events().into_iter().any(|record| {
			matches!(
				record.event,
				RuntimeEvent::SecurityLease(pallet_security_lease::Event::LeasePaid { consumer: 0, era: 0, amount, .. })
					if amount == price
			)
		});
		assert!(paid, "LeasePaid for era 0");
		let assignment = SecurityLease::assignment_view(0).expect("assigned");
		assert_eq!(assignment.era, 1);
	});
}
