//! The logic behind the calls, the intake of offences, the application of due slashes and the routing of slashed
//! funds.

use crate::{pallet::*, types::*, WeightInfo};
use alloc::vec::Vec;
use bulwark_primitives::{
	ConsumerAccounts, ConsumerId, EraIndex, EraProvider, Offence, OffenceKind, OnSlashRealised,
	ReportOffence, ServiceRecord, SlashTarget, StakeProvider,
};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{
		fungible::{Balanced, Credit, Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		Imbalance,
	},
};
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, Zero},
	Perbill,
};

/// Most eras the application cursor moves in one block.
const MAX_ERAS_PER_PAGE: u32 = 4;

impl<T: Config> Pallet<T> {
	/// The account slashed funds pass through.
	pub fn pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Give the pot the existential deposit, so that it can pay shares below it.
	pub(crate) fn ensure_pot() {
		if !bulwark_primitives::endow_existential::<_, T::Currency>(&Self::pot()) {
			defensive!("the slashing pot could not be endowed");
		}
	}

	/// Governance's fraction for `kind`, made stricter by `consumer`'s policy in force at `era`, at most
	/// `MaxSlashFraction`.
	pub fn fraction_for(consumer: ConsumerId, kind: OffenceKind, era: EraIndex) -> Perbill {
		let base = match kind {
			OffenceKind::Equivocation => T::EquivocationFraction::get(),
			OffenceKind::Downtime => T::DowntimeFraction::get(),
			OffenceKind::GovernanceFault => T::GovernanceFaultFraction::get(),
		};
		let own = ConsumerPolicies::<T>::get(consumer)
			.at(era)
			.map(|fractions| fractions.of(kind))
			.unwrap_or_default();
		base.max(own).min(T::MaxSlashFraction::get())
	}

	/// Whether slashing `fraction` of `stake` takes at least `MinSlashAmount`. An offence that can slash (almost)
	/// nothing would only take room in the queue, and suspend or shield its offender for free: each slot costs its
	/// offender at least `MinSlashAmount`.
	pub(crate) fn puts_enough_at_risk(fraction: Perbill, stake: BalanceOf<T>) -> bool {
		let at_risk = fraction.mul_floor(stake);
		!at_risk.is_zero() && at_risk >= T::MinSlashAmount::get()
	}

	/// The era a slash for an offence in `offence_era`, reported in `now`, is due in: `SlashDeferEras` after the
	/// offence or after the report, whichever is later, so that every slash keeps a whole veto window from its
	/// report. A late report may so fall due after the offence's unbonding stake matures: restaking keeps that
	/// stake liable (withdrawals of a suspended operator's delegators that its slashes may reach wait, and its
	/// sub-pools unbonded since the offence stay slashable), rather than the veto window being cut short.
	pub fn due_era(offence_era: EraIndex, now: EraIndex) -> EraIndex {
		offence_era.max(now).saturating_add(T::SlashDeferEras::get())
	}

	/// `consumer`'s fractions as stakers' software reads them: in force now, and those a policy announced will
	/// put in force, each as the slashes will use it (governance's made stricter, at most `MaxSlashFraction`).
	pub fn consumer_policy(consumer: ConsumerId) -> ConsumerPolicyView {
		let now = T::Eras::current_era();
		let effective = |era| {
			let fraction = |kind| Self::fraction_for(consumer, kind, era);
			KindFractions {
				equivocation: fraction(OffenceKind::Equivocation),
				downtime: fraction(OffenceKind::Downtime),
				governance_fault: fraction(OffenceKind::GovernanceFault),
			}
		};
		let pending = ConsumerPolicies::<T>::get(consumer)
			.pending(now)
			.map(|(from, _)| (*from, effective(*from)));
		ConsumerPolicyView { in_force: effective(now), pending }
	}

	/// Governance's fractions, for checking consumer policies against.
	fn governance_fractions() -> KindFractions {
		KindFractions {
			equivocation: T::EquivocationFraction::get(),
			downtime: T::DowntimeFraction::get(),
			governance_fault: T::GovernanceFaultFraction::get(),
		}
	}

