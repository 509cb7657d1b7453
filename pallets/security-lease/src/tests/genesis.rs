use crate::{
	mock::*, Assignments, ConsumerKey, Consumers, Escrow, GenesisConfig, LeaseStatus, LeaseTerms,
	Leases, OperatorKeys,
};
use frame_support::traits::{fungible::Inspect, BuildGenesisConfig};
use sp_core::H256;

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
	ExtBuilder::default().build_and_execute(|| {
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
		assert_eq!(OperatorKeys::<Test>::get(0, OP_A).expect("keyed").current, Some(key_a));
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
	ExtBuilder::default().build_and_execute(|| {
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
	ExtBuilder::default().build().execute_with(|| {
		GenesisConfig::<Test> {
			consumers: vec![],
			leases: vec![(3, demo_terms(), 500)],
			keys: vec![],
		}
		.build();
	});
}
