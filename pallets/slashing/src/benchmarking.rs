//! Benchmarks of the slashing pallet's calls and hooks, each in its worst case.

use super::*;
use crate::pallet::{
	ApplyCursor, DueSlashes, Evidence, Mode, PruneCursor, Routes, Slashes, Windows,
};
use bulwark_primitives::{
	ConsumerAccounts, ConsumerId, EraIndex, EraProvider, Offence, OffenceKind, ServiceRecord,
	StakeProvider,
};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Balanced, Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::{traits::Zero, Perbill, Saturating};

/// The consumer harmed in the benchmarks (the mock's consumer; the runtime registers it for the benchmarks).
const CONSUMER: ConsumerId = 7;

fn governance<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn veto<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::VetoOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

/// Some units of the currency, well above the existential deposit.
fn units<T: Config>(count: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance().max(1u32.into()).saturating_mul(count.into())
}

/// Operator `index`, active, with stake slashable for `CONSUMER`: enough that a slash of it is at least
/// `MinSlashAmount`, for any fraction down to a thousandth.
fn operator<T: Config>(index: u32) -> T::AccountId {
	let operator: T::AccountId = account("operator", index, 0);
	let stake = units::<T>(1_000_000).max(T::MinSlashAmount::get().saturating_mul(1_000u32.into()));
	T::Stake::setup_operator_for_benchmarks(&operator, CONSUMER, stake);
	operator
}

fn evidence(index: u32) -> H256 {
	let mut bytes = [0xb5; 32];
	for (byte, from) in bytes.iter_mut().zip(index.to_le_bytes()) {
		*byte = from;
	}
	H256(bytes)
}

/// Report an offence of `kind` by `offender` in `era`, with a reporter, and return its slash.
fn report<T: Config>(
	offender: &T::AccountId,
	era: EraIndex,
	index: u32,
	kind: OffenceKind,
) -> SlashId {
	let slash = NextSlashId::<T>::get();
	T::Service::set_served_for_benchmarks(CONSUMER, offender, era);
	Pallet::<T>::do_report(Offence {
		offender: offender.clone(),
		consumer: CONSUMER,
		kind,
		offence_era: era,
		evidence: evidence(index),
		reporter: Some(account("reporter", index, 0)),
	})
	.expect("a benchmark offence is reported");
	assert!(Slashes::<T>::contains_key(slash));
	slash
}

/// Give `operator` `count` earlier applied slashes whose funds are still being realised, each with a reporter.
fn routes<T: Config>(operator: &T::AccountId, count: u32) {
	let routes: alloc::vec::Vec<_> = (0..count)
		.map(|index| {
			let reporter: T::AccountId = account("reporter", index, 0);
			T::Currency::set_balance(&reporter, T::Currency::minimum_balance());
			(
				u32::MAX.saturating_sub(index),
				Route {
					reporter: Some(reporter),
					reporter_due: units::<T>(1_000),
					outstanding: units::<T>(1_000),
				},
			)
		})
		.collect();
	let total = routes
		.iter()
		.fold(BalanceOf::<T>::zero(), |sum, (_, route)| sum.saturating_add(route.outstanding));
	Routes::<T>::insert(operator, BoundedVec::truncate_from(routes));
	Totals::<T>::mutate(|totals| {
		totals.slashed = totals.slashed.saturating_add(total);
		totals.outstanding = totals.outstanding.saturating_add(total);
	});
}