	pub(crate) fn do_report(mut offence: Offence<T::AccountId>) -> DispatchResult {
		let now = T::Eras::current_era();
		let era = offence.offence_era;
		ensure!(Mode::<T>::get() != SlashingMode::Disabled, Error::<T>::SlashingDisabled);
		ensure!(era <= now, Error::<T>::OffenceInFuture);
		ensure!(
			now.saturating_sub(era) < T::UnbondingEras::get() && era >= PruneCursor::<T>::get(),
			Error::<T>::OffenceTooOld
		);
		ensure!(!Evidence::<T>::contains_key(era, offence.evidence), Error::<T>::DuplicateEvidence);
		ensure!(
			T::Stake::operator_status(&offence.offender).is_some(),
			Error::<T>::UnknownOperator
		);
		// A consumer that has left can be harmed no more, and every era it was served in has left the slashable
		// window before it could deregister.
		ensure!(T::Consumers::manager(offence.consumer).is_some(), Error::<T>::UnknownConsumer);
		// Only an operator that served the consumer's paid lease in the offence era can harm it.
		ensure!(
			T::Service::served(offence.consumer, &offence.offender, era) == Some(true),
			Error::<T>::NotServed
		);
		let fraction = Self::fraction_for(offence.consumer, offence.kind, era);
		ensure!(
			Self::puts_enough_at_risk(
				fraction,
				T::Stake::slashable_stake(&offence.offender, offence.consumer, era)
			),
			Error::<T>::NothingAtRisk
		);
		// Reporting oneself earns no reporter's share.
		if offence.reporter.as_ref() == Some(&offence.offender) {
			offence.reporter = None;
		}
		let key = (era, offence.offender.clone(), offence.consumer);
		let mut window = Windows::<T>::get(&key);

		// One slash per (operator, consumer, era): a larger offence than any reported for it raises it, another is
		// ignored. A held slash is raised too and stays held: its evidence is recorded, so ignoring it would lose
		// the larger offence for good should governance cancel the smaller one. An offence no larger than one
		// already reported never undoes a reduction governance made.
		if let Some(id) = window.pending {
			let mut slash = Slashes::<T>::get(id).ok_or(Error::<T>::UnknownSlash)?;
			Evidence::<T>::insert(era, offence.evidence, ());
			if fraction > slash.reported {
				slash.fraction = fraction;
				slash.reported = fraction;
				slash.kind = offence.kind;
				slash.reporter = offence.reporter.or(slash.reporter);
				slash.evidence = offence.evidence;
				Slashes::<T>::insert(id, slash);
				Self::deposit_event(Event::SlashRaised { slash: id, fraction });
			} else {
				Self::ignored(offence);
			}
			return Ok(());
		}
		if fraction <= window.applied {
			Evidence::<T>::insert(era, offence.evidence, ());
			Self::ignored(offence);
			return Ok(());
		}

		// Sized for every window an admissible offence can open: full only of held or late slashes.
		ensure!(
			Slashes::<T>::count() < T::MaxPendingSlashes::get(),
			Error::<T>::TooManyPendingSlashes
		);
		let id = NextSlashId::<T>::get();
		let due_era = Self::due_era(era, now);
		let record = PendingSlash {
			offender: offence.offender.clone(),
			consumer: offence.consumer,
			kind: offence.kind,
			offence_era: era,
			fraction,
			reported: fraction,
			due_era,
			reporter: offence.reporter.clone(),
			evidence: offence.evidence,
			state: SlashState::Pending,
		};
		NextSlashId::<T>::put(id.wrapping_add(1));
		Evidence::<T>::insert(era, offence.evidence, ());
		Slashes::<T>::insert(id, record);
		DueSlashes::<T>::insert(due_era, id, ());
		PendingPerEra::<T>::mutate(era, |count| *count = count.saturating_add(1));
		window.pending = Some(id);
		Windows::<T>::insert(&key, window);
		Self::count_open(&offence.offender, era);
		Totals::<T>::mutate(|totals| totals.reported = totals.reported.saturating_add(1));
		Self::deposit_event(Event::SlashReported {
			slash: id,
			offender: offence.offender,
			consumer: offence.consumer,
			offence_era: era,
			fraction,
			due_era,
		});
		Ok(())
	}

