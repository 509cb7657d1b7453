//! The logic behind the calls, the hooks and the traits the pallet implements for the other pallets.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use bulwark_primitives::{
	ConsumerId, ConsumerRegistry, EraIndex, EraProvider, OnEraStart, OnSlashRealised,
	OperatorStatus, RewardSink, SlashTarget, StakeProvider,
};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
		DefensiveOption,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::{FixedU128, Rounding};
use sp_runtime::{
	traits::{AccountIdConversion, One, Saturating, Zero},
	PerThing, Perbill, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The account holding delegators' unclaimed rewards.
	pub fn reward_pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Endow the reward pot with the existential deposit if it has none, so that rewards of any size can be paid
	/// into it; claims leave that deposit in place. Done at genesis, and once if the pallet is added later.
	pub(crate) fn ensure_reward_pot() {
		if !bulwark_primitives::endow_existential::<_, T::Currency>(&Self::reward_pot()) {
			defensive!("the reward pot could not be endowed");
		}
	}

	/// The deposit held for `len` bytes of operator metadata.
	pub fn operator_deposit(len: usize) -> BalanceOf<T> {
		bulwark_primitives::byte_deposit(
			T::OperatorDepositBase::get(),
			T::OperatorDepositPerByte::get(),
			len,
		)
	}

	/// The oldest offence era whose slash may still be applied: an offence is reported at most
	/// `UnbondingEras - 1` eras after it, its slash is due `SlashDeferEras` after the report, and one more era
	/// covers a page of due slashes carried over into the next era. So the liable sub-pools of a slash are those of
	/// at most `UnbondingEras + SlashDeferEras + 1` eras, a constant, and allocation changes are kept back to it.
	///
	/// An operator with open slashes keeps more, back to their oldest offence era ([`Self::liability_horizon_of`]):
	/// a slash applied late, or held by the breaker and approved later, finds what was at risk. (A held slash has no
	/// deadline yet, so that span has no bound but governance's decision: "Exact slashes" gives it one.)
	pub fn liability_horizon() -> EraIndex {
		CurrentEra::<T>::get()
			.saturating_sub(T::UnbondingEras::get().saturating_add(T::SlashDeferEras::get()))
	}

	/// The oldest era whose allocation changes and unbonding sub-pools `operator` keeps: the chain's
	/// [`Self::liability_horizon`], or the oldest offence era of its open slashes if that is older, so that a slash
	/// applied late (its page behind, or held by the breaker) still finds the allocation and the stake that were
	/// at risk, however the operator changes its allocations meanwhile.
	pub fn liability_horizon_of(operator: &T::AccountId) -> EraIndex {
		let horizon = Self::liability_horizon();
		Operators::<T>::get(operator)
			.and_then(|info| info.liable_from)
			.map_or(horizon, |from| from.min(horizon))
	}

	/// Eras of `operator`'s unbonding sub-pools still liable for an offence in `offence_era`: created in or after
	/// it, back to [`Self::liability_horizon_of`] at most, whether matured or not as long as they exist. A sub-pool
	/// created after the offence cannot mature before the offence is reported (intake refuses reports
	/// `UnbondingEras` old), and from the report on its operator is suspended, which keeps its delegators' liable
	/// chunks waiting until the slash is applied or cancelled (see [`Self::is_withdrawable`]).
	fn liable_eras(
		operator: &T::AccountId,
		offence_era: EraIndex,
	) -> core::ops::RangeInclusive<EraIndex> {
		offence_era.max(Self::liability_horizon_of(operator))..=CurrentEra::<T>::get()
	}

	/// Whether unbonding stake of `era` can be withdrawn now.
	fn is_matured(era: EraIndex) -> bool {
		era.saturating_add(T::UnbondingEras::get()) <= CurrentEra::<T>::get()
	}

	/// Whether an unbonding chunk of `era` can be withdrawn now from an operator whose open slashes have offences
	/// of `liable_from` or later (`None`: it has none): matured, and unbonded before that era. A chunk of era `c`
	/// is liable only to offences of eras `e <= c`, so a chunk older than every open slash's offence can be taken
	/// by none of them. Only the others wait, so that an operator can never hold stake that its slashes cannot
	/// take: not even by keeping a suspension alive with a new self-report every era, since the oldest open
	/// offence era moves on as the older slashes close.
	pub(crate) fn is_withdrawable(era: EraIndex, liable_from: Option<EraIndex>) -> bool {
		Self::is_matured(era) && liable_from.is_none_or(|from| era < from)
	}

	/// Record the oldest offence era of `who`'s open slashes; `Some` only while it is suspended.
	pub(crate) fn do_set_liable_from(
		who: &T::AccountId,
		liable_from: Option<EraIndex>,
	) -> DispatchResult {
		Operators::<T>::try_mutate(who, |maybe_info| -> DispatchResult {
			let info = maybe_info.as_mut().ok_or(Error::<T>::UnknownOperator)?;
			ensure!(
				liable_from.is_none_or(|from| from <= CurrentEra::<T>::get()),
				Error::<T>::OffenceInFuture
			);
			ensure!(
				liable_from.is_none() || info.suspended_since.is_some(),
				Error::<T>::NotSuspended
			);
			info.liable_from = liable_from;
			Ok(())
		})
	}

	pub(crate) fn do_register_operator(
		who: &T::AccountId,
		self_bond: BalanceOf<T>,
		commission: Perbill,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
	) -> DispatchResult {
		ensure!(!Operators::<T>::contains_key(who), Error::<T>::AlreadyOperator);
		ensure!(self_bond >= T::MinOperatorBond::get(), Error::<T>::BelowMinOperatorBond);
		ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		let deposit = Self::operator_deposit(metadata.len());
		T::Currency::hold(&HoldReason::OperatorDeposit.into(), who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Operators::<T>::insert(
			who,
			OperatorInfo {
				commission,
				pending_commission: None,
				metadata,
				deposit,
				chilled: false,
				suspended_since: None,
				liable_from: None,
				reward_per_share: FixedU128::zero(),
			},
		);
		Pools::<T>::insert(who, StakePool::default());
		Self::do_delegate(who, who, self_bond)?;
		Self::deposit_event(Event::OperatorRegistered {
			operator: who.clone(),
			self_bond,
			commission,
		});
		Ok(())
	}

	pub(crate) fn do_update_operator(
		who: &T::AccountId,
		commission: Perbill,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
	) -> DispatchResult {
		let mut info = Operators::<T>::get(who).ok_or(Error::<T>::UnknownOperator)?;
		ensure!(commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		let now = CurrentEra::<T>::get();
		info.commission = info.commission_at(now);
		let commission_from = if commission <= info.commission {
			info.commission = commission;
			info.pending_commission = None;
			now
		} else {
			let from = now.saturating_add(T::CommissionChangeDelay::get());
			info.pending_commission = Some((commission, from));
			from
		};

		let deposit = Self::operator_deposit(metadata.len());
		bulwark_primitives::set_hold::<_, T::Currency>(
			&HoldReason::OperatorDeposit.into(),
			who,
			info.deposit,
			deposit,
			Error::<T>::InsufficientBalance.into(),
		)?;
		info.deposit = deposit;
		info.metadata = metadata;
		Operators::<T>::insert(who, info);
		Self::deposit_event(Event::OperatorUpdated {
			operator: who.clone(),
			commission,
			commission_from,
			deposit,
		});
		Ok(())
	}

	pub(crate) fn do_set_chilled(who: &T::AccountId, chilled: bool) -> DispatchResult {
		let operator = who.clone();
		let (unchanged, event) = if chilled {
			(Error::<T>::AlreadyChilled, Event::OperatorChilled { operator })
		} else {
			(Error::<T>::NotChilled, Event::OperatorResumed { operator })
		};
		Self::set_operator_flag(who, |info| &mut info.chilled, chilled, unchanged, event)
	}

	/// Suspend `who` from the current era on, or lift its suspension.
	pub(crate) fn do_set_suspended(who: &T::AccountId, suspended: bool) -> DispatchResult {
		let now = CurrentEra::<T>::get();
		Operators::<T>::try_mutate(who, |maybe_info| -> DispatchResult {
			let info = maybe_info.as_mut().ok_or(Error::<T>::UnknownOperator)?;
			if suspended {
				// Each new offence suspends again: that is not an error, and the suspension keeps the era it
				// began in.
				info.suspended_since = info.suspended_since.or(Some(now));
			} else {
				ensure!(info.suspended_since.is_some(), Error::<T>::NotSuspended);
				info.suspended_since = None;
				// Restored: it has no open slash left.
				info.liable_from = None;
			}
			Ok(())
		})?;
		let operator = who.clone();
		Self::deposit_event(if suspended {
			Event::OperatorSuspended { operator }
		} else {
			Event::OperatorRestored { operator }
		});
		Ok(())
	}

	/// Set one of an operator's status flags and emit `event`; `unchanged` is the error when it already had
	/// that value.
	fn set_operator_flag(
		who: &T::AccountId,
		flag: impl FnOnce(&mut OperatorInfo<BalanceOf<T>, T::MaxMetadataLen>) -> &mut bool,
		value: bool,
		unchanged: Error<T>,
		event: Event<T>,
	) -> DispatchResult {
		Operators::<T>::try_mutate(who, |maybe_info| -> DispatchResult {
			let field = flag(maybe_info.as_mut().ok_or(Error::<T>::UnknownOperator)?);
			ensure!(*field != value, unchanged);
			*field = value;
			Ok(())
		})?;
		Self::deposit_event(event);
		Ok(())
	}

	pub(crate) fn do_delegate(
		who: &T::AccountId,
		operator: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(amount >= T::MinDelegation::get(), Error::<T>::BelowMinDelegation);
		let info = Operators::<T>::get(operator).ok_or(Error::<T>::UnknownOperator)?;
		ensure!(info.suspended_since.is_none(), Error::<T>::OperatorSuspended);
		let mut pool = Pools::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
		ensure!(!pool.is_wiped(), Error::<T>::PoolWiped);
		let existing = Delegations::<T>::get(who, operator);
		let count = DelegationCount::<T>::get(who);
		if existing.is_none() {
			ensure!(count < T::MaxDelegationsPerStaker::get(), Error::<T>::TooManyDelegations);
		}
		let is_new = existing.is_none();
		let mut delegation = existing.unwrap_or_default();
		Self::realise_slashes(who, operator, &mut delegation, &mut pool)?;

		let shares = pool.shares_for(amount);
		ensure!(!shares.is_zero(), Error::<T>::ZeroShares);
		T::Currency::hold(&HoldReason::Restaking.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		delegation.accrue(info.reward_per_share);
		delegation.shares = delegation.shares.checked_add(&shares).ok_or(Error::<T>::Overflow)?;
		delegation.held = delegation.held.saturating_add(amount);
		pool.shares = pool.shares.checked_add(&shares).ok_or(Error::<T>::Overflow)?;
		pool.stake = pool.stake.saturating_add(amount);
		pool.held = pool.held.saturating_add(amount);
		TotalRestaked::<T>::mutate(|total| *total = total.saturating_add(amount));

		if is_new {
			DelegationCount::<T>::insert(who, count.saturating_add(1));
		}
		Pools::<T>::insert(operator, pool);
		Delegations::<T>::insert(who, operator, delegation);
		Self::deposit_event(Event::Delegated {
			delegator: who.clone(),
			operator: operator.clone(),
			amount,
			shares,
		});
		Ok(())
	}

	pub(crate) fn do_undelegate(
		who: &T::AccountId,
		operator: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let (mut delegation, mut pool, _) = Self::settled_delegation(who, operator)?;
		let info = Operators::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;

		let value = pool.value_of(delegation.shares).min(delegation.held);
		ensure!(amount <= value, Error::<T>::InsufficientStake);
		let remaining = value.saturating_sub(amount);
		if who == operator {
			ensure!(remaining >= T::MinOperatorBond::get(), Error::<T>::BelowMinOperatorBond);
		}
		let full_exit = remaining.is_zero();
		ensure!(full_exit || remaining >= T::MinDelegation::get(), Error::<T>::WouldLeaveDust);

		let era = CurrentEra::<T>::get();
		let mut sub_pool = UnbondingPools::<T>::get(operator, era).unwrap_or_default();
		ensure!(!sub_pool.is_wiped(), Error::<T>::PoolWiped);
		let chunk_index = match delegation.unbonding.iter().position(|chunk| chunk.era == era) {
			Some(index) => index,
			None => {
				delegation
					.unbonding
					.try_push(UnbondingChunk { era, shares: Zero::zero(), held: Zero::zero() })
					.map_err(|_| Error::<T>::TooManyUnbondingChunks)?;
				delegation.unbonding.len().saturating_sub(1)
			},
		};

		// A full exit takes the whole hold along, rounding dust included.
		let (burnt, moved_held, moved_stake) = if full_exit {
			(delegation.shares, delegation.held, delegation.held.min(pool.stake))
		} else {
			(pool.shares_to_burn(amount).min(delegation.shares), amount, amount)
		};
		delegation.accrue(info.reward_per_share);
		delegation.shares = delegation.shares.saturating_sub(burnt);
		delegation.held = delegation.held.saturating_sub(moved_held);
		pool.shares = pool.shares.saturating_sub(burnt);
		pool.stake = pool.stake.saturating_sub(moved_stake);
		pool.held = pool.held.saturating_sub(moved_held);

		let minted = sub_pool.shares_for(moved_stake);
		sub_pool.shares = sub_pool.shares.checked_add(&minted).ok_or(Error::<T>::Overflow)?;
		sub_pool.stake = sub_pool.stake.saturating_add(moved_stake);
		sub_pool.held = sub_pool.held.saturating_add(moved_held);
		let chunk = delegation
			.unbonding
			.get_mut(chunk_index)
			.defensive_ok_or(Error::<T>::TooManyUnbondingChunks)?;
		chunk.shares = chunk.shares.saturating_add(minted);
		chunk.held = chunk.held.saturating_add(moved_held);

		Pools::<T>::insert(operator, pool);
		UnbondingPools::<T>::insert(operator, era, sub_pool);
		Delegations::<T>::insert(who, operator, delegation);
		Self::deposit_event(Event::Undelegated {
			delegator: who.clone(),
			operator: operator.clone(),
			amount: moved_stake,
			era,
			withdrawable_from: era.saturating_add(T::UnbondingEras::get()),
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(who: &T::AccountId, operator: &T::AccountId) -> DispatchResult {
		let (mut delegation, pool, _) = Self::settled_delegation(who, operator)?;

		ensure!(
			delegation.unbonding.iter().any(|chunk| Self::is_matured(chunk.era)),
			Error::<T>::NothingToWithdraw
		);
		// While the operator has a slash pending or held, matured stake that the slash may take waits: a late
		// report's slash may fall due after that stake matures, and it stays liable until the slash is applied or
		// cancelled. Chunks unbonded before the oldest open offence go out.
		let info = Operators::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
		let (matured, unbonding): (Vec<_>, Vec<_>) = delegation
			.unbonding
			.iter()
			.cloned()
			.partition(|chunk| Self::is_withdrawable(chunk.era, info.liable_from));
		ensure!(!matured.is_empty(), Error::<T>::WithdrawBlockedBySlash);

		let mut released = BalanceOf::<T>::zero();
		let mut stake_out = BalanceOf::<T>::zero();
		for chunk in matured {
			let Some(mut sub_pool) = UnbondingPools::<T>::get(operator, chunk.era) else {
				defensive!("an unbonding chunk without its sub-pool");
				continue;
			};
			released = released.saturating_add(chunk.held);
			// Rounding dust a chunk's hold carries above its value leaves with it.
			let out = chunk.held.min(sub_pool.stake);
			stake_out = stake_out.saturating_add(out);
			sub_pool.stake = sub_pool.stake.saturating_sub(out);
			sub_pool.held = sub_pool.held.saturating_sub(chunk.held);
			sub_pool.shares = sub_pool.shares.saturating_sub(chunk.shares);
			if sub_pool.shares.is_zero() {
				// The last member is gone: what stake is left is dust nobody owns.
				stake_out = stake_out.saturating_add(sub_pool.stake);
				if !sub_pool.held.is_zero() {
					defensive!("an emptied sub-pool still attributes holds");
				}
				UnbondingPools::<T>::remove(operator, chunk.era);
			} else {
				UnbondingPools::<T>::insert(operator, chunk.era, sub_pool);
			}
		}
		TotalRestaked::<T>::mutate(|total| *total = total.saturating_sub(stake_out));
		T::Currency::release(&HoldReason::Restaking.into(), who, released, Precision::Exact)?;
		delegation.unbonding = BoundedVec::truncate_from(unbonding);
		Pools::<T>::insert(operator, pool);
		Self::store_delegation(who, operator, delegation);
		Self::deposit_event(Event::Withdrawn {
			delegator: who.clone(),
			operator: operator.clone(),
			amount: released,
		});
		Ok(())
	}

	/// Store a delegation, or remove it and its count once it holds nothing.
	fn store_delegation(
		who: &T::AccountId,
		operator: &T::AccountId,
		delegation: Delegation<BalanceOf<T>, T::MaxUnbondingChunks>,
	) {
		if delegation.is_empty() {
			Delegations::<T>::remove(who, operator);
			DelegationCount::<T>::mutate_exists(who, |count| {
				let left = count.unwrap_or_default().saturating_sub(1);
				*count = (left > 0).then_some(left);
			});
		} else {
			Delegations::<T>::insert(who, operator, delegation);
		}
	}

	pub(crate) fn do_allocate(
		operator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
	) -> DispatchResult {
		let info = Operators::<T>::get(operator).ok_or(Error::<T>::UnknownOperator)?;
		// A consumer that has left may still be named to release what was allocated to it, never to raise it.
		let exists = T::Consumers::consumer_exists(consumer);
		ensure!(exists || fraction.is_zero(), Error::<T>::UnknownConsumer);
		let now = CurrentEra::<T>::get();
		let (current, notice_until) = Allocations::<T>::get(operator)
			.iter()
			.find(|allocation| allocation.consumer == consumer)
			.map(|allocation| (allocation.fraction_at(now), allocation.notice_until))
			.unwrap_or_else(|| (Perbill::zero(), 0));
		let from = if fraction > current {
			ensure!(info.status() == OperatorStatus::Active, Error::<T>::OperatorNotActive);
			// New risk for the pool's stakers: at least one whole era of notice after this one, fixed now, so that
			// a staker who sees the announcement, even in this era's last block, can undelegate within it (its
			// unbonding stake liable only for offences up to its request) and never bear the risk. Neither a later
			// change of `AllocationDelay` nor a new announcement replacing or cancelling a pending one brings it in
			// sooner than a notice already given.
			now.saturating_add(1).saturating_add(T::AllocationDelay::get().max(1)).max(notice_until)
		} else if fraction < current && exists {
			now.saturating_add(T::DeallocationDelay::get())
		} else if fraction < current {
			// No new offence can be reported for a consumer that no longer exists, so the release takes effect from
			// the next era and then frees the restaking degree. Not from this one: a slash reported before the
			// consumer left may be pending for an offence of the current era, and it must still find the
			// allocation in force then (slashes of earlier eras find the history).
			now.saturating_add(1)
		} else {
			// Back to the fraction in force: cancels what is pending.
			now
		};
		Self::do_allocate_at(operator, consumer, fraction, from)
	}

	/// Schedule `operator`'s allocation to `consumer` to become `fraction` from era `from`, replacing pending changes.
	pub(crate) fn do_allocate_at(
		operator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		from: EraIndex,
	) -> DispatchResult {
		let now = CurrentEra::<T>::get();
		// Changes are kept as long as a slash for an offence in their eras may still be applied.
		let horizon = Self::liability_horizon_of(operator);
		let mut allocations = Allocations::<T>::get(operator);
		let index = match allocations.iter().position(|allocation| allocation.consumer == consumer)
		{
			Some(index) => index,
			None => {
				ensure!(!fraction.is_zero(), Error::<T>::AllocationUnchanged);
				allocations
					.try_push(ConsumerAllocation {
						consumer,
						changes: BoundedVec::default(),
						notice_until: 0,
					})
					.map_err(|_| Error::<T>::TooManyConsumers)?;
				allocations.len().saturating_sub(1)
			},
		};
		let allocation =
			allocations.get_mut(index).defensive_ok_or(Error::<T>::TooManyConsumers)?;
		let in_force = allocation.fraction_at(now);
		let pending = allocation.pending_at(now);
		ensure!(
			pending.map(|(_, scheduled)| scheduled) != Some(fraction)
				&& (pending.is_some() || in_force != fraction),
			Error::<T>::AllocationUnchanged
		);
		// The notice an increase gives is kept, whatever replaces it.
		if fraction > in_force && from > now {
			allocation.notice_until = allocation.notice_until.max(from);
		}
		// A new change replaces whatever is pending.
		allocation.changes.retain(|(era, _)| *era <= now);
		allocation.prune(horizon);
		if from <= now {
			allocation.changes.retain(|(era, _)| *era < from);
		}
		allocation
			.changes
			.try_push((from, fraction))
			.map_err(|_| Error::<T>::TooManyAllocationChanges)?;

		let degree = Self::degree_of(&allocations, now);
		ensure!(degree <= T::MaxRestakingDegree::get(), Error::<T>::RestakingDegreeExceeded);
		for allocation in allocations.iter_mut() {
			allocation.prune(horizon);
		}
		allocations.retain(|allocation| !allocation.is_spent(horizon));
		Allocations::<T>::insert(operator, allocations);
		Self::deposit_event(Event::AllocationScheduled {
			operator: operator.clone(),
			consumer,
			fraction,
			from,
		});
		Ok(())
	}

	/// Sum of the fractions in force or scheduled: 1 means the whole pool once.
	fn degree_of(
		allocations: &[ConsumerAllocation<T::MaxAllocationChanges>],
		era: EraIndex,
	) -> FixedU128 {
		let parts: u128 = allocations
			.iter()
			.map(|allocation| u128::from(allocation.committed_at(era).deconstruct()))
			.sum();
		FixedU128::from_rational_with_rounding(parts, u128::from(Perbill::ACCURACY), Rounding::Up)
	}

	pub(crate) fn do_claim_rewards(who: &T::AccountId, operator: &T::AccountId) -> DispatchResult {
		let (mut delegation, pool, _) = Self::settled_delegation(who, operator)?;
		let info = Operators::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
		delegation.accrue(info.reward_per_share);
		let amount = core::mem::take(&mut delegation.unclaimed);
		ensure!(!amount.is_zero(), Error::<T>::NoRewards);
		T::Currency::transfer(&Self::reward_pot(), who, amount, Preservation::Preserve)?;
		Pools::<T>::insert(operator, pool);
		Self::store_delegation(who, operator, delegation);
		Self::deposit_event(Event::RewardsClaimed {
			delegator: who.clone(),
			operator: operator.clone(),
			amount,
		});
		Ok(())
	}

	/// Realise the pending slashes of a delegation and store the result. Returns the amount realised.
	pub(crate) fn do_settle(
		who: &T::AccountId,
		operator: &T::AccountId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let (delegation, pool, realised) = Self::settled_delegation(who, operator)?;
		if !realised.is_zero() {
			Pools::<T>::insert(operator, pool);
			Self::store_delegation(who, operator, delegation);
		}
		Ok(realised)
	}

	/// Load `who`'s delegation to `operator` and its pool, with pending slashes realised (sub-pools written). Returns
	/// them and the amount realised; the caller stores the delegation and the pool.
	fn settled_delegation(
		who: &T::AccountId,
		operator: &T::AccountId,
	) -> Result<
		(Delegation<BalanceOf<T>, T::MaxUnbondingChunks>, StakePool<BalanceOf<T>>, BalanceOf<T>),
		DispatchError,
	> {
		let mut delegation =
			Delegations::<T>::get(who, operator).ok_or(Error::<T>::NotDelegated)?;
		let mut pool = Pools::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
		let realised = Self::realise_slashes(who, operator, &mut delegation, &mut pool)?;
		Ok((delegation, pool, realised))
	}

	/// Take from `who`'s hold what slashes took from the stake its delegation backs, in the active pool and in each
	/// unbonding sub-pool, and hand it to `SlashedFunds`. Writes the sub-pools; the caller writes `pool` and
	/// `delegation`.
	fn realise_slashes(
		who: &T::AccountId,
		operator: &T::AccountId,
		delegation: &mut Delegation<BalanceOf<T>, T::MaxUnbondingChunks>,
		pool: &mut StakePool<BalanceOf<T>>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut realised = pool.realisable(delegation.shares, delegation.held);
		delegation.held = delegation.held.saturating_sub(realised);
		pool.held = pool.held.saturating_sub(realised);
		pool.unrealised = pool.unrealised.saturating_sub(realised);
		for chunk in delegation.unbonding.iter_mut() {
			let Some(mut sub_pool) = UnbondingPools::<T>::get(operator, chunk.era) else {
				defensive!("an unbonding chunk without its sub-pool");
				continue;
			};
			let taken = sub_pool.realisable(chunk.shares, chunk.held);
			if taken.is_zero() {
				continue;
			}
			chunk.held = chunk.held.saturating_sub(taken);
			sub_pool.held = sub_pool.held.saturating_sub(taken);
			sub_pool.unrealised = sub_pool.unrealised.saturating_sub(taken);
			UnbondingPools::<T>::insert(operator, chunk.era, sub_pool);
			realised = realised.saturating_add(taken);
		}
		if realised.is_zero() {
			return Ok(realised);
		}
		let (credit, missing) = <T::Currency as frame_support::traits::fungible::hold::Balanced<
			T::AccountId,
		>>::slash(&HoldReason::Restaking.into(), who, realised);
		if !missing.is_zero() {
			defensive!("a hold smaller than the delegations it backs");
		}
		T::SlashedFunds::on_slash_realised(operator, credit);
		Self::deposit_event(Event::SlashRealised {
			delegator: who.clone(),
			operator: operator.clone(),
			amount: realised.saturating_sub(missing),
		});
		Ok(realised)
	}

	pub(crate) fn do_slash(
		operator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> Result<BalanceOf<T>, DispatchError> {
		ensure!(Operators::<T>::contains_key(operator), Error::<T>::UnknownOperator);
		ensure!(offence_era <= CurrentEra::<T>::get(), Error::<T>::OffenceInFuture);
		let effective = Self::effective_slash_fraction(operator, consumer, fraction, offence_era);
		let mut amount = BalanceOf::<T>::zero();
		if !effective.is_zero() {
			let mut pool =
				Pools::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
			amount = pool.slash(effective);
			Pools::<T>::insert(operator, pool);
			for era in Self::liable_eras(operator, offence_era) {
				UnbondingPools::<T>::mutate(operator, era, |maybe_pool| {
					if let Some(sub_pool) = maybe_pool {
						amount = amount.saturating_add(sub_pool.slash(effective));
					}
				});
			}
			TotalRestaked::<T>::mutate(|total| *total = total.saturating_sub(amount));
		}
		Self::deposit_event(Event::Slashed {
			operator: operator.clone(),
			consumer,
			fraction,
			offence_era,
			amount,
		});
		Ok(amount)
	}

	pub(crate) fn do_credit_reward(
		payer: &T::AccountId,
		operator: &T::AccountId,
		consumer: ConsumerId,
		era: EraIndex,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut info = Operators::<T>::get(operator).ok_or(Error::<T>::UnknownOperator)?;
		let pool = Pools::<T>::get(operator).defensive_ok_or(Error::<T>::UnknownOperator)?;
		// Without shares there is nobody else to pay.
		let commission = if pool.shares.is_zero() {
			amount
		} else {
			info.commission_at(CurrentEra::<T>::get()).mul_floor(amount)
		};
		let to_delegators = amount.saturating_sub(commission);
		if !commission.is_zero() {
			T::Currency::transfer(payer, operator, commission, Preservation::Expendable)?;
		}
		if !to_delegators.is_zero() {
			Self::ensure_reward_pot();
			T::Currency::transfer(
				payer,
				&Self::reward_pot(),
				to_delegators,
				Preservation::Expendable,
			)?;
			let per_share = FixedU128::from_rational_with_rounding(
				to_delegators.saturated_into(),
				pool.shares.saturated_into(),
				Rounding::Down,
			);
			info.reward_per_share = info.reward_per_share.saturating_add(per_share);
			Operators::<T>::insert(operator, info);
		}
		Self::deposit_event(Event::RewardCredited {
			operator: operator.clone(),
			consumer,
			era,
			amount,
			commission,
		});
		Ok(())
	}

	/// Start a new era when the current one has lasted `EraLength` blocks.
	pub(crate) fn start_era_if_due(now: BlockNumberFor<T>) -> Weight {
		let length = T::EraLength::get().max(One::one());
		if now.saturating_sub(CurrentEraStart::<T>::get()) < length {
			return T::DbWeight::get().reads(2);
		}
		let era = CurrentEra::<T>::get().saturating_add(1);
		CurrentEra::<T>::put(era);
		CurrentEraStart::<T>::put(now);
		Self::deposit_event(Event::EraStarted { era });
		T::WeightInfo::start_era().saturating_add(T::OnEraStart::on_era_start(era))
	}

	/// Fraction of `operator`'s pool allocated to `consumer` at `era`.
	pub fn allocation_at(operator: &T::AccountId, consumer: ConsumerId, era: EraIndex) -> Perbill {
		Allocations::<T>::get(operator)
			.iter()
			.find(|allocation| allocation.consumer == consumer)
			.map(|allocation| allocation.fraction_at(era))
			.unwrap_or_else(Perbill::zero)
	}

	/// Stake `consumer` could slash from `operator` for an offence in `era`.
	pub fn slashable_stake_of(
		operator: &T::AccountId,
		consumer: ConsumerId,
		era: EraIndex,
	) -> BalanceOf<T> {
		let fraction = Self::allocation_at(operator, consumer, era);
		if fraction.is_zero() {
			return Zero::zero();
		}
		let active = Pools::<T>::get(operator).map(|pool| pool.stake).unwrap_or_default();
		let exposed = Self::liable_eras(operator, era)
			.filter_map(|era| UnbondingPools::<T>::get(operator, era))
			.fold(active, |total, sub_pool| total.saturating_add(sub_pool.stake));
		fraction.mul_floor(exposed)
	}

	/// Fraction of `operator`'s whole pool that a slash of `fraction` of its allocation to `consumer` at `era`
	/// takes: rounded down, so that a slash never takes more than the allocation.
	fn effective_slash_fraction(
		operator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		era: EraIndex,
	) -> Perbill {
		let allocated = Self::allocation_at(operator, consumer, era);
		Perbill::from_parts(allocated.mul_floor(fraction.deconstruct()))
	}

	/// Value of an unbonding chunk: its shares of the sub-pool, at most what it still holds.
	fn chunk_value(operator: &T::AccountId, chunk: &UnbondingChunk<BalanceOf<T>>) -> BalanceOf<T> {
		UnbondingPools::<T>::get(operator, chunk.era)
			.map(|sub_pool| sub_pool.value_of(chunk.shares).min(chunk.held))
			.unwrap_or_default()
	}

	/// What `delegator` would lose from a slash of `fraction` of `operator`'s allocation to `consumer` for an
	/// offence in `offence_era`: the slash's effective fraction of its stake in the pool and in the sub-pools
	/// liable for that era.
	pub fn delegator_slash_loss_of(
		operator: &T::AccountId,
		delegator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> BalanceOf<T> {
		let effective = Self::effective_slash_fraction(operator, consumer, fraction, offence_era);
		let (Some(delegation), Some(pool)) =
			(Delegations::<T>::get(delegator, operator), Pools::<T>::get(operator))
		else {
			return Zero::zero();
		};
		let liable = Self::liable_eras(operator, offence_era);
		let exposed = delegation
			.unbonding
			.iter()
			.filter(|chunk| liable.contains(&chunk.era))
			.fold(pool.value_of(delegation.shares).min(delegation.held), |total, chunk| {
				total.saturating_add(Self::chunk_value(operator, chunk))
			});
		effective.mul_floor(exposed)
	}

	/// A delegation as clients see it.
	pub fn delegation_view(
		delegator: &T::AccountId,
		operator: &T::AccountId,
	) -> Option<DelegationView<BalanceOf<T>>> {
		let delegation = Delegations::<T>::get(delegator, operator)?;
		let pool = Pools::<T>::get(operator)?;
		let info = Operators::<T>::get(operator)?;
		let mut unbonding = BalanceOf::<T>::zero();
		let mut withdrawable = BalanceOf::<T>::zero();
		// While the operator has open slashes, only chunks that they cannot reach can be withdrawn.
		for chunk in &delegation.unbonding {
			let value = Self::chunk_value(operator, chunk);
			unbonding = unbonding.saturating_add(value);
			if Self::is_withdrawable(chunk.era, info.liable_from) {
				withdrawable = withdrawable.saturating_add(value);
			}
		}
		Some(DelegationView {
			value: pool.value_of(delegation.shares).min(delegation.held),
			unbonding,
			withdrawable,
			pending_rewards: delegation
				.unclaimed
				.saturating_add(delegation.accrued(info.reward_per_share)),
			held: delegation.total_held(),
		})
	}

	/// An operator's pool as clients see it.
	pub fn pool_view(operator: &T::AccountId) -> Option<PoolView<BalanceOf<T>>> {
		let info = Operators::<T>::get(operator)?;
		let pool = Pools::<T>::get(operator)?;
		let (unbonding, unrealised) = UnbondingPools::<T>::iter_prefix_values(operator).fold(
			(BalanceOf::<T>::zero(), pool.unrealised),
			|(stake, unrealised), sub_pool| {
				(
					stake.saturating_add(sub_pool.stake),
					unrealised.saturating_add(sub_pool.unrealised),
				)
			},
		);
		let now = CurrentEra::<T>::get();
		Some(PoolView {
			status: info.status(),
			commission: info.commission_at(now),
			stake: pool.stake,
			shares: pool.shares,
			unbonding,
			unrealised,
			restaking_degree: Self::degree_of(&Allocations::<T>::get(operator), now),
		})
	}

	/// An operator's allocations as clients see them; those to consumers that no longer exist are left out,
	/// since nothing can be reported against them any more.
	pub fn allocation_views(operator: &T::AccountId) -> Vec<AllocationView<BalanceOf<T>>> {
		let now = CurrentEra::<T>::get();
		Allocations::<T>::get(operator)
			.iter()
			.filter(|allocation| T::Consumers::consumer_exists(allocation.consumer))
			.map(|allocation| AllocationView {
				consumer: allocation.consumer,
				fraction: allocation.fraction_at(now),
				stake: Self::slashable_stake_of(operator, allocation.consumer, now),
				pending: allocation.pending_at(now),
			})
			.collect()
	}

	/// An operator's restaking degree, `None` if it is not registered.
	pub fn restaking_degree(operator: &T::AccountId) -> Option<FixedU128> {
		Operators::<T>::contains_key(operator)
			.then(|| Self::degree_of(&Allocations::<T>::get(operator), CurrentEra::<T>::get()))
	}

	/// What each consumer could slash of `staker`'s stake: for each delegation, the allocation in force now times
	/// its active stake, plus the allocation at each unbonding chunk's era times the chunk. Consumers that no
	/// longer exist are left out: no offence can be reported for them.
	pub fn exposure(staker: &T::AccountId) -> Vec<(ConsumerId, BalanceOf<T>)> {
		let now = CurrentEra::<T>::get();
		let mut exposure = BTreeMap::<ConsumerId, BalanceOf<T>>::new();
		for (operator, delegation) in Delegations::<T>::iter_prefix(staker) {
			let Some(pool) = Pools::<T>::get(&operator) else { continue };
			let active = pool.value_of(delegation.shares).min(delegation.held);
			let chunks: Vec<_> = delegation
				.unbonding
				.iter()
				.filter(|chunk| !Self::is_matured(chunk.era))
				.filter_map(|chunk| {
					UnbondingPools::<T>::get(&operator, chunk.era).map(|sub_pool| {
						(chunk.era, sub_pool.value_of(chunk.shares).min(chunk.held))
					})
				})
				.collect();
			for allocation in Allocations::<T>::get(&operator)
				.iter()
				.filter(|allocation| T::Consumers::consumer_exists(allocation.consumer))
			{
				let at_risk = chunks.iter().fold(
					allocation.fraction_at(now).mul_floor(active),
					|total, (era, value)| {
						total.saturating_add(allocation.fraction_at(*era).mul_floor(*value))
					},
				);
				if !at_risk.is_zero() {
					let entry = exposure.entry(allocation.consumer).or_default();
					*entry = entry.saturating_add(at_risk);
				}
			}
		}
		exposure.into_iter().collect()
	}

	/// The pallet's invariants.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::Inspect;
		use frame_support::traits::fungible::InspectHold;
		use sp_runtime::TryRuntimeError;
		let now = CurrentEra::<T>::get();

		// Members' shares and holds add up to their pools'; every account's hold to its delegations'.
		let mut pool_sums = BTreeMap::<T::AccountId, (BalanceOf<T>, BalanceOf<T>)>::new();
		let mut sub_pool_sums =
			BTreeMap::<(T::AccountId, EraIndex), (BalanceOf<T>, BalanceOf<T>)>::new();
		let mut held_by_account = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut records_by_account = BTreeMap::<T::AccountId, u32>::new();
		let mut owed_rewards = BalanceOf::<T>::zero();
		for (delegator, operator, delegation) in Delegations::<T>::iter() {
			let info = Operators::<T>::get(&operator)
				.ok_or(TryRuntimeError::Other("a delegation to an unknown operator"))?;
			ensure!(!delegation.is_empty(), "an empty delegation is stored");
			let sums = pool_sums.entry(operator.clone()).or_default();
			sums.0 = sums.0.saturating_add(delegation.shares);
			sums.1 = sums.1.saturating_add(delegation.held);
			let mut eras = Vec::new();
			for chunk in &delegation.unbonding {
				ensure!(!eras.contains(&chunk.era), "two unbonding chunks of one era");
				eras.push(chunk.era);
				ensure!(
					UnbondingPools::<T>::contains_key(&operator, chunk.era),
					"an unbonding chunk without its sub-pool"
				);
				let sums = sub_pool_sums.entry((operator.clone(), chunk.era)).or_default();
				sums.0 = sums.0.saturating_add(chunk.shares);
				sums.1 = sums.1.saturating_add(chunk.held);
			}
			let held = held_by_account.entry(delegator.clone()).or_default();
			*held = held.saturating_add(delegation.total_held());
			let records = records_by_account.entry(delegator).or_default();
			*records = records.saturating_add(1);
			owed_rewards = owed_rewards
				.saturating_add(delegation.unclaimed)
				.saturating_add(delegation.accrued(info.reward_per_share));
		}

		let mut total = BalanceOf::<T>::zero();
		for (operator, pool) in Pools::<T>::iter() {
			ensure!(Operators::<T>::contains_key(&operator), "a pool without an operator");
			let (shares, held) = pool_sums.remove(&operator).unwrap_or_default();
			ensure!(shares == pool.shares, "delegations' shares differ from their pool's");
			ensure!(held == pool.held, "delegations' holds differ from their pool's");
			ensure!(
				pool.held >= pool.stake.saturating_add(pool.unrealised),
				"a pool counts more stake than its members hold"
			);
			total = total.saturating_add(pool.stake);
		}
		ensure!(pool_sums.is_empty(), "delegations to an operator without a pool");
		for (operator, era, sub_pool) in UnbondingPools::<T>::iter() {
			let (shares, held) = sub_pool_sums.remove(&(operator, era)).unwrap_or_default();
			ensure!(shares == sub_pool.shares, "chunks' shares differ from their sub-pool's");
			ensure!(held == sub_pool.held, "chunks' holds differ from their sub-pool's");
			ensure!(!sub_pool.shares.is_zero(), "an unbonding sub-pool without members");
			ensure!(
				sub_pool.held >= sub_pool.stake.saturating_add(sub_pool.unrealised),
				"a sub-pool counts more stake than its members hold"
			);
			ensure!(era <= now, "an unbonding sub-pool of a future era");
			total = total.saturating_add(sub_pool.stake);
		}
		ensure!(total == TotalRestaked::<T>::get(), "TotalRestaked differs from the pools' stake");

		for (account, held) in &held_by_account {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Restaking.into(), account) == *held,
				"an account's restaking hold differs from its delegations'"
			);
		}
		for (account, count) in DelegationCount::<T>::iter() {
			ensure!(
				records_by_account.remove(&account) == Some(count),
				"DelegationCount differs from the delegations stored"
			);
			ensure!(count <= T::MaxDelegationsPerStaker::get(), "too many delegations");
		}
		ensure!(records_by_account.is_empty(), "delegations not counted");

		for (operator, info) in Operators::<T>::iter() {
			ensure!(Pools::<T>::contains_key(&operator), "an operator without a pool");
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::OperatorDeposit.into(), &operator)
					== info.deposit,
				"an operator's deposit differs from its hold"
			);
			ensure!(info.commission <= T::MaxCommission::get(), "commission above the maximum");
			ensure!(
				info.suspended_since.is_none_or(|since| since <= now),
				"an operator suspended since a future era"
			);
			ensure!(
				info.liable_from.is_none_or(|from| from <= now),
				"an operator liable from a future era"
			);
			ensure!(
				info.liable_from.is_none() || info.suspended_since.is_some(),
				"open slashes of an operator that is not suspended"
			);
		}

		for (operator, allocations) in Allocations::<T>::iter() {
			ensure!(Operators::<T>::contains_key(&operator), "allocations of an unknown operator");
			for allocation in allocations.iter() {
				ensure!(
					allocation.changes.windows(2).all(|pair| pair[0].0 < pair[1].0),
					"allocation changes out of order"
				);
			}
			ensure!(
				Self::degree_of(&allocations, now) <= T::MaxRestakingDegree::get(),
				"restaking degree above the maximum"
			);
		}

		ensure!(
			T::Currency::balance(&Self::reward_pot())
				>= owed_rewards.saturating_add(T::Currency::minimum_balance()),
			"the reward pot cannot pay the rewards owed"
		);
		Ok(())
	}
}

impl<T: Config> EraProvider for Pallet<T> {
	fn current_era() -> EraIndex {
		CurrentEra::<T>::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_era_for_benchmarks(era: EraIndex) {
		CurrentEra::<T>::put(era);
	}
}

impl<T: Config> StakeProvider<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn slashable_stake(
		operator: &T::AccountId,
		consumer: ConsumerId,
		era: EraIndex,
	) -> BalanceOf<T> {
		Self::slashable_stake_of(operator, consumer, era)
	}

	fn active_stake(operator: &T::AccountId) -> BalanceOf<T> {
		Pools::<T>::get(operator).map(|pool| pool.stake).unwrap_or_default()
	}

	fn total_restaked() -> BalanceOf<T> {
		TotalRestaked::<T>::get()
	}

	fn operator_status(operator: &T::AccountId) -> Option<OperatorStatus> {
		Operators::<T>::get(operator).map(|info| info.status())
	}

	fn suspended_since(operator: &T::AccountId) -> Option<EraIndex> {
		Operators::<T>::get(operator).and_then(|info| info.suspended_since)
	}

	fn delegator_slash_loss(
		operator: &T::AccountId,
		delegator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> BalanceOf<T> {
		Self::delegator_slash_loss_of(operator, delegator, consumer, fraction, offence_era)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup_delegators_for_benchmarks(operator: &T::AccountId, count: u32) {
		use frame_support::traits::fungible::{Inspect, Mutate};
		let step = T::MinDelegation::get();
		let amount = step.saturating_mul(2u32.into());
		let balance = amount.saturating_add(step).saturating_add(T::Currency::minimum_balance());
		let delegate = |name: &'static str, index: u32| -> Option<T::AccountId> {
			let who: T::AccountId = frame_benchmarking::account(name, index, 0);
			T::Currency::set_balance(&who, balance);
			match Self::do_delegate(&who, operator, amount) {
				Ok(()) => Some(who),
				Err(_) => {
					defensive!("a funded benchmark delegator could not delegate");
					None
				},
			}
		};
		// The operator's own bond counts as one delegator.
		for index in 1..count {
			if delegate("bench-delegator", index).is_none() {
				return;
			}
		}
		// One more delegator unbonds in each era from the first to the last in which an offence of the first era
		// can still be reported (`UnbondingEras - 1` eras on), so that each of those eras has a liable sub-pool
		// with stake. The eras after the report, up to the slash's due era, are left without one: their sub-pools
		// would come from undelegations after the report, and reading an empty key costs about the same.
		let start = CurrentEra::<T>::get();
		for era in start..start.saturating_add(T::UnbondingEras::get()) {
			CurrentEra::<T>::put(era);
			let Some(who) = delegate("bench-unbonder", era) else { return };
			if Self::do_undelegate(&who, operator, step).is_err() {
				defensive!("a benchmark delegator could not unbond");
				return;
			}
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup_operator_for_benchmarks(
		operator: &T::AccountId,
		consumer: ConsumerId,
		stake: BalanceOf<T>,
	) {
		use frame_support::traits::fungible::Inspect;
		let bond = stake.max(T::MinOperatorBond::get());
		T::Currency::set_balance(
			operator,
			bond.saturating_mul(2u32.into())
				.saturating_add(Self::operator_deposit(0))
				.saturating_add(T::Currency::minimum_balance()),
		);
		if !Operators::<T>::contains_key(operator)
			&& Self::do_register_operator(
				operator,
				bond,
				Perbill::from_percent(10),
				Default::default(),
			)
			.is_err()
		{
			defensive!("a funded benchmark operator could not register");
		}
		T::Consumers::register_for_benchmarks(consumer);
		if Self::do_allocate_at(operator, consumer, Perbill::one(), 0).is_err() {
			defensive!("a benchmark operator could not allocate its pool");
		}
	}
}

impl<T: Config> RewardSink<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn credit_reward(
		payer: &T::AccountId,
		operator: &T::AccountId,
		consumer: ConsumerId,
		era: EraIndex,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		Self::do_credit_reward(payer, operator, consumer, era, amount)
	}
}

impl<T: Config> SlashTarget<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn slash(
		operator: &T::AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> Result<BalanceOf<T>, DispatchError> {
		Self::do_slash(operator, consumer, fraction, offence_era)
	}

	fn slash_weight() -> Weight {
		// The weight does not depend on the number of delegators; take the largest measured.
		T::WeightInfo::slash(2)
	}

	fn suspend(operator: &T::AccountId) -> DispatchResult {
		Self::do_set_suspended(operator, true)
	}

	fn restore(operator: &T::AccountId) -> DispatchResult {
		Self::do_set_suspended(operator, false)
	}

	fn set_liable_from(operator: &T::AccountId, liable_from: Option<EraIndex>) -> DispatchResult {
		Self::do_set_liable_from(operator, liable_from)
	}
}
