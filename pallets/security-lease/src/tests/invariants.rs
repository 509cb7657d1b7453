//! Each invariant of `try_state` fires on the corruption it guards against.

use super::registry::register;
use crate::{mock::*, ConsumerKey, Escrow, KeyCount, KeyOwners};
use frame_support::assert_ok;

#[test]
#[should_panic(expected = "an escrow's balance is below its ledger")]
fn escrow_must_hold_what_its_ledger_says() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 700));
		Escrow::<Test>::mutate(consumer, |ledger| ledger.deposited += 1);
	});
}

#[test]
#[should_panic(expected = "KeyCount differs from the keys stored")]
fn key_count_must_match() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		KeyCount::<Test>::insert(consumer, 1);
	});
}

#[test]
#[should_panic(expected = "a key owner entry for a key its operator does not hold")]
fn key_owners_must_match_the_keys() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_A),
			consumer,
			ConsumerKey::Ed25519([1; 32])
		));
		KeyOwners::<Test>::insert(consumer, ConsumerKey::Ed25519([2; 32]), OP_A);
	});
}

#[test]
#[should_panic(expected = "an operator above MaxOperatorShare of an assignment")]
fn assignments_must_respect_the_operator_share() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		let terms = crate::LeaseTerms {
			security: 100,
			min_operators: 1,
			max_operators: 2,
			duration_eras: 1,
			max_price_per_era: 100,
			auto_renew: false,
		};
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
		crate::Assignments::<Test>::insert(
			consumer,
			crate::Assignment {
				era: 0,
				operators: frame_support::BoundedVec::truncate_from(vec![(OP_A, 90), (OP_B, 10)]),
				security: 100,
			},
		);
	});
}

#[test]
#[should_panic(expected = "LeasedSecurity differs from the active leases'")]
fn leased_security_must_match_the_leases() {
	ExtBuilder.build_and_execute(|| crate::LeasedSecurity::<Test>::put(1));
}
