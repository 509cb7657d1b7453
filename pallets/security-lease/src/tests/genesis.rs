use crate::{
	mock::*, Assignments, ConsumerKey, Consumers, Escrow, GenesisConfig, LeaseStatus, LeaseTerms,
	Leases, OperatorKeys,
};
use frame_support::traits::{fungible::Inspect, BuildGenesisConfig};
use sp_core::H256;
use sp_runtime::Perbill;

fn demo_terms() -> LeaseTerms<Balance> {
	LeaseTerms {
		security: 1_000,
		min_operators: 1,
		max_operators: 4,
		duration_eras: 10,
		max_price_per_era: 10,
		auto_renew: true,
	}
}

#[test]
fn genesis_starts_a_consumer_with_an_active_lease_and_keys_in_force() {
	ExtBuilder.build_and_execute(|| {
		set_stake(OP_A, 0, 600);
		set_stake(OP_B, 0, 600);
		let key_a = ConsumerKey::Ed25519([1; 32]);
		GenesisConfig::<Test> {
			consumers: vec![(MANAGER, b"demo".to_vec(), H256::repeat_byte(9), 5_000)],
			leases: vec![(0, demo_terms(), 500)],
			keys: vec![(0, OP_A, key_a), (0, OP_B, ConsumerKey::Sr25519([2; 32]))],
		}
		.build();

		let info = Consumers::<Test>::get(0).expect("registered at genesis");
		assert_eq!((info.manager, info.value_at_risk), (MANAGER, 5_000));
		assert_eq!(OperatorKeys::<Test>::get(0, OP_A).expect("keyed").at(0), Some(&key_a));
		let lease = Leases::<Test>::get(0).expect("leased at genesis");
		assert_eq!(lease.status, LeaseStatus::Active);
		let assignment = Assignments::<Test>::get(0).expect("assigned for era 0");
		assert_eq!(assignment.era, 0);
		assert_eq!(assignment.security, 1_200);
		assert_eq!(Escrow::<Test>::get(0).deposited, 500);
		assert_eq!(Balances::balance(&SecurityLease::escrow_account(0)), 500);
	});
}

#[test]
fn genesis_endows_the_treasury_account() {
	ExtBuilder.build_and_execute(|| {
		let treasury = Treasury::get();
		let balance = Balances::balance(&treasury);
		assert_ok_transfer_all_away(treasury, balance);
		assert_eq!(Balances::balance(&treasury), 0);
		GenesisConfig::<Test>::default().build();
		assert_eq!(Balances::balance(&treasury), ExistentialDeposit::get());
	});
}

fn assert_ok_transfer_all_away(who: AccountId, amount: Balance) {
	use frame_support::traits::{fungible::Mutate, tokens::Preservation};
	frame_support::assert_ok!(Balances::transfer(
		&who,
		&STRANGER,
		amount,
		Preservation::Expendable
	));
}

#[test]
#[should_panic(expected = "genesis lease of unknown consumer 3")]
fn genesis_lease_of_an_unknown_consumer_is_refused() {
	ExtBuilder.build().execute_with(|| {
		GenesisConfig::<Test> {
			consumers: vec![],
			leases: vec![(3, demo_terms(), 500)],
			keys: vec![],
		}
		.build();
	});
}

#[test]
fn views_show_the_quote_the_lease_its_assignment_and_the_cost_of_corruption() {
	ExtBuilder.build_and_execute(|| {
		for (operator, stake) in [(OP_A, 500), (OP_B, 300), (OP_C, 200)] {
			set_stake(operator, 0, stake);
		}
		GenesisConfig::<Test> {
			consumers: vec![(MANAGER, b"demo".to_vec(), H256::repeat_byte(9), 70)],
			leases: vec![(0, demo_terms(), 505)],
			keys: vec![
				(0, OP_A, ConsumerKey::Ed25519([1; 32])),
				(0, OP_B, ConsumerKey::Ed25519([2; 32])),
				(0, OP_C, ConsumerKey::Ed25519([3; 32])),
			],
		}
		.build();

		// 1,000 x 1/1,000 x multiplier 1.
		assert_eq!(SecurityLease::quote_terms(&demo_terms()), Some(1));
		assert_eq!(
			SecurityLease::quote_terms(&LeaseTerms { min_operators: 0, ..demo_terms() }),
			None
		);

		let view = SecurityLease::lease_view(0).expect("leased");
		assert_eq!(view.lease.status, LeaseStatus::Active);
		// The escrow keeps the existential deposit and the fee of era 0, reserved at genesis.
		assert_eq!(view.lease.reserved, Some((0, 1)));
		assert_eq!(view.escrow_available, 499);
		assert_eq!(view.eras_covered, 499);
		assert!(!view.under_served);
		assert_eq!((view.counted_operators, view.counted_security), (3, 1_000));
		assert_eq!(SecurityLease::lease_view(1), None);

		// A's 500 is exactly half of the total, the most MaxOperatorShare lets one operator count for.
		let assignment = SecurityLease::assignment_view(0).expect("assigned");
		assert_eq!((assignment.era, assignment.security), (0, 1_000));
		assert_eq!(assignment.operators, vec![(OP_A, 500), (OP_B, 300), (OP_C, 200)]);

		// Two thirds of 1,000 is 667: A and B (800) are the smallest set that reaches it, and an equivocation
		// costs them 10% of it.
		let corruption = SecurityLease::corruption_view(0).expect("registered");
		assert_eq!(corruption.value_at_risk, 70);
		assert_eq!(corruption.assigned_security, 1_000);
		assert_eq!(corruption.corrupting_stake, 800);
		assert_eq!(corruption.slash_fraction, Perbill::from_percent(10));
		assert_eq!(corruption.cost_of_corruption, 80);
		assert!(corruption.covered);
		assert_eq!(SecurityLease::corruption_view(1), None);

		// At 5% the same set loses 40, less than the value at risk.
		set_equivocation_fraction(Perbill::from_percent(5));
		let corruption = SecurityLease::corruption_view(0).expect("registered");
		assert_eq!((corruption.corrupting_stake, corruption.cost_of_corruption), (800, 40));
		assert!(!corruption.covered);

		// With no slashing, corruption costs nothing.
		set_equivocation_fraction(Perbill::zero());
		let corruption = SecurityLease::corruption_view(0).expect("registered");
		assert_eq!(corruption.cost_of_corruption, 0);
		assert!(!corruption.covered);

		// With A suspended, B and C (500) must both sign: two thirds of 500 is 334.
		set_equivocation_fraction(Perbill::from_percent(10));
		set_status(OP_A, bulwark_primitives::OperatorStatus::Suspended);
		let corruption = SecurityLease::corruption_view(0).expect("registered");
		assert_eq!(corruption.assigned_security, 1_000);
		assert_eq!((corruption.corrupting_stake, corruption.cost_of_corruption), (500, 50));
		assert!(!corruption.covered);
	});
}
