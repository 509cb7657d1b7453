use crate::{mock::*, DelegationCount, Delegations, Error, Event, Pools, UnbondingPools};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

fn delegated() -> ExtBuilder {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 1_000)
}

#[test]
fn undelegated_stake_waits_in_the_sub_pool_of_its_era() {
	delegated().build_and_execute(|| {
		run_to_era(2);
		restaking_events();
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 400));
		assert_eq!(
			restaking_events(),
			vec![Event::Undelegated {
				delegator: CHARLIE,
				operator: ALICE,
				amount: 400,
				era: 2,
				withdrawable_from: 6
			}]
		);
		let pool = Pools::<Test>::get(ALICE).unwrap();
		assert_eq!((pool.stake, pool.shares), (1_600, 1_600));
		let sub_pool = UnbondingPools::<Test>::get(ALICE, 2).unwrap();
		assert_eq!((sub_pool.stake, sub_pool.shares, sub_pool.held), (400, 400, 400));
		// Still held: unbonding stake is slashable.
		assert_eq!(restaked_hold(CHARLIE), 1_000);
		let view = Restaking::delegation_view(&CHARLIE, &ALICE).unwrap();
		assert_eq!((view.value, view.unbonding, view.withdrawable), (600, 400, 0));

		// A second undelegation in the same era joins the same chunk.
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100));
		assert_eq!(Delegations::<Test>::get(CHARLIE, ALICE).unwrap().unbonding.len(), 1);
	});
}

#[test]
fn withdraw_releases_the_hold_exactly_when_unbonding_matures() {
	delegated().build_and_execute(|| {
		run_to_era(2);
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 400));
		run_to_era(5);
		assert_noop!(
			Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::NothingToWithdraw
		);
		run_to_era(6);
		restaking_events();
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(
			restaking_events(),
			vec![Event::Withdrawn { delegator: CHARLIE, operator: ALICE, amount: 400 }]
		);
		assert_eq!(restaked_hold(CHARLIE), 600);
		assert_eq!(free(CHARLIE), ENDOWMENT - 600);
		assert!(UnbondingPools::<Test>::get(ALICE, 2).is_none());
		assert_noop!(
			Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn a_full_exit_removes_the_delegation_once_withdrawn() {
	delegated().build_and_execute(|| {
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
		assert_eq!(Delegations::<Test>::get(CHARLIE, ALICE).unwrap().shares, 0);
		assert_eq!(DelegationCount::<Test>::get(CHARLIE), 1);
		run_to_era(4);
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert!(Delegations::<Test>::get(CHARLIE, ALICE).is_none());
		assert_eq!(DelegationCount::<Test>::get(CHARLIE), 0);
		assert_eq!(restaked_hold(CHARLIE), 0);
		assert_eq!(free(CHARLIE), ENDOWMENT);
	});
}

#[test]
fn undelegate_rejects_invalid_requests() {
	delegated().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(CHARLIE);
		assert_noop!(Restaking::undelegate(origin(), BOB, 100), Error::<Test>::NotDelegated);
		assert_noop!(Restaking::undelegate(origin(), ALICE, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Restaking::undelegate(origin(), ALICE, 1_001),
			Error::<Test>::InsufficientStake
		);
		assert_noop!(Restaking::undelegate(origin(), ALICE, 995), Error::<Test>::WouldLeaveDust);
		assert_noop!(
			Restaking::undelegate(RuntimeOrigin::signed(ALICE), ALICE, 901),
			Error::<Test>::BelowMinOperatorBond
		);
		assert_noop!(
			Restaking::undelegate(RuntimeOrigin::signed(ALICE), ALICE, 1_000),
			Error::<Test>::BelowMinOperatorBond
		);
		assert_noop!(
			Restaking::undelegate(RuntimeOrigin::none(), ALICE, 100),
			sp_runtime::DispatchError::BadOrigin
		);
		for era in 1..=3 {
			run_to_era(era);
			assert_ok!(Restaking::undelegate(origin(), ALICE, 10));
		}
		run_to_era(4);
		assert_noop!(
			Restaking::undelegate(origin(), ALICE, 10),
			Error::<Test>::TooManyUnbondingChunks
		);
		assert_noop!(
			Restaking::withdraw(RuntimeOrigin::signed(DAVE), ALICE),
			Error::<Test>::NotDelegated
		);
	});
}

#[test]
fn a_wiped_sub_pool_takes_no_new_stake() {
	delegated().allocation(ALICE, 1, Perbill::one()).build_and_execute(|| {
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100));
		assert_ok!(Restaking::do_slash(&ALICE, 1, Perbill::one(), 0));
		assert_eq!(UnbondingPools::<Test>::get(ALICE, 0).unwrap().stake, 0);
		assert_noop!(
			Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100),
			Error::<Test>::InsufficientStake
		);
		// Unreachable through calls (a slash scales every pool alike), so forge a wiped sub-pool of this era.
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(DAVE), BOB, 100));
		run_to_era(1);
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(DAVE), BOB, 10));
		UnbondingPools::<Test>::mutate(BOB, 1, |pool| {
			let pool = pool.as_mut().unwrap();
			crate::TotalRestaked::<Test>::mutate(|total| *total -= pool.stake);
			pool.unrealised = pool.stake;
			pool.stake = 0;
		});
		assert_noop!(
			Restaking::undelegate(RuntimeOrigin::signed(DAVE), BOB, 10),
			Error::<Test>::PoolWiped
		);
		assert_ok!(Restaking::settle(RuntimeOrigin::signed(EVE), DAVE, BOB));
		// The wiped active pool is worth nothing; the holds are realised on the next action.
		assert_ok!(Restaking::settle(RuntimeOrigin::signed(DAVE), CHARLIE, ALICE));
		assert_eq!(restaked_hold(CHARLIE), 0);
	});
}
