//! Each invariant of `try_state` fires on the corruption it guards against.

use crate::{mock::*, Delegations, Operators, Pools, TotalRestaked, UnbondingPools};
use frame_support::{assert_ok, traits::fungible::MutateHold};
use sp_arithmetic::FixedU128;
use sp_runtime::Perbill;

fn setup() -> ExtBuilder {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 1_000)
}

#[test]
#[should_panic(expected = "delegations' shares differ from their pool's")]
fn pool_shares_must_match_the_delegations() {
	setup().build_and_execute(|| {
		Pools::<Test>::mutate(ALICE, |pool| pool.as_mut().unwrap().shares += 1);
	});
}

#[test]
#[should_panic(expected = "an account's restaking hold differs from its delegations'")]
fn holds_must_match_the_delegations() {
	setup().build_and_execute(|| {
		assert_ok!(Balances::hold(&crate::HoldReason::Restaking.into(), &CHARLIE, 1));
	});
}

#[test]
#[should_panic(expected = "TotalRestaked differs from the pools' stake")]
fn total_restaked_must_match_the_pools() {
	setup().build_and_execute(|| TotalRestaked::<Test>::mutate(|total| *total += 1));
}

#[test]
#[should_panic(expected = "a pool counts more stake than its members hold")]
fn a_pool_may_not_count_unheld_stake() {
	setup().build_and_execute(|| {
		Pools::<Test>::mutate(ALICE, |pool| pool.as_mut().unwrap().unrealised += 1);
	});
}

#[test]
#[should_panic(expected = "chunks' holds differ from their sub-pool's")]
fn sub_pools_must_match_their_chunks() {
	setup().build_and_execute(|| {
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 100));
		UnbondingPools::<Test>::mutate(ALICE, 0, |pool| pool.as_mut().unwrap().held += 1);
	});
}

#[test]
#[should_panic(expected = "restaking degree above the maximum")]
fn allocations_must_respect_the_restaking_degree() {
	setup().allocation(ALICE, 1, Perbill::one()).build_and_execute(|| {
		MaxRestakingDegree::set(FixedU128::from_rational(1, 2));
	});
	MaxRestakingDegree::set(FixedU128::from_u32(3));
}

#[test]
#[should_panic(expected = "the reward pot cannot pay the rewards owed")]
fn the_reward_pot_must_cover_what_is_owed() {
	setup().build_and_execute(|| {
		Delegations::<Test>::mutate(CHARLIE, ALICE, |d| d.as_mut().unwrap().unclaimed += 1);
	});
}

#[test]
#[should_panic(expected = "an operator suspended since a future era")]
fn a_suspension_may_not_begin_in_the_future() {
	setup().build_and_execute(|| {
		Operators::<Test>::mutate(ALICE, |info| info.as_mut().unwrap().suspended_since = Some(1));
	});
}

#[test]
#[should_panic(expected = "an operator liable from a future era")]
fn open_slashes_may_not_be_of_a_future_era() {
	setup().build_and_execute(|| {
		Operators::<Test>::mutate(ALICE, |info| {
			let info = info.as_mut().unwrap();
			info.suspended_since = Some(0);
			info.liable_from = Some(1);
		});
	});
}

#[test]
#[should_panic(expected = "open slashes of an operator that is not suspended")]
fn an_operator_with_open_slashes_is_suspended() {
	setup().build_and_execute(|| {
		Operators::<Test>::mutate(ALICE, |info| info.as_mut().unwrap().liable_from = Some(0));
	});
}
