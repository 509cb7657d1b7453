//! The logic behind the calls and the traits the pallet implements for the others.

use crate::{pallet::*, types::*};
use bulwark_primitives::{
	ConsumerAccounts, ConsumerId, ConsumerRegistry, EraIndex, EraProvider, OffenceKind,
	ReportOffence, ServiceRecord, StakeProvider,
};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_arithmetic::{FixedPointNumber, FixedU128};
use sp_core::H256;
use sp_runtime::{
	traits::{AccountIdConversion, Bounded, CheckedDiv, Saturating, Zero},
	SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// The escrow account of `consumer`.
	pub fn escrow_account(consumer: ConsumerId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(consumer)
	}

	/// Give the treasury account the existential deposit, so that protocol shares below it can be paid.
	pub(crate) fn ensure_treasury() {
		if !bulwark_primitives::endow_existential::<_, T::Currency>(&T::TreasuryAccount::get()) {
			frame_support::defensive!("the treasury account could not be endowed");
		}
	}

	/// The deposit for a consumer with `len` bytes of metadata.
	pub fn consumer_deposit(len: usize) -> BalanceOf<T> {
		bulwark_primitives::byte_deposit(
			T::ConsumerDepositBase::get(),
			T::ConsumerDepositPerByte::get(),
			len,
		)
	}

	/// The price per era a lease of `security` would pay now: `security x UnitPrice x multiplier`, rounded up so
	/// that no lease is free.
	pub fn quote(security: BalanceOf<T>) -> BalanceOf<T> {
		let rate = T::UnitPrice::get().saturating_mul(PriceMultiplier::<T>::get());
		sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
			security.saturated_into(),
			rate.into_inner(),
			FixedU128::DIV,
			sp_arithmetic::Rounding::Up,
		)
		.map(|price| price.saturated_into())
		.unwrap_or_else(BalanceOf::<T>::max_value)
	}

	fn managed(
		who: &T::AccountId,
		consumer: ConsumerId,
	) -> Result<ConsumerInfo<T::AccountId, BalanceOf<T>, T::MaxMetadataLen>, DispatchError> {
		let info = Consumers::<T>::get(consumer).ok_or(Error::<T>::UnknownConsumer)?;
		ensure!(&info.manager == who, Error::<T>::NotManager);
		Ok(info)
	}

	/// Hold or release the difference between a deposit and what is already held.
	fn adjust_deposit(
		reason: HoldReason,
		who: &T::AccountId,
		held: BalanceOf<T>,
		wanted: BalanceOf<T>,
	) -> DispatchResult {
		bulwark_primitives::set_hold::<_, T::Currency>(
			&reason.into(),
			who,
			held,
			wanted,
			Error::<T>::InsufficientBalance.into(),
		)
	}

	pub(crate) fn do_register_consumer(
		who: &T::AccountId,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
		genesis_hash: H256,
		value_at_risk: BalanceOf<T>,
	) -> Result<ConsumerId, DispatchError> {
		let consumer = NextConsumerId::<T>::get();
		let next = consumer.checked_add(1).ok_or(Error::<T>::TooManyConsumers)?;
		let deposit = Self::consumer_deposit(metadata.len());
		Self::adjust_deposit(HoldReason::ConsumerDeposit, who, Zero::zero(), deposit)?;
		NextConsumerId::<T>::put(next);
		Consumers::<T>::insert(
			consumer,
			ConsumerInfo {
				manager: who.clone(),
				metadata,
				genesis_hash,
				value_at_risk,
				deposit,
				lease_ended: None,
			},
		);
		Self::deposit_event(Event::ConsumerRegistered { consumer, manager: who.clone(), deposit });
		Ok(consumer)
	}

	pub(crate) fn do_update_consumer(
		who: &T::AccountId,
		consumer: ConsumerId,
		metadata: BoundedVec<u8, T::MaxMetadataLen>,
		genesis_hash: H256,
		value_at_risk: BalanceOf<T>,
	) -> DispatchResult {
		let mut info = Self::managed(who, consumer)?;
		// Operators' signatures name the consumer's genesis: changing it would void the evidence they made.
		ensure!(info.genesis_hash == genesis_hash, Error::<T>::GenesisHashFixed);
		let deposit = Self::consumer_deposit(metadata.len());
		Self::adjust_deposit(HoldReason::ConsumerDeposit, who, info.deposit, deposit)?;
		info.metadata = metadata;
		info.value_at_risk = value_at_risk;
		info.deposit = deposit;
		Consumers::<T>::insert(consumer, info);
		Self::deposit_event(Event::ConsumerUpdated { consumer, deposit });
		Ok(())
	}

	pub(crate) fn do_deregister_consumer(
		who: &T::AccountId,
		consumer: ConsumerId,
	) -> DispatchResult {
		let info = Self::managed(who, consumer)?;
		ensure!(!Leases::<T>::contains_key(consumer), Error::<T>::LeaseExists);
		// The keys are the evidence of the eras the consumer was served: they stay for the slashable window.
		ensure!(
			info.lease_ended.is_none_or(|ended| {
				T::Eras::current_era().saturating_sub(ended) >= T::SlashableEras::get()
			}),
			Error::<T>::EvidenceWindowOpen
		);
		let refunded = Self::refund_escrow(consumer, &info.manager)?;
		Self::adjust_deposit(HoldReason::ConsumerDeposit, who, info.deposit, Zero::zero())?;
		// Bounded by `MaxKeysPerConsumer` histories of `MaxKeyHistory` keys.
		for (operator, keys) in OperatorKeys::<T>::drain_prefix(consumer) {
			for key in keys.values() {
				KeyOwners::<T>::remove(consumer, key);
			}
			Self::adjust_deposit(
				HoldReason::KeyDeposit,
				&operator,
				T::KeyDeposit::get(),
				Zero::zero(),
			)?;
		}
		KeyCount::<T>::remove(consumer);
		// The slashable window of its last lease is over: nobody can be proven to have harmed it any more.
		let _ = PaidAssignments::<T>::clear_prefix(consumer, T::EvidenceEras::get(), None);
		Escrow::<T>::remove(consumer);
		LatestFinalized::<T>::remove(consumer);
		Consumers::<T>::remove(consumer);
		<T::OnConsumerDeregistered as bulwark_primitives::OnConsumerDeregistered>::on_consumer_deregistered(
			consumer,
		);
		Self::deposit_event(Event::ConsumerDeregistered { consumer, refunded });
		Ok(())
	}

	/// Count money sent to `consumer`'s escrow account by plain transfers in as deposited, so that the ledger
	/// reconciles with what the escrow pays and refunds.
	pub(crate) fn count_in_transfers(consumer: ConsumerId) {
		let balance = T::Currency::balance(&Self::escrow_account(consumer));
		Escrow::<T>::mutate(consumer, |ledger| {
			let untracked = balance.saturating_sub(ledger.held());
			ledger.deposited = ledger.deposited.saturating_add(untracked);
		});
	}

	/// Pay everything in `consumer`'s escrow back to `manager`.
	fn refund_escrow(
		consumer: ConsumerId,
		manager: &T::AccountId,
	) -> Result<BalanceOf<T>, DispatchError> {
		let escrow = Self::escrow_account(consumer);
		let amount =
			T::Currency::reducible_balance(&escrow, Preservation::Expendable, Fortitude::Polite);
		if !amount.is_zero() {
			Self::count_in_transfers(consumer);
			T::Currency::transfer(&escrow, manager, amount, Preservation::Expendable)?;
			Escrow::<T>::mutate(consumer, |ledger| {
				ledger.refunded = ledger.refunded.saturating_add(amount)
			});
		}
		Ok(amount)
	}

	fn validate_terms(terms: &LeaseTerms<BalanceOf<T>>) -> DispatchResult {
		ensure!(
			!terms.security.is_zero()
				&& terms.duration_eras > 0
				&& terms.min_operators > 0
				&& terms.min_operators <= terms.max_operators
				&& terms.max_operators <= T::MaxOperatorsPerLease::get(),
			Error::<T>::InvalidTerms
		);
		ensure!(terms.security >= T::MinLeaseSecurity::get(), Error::<T>::SecurityTooLow);
		ensure!(terms.duration_eras <= T::MaxLeaseEras::get(), Error::<T>::TermTooLong);
		Ok(())
	}

	/// The deposit a lease requested now holds: `LeaseDeposit` times the price multiplier, so that holding slots
	/// costs more as they fill.
	pub fn lease_deposit() -> BalanceOf<T> {
		PriceMultiplier::<T>::get().saturating_mul_int(T::LeaseDeposit::get())
	}

	pub(crate) fn do_request_lease(
		who: &T::AccountId,
		consumer: ConsumerId,
		terms: LeaseTerms<BalanceOf<T>>,
	) -> DispatchResult {
		Self::managed(who, consumer)?;
		ensure!(!Leases::<T>::contains_key(consumer), Error::<T>::LeaseExists);
		Self::validate_terms(&terms)?;
		ensure!(Leases::<T>::count() < T::MaxLeases::get(), Error::<T>::TooManyLeases);
		let price_per_era = Self::quote(terms.security);
		ensure!(price_per_era <= terms.max_price_per_era, Error::<T>::PriceAboveMax);
		let deposit = Self::lease_deposit();
		Self::adjust_deposit(HoldReason::LeaseDeposit, who, Zero::zero(), deposit)?;
		Leases::<T>::insert(
			consumer,
			Lease {
				terms,
				price_per_era,
				status: LeaseStatus::Requested,
				requested_era: T::Eras::current_era(),
				eras_paid: 0,
				ending: false,
				deposit,
				reserved: None,
				unpaid_eras: 0,
			},
		);
		Self::deposit_event(Event::LeaseRequested { consumer, terms, price_per_era, deposit });
		Ok(())
	}

	pub(crate) fn do_top_up(
		who: &T::AccountId,
		consumer: ConsumerId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(Consumers::<T>::contains_key(consumer), Error::<T>::UnknownConsumer);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		T::Currency::transfer(who, &Self::escrow_account(consumer), amount, Preservation::Preserve)
			.map_err(|_| Error::<T>::PaymentFailed)?;
		Escrow::<T>::mutate(consumer, |ledger| {
			ledger.deposited = ledger.deposited.saturating_add(amount)
		});
		Self::deposit_event(Event::ToppedUp { consumer, payer: who.clone(), amount });
		Ok(())
	}

	pub(crate) fn do_renew_lease(
		who: &T::AccountId,
		consumer: ConsumerId,
		eras: EraIndex,
		max_price_per_era: BalanceOf<T>,
	) -> DispatchResult {
		Self::managed(who, consumer)?;
		let mut lease = Leases::<T>::get(consumer).ok_or(Error::<T>::NoLease)?;
		ensure!(lease.status != LeaseStatus::Requested, Error::<T>::NotActive);
		ensure!(eras > 0, Error::<T>::InvalidTerms);
		// A price is never locked for longer than `MaxLeaseEras` ahead: the renewed term is what was left plus
		// `eras`, counted afresh, so that neither renewals nor auto-renewals of it can exceed the bound.
		let left = lease.terms.duration_eras.saturating_sub(lease.eras_paid);
		let term = left.saturating_add(eras);
		ensure!(term <= T::MaxLeaseEras::get(), Error::<T>::TermTooLong);
		let cap =
			lease.price_per_era.saturating_add(T::RenewalCap::get().mul_ceil(lease.price_per_era));
		let price_per_era = Self::quote(lease.terms.security).min(cap);
		ensure!(price_per_era <= max_price_per_era, Error::<T>::PriceAboveMax);
		lease.terms.duration_eras = term;
		lease.eras_paid = 0;
		lease.terms.max_price_per_era = max_price_per_era;
		lease.price_per_era = price_per_era;
		Leases::<T>::insert(consumer, lease);
		Self::deposit_event(Event::LeaseRenewed { consumer, eras, price_per_era });
		Ok(())
	}

	pub(crate) fn do_end_lease(who: &T::AccountId, consumer: ConsumerId) -> DispatchResult {
		Self::managed(who, consumer)?;
		Leases::<T>::try_mutate(consumer, |maybe_lease| -> DispatchResult {
			let lease = maybe_lease.as_mut().ok_or(Error::<T>::NoLease)?;
			ensure!(!lease.ending, Error::<T>::AlreadyEnding);
			lease.ending = true;
			Ok(())
		})?;
		Self::deposit_event(Event::LeaseEnding { consumer });
		Ok(())
	}

	pub(crate) fn do_force_end_lease(consumer: ConsumerId) -> DispatchResult {
		let info = Consumers::<T>::get(consumer).ok_or(Error::<T>::UnknownConsumer)?;
		let mut lease = Leases::<T>::get(consumer).ok_or(Error::<T>::NoLease)?;
		// The service of the current era so far is paid for; only the rest is refunded.
		let era = T::Eras::current_era();
		if let (Some((paid_era, amount)), Some(assignment)) =
			(lease.reserved.take(), Assignments::<T>::get(consumer))
		{
			if paid_era == era && assignment.era == era {
				Self::pay_out(consumer, era, amount, &assignment);
			}
			Leases::<T>::insert(consumer, lease);
		}
		Self::end_lease_now(consumer, &info.manager, EndReason::Forced)
	}

	/// Remove `consumer`'s lease and its assignments, refund its escrow (a fee still reserved included) to
	/// `manager` and release its deposit: a lease that never activated loses `UnactivatedDepositBurn` of it, unless
	/// governance ended it.
	pub(crate) fn end_lease_now(
		consumer: ConsumerId,
		manager: &T::AccountId,
		reason: EndReason,
	) -> DispatchResult {
		let mut deposit_burnt = BalanceOf::<T>::zero();
		if let Some(lease) = Leases::<T>::take(consumer) {
			if lease.status != LeaseStatus::Requested {
				LeasedSecurity::<T>::mutate(|total| {
					*total = total.saturating_sub(lease.terms.security)
				});
			} else if reason != EndReason::Forced {
				deposit_burnt = T::UnactivatedDepositBurn::get().mul_ceil(lease.deposit);
			}
			Self::release_lease_deposit(manager, lease.deposit, deposit_burnt);
		}
		Assignments::<T>::remove(consumer);
		NextAssignments::<T>::remove(consumer);
		Self::clear_attestations(consumer);
		let now = T::Eras::current_era();
		Consumers::<T>::mutate(consumer, |info| {
			if let Some(info) = info {
				info.lease_ended = Some(now);
			}
		});
		let refunded = Self::refund_escrow(consumer, manager)?;
		Self::deposit_event(Event::LeaseEnded { consumer, reason, refunded, deposit_burnt });
		Ok(())
	}

	/// Burn `burnt` of a lease deposit held from `manager` and release the rest.
	fn release_lease_deposit(manager: &T::AccountId, deposit: BalanceOf<T>, burnt: BalanceOf<T>) {
		use frame_support::traits::{fungible::MutateHold, tokens::Precision};
		let reason = HoldReason::LeaseDeposit.into();
		let burnt = burnt.min(deposit);
		if !burnt.is_zero()
			&& T::Currency::burn_held(
				&reason,
				manager,
				burnt,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.is_err()
		{
			frame_support::defensive!("a held lease deposit could not be burnt");
		}
		let rest = deposit.saturating_sub(burnt);
		if !rest.is_zero()
			&& T::Currency::release(&reason, manager, rest, Precision::BestEffort).is_err()
		{
			frame_support::defensive!("a held lease deposit could not be released");
		}
	}

	pub(crate) fn do_set_consumer_key(
		who: &T::AccountId,
		consumer: ConsumerId,
		key: ConsumerKey,
	) -> DispatchResult {
		ensure!(Consumers::<T>::contains_key(consumer), Error::<T>::UnknownConsumer);
		ensure!(T::Stake::operator_status(who).is_some(), Error::<T>::NotOperator);
		if let Some(owner) = KeyOwners::<T>::get(consumer, key) {
			ensure!(&owner != who, Error::<T>::KeyUnchanged);
			return Err(Error::<T>::KeyInUse.into());
		}
		let now = T::Eras::current_era();
		let from = now.saturating_add(1);
		let keys = match OperatorKeys::<T>::get(consumer, who) {
			Some(mut keys) => {
				// Keys in force at an era of the slashable window stay: what they signed is evidence.
				let horizon = now.saturating_sub(T::SlashableEras::get());
				let dropped = keys
					.schedule(now, from, key, horizon)
					.map_err(|_| Error::<T>::KeyHistoryFull)?;
				for old in dropped {
					KeyOwners::<T>::remove(consumer, old);
				}
				keys
			},
			None => {
				let count = KeyCount::<T>::get(consumer);
				ensure!(count < T::MaxKeysPerConsumer::get(), Error::<T>::TooManyKeys);
				Self::adjust_deposit(
					HoldReason::KeyDeposit,
					who,
					Zero::zero(),
					T::KeyDeposit::get(),
				)?;
				KeyCount::<T>::insert(consumer, count.saturating_add(1));
				KeyHistory::starting(from, key)
			},
		};
		KeyOwners::<T>::insert(consumer, key, who);
		OperatorKeys::<T>::insert(consumer, who, keys);
		Self::deposit_event(Event::ConsumerKeySet { consumer, operator: who.clone(), key, from });
		Ok(())
	}

	/// Set `key` as `operator`'s key for `consumer` in force at once rather than from the next era: for genesis and
	/// benchmarks, which start from a state where no era has passed.
	pub(crate) fn set_key_in_force(
		operator: &T::AccountId,
		consumer: ConsumerId,
		key: ConsumerKey,
	) -> DispatchResult {
		Self::do_set_consumer_key(operator, consumer, key)?;
		let now = T::Eras::current_era();
		OperatorKeys::<T>::mutate(consumer, operator, |keys| {
			if let Some(keys) = keys {
				if let Some((from, _)) = keys.entries.last_mut() {
					*from = now;
				}
			}
		});
		Ok(())
	}

	/// The key `operator` signs `consumer`'s heads with at `era`.
	pub fn consumer_key(
		consumer: ConsumerId,
		operator: &T::AccountId,
		era: EraIndex,
	) -> Option<ConsumerKey> {
		OperatorKeys::<T>::get(consumer, operator).and_then(|keys| keys.at(era).copied())
	}

	/// The Bulwark chain's genesis hash, which every attestation names.
	pub fn chain_genesis() -> H256 {
		let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let bytes: &[u8] = hash.as_ref();
		if bytes.len() == 32 {
			H256::from_slice(bytes)
		} else {
			H256(sp_io::hashing::blake2_256(bytes))
		}
	}

	/// The bytes `consumer`'s operators sign to attest `head` at `height` in `era`; `None` for an unknown consumer.
	pub fn signing_payload(
		consumer: ConsumerId,
		era: EraIndex,
		height: u64,
		head: H256,
	) -> Option<alloc::vec::Vec<u8>> {
		let info = Consumers::<T>::get(consumer)?;
		Some(attestation_payload(
			Self::chain_genesis(),
			consumer,
			info.genesis_hash,
			era,
			height,
			head,
		))
	}

	/// The price per era a lease on `terms` would pay now; `None` if the terms are invalid.
	pub fn quote_terms(terms: &LeaseTerms<BalanceOf<T>>) -> Option<BalanceOf<T>> {
		Self::validate_terms(terms).ok()?;
		Some(Self::quote(terms.security))
	}

	/// `consumer`'s lease with what its escrow can pay and how it is served now.
	pub fn lease_view(consumer: ConsumerId) -> Option<LeaseView<BalanceOf<T>>> {
		let lease = Leases::<T>::get(consumer)?;
		let escrow_available = Self::free_escrow(consumer, &lease);
		let eras_covered = escrow_available
			.checked_div(&lease.price_per_era)
			.map(|eras| eras.saturated_into())
			.unwrap_or(u32::MAX);
		let (counted_operators, counted_security) = Assignments::<T>::get(consumer)
			.filter(|assignment| assignment.era == T::Eras::current_era())
			.map(|assignment| {
				let (counted, security) = Self::counted_now(&assignment);
				(counted.len() as u32, security)
			})
			.unwrap_or_default();
		let under_served = lease.status != LeaseStatus::Requested
			&& (counted_operators < lease.terms.min_operators
				|| counted_security < lease.terms.security);
		Some(LeaseView {
			lease,
			escrow_available,
			eras_covered,
			counted_operators,
			counted_security,
			under_served,
		})
	}

	/// The operators assigned to `consumer` for the latest era processed, with the stake each counts for.
	pub fn assignment_view(
		consumer: ConsumerId,
	) -> Option<AssignmentView<T::AccountId, BalanceOf<T>>> {
		Assignments::<T>::get(consumer).map(|assignment| AssignmentView {
			era: assignment.era,
			operators: assignment.operators.into_inner(),
			security: assignment.security,
		})
	}

	/// What corrupting `consumer` in the current era would put at stake, beside its declared value at risk.
	pub fn corruption_view(consumer: ConsumerId) -> Option<CorruptionView<BalanceOf<T>>> {
		let info = Consumers::<T>::get(consumer)?;
		let assignment = Assignments::<T>::get(consumer)
			.filter(|assignment| assignment.era == T::Eras::current_era());
		let (assigned_security, counted, mut stakes) = assignment
			.map(|assignment| {
				let (operators, counted) = Self::counted_now(&assignment);
				let stakes: alloc::vec::Vec<BalanceOf<T>> =
					operators.iter().map(|(_, stake)| *stake).collect();
				(assignment.security, counted, stakes)
			})
			.unwrap_or_default();
		stakes.sort_by(|a, b| b.cmp(a));
		let threshold = bulwark_primitives::mul_div(
			counted,
			2u32.into(),
			3u32.into(),
			sp_arithmetic::Rounding::Up,
		);
		let mut corrupting_stake = BalanceOf::<T>::zero();
		for stake in stakes {
			if corrupting_stake >= threshold {
				break;
			}
			corrupting_stake = corrupting_stake.saturating_add(stake);
		}
		// Making a wrong head final takes equivocating against the honest heads already attested.
		let slash_fraction = T::Offences::slash_fraction(consumer, OffenceKind::Equivocation);
		let cost_of_corruption = slash_fraction.mul_floor(corrupting_stake);
		Some(CorruptionView {
			value_at_risk: info.value_at_risk,
			assigned_security,
			corrupting_stake,
			slash_fraction,
			cost_of_corruption,
			covered: cost_of_corruption >= info.value_at_risk,
		})
	}

	/// The pallet's invariants.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		use sp_runtime::PerThing;
		let now = T::Eras::current_era();
		for (consumer, slot, (era, _)) in PaidAssignments::<T>::iter() {
			ensure!(
				Consumers::<T>::contains_key(consumer),
				"a paid assignment of an unknown consumer"
			);
			ensure!(
				era <= now && era.checked_rem(T::EvidenceEras::get()) == Some(slot),
				"a paid assignment in the wrong slot, or of a future era"
			);
		}
		for (consumer, _) in Consumers::<T>::iter() {
			ensure!(consumer < NextConsumerId::<T>::get(), "a consumer id not yet issued");
			let ledger = Escrow::<T>::get(consumer);
			ensure!(
				ledger.deposited >= ledger.paid.saturating_add(ledger.refunded),
				"an escrow paid out more than was deposited"
			);
			// At least: anyone may transfer into an escrow account; refunds count that in.
			ensure!(
				T::Currency::balance(&Self::escrow_account(consumer)) >= ledger.held(),
				"an escrow's balance is below its ledger"
			);
			let keys = OperatorKeys::<T>::iter_prefix(consumer).count() as u32;
			ensure!(keys == KeyCount::<T>::get(consumer), "KeyCount differs from the keys stored");
			ensure!(keys <= T::MaxKeysPerConsumer::get(), "too many keys for a consumer");
		}
		ensure!(Leases::<T>::count() <= T::MaxLeases::get(), "more than MaxLeases leases");
		let mut leased = BalanceOf::<T>::zero();
		let mut lease_deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (consumer, lease) in Leases::<T>::iter() {
			let info = Consumers::<T>::get(consumer)
				.ok_or(sp_runtime::TryRuntimeError::Other("a lease of an unknown consumer"))?;
			let deposits = lease_deposits.entry(info.manager).or_default();
			*deposits = deposits.saturating_add(lease.deposit);
			if lease.status != LeaseStatus::Requested {
				leased = leased.saturating_add(lease.terms.security);
			}
			ensure!(
				lease.eras_paid <= lease.terms.duration_eras,
				"a lease paid more eras than its term"
			);
			ensure!(
				lease.terms.duration_eras <= T::MaxLeaseEras::get(),
				"a lease term longer than MaxLeaseEras"
			);
			ensure!(
				lease.unpaid_eras <= T::GraceEras::get(),
				"a lease with more unpaid eras than its grace"
			);
			if let Some((era, amount)) = lease.reserved {
				ensure!(
					lease.status == LeaseStatus::Active,
					"a fee reserved by a lease not active"
				);
				ensure!(era <= now, "a fee reserved for a future era");
				ensure!(
					T::Currency::balance(&Self::escrow_account(consumer)) >= amount,
					"a reserved fee the escrow does not hold"
				);
			}
			for assignment in Assignments::<T>::get(consumer)
				.into_iter()
				.chain(NextAssignments::<T>::get(consumer))
			{
				ensure!(
					assignment.operators.len() as u32 <= lease.terms.max_operators,
					"an assignment above the lease's max_operators"
				);
				let total: BalanceOf<T> = assignment
					.operators
					.iter()
					.fold(Zero::zero(), |sum, (_, stake)| sum.saturating_add(*stake));
				ensure!(
					total == assignment.security,
					"an assignment's security differs from its operators'"
				);
				let share = u128::from(T::MaxOperatorShare::get().deconstruct());
				let accuracy = u128::from(sp_runtime::Perbill::ACCURACY);
				for (_, stake) in &assignment.operators {
					let stake: u128 = (*stake).saturated_into();
					let total: u128 = total.saturated_into();
					ensure!(
						stake.saturating_mul(accuracy) <= share.saturating_mul(total),
						"an operator above MaxOperatorShare of an assignment"
					);
				}
			}
		}
		for (manager, deposits) in lease_deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::LeaseDeposit.into(), &manager)
					>= deposits,
				"a lease without its deposit"
			);
		}
		ensure!(
			leased == LeasedSecurity::<T>::get(),
			"LeasedSecurity differs from the active leases'"
		);
		for consumer in Assignments::<T>::iter_keys().chain(NextAssignments::<T>::iter_keys()) {
			ensure!(Leases::<T>::contains_key(consumer), "an assignment without a lease");
		}
		// A height is final only in an era the lease paid for; votes are of one era each.
		for (consumer, _, votes) in Votes::<T>::iter() {
			ensure!(votes.era <= now, "votes of a future era");
			ensure!(
				EraHeights::<T>::get(consumer, votes.era).len() as u32
					<= T::MaxHeightsPerEra::get(),
				"too many heights in an era"
			);
		}
		// Keys are unique per consumer: each owner entry points at an operator whose history holds that key.
		for (consumer, key, operator) in KeyOwners::<T>::iter() {
			let keys = OperatorKeys::<T>::get(consumer, &operator)
				.ok_or(sp_runtime::TryRuntimeError::Other("a key owner without a key record"))?;
			ensure!(
				keys.values().any(|held| *held == key),
				"a key owner entry for a key its operator does not hold"
			);
		}
		for (consumer, operator, keys) in OperatorKeys::<T>::iter() {
			ensure!(!keys.entries.is_empty(), "an operator key record without keys");
			ensure!(
				keys.entries
					.windows(2)
					.all(|pair| pair.first().map(|(a, _)| a) < pair.get(1).map(|(b, _)| b)),
				"a key history out of order"
			);
			for key in keys.values() {
				ensure!(
					KeyOwners::<T>::get(consumer, key).as_ref() == Some(&operator),
					"an operator's key is not registered as its"
				);
			}
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::KeyDeposit.into(), &operator)
					>= T::KeyDeposit::get(),
				"a key without its deposit"
			);
		}
		Ok(())
	}
}