	fn ignored(offence: Offence<T::AccountId>) {
		Self::deposit_event(Event::OffenceIgnored {
			offender: offence.offender,
			consumer: offence.consumer,
			offence_era: offence.offence_era,
		});
	}

	/// A slash governance may still veto: pending before its due era, or held by the breaker.
	fn vetoable(slash: SlashId) -> Result<PendingSlash<T::AccountId>, DispatchError> {
		let record = Slashes::<T>::get(slash).ok_or(Error::<T>::UnknownSlash)?;
		ensure!(
			record.state == SlashState::Held || T::Eras::current_era() < record.due_era,
			Error::<T>::VetoWindowClosed
		);
		Ok(record)
	}

	pub(crate) fn do_cancel_slash(slash: SlashId) -> DispatchResult {
		let record = Self::vetoable(slash)?;
		Self::close(slash, &record);
		Totals::<T>::mutate(|totals| totals.cancelled = totals.cancelled.saturating_add(1));
		Self::deposit_event(Event::SlashCancelled { slash });
		Ok(())
	}

	pub(crate) fn do_reduce_slash(slash: SlashId, fraction: Perbill) -> DispatchResult {
		let mut record = Self::vetoable(slash)?;
		ensure!(fraction < record.fraction, Error::<T>::NotLower);
		record.fraction = fraction;
		Slashes::<T>::insert(slash, record);
		Self::deposit_event(Event::SlashReduced { slash, fraction });
		Ok(())
	}

	pub(crate) fn do_approve_slash(slash: SlashId) -> DispatchResult {
		let record = Slashes::<T>::get(slash).ok_or(Error::<T>::UnknownSlash)?;
		ensure!(record.state == SlashState::Held, Error::<T>::NotHeld);
		Self::apply(slash, record, true)
	}

	pub(crate) fn do_apply_slash(slash: SlashId) -> DispatchResult {
		let record = Slashes::<T>::get(slash).ok_or(Error::<T>::UnknownSlash)?;
		ensure!(record.state == SlashState::Pending, Error::<T>::SlashHeld);
		ensure!(T::Eras::current_era() >= record.due_era, Error::<T>::NotDue);
		Self::apply(slash, record, false)
	}

	pub(crate) fn do_set_consumer_policy(
		who: &T::AccountId,
		consumer: ConsumerId,
		fractions: KindFractions,
	) -> DispatchResult {
		let manager = T::Consumers::manager(consumer).ok_or(Error::<T>::UnknownConsumer)?;
		ensure!(&manager == who, Error::<T>::NotManager);
		ensure!(
			fractions.at_least(&Self::governance_fractions())
				&& fractions.max() <= T::MaxSlashFraction::get(),
			Error::<T>::PolicyOutOfBounds
		);
		let now = T::Eras::current_era();
		// Policies in force at an era still reportable stay; older ones go.
		let horizon = now.saturating_sub(T::UnbondingEras::get());
		let from = ConsumerPolicies::<T>::try_mutate(consumer, |history| {
			// At least one whole era of notice after this one, fixed when given with the value in force then:
			// neither a later change of `RiskNotice` nor a new announcement replacing the pending one brings a
			// policy in sooner.
			let from = now
				.saturating_add(1)
				.saturating_add(T::RiskNotice::get().max(1))
				.max(history.pending(now).map_or(0, |(from, _)| *from));
			history
				.schedule(now, from, fractions, horizon)
				.map(|_| from)
				.map_err(|_| Error::<T>::PolicyHistoryFull)
		})?;
		Self::deposit_event(Event::ConsumerPolicySet { consumer, fractions, from });
		Ok(())
	}

