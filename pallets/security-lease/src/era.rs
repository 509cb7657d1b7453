//! Work at era starts: the price multiplier, then, consumer by consumer in bounded pages, payment for the era
//! that ended, the lease's state, and the assignment of operators one era ahead.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use bulwark_primitives::{
	mul_div, ConsumerId, EraIndex, OffenceKind, OnEraStart, OperatorStatus, ReportOffence,
	RewardSink, StakeProvider,
};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use sp_arithmetic::{FixedU128, Rounding};
use sp_runtime::{
	traits::{Saturating, Zero},
	PerThing, Perbill, SaturatedConversion,
};

impl<T: Config> OnEraStart for Pallet<T> {
	fn on_era_start(era: EraIndex) -> Weight {
		let capacity = T::Stake::total_restaked();
		let leased = if capacity.is_zero() {
			Perbill::one()
		} else {
			Perbill::from_rational(LeasedSecurity::<T>::get().min(capacity), capacity)
		};
		// Lease slots are scarce too: filling them raises the price like filling the capacity does, so that
		// holding many slots gets dearer every era.
		let slots = Perbill::from_rational(Leases::<T>::count(), T::MaxLeases::get().max(1));
		let utilisation = leased.max(slots);
		let current = PriceMultiplier::<T>::get();
		let step = FixedU128::from_perbill(T::MultiplierStep::get()).saturating_mul(current);
		let moved = if utilisation > T::TargetUtilisation::get() {
			current.saturating_add(step)
		} else if utilisation < T::TargetUtilisation::get() {
			current.saturating_sub(step)
		} else {
			current
		};
		let multiplier =
			moved.max(FixedU128::one()).min(T::MaxPriceMultiplier::get().max(FixedU128::one()));
		PriceMultiplier::<T>::put(multiplier);
		Self::deposit_event(Event::PriceMultiplierUpdated { multiplier, utilisation });

		if let Some((unfinished, _)) = EraCursor::<T>::get() {
			defensive!(
				"era processing did not finish before the next era; raise MaxConsumersPerBlock"
			);
			log::warn!(target: "runtime::security-lease", "era {unfinished} left unfinished at era {era}");
		}
		EraCursor::<T>::put((era, None::<ConsumerId>));
		T::WeightInfo::on_era_start()
	}
}

impl<T: Config> Pallet<T> {
	/// Process the next page of leases for the era that started last.
	pub(crate) fn process_era_page() -> Weight {
		let Some((era, last)) = EraCursor::<T>::get() else {
			return T::DbWeight::get().reads(1);
		};
		let per_block = T::MaxConsumersPerBlock::get() as usize;
		// One more than the page, to know whether anything is left.
		let mut page: Vec<ConsumerId> = match last {
			Some(last) => Leases::<T>::iter_from(Leases::<T>::hashed_key_for(last))
				.map(|(consumer, _)| consumer)
				.take(per_block.saturating_add(1))
				.collect(),
			None => Leases::<T>::iter_keys().take(per_block.saturating_add(1)).collect(),
		};
		let more = page.len() > per_block;
		page.truncate(per_block);
		let mut weight = T::DbWeight::get().reads_writes(page.len().saturating_add(2) as u64, 1);
		for consumer in &page {
			weight = weight.saturating_add(Self::process_consumer(*consumer, era));
		}
		match page.last() {
			Some(last) if more => EraCursor::<T>::put((era, Some(*last))),
			_ => EraCursor::<T>::kill(),
		}
		weight
	}

