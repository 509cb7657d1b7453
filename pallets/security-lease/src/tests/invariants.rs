//! Each invariant of `try_state` fires on the corruption it guards against.

use super::registry::register;
use crate::{mock::*, ConsumerKey, Escrow, KeyCount, KeyOwners};
use frame_support::assert_ok;

#[test]
#[should_panic(expected = "an escrow's balance differs from its ledger")]
fn escrow_must_match_its_ledger() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 700));
		Escrow::<Test>::mutate(consumer, |ledger| ledger.paid += 1);
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