	/// Remove a slash that was applied or cancelled, and lift its operator's suspension if it was the
	/// last.
	fn close(slash: SlashId, record: &PendingSlash<T::AccountId>) {
		Slashes::<T>::remove(slash);
		DueSlashes::<T>::remove(record.due_era, slash);
		Windows::<T>::mutate((record.offence_era, &record.offender, record.consumer), |window| {
			if window.pending == Some(slash) {
				window.pending = None;
			}
		});
		PendingPerEra::<T>::mutate_exists(record.offence_era, |count| {
			*count = count.map(|count| count.saturating_sub(1)).filter(|count| *count > 0);
		});
		Self::count_closed(&record.offender, record.offence_era);
	}

	/// Count a new open slash of `offender` for an offence of `era`: the first suspends it, and restaking learns
	/// when the oldest open offence era changes, which only an older offence does.
	fn count_open(offender: &T::AccountId, era: EraIndex) {
		let mut eras = OpenSlashes::<T>::get(offender);
		let was_oldest = eras.keys().next().copied();
		let count = eras.get(&era).copied().unwrap_or_default().saturating_add(1);
		if eras.try_insert(era, count).is_err() {
			defensive!("an operator with more open offence eras than slashes");
			return;
		}
		OpenSlashes::<T>::insert(offender, eras);
		if was_oldest.is_none() && T::Target::suspend(offender).is_err() {
			defensive!("a registered operator could not be suspended");
		}
		if was_oldest.is_none_or(|oldest| era < oldest)
			&& T::Target::set_liable_from(offender, Some(era)).is_err()
		{
			defensive!("a suspended operator's liability could not be recorded");
		}
	}

	/// Count a closed slash of `offender` for an offence of `era`: the last restores it, and restaking learns
	/// when the oldest open offence era moves on.
	fn count_closed(offender: &T::AccountId, era: EraIndex) {
		let mut eras = OpenSlashes::<T>::get(offender);
		let was_oldest = eras.keys().next().copied();
		match eras.get(&era).copied() {
			Some(count) if count > 1 => {
				let _ = eras.try_insert(era, count.saturating_sub(1));
			},
			Some(_) => {
				eras.remove(&era);
			},
			None => {
				defensive!("a closed slash that was not counted open");
				return;
			},
		}
		let oldest = eras.keys().next().copied();
		if oldest.is_none() {
			OpenSlashes::<T>::remove(offender);
			// Restoring clears the liability too.
			if T::Target::restore(offender).is_err() {
				log::warn!(target: "runtime::slashing", "could not restore an operator after its last slash");
			}
			return;
		}
		OpenSlashes::<T>::insert(offender, eras);
		if oldest != was_oldest && T::Target::set_liable_from(offender, oldest).is_err() {
			log::warn!(target: "runtime::slashing", "could not move an operator's liability on");
		}
	}

	/// How many slashes of `operator` are pending or held.
	pub fn open_slash_count(operator: &T::AccountId) -> u32 {
		OpenSlashes::<T>::get(operator)
			.values()
			.fold(0u32, |total, count| total.saturating_add(*count))
	}

	/// The fraction of the stake still at risk that `record` would take now, and the amount: what its window has
	/// already taken is gone from the stake, so the rest of the fraction is taken from what is left.
	pub fn estimate(record: &PendingSlash<T::AccountId>) -> (Perbill, BalanceOf<T>) {
		let window = Windows::<T>::get((record.offence_era, &record.offender, record.consumer));
		let remaining = Perbill::one().saturating_sub(window.applied);
		let relative = if record.fraction <= window.applied || remaining.is_zero() {
			Perbill::zero()
		} else {
			Perbill::from_rational(
				record.fraction.saturating_sub(window.applied).deconstruct(),
				remaining.deconstruct(),
			)
		};
		let amount = relative.mul_floor(T::Stake::slashable_stake(
			&record.offender,
			record.consumer,
			record.offence_era,
		));
		(relative, amount)
	}