	/// At the start of `era`: pay out the era that ended for the service given, report its downtime, move the
	/// lease on (activation, renewal, expiry, grace, end), reserve the fee of `era` and assign operators for the
	/// era after it. Returns the weight: a consumer without a lease costs one read, one with a lease is charged
	/// for its number of keys.
	pub(crate) fn process_consumer(consumer: ConsumerId, era: EraIndex) -> Weight {
		let Some(mut lease) = Leases::<T>::get(consumer) else {
			return T::DbWeight::get().reads(1);
		};
		let weight = T::WeightInfo::process_consumer(KeyCount::<T>::get(consumer));
		let Some(info) = Consumers::<T>::get(consumer) else {
			defensive!("a lease of an unknown consumer");
			return weight;
		};
		let served = Assignments::<T>::get(consumer)
			.filter(|assignment| assignment.era.saturating_add(1) == era);
		// Only an era that was paid for had service, and so only it pays out and has offences.
		let paid = match (lease.reserved.take(), served.as_ref()) {
			(Some((paid_era, amount)), Some(assignment)) if paid_era == assignment.era => {
				Self::pay_out(consumer, paid_era, amount, assignment);
				Some(assignment)
			},
			(Some((paid_era, _)), _) if paid_era >= era => {
				defensive!("a fee reserved for an era not yet ended");
				None
			},
			// A reservation whose era was not served (none at genesis) goes back to the escrow.
			_ => None,
		};
		Self::close_attestation_era(consumer, era, paid);

		let current = NextAssignments::<T>::take(consumer)
			.filter(|assignment| assignment.era == era)
			.unwrap_or_else(|| Self::assign(consumer, &lease.terms, era));
		let end = Self::advance(consumer, &mut lease, &current, era);
		if let Some(reason) = end {
			// Keep the lease's counters in storage for `end_lease_now`.
			Leases::<T>::insert(consumer, lease);
			if Self::end_lease_now(consumer, &info.manager, reason).is_err() {
				defensive!("refunding an escrow failed");
			}
			return weight;
		}
		Assignments::<T>::insert(consumer, current);
		let next_era = era.saturating_add(1);
		let next = Self::assign(consumer, &lease.terms, next_era);
		Self::deposit_event(Event::OperatorsAssigned {
			consumer,
			era: next_era,
			operators: next.operators.len() as u32,
			security: next.security,
		});
		NextAssignments::<T>::insert(consumer, next);
		Leases::<T>::insert(consumer, lease);
		weight
	}

	/// Move `lease` on at the start of `era`, served by `current`: end it, activate it, renew it, and reserve the
	/// era's fee. Returns why it ends, if it does.
	///
	/// - A lease the manager ended, or whose term is over and does not renew, ends.
	/// - A requested lease activates once `current` meets its terms and the escrow pays the era; it expires after
	///   `RequestExpiryEras` eras without activating.
	/// - An active lease reserves the era's fee; if the escrow cannot pay it, the lease is in grace (no finality
	///   in that era), and it ends at an era it cannot pay once `GraceEras` unpaid eras have accumulated.
	fn advance(
		consumer: ConsumerId,
		lease: &mut Lease<BalanceOf<T>>,
		current: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
		era: EraIndex,
	) -> Option<EndReason> {
		if lease.ending {
			return Some(EndReason::Ended);
		}
		if lease.status == LeaseStatus::Requested {
			let meets_terms = current.operators.len() as u32 >= lease.terms.min_operators
				&& current.security >= lease.terms.security;
			if meets_terms && Self::reserve(consumer, lease, current, era) {
				lease.status = LeaseStatus::Active;
				LeasedSecurity::<T>::mutate(|total| {
					*total = total.saturating_add(lease.terms.security)
				});
				Self::deposit_event(Event::LeaseActivated { consumer, era });
				return None;
			}
			if era.saturating_sub(lease.requested_era) >= T::RequestExpiryEras::get() {
				return Some(EndReason::RequestExpired);
			}
			return None;
		}
		if lease.eras_paid >= lease.terms.duration_eras && !Self::auto_renew(consumer, lease) {
			return Some(EndReason::Expired);
		}
		if Self::reserve(consumer, lease, current, era) {
			lease.status = LeaseStatus::Active;
			return None;
		}
		// Unpaid eras accumulate over the lease's life: paying every other era does not hold a slot for ever.
		if lease.unpaid_eras >= T::GraceEras::get() {
			return Some(EndReason::Unpaid);
		}
		lease.unpaid_eras = lease.unpaid_eras.saturating_add(1);
		if !matches!(lease.status, LeaseStatus::Grace { .. }) {
			lease.status = LeaseStatus::Grace { since: era };
		}
		Self::deposit_event(Event::LeaseInGrace { consumer, era });
		None
	}

	/// The fee of an era served by `assignment`: the price, reduced in proportion when the assignment gives less
	/// security or fewer operators than the terms ask for (whichever falls shorter).
	pub(crate) fn era_fee(
		lease: &Lease<BalanceOf<T>>,
		assignment: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	) -> BalanceOf<T> {
		let price = lease.price_per_era;
		let by_security = if assignment.security >= lease.terms.security {
			price
		} else {
			mul_div(price, assignment.security, lease.terms.security, Rounding::Down)
		};
		let operators = assignment.operators.len() as u32;
		let by_operators = if operators >= lease.terms.min_operators {
			price
		} else {
			mul_div(price, operators.into(), lease.terms.min_operators.into(), Rounding::Down)
		};
		by_security.min(by_operators)
	}

