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
			security: 1_000,
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
				operators: frame_support::BoundedVec::truncate_from(vec![(OP_A, 900), (OP_B, 100)]),
				security: 1_000,
			},
		);
	});
}

#[test]
#[should_panic(expected = "LeasedSecurity differs from the active leases'")]
fn leased_security_must_match_the_leases() {
	ExtBuilder.build_and_execute(|| crate::LeasedSecurity::<Test>::put(1));
}

fn requested() -> u32 {
	let consumer = register();
	let terms = crate::LeaseTerms {
		security: 1_000,
		min_operators: 1,
		max_operators: 2,
		duration_eras: 3,
		max_price_per_era: 100,
		auto_renew: false,
	};
	assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
	consumer
}

#[test]
#[should_panic(expected = "a lease paid more eras than its term")]
fn a_lease_never_pays_more_eras_than_its_term() {
	ExtBuilder.build_and_execute(|| {
		let consumer = requested();
		crate::Leases::<Test>::mutate(consumer, |lease| lease.as_mut().unwrap().eras_paid = 4);
	});
}

#[test]
#[should_panic(expected = "a fee reserved by a lease not active")]
fn only_an_active_lease_reserves_a_fee() {
	ExtBuilder.build_and_execute(|| {
		let consumer = requested();
		crate::Leases::<Test>::mutate(consumer, |lease| {
			lease.as_mut().unwrap().reserved = Some((0, 0))
		});
	});
}

#[test]
#[should_panic(expected = "a reserved fee the escrow does not hold")]
fn a_reserved_fee_is_in_the_escrow() {
	ExtBuilder.build_and_execute(|| {
		let consumer = requested();
		crate::Leases::<Test>::mutate(consumer, |lease| {
			let lease = lease.as_mut().unwrap();
			lease.status = crate::LeaseStatus::Active;
			lease.price_per_era = 1;
			lease.reserved = Some((0, 1));
		});
		crate::LeasedSecurity::<Test>::put(100);
	});
}

#[test]
#[should_panic(expected = "a lease without its deposit")]
fn a_lease_holds_its_deposit() {
	ExtBuilder.build_and_execute(|| {
		let consumer = requested();
		crate::Leases::<Test>::mutate(consumer, |lease| lease.as_mut().unwrap().deposit += 1);
	});
}

#[test]
#[should_panic(expected = "a key history out of order")]
fn a_key_history_is_ordered() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_A),
			consumer,
			ConsumerKey::Ed25519([1; 32])
		));
		set_era(1);
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_A),
			consumer,
			ConsumerKey::Ed25519([2; 32])
		));
		crate::OperatorKeys::<Test>::mutate(consumer, OP_A, |keys| {
			let keys = keys.as_mut().unwrap();
			let mut entries = keys.entries.to_vec();
			entries.reverse();
			keys.entries = frame_support::BoundedVec::truncate_from(entries);
		});
	});
}

#[test]
#[should_panic(expected = "a paid assignment in the wrong slot, or of a future era")]
fn a_paid_assignment_sits_in_the_slot_of_its_era() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		crate::PaidAssignments::<Test>::insert(
			consumer,
			1,
			(2, frame_support::BoundedVec::default()),
		);
	});
}

#[test]
#[should_panic(expected = "a paid assignment of an unknown consumer")]
fn paid_assignments_go_with_their_consumer() {
	ExtBuilder.build_and_execute(|| {
		crate::PaidAssignments::<Test>::insert(99, 0, (0, frame_support::BoundedVec::default()));
	});
}
