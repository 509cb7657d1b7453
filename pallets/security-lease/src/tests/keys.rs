use super::registry::register;
use crate::{mock::*, ConsumerKey, Error, Event, KeyCount, KeyOwners};
use frame_support::{assert_noop, assert_ok};

fn key(byte: u8) -> ConsumerKey {
	ConsumerKey::Sr25519([byte; 32])
}

#[test]
fn a_key_applies_from_the_next_era_and_rotation_frees_the_old_one() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		lease_events();
		set_era(4);
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(1)));
		assert_eq!(
			lease_events(),
			vec![Event::ConsumerKeySet { consumer, operator: OP_A, key: key(1), from: 5 }]
		);
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 4), None);
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 5), Some(key(1)));
		assert_eq!(KeyCount::<Test>::get(consumer), 1);
		assert_eq!(free(OP_A), ENDOWMENT - 10);

		set_era(6);
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(2)));
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 6), Some(key(1)));
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 7), Some(key(2)));
		// Replacing a rotation that has not applied yet frees its key at once.
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(3)));
		assert!(KeyOwners::<Test>::get(consumer, key(2)).is_none());
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_B), consumer, key(2)));
		set_era(7);
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_A),
			consumer,
			ConsumerKey::Ed25519([4; 32])
		));
		// Key 1 signed in eras 5 and 6, inside the slashable window: it stays on record, and A's.
		assert_eq!(KeyOwners::<Test>::get(consumer, key(1)), Some(OP_A));
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 6), Some(key(1)));
		assert_eq!(SecurityLease::consumer_key(consumer, &OP_A, 7), Some(key(3)));
		assert_eq!(
			SecurityLease::consumer_key(consumer, &OP_A, 8),
			Some(ConsumerKey::Ed25519([4; 32]))
		);
		// Once no era it was in force in is inside the window, a key is dropped and free for others.
		set_era(12);
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(5)));
		assert!(KeyOwners::<Test>::get(consumer, key(1)).is_none());
		assert!(KeyOwners::<Test>::get(consumer, key(3)).is_none());
		assert_eq!(
			SecurityLease::consumer_key(consumer, &OP_A, 8),
			Some(ConsumerKey::Ed25519([4; 32]))
		);
		assert_eq!(free(OP_A), ENDOWMENT - 10);
	});
}

#[test]
fn keys_are_unique_per_consumer_and_bounded() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		let other = register();
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(1)));
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_B), consumer, key(1)),
			Error::<Test>::KeyInUse
		);
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), consumer, key(1)),
			Error::<Test>::KeyUnchanged
		);
		// The same key may serve another consumer.
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_B), other, key(1)));
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_B), consumer, key(2)));
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_C), consumer, key(3)));
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_D), consumer, key(4)),
			Error::<Test>::TooManyKeys
		);
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(STRANGER), consumer, key(5)),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_A), 9, key(5)),
			Error::<Test>::UnknownConsumer
		);
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(&OP_D, 1);
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_C), other, key(9)));
		assert_noop!(
			SecurityLease::set_consumer_key(RuntimeOrigin::signed(OP_D), other, key(4)),
			Error::<Test>::InsufficientBalance
		);
	});
}
