//! Attestations of consumer heads, their finality, and the offences they prove: equivocation and downtime.

use crate::{pallet::*, types::*};
use alloc::vec::Vec;
use bulwark_primitives::{
	mul_div, ConsumerId, EraIndex, EraProvider, Offence, OffenceKind, OperatorStatus,
	ReportOffence, StakeProvider,
};
use codec::Encode;
use frame_support::pallet_prelude::*;
use sp_core::H256;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_attest(
		who: &T::AccountId,
		consumer: ConsumerId,
		height: u64,
		head: H256,
		signature: ConsumerSignature,
	) -> DispatchResult {
		let era = T::Eras::current_era();
		let lease = Leases::<T>::get(consumer).ok_or(Error::<T>::NoLease)?;
		// Finality is what a lease pays for: none in an era it has not paid.
		ensure!(lease.paid_for(era), Error::<T>::LeaseNotPaid);
		let assignment = Assignments::<T>::get(consumer)
			.filter(|assignment| assignment.era == era)
			.ok_or(Error::<T>::NotAssigned)?;
		ensure!(
			assignment.operators.iter().any(|(operator, _)| operator == who),
			Error::<T>::NotAssigned
		);
		// A suspended operator still attests the eras it is assigned to: its signatures count against downtime,
		// neither toward finality nor for pay, so that a suspension neither excuses downtime nor, bought by a
		// manager withholding heads on one consumer, gets an honest operator reported on every other one.
		let suspended = Self::is_suspended(who);
		let key = Self::consumer_key(consumer, who, era).ok_or(Error::<T>::NoKey)?;
		let payload = Self::signing_payload(consumer, era, height, head)
			.ok_or(Error::<T>::UnknownConsumer)?;
		ensure!(key.verify(&payload, &signature), Error::<T>::BadSignature);
		let mut record = Votes::<T>::get(consumer, height);
		if record.era != era && !record.votes.is_empty() {
			// Final for good; a height not final in its era starts afresh, counted against this era's assignment.
			ensure!(record.finalized.is_none(), Error::<T>::HeightFinal);
			record = HeightVotes::default();
		}
		ensure!(
			!record.votes.iter().any(|(operator, _)| operator == who),
			Error::<T>::AlreadyAttested
		);
		if record.votes.is_empty() {
			// Its stake counts for nothing: it takes no share of the era's heights.
			ensure!(!suspended, Error::<T>::OperatorSuspended);
			// Finality is for good: a height at or below the latest final one opens no new vote, even after its
			// votes were pruned.
			ensure!(
				LatestFinalized::<T>::get(consumer).is_none_or(|(latest, _)| height > latest),
				Error::<T>::HeightFinal
			);
			// An operator may open its stake's share of an era's heights, rounded up: operators short of the third
			// of the stake that could deny finality anyway open together at most a third of the heights plus one
			// each, so they cannot fill the era with junk, and every assigned operator may open at least one.
			let own = assignment
				.operators
				.iter()
				.find(|(operator, _)| operator == who)
				.map(|(_, stake)| *stake)
				.unwrap_or_else(Zero::zero);
			let quota: u32 = mul_div(
				own,
				T::MaxHeightsPerEra::get().into(),
				assignment.security,
				sp_arithmetic::Rounding::Up,
			)
			.saturated_into();
			let opened = OpenedHeights::<T>::get((consumer, era), who);
			ensure!(opened < quota, Error::<T>::HeightQuotaReached);
			EraHeights::<T>::try_mutate(consumer, era, |heights| heights.try_push(height))
				.map_err(|_| Error::<T>::TooManyHeights)?;
			OpenedHeights::<T>::insert((consumer, era), who, opened.saturating_add(1));
		}
		record.era = era;
		// Only operators of this assignment vote, so the bound of the assignment holds.
		record.votes.try_push((who.clone(), head)).map_err(|_| Error::<T>::NotAssigned)?;
		Self::deposit_event(Event::Attested { consumer, operator: who.clone(), height, head });

		match record.finalized {
			Some(final_head) if final_head == head => {
				Self::count_final_attestation(consumer, era, who, !suspended)
			},
			Some(_) => {},
			None => {
				let (counted, security) = Self::counted_now(&assignment);
				let stake_of = |operator: &T::AccountId| {
					counted
						.iter()
						.find(|(assigned, _)| assigned == operator)
						.map(|(_, stake)| *stake)
				};
				let for_head = record.votes.iter().filter(|(_, voted)| *voted == head).fold(
					BalanceOf::<T>::zero(),
					|total, (operator, _)| {
						total.saturating_add(stake_of(operator).unwrap_or_else(Zero::zero))
					},
				);
				let for_head: u128 = for_head.saturated_into();
				let security: u128 = security.saturated_into();
				if security != 0 && for_head.saturating_mul(3) >= security.saturating_mul(2) {
					record.finalized = Some(head);
					FinalHeights::<T>::mutate(consumer, era, |count| count.saturating_inc());
					// Only the votes that counted are paid service; a suspended operator's count against downtime.
					for (operator, voted) in record.votes.iter() {
						if *voted == head {
							Self::count_final_attestation(
								consumer,
								era,
								operator,
								stake_of(operator).is_some(),
							);
						}
					}
					if LatestFinalized::<T>::get(consumer).is_none_or(|(latest, _)| height > latest)
					{
						LatestFinalized::<T>::insert(consumer, (height, head));
					}
					Self::deposit_event(Event::HeadFinalized { consumer, era, height, head });
				}
			},
		}
		Votes::<T>::insert(consumer, height, record);
		Ok(())
	}

	/// Count `operator`'s attestation of a final head of `consumer` in `era`: paid service if its stake counted,
	/// service against downtime only if it was suspended.
	fn count_final_attestation(
		consumer: ConsumerId,
		era: EraIndex,
		operator: &T::AccountId,
		counted: bool,
	) {
		if counted {
			FinalAttestations::<T>::mutate((consumer, era), operator, |count| {
				count.saturating_inc()
			});
		} else {
			SuspendedAttestations::<T>::mutate((consumer, era), operator, |count| {
				count.saturating_inc()
			});
		}
	}

	/// The offence: one operator's valid signatures, for one consumer (by id and genesis) on one Bulwark chain, on
	/// two different heads at one height, both made in eras of the slashable window. It is committed in the era of
	/// the later signature. An honest operator signs only heads its tenant finalized, and a finalized head never
	/// changes, so it never signs two heads at one height; signing the same head again, in any era, is never an
	/// offence.
	pub(crate) fn do_report_equivocation(
		reporter: &T::AccountId,
		consumer: ConsumerId,
		operator: &T::AccountId,
		first: Attestation,
		second: Attestation,
	) -> DispatchResult {
		ensure!(Consumers::<T>::contains_key(consumer), Error::<T>::UnknownConsumer);
		ensure!(
			first.height == second.height && first.head != second.head,
			Error::<T>::NotEquivocation
		);
		let now = T::Eras::current_era();
		for attestation in [&first, &second] {
			ensure!(
				attestation.era <= now
					&& now.saturating_sub(attestation.era) < T::SlashableEras::get(),
				Error::<T>::EvidenceOutsideWindow
			);
			let key =
				Self::consumer_key(consumer, operator, attestation.era).ok_or(Error::<T>::NoKey)?;
			let payload = Self::signing_payload(
				consumer,
				attestation.era,
				attestation.height,
				attestation.head,
			)
			.ok_or(Error::<T>::UnknownConsumer)?;
			ensure!(key.verify(&payload, &attestation.signature), Error::<T>::BadSignature);
		}
		// Both signatures must be made for eras in which the operator served the consumer's paid lease: a
		// signature for any other era harmed nobody, and counting it would let a manager and an operator make an
		// offence up.
		ensure!(
			[first.era, second.era]
				.iter()
				.all(|era| Self::paid_service(consumer, operator, *era) == Some(true)),
			Error::<T>::NotServingInEvidenceEras
		);
		let height = first.height;
		// The intake refuses the same evidence twice in one offence era.
		T::Offences::report_offence(Offence {
			offender: operator.clone(),
			consumer,
			kind: OffenceKind::Equivocation,
			offence_era: first.era.max(second.era),
			evidence: H256(sp_io::hashing::blake2_256(
				&(b"equivocation", consumer, operator, height).encode(),
			)),
			reporter: Some(reporter.clone()),
		})?;
		Self::deposit_event(Event::EquivocationReported {
			consumer,
			operator: operator.clone(),
			height,
			reporter: reporter.clone(),
		});
		Ok(())
	}

	/// At the start of `era`: if the era before it was paid for (`served` is its assignment), report the operators
	/// that attested fewer than `MinAttestationRatio` of its final heights, and prune the votes of two eras ago.
	/// Attestations made while suspended count: a suspended operator keeps attesting, so a suspension, its own
	/// self-report's included, excuses no downtime.
	pub(crate) fn close_attestation_era(
		consumer: ConsumerId,
		era: EraIndex,
		served: Option<&Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>>,
	) {
		let ended = era.saturating_sub(1);
		let finalized = FinalHeights::<T>::take(consumer, ended);
		if let (Some(assignment), true) = (served, finalized > 0) {
			for (operator, _) in assignment.operators.iter() {
				let attested = FinalAttestations::<T>::get((consumer, ended), operator)
					.saturating_add(SuspendedAttestations::<T>::get((consumer, ended), operator));
				if Perbill::from_rational(attested, finalized) >= T::MinAttestationRatio::get() {
					continue;
				}
				let evidence = H256(sp_io::hashing::blake2_256(
					&(b"downtime", consumer, ended, operator).encode(),
				));
				let offence = Offence {
					offender: operator.clone(),
					consumer,
					kind: OffenceKind::Downtime,
					offence_era: ended,
					evidence,
					reporter: None,
				};
				if T::Offences::report_offence(offence).is_ok() {
					Self::deposit_event(Event::DowntimeReported {
						consumer,
						operator: operator.clone(),
						era: ended,
						attested,
						finalized,
					});
				}
			}
		}
		Self::clear_operator_counts(consumer, ended);
		Self::prune_votes(consumer, era.saturating_sub(2));
	}

	/// The slot of `era` in the ring of paid assignments.
	pub(crate) fn evidence_slot(era: EraIndex) -> u32 {
		era.checked_rem(T::EvidenceEras::get()).unwrap_or_default()
	}

	/// Record that `assignment` serves `consumer` in `era`, which its lease has paid for.
	pub(crate) fn record_paid_assignment(
		consumer: ConsumerId,
		era: EraIndex,
		assignment: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	) {
		let operators: Vec<T::AccountId> =
			assignment.operators.iter().map(|(operator, _)| operator.clone()).collect();
		// An assignment has at most `MaxOperatorsPerLease` operators.
		let operators = BoundedVec::truncate_from(operators);
		PaidAssignments::<T>::insert(consumer, Self::evidence_slot(era), (era, operators));
	}

	/// Whether `operator` served `consumer` in `era` under a lease that was Active and paid for it: `None` once
	/// that era's record is forgotten (it is `EvidenceEras` old or more, its slot holds a later era, or the
	/// consumer deregistered). A slot holding an earlier era, or none, while the consumer exists means the era was
	/// not paid: a paid era writes its slot.
	pub(crate) fn paid_service(
		consumer: ConsumerId,
		operator: &T::AccountId,
		era: EraIndex,
	) -> Option<bool> {
		// A slot no later paid era overwrote still holds its era: the record is kept for `EvidenceEras` all the
		// same, so that what it can prove is bounded by it (the slashing queue is sized on it).
		if T::Eras::current_era().saturating_sub(era) >= T::EvidenceEras::get() {
			return None;
		}
		match PaidAssignments::<T>::get(consumer, Self::evidence_slot(era)) {
			Some((paid, operators)) if paid == era => Some(operators.contains(operator)),
			Some((paid, _)) if paid > era => None,
			_ => Consumers::<T>::contains_key(consumer).then_some(false),
		}
	}

	/// Whether `operator` is suspended for a pending slash.
	pub(crate) fn is_suspended(operator: &T::AccountId) -> bool {
		T::Stake::operator_status(operator) == Some(OperatorStatus::Suspended)
	}

	/// The operators of `assignment` that count now, with their stakes, and the security they sum to. A suspended
	/// operator counts for nothing from the moment it is suspended: neither its votes nor its stake.
	pub(crate) fn counted_now(
		assignment: &Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	) -> (Vec<&(T::AccountId, BalanceOf<T>)>, BalanceOf<T>) {
		let counted: Vec<_> = assignment
			.operators
			.iter()
			.filter(|(operator, _)| !Self::is_suspended(operator))
			.collect();
		let security = counted
			.iter()
			.fold(BalanceOf::<T>::zero(), |total, (_, stake)| total.saturating_add(*stake));
		(counted, security)
	}

	/// Remove the votes of the heights attested in `era`; a height voted on afresh in a later era keeps its votes.
	pub(crate) fn prune_votes(consumer: ConsumerId, era: EraIndex) {
		for height in EraHeights::<T>::take(consumer, era) {
			Votes::<T>::mutate_exists(consumer, height, |votes| {
				if votes.as_ref().is_some_and(|votes| votes.era == era) {
					*votes = None;
				}
			});
		}
	}

	/// Forget what each operator attested and opened for `consumer` in `era`: at most `MaxOperatorsPerLease` each.
	fn clear_operator_counts(consumer: ConsumerId, era: EraIndex) {
		let _ = FinalAttestations::<T>::clear_prefix(
			(consumer, era),
			T::MaxOperatorsPerLease::get(),
			None,
		);
		let _ = SuspendedAttestations::<T>::clear_prefix(
			(consumer, era),
			T::MaxOperatorsPerLease::get(),
			None,
		);
		let _ =
			OpenedHeights::<T>::clear_prefix((consumer, era), T::MaxOperatorsPerLease::get(), None);
	}

	/// Remove everything attested for `consumer`: its lease has ended.
	pub(crate) fn clear_attestations(consumer: ConsumerId) {
		let eras: alloc::vec::Vec<EraIndex> = EraHeights::<T>::iter_key_prefix(consumer).collect();
		for era in eras {
			Self::prune_votes(consumer, era);
			FinalHeights::<T>::remove(consumer, era);
			Self::clear_operator_counts(consumer, era);
		}
	}
}
