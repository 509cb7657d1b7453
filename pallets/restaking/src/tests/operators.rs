use crate::{mock::*, Error, Event, HoldReason, Operators};
use bulwark_primitives::{OperatorStatus, SlashTarget, StakeProvider};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::Perbill;

fn deposit_hold(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::OperatorDeposit.into(), &who)
}

#[test]
fn register_operator_holds_self_bond_and_metadata_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let metadata = b"alice.example".to_vec();
		assert_ok!(Restaking::register_operator(
			RuntimeOrigin::signed(ALICE),
			500,
			Perbill::from_percent(5),
			metadata.clone()
		));
		assert_eq!(
			restaking_events(),
			vec![
				Event::Delegated { delegator: ALICE, operator: ALICE, amount: 500, shares: 500 },
				Event::OperatorRegistered {
					operator: ALICE,
					self_bond: 500,
					commission: Perbill::from_percent(5)
				},
			]
		);
		assert_eq!(restaked_hold(ALICE), 500);
		// Base 10 plus 1 per byte.
		assert_eq!(deposit_hold(ALICE), 10 + metadata.len() as Balance);
		assert_eq!(free(ALICE), ENDOWMENT - 500 - 23);
		let info = Operators::<Test>::get(ALICE).unwrap();
		assert_eq!(info.metadata.to_vec(), metadata);
		assert_eq!(Restaking::operator_status(&ALICE), Some(OperatorStatus::Active));
		assert_eq!(Restaking::active_stake(&ALICE), 500);
	});
}

#[test]
fn register_operator_rejects_invalid_requests() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(CHARLIE);
		assert_noop!(
			Restaking::register_operator(
				RuntimeOrigin::signed(ALICE),
				500,
				Perbill::zero(),
				vec![]
			),
			Error::<Test>::AlreadyOperator
		);
		assert_noop!(
			Restaking::register_operator(origin(), 99, Perbill::zero(), vec![]),
			Error::<Test>::BelowMinOperatorBond
		);
		assert_noop!(
			Restaking::register_operator(origin(), 500, Perbill::from_percent(51), vec![]),
			Error::<Test>::CommissionTooHigh
		);
		assert_noop!(
			Restaking::register_operator(origin(), 500, Perbill::zero(), vec![0; 33]),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			Restaking::register_operator(origin(), ENDOWMENT, Perbill::zero(), vec![]),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Restaking::register_operator(RuntimeOrigin::none(), 500, Perbill::zero(), vec![]),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn commission_decrease_applies_at_once_and_increase_after_the_delay() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(Restaking::update_operator(
			RuntimeOrigin::signed(ALICE),
			Perbill::from_percent(5),
			b"a".to_vec()
		));
		assert_eq!(
			restaking_events(),
			vec![Event::OperatorUpdated {
				operator: ALICE,
				commission: Perbill::from_percent(5),
				commission_from: 0,
				deposit: 11
			}]
		);
		assert_eq!(Restaking::pool_view(&ALICE).unwrap().commission, Perbill::from_percent(5));
		assert_eq!(deposit_hold(ALICE), 11);

		assert_ok!(Restaking::update_operator(
			RuntimeOrigin::signed(ALICE),
			Perbill::from_percent(20),
			vec![]
		));
		assert_eq!(
			restaking_events(),
			vec![Event::OperatorUpdated {
				operator: ALICE,
				commission: Perbill::from_percent(20),
				commission_from: 2,
				deposit: 10
			}]
		);
		assert_eq!(deposit_hold(ALICE), 10);
		run_to_era(1);
		assert_eq!(Restaking::pool_view(&ALICE).unwrap().commission, Perbill::from_percent(5));
		run_to_era(2);
		assert_eq!(Restaking::pool_view(&ALICE).unwrap().commission, Perbill::from_percent(20));
	});
}

#[test]
fn update_operator_rejects_invalid_requests() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_noop!(
			Restaking::update_operator(RuntimeOrigin::signed(CHARLIE), Perbill::zero(), vec![]),
			Error::<Test>::UnknownOperator
		);
		assert_noop!(
			Restaking::update_operator(
				RuntimeOrigin::signed(ALICE),
				Perbill::from_percent(60),
				vec![]
			),
			Error::<Test>::CommissionTooHigh
		);
		assert_noop!(
			Restaking::update_operator(RuntimeOrigin::signed(ALICE), Perbill::zero(), vec![1; 33]),
			Error::<Test>::MetadataTooLong
		);
		// Alice cannot hold a deposit larger than her free balance.
		let spend = free(ALICE) - 20;
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(ALICE), BOB, spend));
		assert_noop!(
			Restaking::update_operator(RuntimeOrigin::signed(ALICE), Perbill::zero(), vec![1; 32]),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn chill_and_resume() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(Restaking::chill_operator(RuntimeOrigin::signed(ALICE)));
		assert_eq!(restaking_events(), vec![Event::OperatorChilled { operator: ALICE }]);
		assert_eq!(Restaking::operator_status(&ALICE), Some(OperatorStatus::Chilled));
		assert_noop!(
			Restaking::chill_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::AlreadyChilled
		);
		assert_noop!(
			Restaking::chill_operator(RuntimeOrigin::signed(CHARLIE)),
			Error::<Test>::UnknownOperator
		);
		assert_ok!(Restaking::resume_operator(RuntimeOrigin::signed(ALICE)));
		assert_eq!(restaking_events(), vec![Event::OperatorResumed { operator: ALICE }]);
		assert_eq!(Restaking::operator_status(&ALICE), Some(OperatorStatus::Active));
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NotChilled
		);
		assert_noop!(
			Restaking::resume_operator(RuntimeOrigin::signed(CHARLIE)),
			Error::<Test>::UnknownOperator
		);
	});
}

#[test]
fn suspension_blocks_delegations_until_restored() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_eq!(restaking_events(), vec![Event::OperatorSuspended { operator: ALICE }]);
		assert_eq!(Restaking::operator_status(&ALICE), Some(OperatorStatus::Suspended));
		assert_noop!(
			Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100),
			Error::<Test>::OperatorSuspended
		);
		assert_noop!(
			Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::from_percent(10)),
			Error::<Test>::OperatorNotActive
		);
		assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
		assert_eq!(restaking_events(), vec![Event::OperatorRestored { operator: ALICE }]);
		assert_eq!(
			<Restaking as SlashTarget<_, _>>::restore(&ALICE),
			Err(Error::<Test>::NotSuspended.into())
		);
		assert_eq!(
			<Restaking as SlashTarget<_, _>>::suspend(&CHARLIE),
			Err(Error::<Test>::UnknownOperator.into())
		);
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100));
	});
}

#[test]
fn a_suspension_keeps_the_era_it_began_in() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_eq!(Restaking::suspended_since(&ALICE), None);
		run_to_era(2);
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_eq!(Restaking::suspended_since(&ALICE), Some(2));
		// A further offence suspends again without moving the start.
		run_to_era(3);
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_eq!(Restaking::suspended_since(&ALICE), Some(2));
		assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
		assert_eq!(Restaking::suspended_since(&ALICE), None);
		assert_eq!(Restaking::operator_status(&ALICE), Some(OperatorStatus::Active));
		assert_eq!(Restaking::suspended_since(&EVE), None);
	});
}