	/// Apply a due slash; unless `approved`, the breaker may hold it instead.
	fn apply(
		slash: SlashId,
		mut record: PendingSlash<T::AccountId>,
		approved: bool,
	) -> DispatchResult {
		let key = (record.offence_era, record.offender.clone(), record.consumer);
		let (relative, estimate) = Self::estimate(&record);
		if !approved {
			let era_slashed = EraSlashed::<T>::get(record.offence_era);
			let limit = T::MaxEraSlashFraction::get().mul_floor(T::Stake::total_restaked());
			if era_slashed.saturating_add(estimate) > limit {
				DueSlashes::<T>::remove(record.due_era, slash);
				record.state = SlashState::Held;
				Slashes::<T>::insert(slash, record);
				Self::deposit_event(Event::SlashHeld { slash, amount: estimate, era_slashed });
				return Ok(());
			}
		}
		if Mode::<T>::get() == SlashingMode::Enabled && !relative.is_zero() {
			// What the offender's own stake loses, read before the slash lowers the pool.
			let reporter_due = match record.reporter {
				Some(_) => Self::reporter_bound(T::Stake::delegator_slash_loss(
					&record.offender,
					&record.offender,
					record.consumer,
					relative,
					record.offence_era,
				)),
				None => Zero::zero(),
			};
			let amount =
				T::Target::slash(&record.offender, record.consumer, relative, record.offence_era)?;
			EraSlashed::<T>::mutate(record.offence_era, |total| {
				*total = total.saturating_add(amount)
			});
			let route =
				Route { reporter: record.reporter.clone(), reporter_due, outstanding: amount };
			// Funds of a slash beyond the bound are burnt as they are realised, and counted as slashed then.
			let routed = amount.is_zero()
				|| Routes::<T>::mutate(&record.offender, |routes| {
					routes.try_push((slash, route)).is_ok()
				});
			if routed {
				Totals::<T>::mutate(|totals| {
					totals.slashed = totals.slashed.saturating_add(amount);
					totals.outstanding = totals.outstanding.saturating_add(amount);
				});
			}
			Windows::<T>::mutate(&key, |window| {
				window.applied = window.applied.max(record.fraction)
			});
			Self::deposit_event(Event::SlashApplied {
				slash,
				offender: record.offender.clone(),
				amount,
				routed,
			});
		} else {
			// Nothing is taken, so the window's applied fraction stays as it was.
			Self::deposit_event(Event::SlashLogged { slash, amount: estimate });
		}
		Self::close(slash, &record);
		Totals::<T>::mutate(|totals| totals.applied = totals.applied.saturating_add(1));
		Ok(())
	}

	/// Apply up to `MaxSlashesPerBlock` due slashes, oldest due era first.
	pub(crate) fn apply_due_page() -> Weight {
		let now = T::Eras::current_era();
		let max = T::MaxSlashesPerBlock::get();
		let mut era = ApplyCursor::<T>::get();
		let mut applied = 0u32;
		for _ in 0..MAX_ERAS_PER_PAGE {
			if era > now || applied >= max {
				break;
			}
			let due: Vec<SlashId> = DueSlashes::<T>::iter_key_prefix(era)
				.take(max.saturating_sub(applied) as usize)
				.collect();
			for slash in due {
				applied = applied.saturating_add(1);
				let Some(record) = Slashes::<T>::get(slash) else {
					defensive!("a due slash without its record");
					DueSlashes::<T>::remove(era, slash);
					continue;
				};
				if let Err(error) = Self::apply(slash, record, false) {
					// Left due, and the cursor stays at its era: `apply_slash` or a later page retries it.
					log::warn!(target: "runtime::slashing", "slash {slash} not applied: {error:?}");
				}
			}
			if era < now && DueSlashes::<T>::iter_key_prefix(era).next().is_none() {
				era = era.saturating_add(1);
			} else {
				break;
			}
		}
		ApplyCursor::<T>::put(era);
		T::WeightInfo::apply_due_page(applied)
	}