/// The era in which a slash for an offence now is due, entered.
fn enter_due_era<T: Config>(slash: SlashId) {
	let due = Slashes::<T>::get(slash).expect("pending").due_era;
	T::Eras::set_era_for_benchmarks(due);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new slash, the operator's first, which suspends it.
	#[benchmark]
	fn report_governance_fault() -> Result<(), BenchmarkError> {
		let offender = operator::<T>(0);
		let era = T::Eras::current_era();
		T::Service::set_served_for_benchmarks(CONSUMER, &offender, era);
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, offender.clone(), CONSUMER, era, evidence(0));
		assert_eq!(Pallet::<T>::open_slash_count(&offender), 1);
		Ok(())
	}

	/// An equivocation of the oldest era still reportable, by an operator with a slash open in every later era
	/// of the window: its open eras are read and written, and restaking learns of the older liability. The most
	/// taking an offence in costs; the calls that report one add it to their weight.
	#[benchmark]
	fn report_offence() {
		let offender = operator::<T>(0);
		let oldest = T::Eras::current_era();
		let window = T::UnbondingEras::get().max(1);
		let now = oldest.saturating_add(window.saturating_sub(1));
		for index in 1..window {
			let era = oldest.saturating_add(index);
			T::Eras::set_era_for_benchmarks(era);
			report::<T>(&offender, era, index, OffenceKind::Downtime);
		}
		T::Eras::set_era_for_benchmarks(now);
		T::Service::set_served_for_benchmarks(CONSUMER, &offender, oldest);
		let slash = NextSlashId::<T>::get();
		let offence = Offence {
			offender: offender.clone(),
			consumer: CONSUMER,
			kind: OffenceKind::Equivocation,
			offence_era: oldest,
			evidence: evidence(0),
			reporter: Some(account("reporter", 0, 0)),
		};
		#[block]
		{
			Pallet::<T>::do_report(offence).expect("an equivocation of the window is taken in");
		}
		assert!(Slashes::<T>::contains_key(slash));
		assert_eq!(Pallet::<T>::open_slash_count(&offender), window);
	}

	/// The operator's last pending slash, so that it is restored.
	#[benchmark]
	fn cancel_slash() -> Result<(), BenchmarkError> {
		let offender = operator::<T>(0);
		let slash = report::<T>(&offender, T::Eras::current_era(), 0, OffenceKind::Equivocation);
		let origin = veto::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, slash);
		assert!(!Slashes::<T>::contains_key(slash));
		assert_eq!(Pallet::<T>::open_slash_count(&offender), 0);
		Ok(())
	}

	#[benchmark]
	fn reduce_slash() -> Result<(), BenchmarkError> {
		let offender = operator::<T>(0);
		let slash = report::<T>(&offender, T::Eras::current_era(), 0, OffenceKind::Equivocation);
		let origin = veto::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, slash, Perbill::zero());
		assert!(Slashes::<T>::get(slash).expect("pending").fraction.is_zero());
		Ok(())
	}

	/// A slash the breaker holds, approved: it is applied and takes the last free route of its operator.
	#[benchmark]
	fn approve_slash() -> Result<(), BenchmarkError> {
		let offender = operator::<T>(0);
		let slash = report::<T>(&offender, T::Eras::current_era(), 0, OffenceKind::Equivocation);
		enter_due_era::<T>(slash);
		Slashes::<T>::mutate(slash, |record| {
			if let Some(record) = record {
				DueSlashes::<T>::remove(record.due_era, slash);
				record.state = SlashState::Held;
			}
		});
		routes::<T>(&offender, T::MaxRoutesPerOperator::get().saturating_sub(1));
		let origin = veto::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, slash);
		assert!(!Slashes::<T>::contains_key(slash));
		assert_eq!(Routes::<T>::get(&offender).len() as u32, T::MaxRoutesPerOperator::get());
		Ok(())
	}

	#[benchmark]
	fn set_slashing_mode() -> Result<(), BenchmarkError> {
		let origin = governance::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, SlashingMode::LogOnly);
		assert_eq!(Mode::<T>::get(), SlashingMode::LogOnly);
		Ok(())
	}

	/// A due slash of an operator with `SLASH_DELEGATORS[i]` delegators and stake in every sub-pool liable: the
	/// breaker is checked, restaking slashes the pool and the sub-pools, the last free route is taken and the
	/// operator is restored.
	#[benchmark]
	fn apply_slash(i: Linear<0, 2>) {
		let delegators = SLASH_DELEGATORS.get(i as usize).copied().unwrap_or(1);
		let offence_era = T::Eras::current_era();
		let offender = operator::<T>(0);
		T::Stake::setup_delegators_for_benchmarks(&offender, delegators);
		let slash = report::<T>(&offender, offence_era, 0, OffenceKind::Equivocation);
		let due = Slashes::<T>::get(slash).expect("pending").due_era;
		T::Eras::set_era_for_benchmarks(T::Eras::current_era().max(due));
		routes::<T>(&offender, T::MaxRoutesPerOperator::get().saturating_sub(1));
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), slash);
		assert!(!Slashes::<T>::contains_key(slash));
		assert_eq!(Pallet::<T>::open_slash_count(&offender), 0);
		assert_eq!(Routes::<T>::get(&offender).len() as u32, T::MaxRoutesPerOperator::get());
	}

	#[benchmark]
	fn set_consumer_slash_policy() -> Result<(), BenchmarkError> {
		operator::<T>(0);
		let manager = T::Consumers::manager(CONSUMER).ok_or(BenchmarkError::Weightless)?;
		let max = T::MaxSlashFraction::get();
		let fractions = KindFractions { equivocation: max, downtime: max, governance_fault: max };
		// A change already scheduled is replaced.
		Pallet::<T>::do_set_consumer_policy(&manager, CONSUMER, fractions)
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), CONSUMER, fractions);
		assert!(ConsumerPolicies::<T>::get(CONSUMER).pending(T::Eras::current_era()).is_some());
		Ok(())
	}

	/// Realised funds of an operator with `r` routes, enough to pay and close every one, and more to burn.
	#[benchmark]
	fn on_slash_realised(r: Linear<0, { T::MaxRoutesPerOperator::get() }>) {
		let offender = operator::<T>(0);
		Pallet::<T>::ensure_pot();
		routes::<T>(&offender, r);
		let amount = units::<T>(1_000).saturating_mul(r.saturating_add(1).into());
		let credit = <T::Currency as Balanced<T::AccountId>>::issue(amount);
		#[block]
		{
			<Pallet<T> as bulwark_primitives::OnSlashRealised<_, _>>::on_slash_realised(
				&offender, credit,
			);
		}
		assert!(!Routes::<T>::contains_key(&offender));
	}

	/// A page of `s` due slashes of `s` operators.
	#[benchmark]
	fn apply_due_page(s: Linear<0, { T::MaxSlashesPerBlock::get() }>) {
		let era = T::Eras::current_era();
		let slashes: alloc::vec::Vec<_> =
			// Governance faults, the mildest kind, so that a full page stays under the breaker's limit.
			(0..s)
				.map(|index| {
					report::<T>(&operator::<T>(index), era, index, OffenceKind::GovernanceFault)
				})
				.collect();
		// The cursor has caught up with the chain, as it does a block at a time; it walks to the due era.
		ApplyCursor::<T>::put(era);
		T::Eras::set_era_for_benchmarks(Pallet::<T>::due_era(era, era));
		#[block]
		{
			Pallet::<T>::apply_due_page();
		}
		assert!(slashes.iter().all(|slash| !Slashes::<T>::contains_key(slash)));
	}

	/// Pruning `e` windows and `e` pieces of evidence of the oldest era.
	#[benchmark]
	fn prune_era(e: Linear<0, { T::MaxPrunedPerBlock::get() }>) {
		let era = PruneCursor::<T>::get();
		for index in 0..e {
			let offender: T::AccountId = account("offender", index, 0);
			Evidence::<T>::insert(era, evidence(index), ());
			Windows::<T>::insert(
				(era, &offender, CONSUMER),
				SlashWindow { pending: None, applied: Perbill::from_percent(1) },
			);
		}
		T::Eras::set_era_for_benchmarks(era.saturating_add(T::UnbondingEras::get()));
		#[block]
		{
			Pallet::<T>::prune_old_era();
		}
		assert_eq!(PruneCursor::<T>::get(), era.saturating_add(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder.build(), crate::mock::Test);
}