impl<T: Config> ConsumerAccounts<T::AccountId> for Pallet<T> {
	fn manager(consumer: ConsumerId) -> Option<T::AccountId> {
		Consumers::<T>::get(consumer).map(|info| info.manager)
	}
}

impl<T: Config> ServiceRecord<T::AccountId> for Pallet<T> {
	fn served(consumer: ConsumerId, operator: &T::AccountId, era: EraIndex) -> Option<bool> {
		Self::paid_service(consumer, operator, era)
	}

	fn max_served_per_era() -> u32 {
		T::MaxLeases::get().saturating_mul(T::MaxOperatorsPerLease::get())
	}

	fn kept_eras() -> EraIndex {
		T::EvidenceEras::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_served_for_benchmarks(consumer: ConsumerId, operator: &T::AccountId, era: EraIndex) {
		PaidAssignments::<T>::mutate(consumer, Self::evidence_slot(era), |record| {
			let (paid, operators) = record.get_or_insert_with(|| (era, BoundedVec::default()));
			if *paid != era {
				*paid = era;
				operators.clear();
			}
			if !operators.contains(operator) {
				// Full: the benchmark's operators outnumber `MaxOperatorsPerLease`, and this one is not recorded.
				let _ = operators.try_push(operator.clone());
			}
		});
	}
}

impl<T: Config> ConsumerRegistry for Pallet<T> {
	fn consumer_exists(consumer: ConsumerId) -> bool {
		Consumers::<T>::contains_key(consumer)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(consumer: ConsumerId) {
		if Consumers::<T>::contains_key(consumer) {
			return;
		}
		Consumers::<T>::insert(
			consumer,
			ConsumerInfo {
				manager: frame_benchmarking::account("manager", consumer, 0),
				metadata: Default::default(),
				genesis_hash: H256::zero(),
				value_at_risk: Zero::zero(),
				deposit: Zero::zero(),
				lease_ended: None,
			},
		);
		NextConsumerId::<T>::mutate(|next| *next = (*next).max(consumer.saturating_add(1)));
	}
}