	/// Forget the windows and evidence of the oldest era that can no longer be reported, a page at a time.
	pub(crate) fn prune_old_era() -> Weight {
		let now = T::Eras::current_era();
		let oldest = PruneCursor::<T>::get();
		// An era with a slash still pending or held keeps its windows and evidence until it is closed.
		if now.saturating_sub(oldest) < T::UnbondingEras::get()
			|| PendingPerEra::<T>::get(oldest) > 0
		{
			return T::DbWeight::get().reads(2);
		}
		let limit = T::MaxPrunedPerBlock::get();
		let evidence = Evidence::<T>::clear_prefix(oldest, limit, None);
		let windows = Windows::<T>::clear_prefix((oldest,), limit, None);
		if evidence.maybe_cursor.is_none() && windows.maybe_cursor.is_none() {
			EraSlashed::<T>::remove(oldest);
			PruneCursor::<T>::put(oldest.saturating_add(1));
		}
		T::WeightInfo::prune_era(evidence.loops.max(windows.loops))
	}

	/// Burn `amount` of realised funds from the pot.
	fn burn_from_pot(amount: BalanceOf<T>) {
		if !amount.is_zero()
			&& T::Currency::burn_from(
				&Self::pot(),
				amount,
				Preservation::Preserve,
				Precision::Exact,
				Fortitude::Polite,
			)
			.is_err()
		{
			defensive!("realised funds in the pot could not be burnt");
		}
	}

	/// The pending and held slashes of `operator`, with what each would take now and, for `delegator`, what it
	/// would lose.
	pub fn pending_slashes(
		operator: &T::AccountId,
		delegator: Option<&T::AccountId>,
	) -> Vec<PendingSlashView<T::AccountId, BalanceOf<T>>> {
		Slashes::<T>::iter()
			.filter(|(_, slash)| &slash.offender == operator)
			.map(|(id, slash)| {
				let (relative, amount) = Self::estimate(&slash);
				let delegator_loss = delegator
					.map(|delegator| {
						T::Stake::delegator_slash_loss(
							operator,
							delegator,
							slash.consumer,
							relative,
							slash.offence_era,
						)
					})
					.unwrap_or_default();
				PendingSlashView { id, slash, amount, delegator_loss }
			})
			.collect()
	}

	/// The most a reporter may be paid from a slash in which the offender's own stake loses `own_loss`: half of
	/// it, so that an offender who reports itself under another name always ends poorer.
	pub(crate) fn reporter_bound(own_loss: BalanceOf<T>) -> BalanceOf<T> {
		Perbill::from_percent(50).mul_floor(own_loss)
	}

	/// Route `part` of realised funds of `slash`, already in the pot: the reporter's share within what it is still
	/// due, the treasury's share, and the rest burnt. Nothing goes anywhere else, so no consumer's escrow, which
	/// its manager may withdraw and whose fees pay its operators, the offender among them, gains from a slash.
	fn route(slash: SlashId, route: &mut Route<T::AccountId, BalanceOf<T>>, part: BalanceOf<T>) {
		let pot = Self::pot();
		let reporter_share = match route.reporter {
			Some(_) => T::ReporterShare::get().mul_floor(part).min(route.reporter_due),
			None => Zero::zero(),
		};
		let left = part.saturating_sub(reporter_share);
		let treasury_share = T::TreasuryShare::get().mul_floor(part).min(left);

		let reporter = match &route.reporter {
			Some(who)
				if !reporter_share.is_zero()
					&& T::Currency::transfer(&pot, who, reporter_share, Preservation::Preserve)
						.is_ok() =>
			{
				reporter_share
			},
			_ => Zero::zero(),
		};
		route.reporter_due = route.reporter_due.saturating_sub(reporter);
		let treasury = if !treasury_share.is_zero()
			&& T::Currency::transfer(
				&pot,
				&T::TreasuryAccount::get(),
				treasury_share,
				Preservation::Preserve,
			)
			.is_ok()
		{
			treasury_share
		} else {
			Zero::zero()
		};
		// Whatever could not be paid is burnt with the rest.
		let burned = part.saturating_sub(reporter).saturating_sub(treasury);
		Self::burn_from_pot(burned);
		Totals::<T>::mutate(|totals| {
			totals.to_reporters = totals.to_reporters.saturating_add(reporter);
			totals.to_treasury = totals.to_treasury.saturating_add(treasury);
			totals.burned = totals.burned.saturating_add(burned);
		});
		Self::deposit_event(Event::FundsRouted { slash, reporter, treasury, burned });
	}