	/// Reserve the fee of `era` in the escrow, if it can pay it; an era served below the terms is announced.
	fn reserve(
		consumer: ConsumerId,
		lease: &mut Lease<BalanceOf<T>>,
		current: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
		era: EraIndex,
	) -> bool {
		let fee = Self::era_fee(lease, current);
		if Self::free_escrow(consumer, lease) < fee {
			return false;
		}
		// The escrow may pay with money sent to it by plain transfer: the ledger counts it in first.
		Self::count_in_transfers(consumer);
		lease.reserved = Some((era, fee));
		lease.eras_paid = lease.eras_paid.saturating_add(1);
		Self::record_paid_assignment(consumer, era, current);
		Self::deposit_event(Event::EraReserved { consumer, era, amount: fee });
		let operators = current.operators.len() as u32;
		if operators < lease.terms.min_operators || current.security < lease.terms.security {
			Self::deposit_event(Event::LeaseUnderServed {
				consumer,
				era,
				operators,
				security: current.security,
			});
		}
		true
	}

	/// Renew an expired term at the current price, capped by `RenewalCap` and `max_price_per_era`, if the lease asks
	/// for it and the escrow can pay an era. Returns whether it renewed.
	fn auto_renew(consumer: ConsumerId, lease: &mut Lease<BalanceOf<T>>) -> bool {
		if !lease.terms.auto_renew {
			return false;
		}
		let cap =
			lease.price_per_era.saturating_add(T::RenewalCap::get().mul_ceil(lease.price_per_era));
		let price = Self::quote(lease.terms.security).min(cap);
		if price > lease.terms.max_price_per_era || Self::free_escrow(consumer, lease) < price {
			return false;
		}
		lease.price_per_era = price;
		lease.eras_paid = 0;
		Self::deposit_event(Event::LeaseRenewed {
			consumer,
			eras: lease.terms.duration_eras,
			price_per_era: price,
		});
		true
	}

