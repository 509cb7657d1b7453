//! Slashing in the composed runtime, on the dev preset: a governance fault of Alice is reported, the view predicts
//! what it takes and what her delegator Bob loses, the hooks apply it when due, and Bob's settlement routes the money.

mod common;
use common::{build, run_hooks_of};

use bulwark_primitives::{OperatorStatus, StakeProvider};
use bulwark_runtime::{
	configs::{dynamic_params::restaking::EraLength, TreasuryAccount},
	genesis_config_presets::{DEMO_DELEGATION, OPERATOR_SELF_BOND},
	Balances, Restaking, Runtime, RuntimeOrigin, SecurityLease, Slashing, UNIT,
};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

#[test]
fn a_governance_fault_is_predicted_applied_when_due_and_routed_as_it_is_realised() {
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		run_hooks_of(1);
		assert_ok!(Slashing::report_governance_fault(
			RuntimeOrigin::root(),
			alice.clone(),
			0,
			0,
			H256::repeat_byte(1)
		));
		assert_eq!(Restaking::operator_status(&alice), Some(OperatorStatus::Suspended));

		// Alice's pool of 11,000 BWK is half allocated to the demo consumer; a governance fault takes 5% of
		// that: 275 BWK, of which Bob's 1,000 BWK bear 25.
		let pool = OPERATOR_SELF_BOND + DEMO_DELEGATION;
		assert_eq!(pool, 11_000 * UNIT);
		let views = Slashing::pending_slashes(&alice, Some(&bob));
		assert_eq!(views.len(), 1);
		assert_eq!((views[0].amount, views[0].delegator_loss), (275 * UNIT, 25 * UNIT));

		// The slash is due two eras on; the hooks apply it there and lift the suspension.
		let era_length: u32 = EraLength::get();
		let mut block = 1;
		while pallet_slashing::Slashes::<Runtime>::count() > 0 {
			block += 1;
			assert!(block <= 3 * era_length + 1, "the slash was not applied by era 2");
			run_hooks_of(block);
		}
		assert_eq!(pallet_restaking::CurrentEra::<Runtime>::get(), 2);
		assert_eq!(pallet_slashing::Totals::<Runtime>::get().slashed, 275 * UNIT);
		assert_eq!(Restaking::operator_status(&alice), Some(OperatorStatus::Active));

		// Anyone may settle Bob's delegation: 25 BWK leave his hold; with no reporter, 70% goes to the treasury,
		// the rest is burnt, and nothing reaches the consumer's escrow.
		let escrow = SecurityLease::escrow_account(0);
		let treasury = TreasuryAccount::get();
		let (bob_before, escrow_before, treasury_before) = (
			Balances::total_balance(&bob),
			Balances::balance(&escrow),
			Balances::balance(&treasury),
		);
		let issuance = Balances::total_issuance();
		assert_ok!(Restaking::settle(RuntimeOrigin::signed(charlie), bob.clone(), alice.clone()));
		assert_eq!(bob_before - Balances::total_balance(&bob), 25 * UNIT);
		assert_eq!(Balances::balance(&escrow), escrow_before);
		assert_eq!(Balances::balance(&treasury) - treasury_before, 25 * UNIT * 7 / 10);
		assert_eq!(issuance - Balances::total_issuance(), 25 * UNIT * 3 / 10);
		let totals = pallet_slashing::Totals::<Runtime>::get();
		assert_eq!((totals.routed, totals.outstanding), (25 * UNIT, 250 * UNIT));
	});
}
