//! Benchmarks of the restaking pallet, each in its worst case.

use super::*;
use crate::pallet::{CurrentEra, Delegations, Pools, UnbondingPools};
use bulwark_primitives::{ConsumerId, ConsumerRegistry, EraIndex};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Bounded, Zero},
	Perbill, Saturating,
};

/// Numbers of delegators of the operator slashed in the `slash` benchmark, indexed by its component.
pub const SLASH_DELEGATORS: [u32; 3] = [1, 1_000, 100_000];

const CONSUMER: ConsumerId = 1;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

fn bond<T: Config>() -> BalanceOf<T> {
	T::MinOperatorBond::get().max(T::MinDelegation::get()).saturating_mul(10u32.into())
}

fn operator<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("operator", index);
	Pallet::<T>::do_register_operator(
		&who,
		bond::<T>(),
		Perbill::from_percent(10),
		Default::default(),
	)
	.expect("benchmark operator registers");
	who
}

fn set_era<T: Config>(era: EraIndex) {
	CurrentEra::<T>::put(era);
}

/// All of `operator`'s pool allocated to `CONSUMER` from era 0.
fn allocate_all<T: Config>(operator: &T::AccountId) {
	T::Consumers::register_for_benchmarks(CONSUMER);
	Pallet::<T>::do_allocate_at(operator, CONSUMER, Perbill::one(), 0)
		.expect("benchmark allocation applies");
}