	/// The pallet's invariants.
	#[cfg(any(test, feature = "try-runtime"))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let totals = Totals::<T>::get();
		ensure!(
			totals.applied.saturating_add(totals.cancelled).saturating_add(Slashes::<T>::count())
				== totals.reported,
			"applied + cancelled + pending differs from reported"
		);
		ensure!(
			totals.routed.saturating_add(totals.outstanding).saturating_add(totals.written_off)
				== totals.slashed,
			"routed + outstanding + written off differs from slashed"
		);
		ensure!(
			totals.to_reporters.saturating_add(totals.to_treasury).saturating_add(totals.burned)
				== totals.routed,
			"routed funds went elsewhere than to reporters, the treasury and burning"
		);
		ensure!(
			Routes::<T>::iter_values()
				.flatten()
				.all(|(_, route)| route.reporter.is_some() || route.reporter_due.is_zero()),
			"a reporter's due without a reporter"
		);
		ensure!(
			ConsumerPolicies::<T>::iter_values().all(|history| history
				.entries
				.windows(2)
				.all(|pair| pair.first().map(|(a, _)| a) < pair.get(1).map(|(b, _)| b))),
			"a policy history out of order"
		);
		let outstanding = Routes::<T>::iter_values()
			.flatten()
			.fold(BalanceOf::<T>::zero(), |sum, (_, route)| sum.saturating_add(route.outstanding));
		ensure!(outstanding == totals.outstanding, "routes differ from the outstanding total");
		ensure!(
			Routes::<T>::iter_values().all(|routes| !routes.is_empty()),
			"an operator with an empty route list"
		);
		ensure!(
			Routes::<T>::iter().all(|(operator, routes)| {
				routes.iter().all(|(_, route)| route.reporter.as_ref() != Some(&operator))
			}),
			"a route pays its offender as reporter"
		);
		ensure!(Slashes::<T>::count() <= T::MaxPendingSlashes::get(), "too many pending slashes");
		let mut per_operator = alloc::collections::BTreeMap::<
			T::AccountId,
			alloc::collections::BTreeMap<EraIndex, u32>,
		>::new();
		let mut per_era = alloc::collections::BTreeMap::<EraIndex, u32>::new();
		for (id, slash) in Slashes::<T>::iter() {
			ensure!(
				T::Stake::operator_status(&slash.offender).is_some(),
				"a pending slash of an unknown operator"
			);
			ensure!(
				slash.due_era >= slash.offence_era.saturating_add(T::SlashDeferEras::get()),
				"a slash due before its veto window ends"
			);
			ensure!(
				slash.reporter.as_ref() != Some(&slash.offender),
				"a slash rewards its offender as reporter"
			);
			ensure!(
				slash.fraction <= slash.reported,
				"a slash above every fraction reported for it"
			);
			// A record forgotten since (a held slash may outlive it) proves nothing either way.
			ensure!(
				T::Service::served(slash.consumer, &slash.offender, slash.offence_era) != Some(false),
				"a pending slash of an operator that did not serve the consumer's paid lease in its era"
			);
			ensure!(
				(slash.state == SlashState::Pending)
					== DueSlashes::<T>::contains_key(slash.due_era, id),
				"a pending slash not queued, or a held one queued"
			);
			ensure!(
				Windows::<T>::get((slash.offence_era, &slash.offender, slash.consumer)).pending
					== Some(id),
				"a pending slash not in its window"
			);
			*per_era.entry(slash.offence_era).or_default() += 1;
			*per_operator
				.entry(slash.offender)
				.or_default()
				.entry(slash.offence_era)
				.or_default() += 1;
		}
		ensure!(
			PendingPerEra::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>() == per_era,
			"PendingPerEra differs from the slashes"
		);
		ensure!(
			DueSlashes::<T>::iter_keys().all(|(_, id)| Slashes::<T>::contains_key(id)),
			"a due slash without its record"
		);
		for (operator, eras) in OpenSlashes::<T>::iter() {
			ensure!(
				per_operator.remove(&operator) == Some(eras.into_inner()),
				"OpenSlashes differs from the slashes"
			);
		}
		ensure!(per_operator.is_empty(), "an operator with pending slashes is not counted");
		Ok(())
	}
}

