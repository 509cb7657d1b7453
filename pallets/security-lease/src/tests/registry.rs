use crate::{mock::*, Consumers, Error, Event, HoldReason, LeaseTerms, Leases};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_core::H256;

fn deposit_hold(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ConsumerDeposit.into(), &who)
}

pub fn register() -> u32 {
	assert_ok!(SecurityLease::register_consumer(
		RuntimeOrigin::signed(MANAGER),
		b"demo".to_vec(),
		H256::repeat_byte(7),
		50_000
	));
	crate::NextConsumerId::<Test>::get() - 1
}

#[test]
fn register_consumer_holds_a_deposit_per_byte_and_assigns_ids_in_sequence() {
	ExtBuilder.build_and_execute(|| {
		assert_eq!(register(), 0);
		assert_eq!(
			lease_events(),
			vec![Event::ConsumerRegistered { consumer: 0, manager: MANAGER, deposit: 108 }]
		);
		assert_eq!(deposit_hold(MANAGER), 108);
		let info = Consumers::<Test>::get(0).unwrap();
		assert_eq!((info.genesis_hash, info.value_at_risk), (H256::repeat_byte(7), 50_000));
		assert_eq!(register(), 1);
		assert_eq!(deposit_hold(MANAGER), 216);
	});
}

#[test]
fn update_consumer_recomputes_the_deposit() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		lease_events();
		assert_ok!(SecurityLease::update_consumer(
			RuntimeOrigin::signed(MANAGER),
			consumer,
			vec![1; 20],
			H256::repeat_byte(7),
			60_000
		));
		assert_eq!(lease_events(), vec![Event::ConsumerUpdated { consumer, deposit: 140 }]);
		assert_eq!(deposit_hold(MANAGER), 140);
		assert_ok!(SecurityLease::update_consumer(
			RuntimeOrigin::signed(MANAGER),
			consumer,
			vec![],
			H256::repeat_byte(7),
			60_000
		));
		assert_eq!(deposit_hold(MANAGER), 100);
	});
}

#[test]
fn registry_errors() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			SecurityLease::register_consumer(
				RuntimeOrigin::signed(MANAGER),
				vec![0; 65],
				H256::zero(),
				0
			),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			SecurityLease::register_consumer(RuntimeOrigin::signed(99), vec![], H256::zero(), 0),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			SecurityLease::register_consumer(RuntimeOrigin::none(), vec![], H256::zero(), 0),
			sp_runtime::DispatchError::BadOrigin
		);
		crate::NextConsumerId::<Test>::put(u32::MAX);
		assert_noop!(
			SecurityLease::register_consumer(
				RuntimeOrigin::signed(MANAGER),
				vec![],
				H256::zero(),
				0
			),
			Error::<Test>::TooManyConsumers
		);
		crate::NextConsumerId::<Test>::put(0);
		let consumer = register();
		assert_noop!(
			SecurityLease::update_consumer(
				RuntimeOrigin::signed(MANAGER),
				9,
				vec![],
				H256::zero(),
				0
			),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(
			SecurityLease::update_consumer(
				RuntimeOrigin::signed(STRANGER),
				consumer,
				vec![],
				H256::zero(),
				0
			),
			Error::<Test>::NotManager
		);
		assert_noop!(
			SecurityLease::update_consumer(
				RuntimeOrigin::signed(MANAGER),
				consumer,
				vec![0; 65],
				H256::zero(),
				0
			),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			SecurityLease::deregister_consumer(RuntimeOrigin::signed(STRANGER), consumer),
			Error::<Test>::NotManager
		);
		assert_noop!(
			SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), 9),
			Error::<Test>::UnknownConsumer
		);
	});
}

#[test]
fn update_consumer_needs_the_larger_deposit() {
	ExtBuilder.build_and_execute(|| {
		use frame_support::traits::fungible::Mutate;
		let consumer = register();
		Balances::set_balance(&MANAGER, 20);
		assert_noop!(
			SecurityLease::update_consumer(
				RuntimeOrigin::signed(MANAGER),
				consumer,
				vec![0; 64],
				H256::repeat_byte(7),
				0
			),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn deregister_returns_deposit_escrow_and_key_deposits() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 1_000));
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_A),
			consumer,
			crate::ConsumerKey::Ed25519([1; 32])
		));
		let terms = LeaseTerms {
			security: 10_000,
			min_operators: 1,
			max_operators: 2,
			duration_eras: 5,
			max_price_per_era: 100,
			auto_renew: false,
		};
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
		assert_noop!(
			SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer),
			Error::<Test>::LeaseExists
		);
		assert_ok!(SecurityLease::force_end_lease(RuntimeOrigin::root(), consumer));
		assert!(Leases::<Test>::get(consumer).is_none());
		// Its keys are evidence of the eras it was leased for the slashable window.
		assert_noop!(
			SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer),
			Error::<Test>::EvidenceWindowOpen
		);
		set_era(SlashableEras::get());
		lease_events();
		let manager_before = free(MANAGER);
		let post = SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer)
			.expect("deregisters");
		// Charged for its one key, not for `MaxKeysPerConsumer`.
		use crate::WeightInfo;
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::deregister_consumer(1)));
		// The escrow went back with the forced end; only the deposit returns now.
		assert_eq!(lease_events(), vec![Event::ConsumerDeregistered { consumer, refunded: 0 }]);
		assert_eq!(free(MANAGER), manager_before + 108);
		assert_eq!(free(OP_A), ENDOWMENT);
		assert!(Consumers::<Test>::get(consumer).is_none());
		assert_eq!(crate::KeyOwners::<Test>::iter_prefix(consumer).count(), 0);
	});
}

#[test]
fn the_manager_of_a_registered_consumer_is_known() {
	use bulwark_primitives::ConsumerAccounts;
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_eq!(<SecurityLease as ConsumerAccounts<_>>::manager(consumer), Some(MANAGER));
		assert_eq!(<SecurityLease as ConsumerAccounts<_>>::manager(consumer + 1), None);
	});
}
