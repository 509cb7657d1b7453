use crate::{mock::*, DelegationCount, Delegations, Error, Event, Pools, TotalRestaked};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

#[test]
fn delegate_holds_funds_in_the_stakers_account_and_buys_shares() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 500));
		assert_eq!(
			restaking_events(),
			vec![Event::Delegated {
				delegator: CHARLIE,
				operator: ALICE,
				amount: 500,
				shares: 500
			}]
		);
		assert_eq!(restaked_hold(CHARLIE), 500);
		assert_eq!(free(CHARLIE), ENDOWMENT - 500);
		let pool = Pools::<Test>::get(ALICE).unwrap();
		assert_eq!((pool.stake, pool.shares, pool.held), (1_500, 1_500, 1_500));
		assert_eq!(TotalRestaked::<Test>::get(), 2_500);
		assert_eq!(DelegationCount::<Test>::get(CHARLIE), 1);

		// A top-up adds to the same record.
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100));
		assert_eq!(Delegations::<Test>::get(CHARLIE, ALICE).unwrap().shares, 600);
		assert_eq!(DelegationCount::<Test>::get(CHARLIE), 1);
		assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().value, 600);
	});
}

#[test]
fn a_staker_delegates_to_a_bounded_number_of_operators() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		for operator in [6, 7, 8] {
			assert_ok!(Restaking::register_operator(
				RuntimeOrigin::signed(operator),
				100,
				Perbill::zero(),
				vec![]
			));
		}
		for operator in [ALICE, BOB, 6, 7] {
			assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), operator, 10));
		}
		assert_eq!(DelegationCount::<Test>::get(CHARLIE), 4);
		assert_noop!(
			Restaking::delegate(RuntimeOrigin::signed(CHARLIE), 8, 10),
			Error::<Test>::TooManyDelegations
		);
	});
}

#[test]
fn delegate_rejects_invalid_requests() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(CHARLIE);
		assert_noop!(Restaking::delegate(origin(), ALICE, 9), Error::<Test>::BelowMinDelegation);
		assert_noop!(Restaking::delegate(origin(), EVE, 100), Error::<Test>::UnknownOperator);
		assert_noop!(
			Restaking::delegate(origin(), ALICE, ENDOWMENT),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Restaking::delegate(RuntimeOrigin::none(), ALICE, 100),
			sp_runtime::DispatchError::BadOrigin
		);
		// A pool whose shares became very expensive sells none for a small amount.
		Pools::<Test>::mutate(ALICE, |pool| {
			let pool = pool.as_mut().unwrap();
			pool.stake = 1_000;
			pool.shares = 1;
		});
		Delegations::<Test>::mutate(ALICE, ALICE, |d| d.as_mut().unwrap().shares = 1);
		assert_noop!(Restaking::delegate(origin(), ALICE, 100), Error::<Test>::ZeroShares);
	});
}

#[test]
fn a_wiped_pool_takes_no_new_stake() {
	ExtBuilder::default().with_operators().allocation(ALICE, 1, Perbill::one()).build_and_execute(
		|| {
			assert_ok!(Restaking::do_slash(&ALICE, 1, Perbill::one(), 0));
			assert_eq!(Pools::<Test>::get(ALICE).unwrap().stake, 0);
			assert_noop!(
				Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100),
				Error::<Test>::PoolWiped
			);
		},
	);
}

#[test]
fn later_delegators_buy_shares_at_the_slashed_price() {
	ExtBuilder::default().with_operators().allocation(ALICE, 1, Perbill::one()).build_and_execute(
		|| {
			assert_ok!(Restaking::do_slash(&ALICE, 1, Perbill::from_percent(50), 0));
			assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 500));
			// 500 at 0.5 per share buys 1,000 shares, worth the full 500.
			assert_eq!(Delegations::<Test>::get(CHARLIE, ALICE).unwrap().shares, 1_000);
			assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().value, 500);
			assert_eq!(Restaking::delegation_view(&ALICE, &ALICE).unwrap().value, 500);
		},
	);
}