impl<T: Config> bulwark_primitives::OnConsumerDeregistered for Pallet<T> {
	fn on_consumer_deregistered(consumer: ConsumerId) {
		// No offence can be reported for it any more: its policies judge nothing.
		ConsumerPolicies::<T>::remove(consumer);
	}
}

impl<T: Config> ReportOffence<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn report_offence(offence: Offence<T::AccountId>) -> DispatchResult {
		Self::do_report(offence)
	}

	fn slash_fraction(consumer: ConsumerId, kind: OffenceKind) -> Perbill {
		match Mode::<T>::get() {
			SlashingMode::Enabled => Self::fraction_for(consumer, kind, T::Eras::current_era()),
			SlashingMode::LogOnly | SlashingMode::Disabled => Perbill::zero(),
		}
	}

	fn can_punish(
		consumer: ConsumerId,
		kind: OffenceKind,
		era: EraIndex,
		stake: BalanceOf<T>,
	) -> bool {
		Self::puts_enough_at_risk(Self::fraction_for(consumer, kind, era), stake)
	}

	fn report_equivocation_weight() -> Weight {
		T::WeightInfo::report_offence()
	}
}

impl<T: Config> OnSlashRealised<T::AccountId, Credit<T::AccountId, T::Currency>> for Pallet<T> {
	fn on_slash_realised(operator: &T::AccountId, credit: Credit<T::AccountId, T::Currency>) {
		let mut amount = credit.peek();
		let pot = Self::pot();
		if T::Currency::resolve(&pot, credit).is_err() {
			defensive!("realised funds could not reach the pot");
			return;
		}
		let mut routes = Routes::<T>::get(operator).into_inner();
		let (mut routed, mut written_off) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		// Oldest first; a route is closed once realised.
		routes.retain_mut(|(slash, route)| {
			if amount.is_zero() {
				return true;
			}
			let part = amount.min(route.outstanding);
			Self::route(*slash, route, part);
			amount = amount.saturating_sub(part);
			routed = routed.saturating_add(part);
			route.outstanding = route.outstanding.saturating_sub(part);
			// Rounding in the delegators' pools may leave dust that is never realised.
			if route.outstanding < T::Currency::minimum_balance() {
				written_off = written_off.saturating_add(route.outstanding);
				return false;
			}
			true
		});
		if routes.is_empty() {
			Routes::<T>::remove(operator);
		} else {
			// Only shorter than it was: nothing is truncated.
			Routes::<T>::insert(operator, BoundedVec::truncate_from(routes));
		}
		// Realised beyond every route (a slash past `MaxRoutesPerOperator`, or rounding the other way): burnt,
		// and counted as slashed now.
		if !amount.is_zero() {
			Self::burn_from_pot(amount);
		}
		Totals::<T>::mutate(|totals| {
			totals.burned = totals.burned.saturating_add(amount);
			totals.routed = totals.routed.saturating_add(routed).saturating_add(amount);
			totals.slashed = totals.slashed.saturating_add(amount);
			totals.outstanding =
				totals.outstanding.saturating_sub(routed).saturating_sub(written_off);
			totals.written_off = totals.written_off.saturating_add(written_off);
		});
	}

	fn on_slash_realised_weight() -> Weight {
		T::WeightInfo::on_slash_realised(T::MaxRoutesPerOperator::get())
	}
}