	/// What `consumer`'s escrow can pay and stay alive, beyond the fee `lease` has reserved.
	pub(crate) fn free_escrow(consumer: ConsumerId, lease: &Lease<BalanceOf<T>>) -> BalanceOf<T> {
		let reserved =
			lease.reserved.as_ref().map(|(_, amount)| *amount).unwrap_or_else(Zero::zero);
		T::Currency::reducible_balance(
			&Self::escrow_account(consumer),
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.saturating_sub(reserved)
	}

	/// Pay out `amount`, the fee reserved for `era`, which `assignment` served. Each operator earns its part
	/// (pro rata to the stake it counted for) in proportion to the era's final heights it attested: an operator
	/// that attested none, because it was down or suspended, earns nothing, and an era with no final head pays
	/// nobody. The protocol takes its share of what was earned; what nobody earned stays in the escrow.
	pub(crate) fn pay_out(
		consumer: ConsumerId,
		era: EraIndex,
		amount: BalanceOf<T>,
		assignment: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	) {
		let finalized = FinalHeights::<T>::get(consumer, era);
		let escrow = Self::escrow_account(consumer);
		let protocol_full = T::ProtocolShare::get().mul_floor(amount);
		let to_operators = amount.saturating_sub(protocol_full);
		let mut earned = BalanceOf::<T>::zero();
		let mut served_stake = BalanceOf::<T>::zero();
		if finalized > 0 && !assignment.security.is_zero() {
			for (operator, stake) in &assignment.operators {
				let attested =
					FinalAttestations::<T>::get((consumer, era), operator).min(finalized);
				let served = mul_div(*stake, attested.into(), finalized.into(), Rounding::Down);
				served_stake = served_stake.saturating_add(served);
				let share = mul_div(to_operators, served, assignment.security, Rounding::Down);
				if share.is_zero() {
					continue;
				}
				if T::Rewards::credit_reward(&escrow, operator, consumer, era, share).is_ok() {
					earned = earned.saturating_add(share);
				} else {
					defensive!("an assigned operator could not be paid");
				}
			}
		}
		let mut protocol = if assignment.security.is_zero() {
			Zero::zero()
		} else {
			mul_div(protocol_full, served_stake, assignment.security, Rounding::Down)
		};
		if !protocol.is_zero()
			&& T::Currency::transfer(
				&escrow,
				&T::TreasuryAccount::get(),
				protocol,
				Preservation::Preserve,
			)
			.is_err()
		{
			defensive!("the treasury could not be paid from an escrow that could pay");
			protocol = Zero::zero();
		}
		let paid = earned.saturating_add(protocol);
		Escrow::<T>::mutate(consumer, |ledger| ledger.paid = ledger.paid.saturating_add(paid));
		Self::deposit_event(Event::LeasePaid {
			consumer,
			era,
			amount: paid,
			protocol,
			unearned: amount.saturating_sub(paid),
		});
	}

	/// Operators for `consumer` at `era`: those with a key in force then, active, and with enough stake slashable
	/// for the consumer that the offence intake would take their downtime in, largest first, at most
	/// `max_operators`, each counted for at most `MaxOperatorShare` of the total. An operator whose failure to serve
	/// could cost it nothing never counts towards a lease's terms.
	pub fn assign(
		consumer: ConsumerId,
		terms: &LeaseTerms<BalanceOf<T>>,
		era: EraIndex,
	) -> Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease> {
		let mut candidates: Vec<(T::AccountId, BalanceOf<T>)> =
			OperatorKeys::<T>::iter_prefix(consumer)
				.filter(|(_, keys)| keys.at(era).is_some())
				.filter(|(operator, _)| {
					T::Stake::operator_status(operator) == Some(OperatorStatus::Active)
				})
				.map(|(operator, _)| {
					let stake = T::Stake::slashable_stake(&operator, consumer, era);
					(operator, stake)
				})
				.filter(|(_, stake)| {
					!stake.is_zero()
						&& T::Offences::can_punish(consumer, OffenceKind::Downtime, era, *stake)
				})
				.collect();
		candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
		candidates.truncate(terms.max_operators.min(T::MaxOperatorsPerLease::get()) as usize);
		let counted = cap_shares::<T>(candidates);
		let security = counted
			.iter()
			.fold(BalanceOf::<T>::zero(), |total, (_, stake)| total.saturating_add(*stake));
		Assignment { era, operators: BoundedVec::truncate_from(counted), security }
	}
}

/// Cap the largest stakes (sorted, largest first) so that none exceeds `MaxOperatorShare` of the total.
///
/// If the `k` largest are capped at `x`, then `x = s (k x + R)` with `R` the sum of the others, so
/// `x = s R / (1 - k s)`; the right `k` is the first for which the next stake is not above that `x`. When no `k`
/// works (fewer operators than `1 / s`), nothing counts.
pub(crate) fn cap_shares<T: Config>(
	stakes: Vec<(T::AccountId, BalanceOf<T>)>,
) -> Vec<(T::AccountId, BalanceOf<T>)> {
	let share = u128::from(T::MaxOperatorShare::get().deconstruct());
	let accuracy = u128::from(Perbill::ACCURACY);
	let values: Vec<u128> = stakes.iter().map(|(_, stake)| (*stake).saturated_into()).collect();
	let total: u128 = values.iter().sum();
	for capped in 0..=values.len() {
		let rest: u128 = values.iter().skip(capped).sum();
		let room = accuracy.saturating_sub(share.saturating_mul(capped as u128));
		if room == 0 {
			break;
		}
		let cap = if capped == 0 {
			total
		} else {
			sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
				share,
				rest,
				room,
				sp_arithmetic::Rounding::Down,
			)
			.unwrap_or(0)
		};
		let fits = match values.get(capped) {
			// Uncapped: every stake within `share` of the total.
			Some(next) if capped == 0 => {
				next.saturating_mul(accuracy) <= share.saturating_mul(total)
			},
			Some(next) => *next <= cap,
			None => true,
		};
		if fits {
			return stakes
				.into_iter()
				.enumerate()
				.map(|(index, (operator, stake))| {
					if index < capped {
						(operator, cap.saturated_into())
					} else {
						(operator, stake)
					}
				})
				.filter(|(_, stake)| !stake.is_zero())
				.collect();
		}
	}
	Vec::new()
}