/// A delegator of `operator` with `MaxUnbondingChunks - spare` unbonding chunks, one per era. Each era the operator
/// is slashed for an offence of that era, so that every chunk has a slash to realise. Leaves the chain in the era
/// after the last chunk.
/// With `shared`, the operator unbonds in the same eras, so that the sub-pools have another member.
fn delegator_with_slashed_chunks<T: Config>(
	operator: &T::AccountId,
	spare: u32,
	shared: bool,
) -> T::AccountId {
	let who = funded::<T>("delegator", 0);
	let chunks = T::MaxUnbondingChunks::get().saturating_sub(spare);
	let step = T::MinDelegation::get();
	Pallet::<T>::do_delegate(&who, operator, step.saturating_mul((4 * chunks + 10).into()))
		.expect("benchmark delegation");
	let start = CurrentEra::<T>::get();
	for era in start..start + chunks {
		set_era::<T>(era);
		Pallet::<T>::do_undelegate(&who, operator, step).expect("benchmark undelegation");
		if shared {
			Pallet::<T>::do_undelegate(operator, operator, step).expect("operator undelegates");
		}
		Pallet::<T>::do_slash(operator, CONSUMER, Perbill::from_percent(10), era)
			.expect("benchmark slash");
	}
	set_era::<T>(start + chunks);
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_operator(m: Linear<0, { T::MaxMetadataLen::get() }>) {
		let caller = funded::<T>("caller", 0);
		let metadata = alloc::vec![b'x'; m as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), bond::<T>(), Perbill::from_percent(5), metadata);
		assert!(Operators::<T>::contains_key(&caller));
	}

	#[benchmark]
	fn update_operator(m: Linear<0, { T::MaxMetadataLen::get() }>) {
		let operator = operator::<T>(0);
		let metadata = alloc::vec![b'x'; m as usize];
		// An increase: scheduled, and a larger deposit held.
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), Perbill::from_percent(20), metadata);
		assert!(Operators::<T>::get(&operator).expect("registered").pending_commission.is_some());
	}

	#[benchmark]
	fn chill_operator() {
		let operator = operator::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));
		assert!(Operators::<T>::get(&operator).expect("registered").chilled);
	}

	#[benchmark]
	fn resume_operator() {
		let operator = operator::<T>(0);
		Pallet::<T>::do_set_chilled(&operator, true).expect("chills");
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()));
		assert!(!Operators::<T>::get(&operator).expect("registered").chilled);
	}

	/// A top-up of a delegation whose every chunk has a slash to realise first.
	#[benchmark]
	fn delegate() {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegator = delegator_with_slashed_chunks::<T>(&operator, 0, false);
		let amount = T::MinDelegation::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), operator.clone(), amount);
		assert!(Delegations::<T>::contains_key(&delegator, &operator));
	}

	/// A partial undelegation opening a new chunk after realising slashes on all others.
	#[benchmark]
	fn undelegate() {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegator = delegator_with_slashed_chunks::<T>(&operator, 1, false);
		let amount = T::MinDelegation::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), operator.clone(), amount);
		let delegation = Delegations::<T>::get(&delegator, &operator).expect("delegates");
		assert_eq!(delegation.unbonding.len() as u32, T::MaxUnbondingChunks::get());
	}

	/// Withdrawing every chunk, each with a slash to realise, with the operator left in the sub-pools.
	#[benchmark]
	fn withdraw() {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegator = delegator_with_slashed_chunks::<T>(&operator, 0, true);
		set_era::<T>(T::MaxUnbondingChunks::get().saturating_add(T::UnbondingEras::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), operator.clone());
		let delegation = Delegations::<T>::get(&delegator, &operator).expect("still delegates");
		assert!(delegation.unbonding.is_empty());
	}

	/// A new consumer next to `MaxConsumersPerOperator - 1` others, each with a pending change.
	#[benchmark]
	fn allocate() {
		let operator = operator::<T>(0);
		let others = T::MaxConsumersPerOperator::get().saturating_sub(1);
		let fraction = Perbill::from_rational(1u32, others + 1);
		for consumer in 0..others {
			T::Consumers::register_for_benchmarks(CONSUMER + 1 + consumer);
			Pallet::<T>::do_allocate_at(&operator, CONSUMER + 1 + consumer, fraction, 0)
				.expect("allocates");
			Pallet::<T>::do_allocate_at(&operator, CONSUMER + 1 + consumer, Perbill::zero(), 5)
				.expect("schedules a decrease");
		}
		T::Consumers::register_for_benchmarks(CONSUMER);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), CONSUMER, fraction);
		assert_eq!(Allocations::<T>::get(&operator).len() as u32, others + 1);
	}

	#[benchmark]
	fn claim_rewards() {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegator = delegator_with_slashed_chunks::<T>(&operator, 0, false);
		let payer = funded::<T>("payer", 0);
		Pallet::<T>::do_credit_reward(&payer, &operator, CONSUMER, 0, bond::<T>())
			.expect("reward credited");
		#[extrinsic_call]
		_(RawOrigin::Signed(delegator.clone()), operator.clone());
		let delegation = Delegations::<T>::get(&delegator, &operator).expect("delegates");
		assert!(delegation.unclaimed.is_zero());
	}

	#[benchmark]
	fn settle() {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegator = delegator_with_slashed_chunks::<T>(&operator, 0, false);
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), delegator.clone(), operator.clone());
		let pool = Pools::<T>::get(&operator).expect("pool");
		let delegation = Delegations::<T>::get(&delegator, &operator).expect("delegates");
		assert!(pool.realisable(delegation.shares, delegation.held).is_zero());
	}

	/// Slash an operator with `SLASH_DELEGATORS[i]` delegators and a liable sub-pool in each era back to the
	/// liability horizon, `UnbondingEras + SlashDeferEras + 1` of them, the oldest matured.
	#[benchmark]
	fn slash(i: Linear<0, 2>) {
		let operator = operator::<T>(0);
		allocate_all::<T>(&operator);
		let delegators = SLASH_DELEGATORS.get(i as usize).copied().unwrap_or_default();
		let amount = T::MinDelegation::get().saturating_mul(2u32.into());
		for index in 1..delegators {
			let who: T::AccountId = account("delegator", index, 0);
			T::Currency::set_balance(&who, amount.saturating_mul(2u32.into()));
			Pallet::<T>::do_delegate(&who, &operator, amount).expect("delegates");
		}
		let liable =
			T::UnbondingEras::get().saturating_add(T::SlashDeferEras::get()).saturating_add(1);
		for era in 0..liable {
			set_era::<T>(era);
			let who = funded::<T>("unbonder", era);
			Pallet::<T>::do_delegate(&who, &operator, amount).expect("delegates");
			Pallet::<T>::do_undelegate(&who, &operator, T::MinDelegation::get()).expect("unbonds");
		}
		let offence_era = 0;
		let slashed;
		#[block]
		{
			slashed =
				Pallet::<T>::do_slash(&operator, CONSUMER, Perbill::from_percent(50), offence_era)
					.expect("slashes");
		}
		assert!(!slashed.is_zero());
		assert_eq!(UnbondingPools::<T>::iter_prefix(&operator).count() as u32, liable);
	}

	#[benchmark]
	fn credit_reward() {
		let operator = operator::<T>(0);
		let delegator = funded::<T>("delegator", 0);
		Pallet::<T>::do_delegate(&delegator, &operator, bond::<T>()).expect("delegates");
		let payer = funded::<T>("payer", 0);
		let amount: BalanceOf<T> = bond::<T>();
		#[block]
		{
			Pallet::<T>::do_credit_reward(&payer, &operator, CONSUMER, 0, amount)
				.expect("reward credited");
		}
		assert!(!Operators::<T>::get(&operator).expect("registered").reward_per_share.is_zero());
	}

	/// The era-start path of `on_initialize`, without what `OnEraStart` adds.
	#[benchmark]
	fn start_era() {
		let length = T::EraLength::get();
		let now = length.saturating_add(1u32.into());
		#[block]
		{
			Pallet::<T>::start_era_if_due(now);
		}
		assert_eq!(CurrentEra::<T>::get(), 1);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
