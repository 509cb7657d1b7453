use super::report;
use crate::{
	mock::*, Error, Event, Evidence, Mode, OffenderSlashes, SlashState, Slashes, SlashingMode,
	Totals, Windows,
};
use bulwark_primitives::{
	ConsumerId, EraIndex, Offence, OffenceKind, OperatorStatus, ReportOffence,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use sp_runtime::Perbill;

#[test]
fn an_offence_becomes_a_deferred_slash_and_suspends_the_offender() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 2, 1, Some(REPORTER)));
		assert_eq!(
			slashing_events(),
			vec![Event::SlashReported {
				slash: 0,
				offender: OP_A,
				consumer: CONSUMER,
				offence_era: 2,
				fraction: Perbill::from_percent(20),
				// Reported in era 3: the veto window runs from the report.
				due_era: 5,
			}]
		);
		let slash = Slashes::<Test>::get(0).expect("pending");
		assert_eq!((slash.state, slash.reporter), (SlashState::Pending, Some(REPORTER)));
		assert_eq!(status(OP_A), Some(OperatorStatus::Suspended));
	});
}

#[test]
fn intake_errors() {
	ExtBuilder.build_and_execute(|| {
		set_era(5);
		// UnbondingEras is 4: an offence of era 1 is out of the window at era 5.
		assert_noop!(report(OP_A, OffenceKind::Downtime, 1, 1, None), Error::<Test>::OffenceTooOld);
		assert_noop!(
			report(OP_A, OffenceKind::Downtime, 6, 1, None),
			Error::<Test>::OffenceInFuture
		);
		assert_noop!(report(99, OffenceKind::Downtime, 5, 1, None), Error::<Test>::UnknownOperator);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 5, 1, None));
		assert_noop!(
			report(OP_B, OffenceKind::Downtime, 5, 1, None),
			Error::<Test>::DuplicateEvidence
		);
		Mode::<Test>::put(SlashingMode::Disabled);
		assert_noop!(
			report(OP_B, OffenceKind::Downtime, 5, 2, None),
			Error::<Test>::SlashingDisabled
		);
	});
}

/// Eight more operators with stake at risk for `CONSUMER`.
fn more_operators() -> Vec<AccountId> {
	let operators: Vec<AccountId> = (30..38).collect();
	for operator in &operators {
		set_status(*operator, OperatorStatus::Active);
		set_stake(*operator, CONSUMER, 100_000);
	}
	operators
}

#[test]
fn pending_slashes_are_bounded_and_downtime_fills_only_half_of_them() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		let operators = more_operators();
		let mut byte = 0u8;
		let mut evidence = || {
			byte += 1;
			byte
		};
		// One slash per (operator, consumer, era), four per operator: sixteen downtime windows fill downtime's half
		// of the 32.
		for operator in &operators[..4] {
			for era in 0..=3 {
				assert_ok!(report(*operator, OffenceKind::Downtime, era, evidence(), None));
			}
		}
		assert_noop!(
			report(operators[4], OffenceKind::Downtime, 3, evidence(), None),
			Error::<Test>::TooManyPendingSlashes
		);
		// Raising a pending window takes no room, even for an operator at its bound.
		assert_ok!(report(operators[0], OffenceKind::Equivocation, 3, evidence(), None));
		// Equivocations fill all but the eighth kept for governance faults: 28.
		for operator in &operators[4..7] {
			for era in 0..=3 {
				assert_ok!(report(*operator, OffenceKind::Equivocation, era, evidence(), None));
			}
		}
		assert_eq!(Slashes::<Test>::count(), 28);
		assert_noop!(
			report(operators[7], OffenceKind::Equivocation, 3, evidence(), None),
			Error::<Test>::TooManyPendingSlashes
		);
		// Governance faults have the rest, and are not bound per operator: operator 0 already has four.
		set_stake(operators[0], OTHER_CONSUMER, 100_000);
		assert_ok!(Slashing::report_governance_fault(
			RuntimeOrigin::root(),
			operators[0],
			OTHER_CONSUMER,
			3,
			H256::repeat_byte(evidence())
		));
		assert_eq!(Slashing::open_slash_count(&operators[0]), 5);
		// Only the four reported slashes count against its bound.
		assert_eq!(OffenderSlashes::<Test>::get(operators[0]).len(), 4);
		for era in 0..=2 {
			assert_ok!(report(operators[7], OffenceKind::GovernanceFault, era, evidence(), None));
		}
		assert_eq!(Slashes::<Test>::count(), 32);
		assert_noop!(
			report(OP_A, OffenceKind::GovernanceFault, 3, evidence(), None),
			Error::<Test>::TooManyPendingSlashes
		);
	});
}

/// Hardening issue, item 9: an operator with keys on many junk consumers reports equivocations of its own, to
/// fill the queue so that real reports and governance faults are refused (and to suspend itself for free).
#[test]
fn self_equivocation_on_junk_consumers_cannot_fill_the_queue() {
	ExtBuilder.build_and_execute(|| {
		const ATTACKER: AccountId = 13;
		set_status(ATTACKER, OperatorStatus::Active);
		set_era(3);
		// 32 junk consumers, the attacker their manager: as many as the whole queue.
		let junk: Vec<ConsumerId> = (20..52).collect();
		for consumer in &junk {
			register_consumer(*consumer, ATTACKER);
		}
		let self_report = |consumer: ConsumerId, era: EraIndex, byte: u8| {
			Slashing::report_offence(Offence {
				offender: ATTACKER,
				consumer,
				kind: OffenceKind::Equivocation,
				offence_era: era,
				evidence: H256::repeat_byte(byte),
				reporter: Some(ATTACKER),
			})
		};
		let issuance = Balances::total_issuance();
		let balance = free(ATTACKER);

		// Nothing allocated to the junk consumers: nothing at risk, nothing enters, no free self-suspension.
		for (byte, consumer) in junk.iter().enumerate() {
			assert_noop!(self_report(*consumer, 3, byte as u8), Error::<Test>::NothingAtRisk);
		}
		assert_eq!(Slashes::<Test>::count(), 0);
		assert_eq!(status(ATTACKER), Some(OperatorStatus::Active));

		// With a little stake allocated to each (each slash 20 >= MinSlashAmount), the per-operator bound stops it
		// at four windows, in any era: the others are no larger than its smallest, so they are ignored, without
		// their evidence being recorded.
		for consumer in &junk {
			set_stake(ATTACKER, *consumer, 100);
		}
		for (byte, consumer) in junk.iter().enumerate() {
			slashing_events();
			assert_ok!(self_report(*consumer, 3, byte as u8));
			if byte >= 4 {
				assert_eq!(
					slashing_events(),
					vec![Event::OffenceIgnored {
						offender: ATTACKER,
						consumer: *consumer,
						offence_era: 3
					}]
				);
				assert!(!Evidence::<Test>::contains_key(3, H256::repeat_byte(byte as u8)));
			}
		}
		assert_ok!(self_report(junk[4], 2, 100));
		assert_eq!(Slashes::<Test>::count(), 4);
		assert_eq!(Slashing::open_slash_count(&ATTACKER), 4);
		assert_eq!(OffenderSlashes::<Test>::get(ATTACKER).into_inner(), vec![0, 1, 2, 3]);
		// None of them pays the attacker a reporter's share.
		assert!(Slashes::<Test>::iter_values().all(|slash| slash.reporter.is_none()));

		// A governance fault of another operator still gets in, and so does a real report.
		assert_ok!(Slashing::report_governance_fault(
			RuntimeOrigin::root(),
			OP_B,
			CONSUMER,
			3,
			H256::repeat_byte(101)
		));
		assert_ok!(report(OP_C, OffenceKind::Equivocation, 3, 102, Some(REPORTER)));
		assert_eq!(Slashes::<Test>::count(), 6);
		// No balance moved.
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(free(ATTACKER), balance);
	});
}

/// Hardening issue, item 11: a governance fault or an equivocation "for" a consumer that has deregistered would
/// slash its former operators with compensation going nowhere.
#[test]
fn offence_for_deregistered_consumer_is_refused() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		// OP_A still has stake that OTHER_CONSUMER could have slashed while it existed.
		set_stake(OP_A, OTHER_CONSUMER, 100_000);
		deregister_consumer(OTHER_CONSUMER);
		let (issuance, balance) = (Balances::total_issuance(), free(OP_A));
		assert_noop!(
			Slashing::report_governance_fault(
				RuntimeOrigin::root(),
				OP_A,
				OTHER_CONSUMER,
				2,
				H256::repeat_byte(1)
			),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(
			Slashing::report_offence(Offence {
				offender: OP_A,
				consumer: OTHER_CONSUMER,
				kind: OffenceKind::Equivocation,
				offence_era: 3,
				evidence: H256::repeat_byte(2),
				reporter: Some(REPORTER),
			}),
			Error::<Test>::UnknownConsumer
		);
		// Nor for one that never existed.
		assert_noop!(
			Slashing::report_governance_fault(
				RuntimeOrigin::root(),
				OP_A,
				3,
				3,
				H256::repeat_byte(3)
			),
			Error::<Test>::UnknownConsumer
		);
		assert_eq!(Slashes::<Test>::count(), 0);
		assert_eq!(status(OP_A), Some(OperatorStatus::Active));
		assert_eq!((Balances::total_issuance(), free(OP_A)), (issuance, balance));
		// The consumer that is still registered is served as before.
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 4, None));
	});
}

#[test]
fn one_window_slashes_the_largest_fraction_never_the_sum() {
	ExtBuilder.build_and_execute(|| {
		set_era(1);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 1, 1, None));
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 1, 2, Some(REPORTER)));
		assert_ok!(report(OP_A, OffenceKind::GovernanceFault, 1, 3, None));
		let events = slashing_events();
		assert_eq!(events.len(), 3);
		assert_eq!(events[1], Event::SlashRaised { slash: 0, fraction: Perbill::from_percent(20) });
		assert_eq!(
			events[2],
			Event::OffenceIgnored { offender: OP_A, consumer: CONSUMER, offence_era: 1 }
		);
		let slash = Slashes::<Test>::get(0).expect("one slash");
		assert_eq!(slash.fraction, Perbill::from_percent(20));
		assert_eq!(slash.reporter, Some(REPORTER));
		assert_eq!(Slashes::<Test>::count(), 1);

		run_to_era(3);
		assert_eq!(slashed(), vec![(OP_A, CONSUMER, Perbill::from_percent(20), 1, 20_000)]);
		// A later, smaller offence of the same window is not punished again.
		assert_ok!(report(OP_A, OffenceKind::Downtime, 1, 4, None));
		// A larger one takes only the difference: 50% in all is 30% of the 80% left, 37.5%.
		MaxSlashFraction::set(Perbill::from_percent(50));
		GovernanceFaultFraction::set(Perbill::from_percent(50));
		assert_ok!(report(OP_A, OffenceKind::GovernanceFault, 1, 5, None));
		// Reported in era 3, it keeps its veto window: due in era 5.
		run_to_era(4);
		assert!(slashed().is_empty());
		run_to_era(5);
		let taken = slashed();
		assert_eq!(taken.len(), 1);
		assert_eq!(taken[0].2, Perbill::from_rational(30u32, 80u32));
		assert_eq!(stake(OP_A, CONSUMER), 50_000);
	});
}

/// Attacker review of item 9: an operator self-reports junk equivocations on tiny allocations to consumers it
/// manages (`Perbill::from_parts(1)` of its pool) to take its own `MaxPendingPerOperator` slots, and suspend
/// itself, for nothing.
#[test]
fn junk_self_reports_below_the_minimum_are_refused() {
	ExtBuilder.build_and_execute(|| {
		const ATTACKER: AccountId = 13;
		set_status(ATTACKER, OperatorStatus::Active);
		set_era(3);
		let junk: Vec<ConsumerId> = (20..26).collect();
		for consumer in &junk {
			register_consumer(*consumer, ATTACKER);
		}
		let self_report = |consumer: ConsumerId, byte: u8| {
			Slashing::report_offence(Offence {
				offender: ATTACKER,
				consumer,
				kind: OffenceKind::Equivocation,
				offence_era: 3,
				evidence: H256::repeat_byte(byte),
				reporter: Some(ATTACKER),
			})
		};
		let (issuance, balance) = (Balances::total_issuance(), free(ATTACKER));
		slashing_events();

		// A pool of 10,000,000 with `Perbill::from_parts(1)` allocated to each junk consumer: 0.01 at risk.
		set_stake(ATTACKER, junk[0], Perbill::from_parts(1).mul_floor(10_000_000));
		// Allocations just below the minimum: 20% of 49 is 9, below MinSlashAmount (10).
		for consumer in &junk[1..] {
			set_stake(ATTACKER, *consumer, 49);
		}
		for (byte, consumer) in junk.iter().enumerate() {
			assert_noop!(self_report(*consumer, byte as u8), Error::<Test>::NothingAtRisk);
		}
		// Nothing entered, nobody is suspended, no evidence is recorded, no event, no balance moved.
		assert_eq!(Slashes::<Test>::count(), 0);
		assert!(!OffenderSlashes::<Test>::contains_key(ATTACKER));
		assert_eq!(status(ATTACKER), Some(OperatorStatus::Active));
		assert_eq!(Evidence::<Test>::iter().count(), 0);
		assert!(slashing_events().is_empty());
		assert_eq!((Balances::total_issuance(), free(ATTACKER)), (issuance, balance));

		// At the minimum a slot is taken, and it costs what it takes.
		set_stake(ATTACKER, junk[1], 50);
		assert_ok!(self_report(junk[1], 1));
		assert_eq!(Slashes::<Test>::get(0).map(|slash| slash.reporter), Some(None));
		// The application cursor walks four eras a block.
		run_to_era(5);
		run_to_era(5);
		assert_eq!(slashed(), vec![(ATTACKER, junk[1], Perbill::from_percent(20), 3, 10)]);
	});
}

/// Attacker review of item 9: an operator fills its own `MaxPendingPerOperator` with junk self-reports, so that
/// the fisherman's report of its real equivocation (and any downtime) is refused with `TooManyPendingSlashes`
/// until the offence is too old to report.
#[test]
fn shielding_a_real_equivocation_behind_junk_self_reports() {
	ExtBuilder.build_and_execute(|| {
		const ATTACKER: AccountId = 13;
		set_status(ATTACKER, OperatorStatus::Active);
		// The attacker's real allocation: 100,000 at risk for CONSUMER.
		set_stake(ATTACKER, CONSUMER, 100_000);
		set_era(3);
		let junk: Vec<ConsumerId> = (20..26).collect();
		for consumer in &junk {
			register_consumer(*consumer, ATTACKER);
			// Each junk slash takes 20% of 100: 20, above MinSlashAmount.
			set_stake(ATTACKER, *consumer, 100);
		}
		let self_report = |consumer: ConsumerId, byte: u8| {
			Slashing::report_offence(Offence {
				offender: ATTACKER,
				consumer,
				kind: OffenceKind::Equivocation,
				offence_era: 3,
				evidence: H256::repeat_byte(byte),
				reporter: Some(ATTACKER),
			})
		};
		let (issuance, balance) = (Balances::total_issuance(), free(ATTACKER));
		// The attacker takes its four slots.
		for (byte, consumer) in junk[..4].iter().enumerate() {
			assert_ok!(self_report(*consumer, byte as u8));
		}
		assert_eq!(OffenderSlashes::<Test>::get(ATTACKER).into_inner(), vec![0, 1, 2, 3]);
		slashing_events();

		// The fisherman reports its real equivocation: it is larger than the smallest junk slash and takes its
		// place, the oldest of the equal ones.
		assert_ok!(Slashing::report_offence(Offence {
			offender: ATTACKER,
			consumer: CONSUMER,
			kind: OffenceKind::Equivocation,
			offence_era: 3,
			evidence: H256::repeat_byte(50),
			reporter: Some(REPORTER),
		}));
		assert_eq!(
			slashing_events(),
			vec![
				Event::SlashReported {
					slash: 4,
					offender: ATTACKER,
					consumer: CONSUMER,
					offence_era: 3,
					fraction: Perbill::from_percent(20),
					due_era: 5,
				},
				Event::SlashSuperseded { slash: 0, by: 4 },
			]
		);
		assert!(!Slashes::<Test>::contains_key(0));
		assert_eq!(Windows::<Test>::get((3, ATTACKER, junk[0])).pending, None);
		assert_eq!(OffenderSlashes::<Test>::get(ATTACKER).into_inner(), vec![1, 2, 3, 4]);
		assert_eq!(Slashes::<Test>::get(4).and_then(|slash| slash.reporter), Some(REPORTER));
		assert_eq!((Slashes::<Test>::count(), Totals::<Test>::get().superseded), (4, 1));
		// Still suspended throughout.
		assert_eq!(status(ATTACKER), Some(OperatorStatus::Suspended));

		// More junk cannot push the real slash out: no larger than the smallest, it is ignored (and the evidence
		// of the junk slash superseded stays punished).
		assert_ok!(self_report(junk[4], 10));
		assert_eq!(
			slashing_events(),
			vec![Event::OffenceIgnored { offender: ATTACKER, consumer: junk[4], offence_era: 3 }]
		);
		assert_noop!(self_report(junk[0], 0), Error::<Test>::DuplicateEvidence);
		// Downtime at the bound is still refused: it is reported while eras are processed.
		assert_noop!(
			report(ATTACKER, OffenceKind::Downtime, 2, 60, None),
			Error::<Test>::TooManyPendingSlashes
		);
		// No balance moved by the intake.
		assert_eq!((Balances::total_issuance(), free(ATTACKER)), (issuance, balance));

		// When due, the real slash is applied, and the superseded junk slash never is (the cursor walks four eras
		// a block, and two slashes are applied a block).
		for _ in 0..3 {
			run_to_era(5);
		}
		let taken = slashed();
		assert_eq!(taken.len(), 4);
		assert!(taken.contains(&(ATTACKER, CONSUMER, Perbill::from_percent(20), 3, 20_000)));
		assert!(!taken.iter().any(|(_, consumer, ..)| *consumer == junk[0]));
		assert_eq!(Slashes::<Test>::count(), 0);
		assert_eq!(status(ATTACKER), Some(OperatorStatus::Active));
	});
}

/// At its bound an operator's held slashes are never superseded (they are governance's to decide), and an offence
/// ignored for want of room may be reported again once there is room.
#[test]
fn only_pending_slashes_are_superseded_and_ignored_offences_stay_reportable() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		for (byte, era) in (0..=3).enumerate() {
			assert_ok!(report(OP_A, OffenceKind::Downtime, era, byte as u8, None));
		}
		// The breaker holds them all when due.
		MaxEraSlashFraction::set(Perbill::zero());
		for _ in 0..3 {
			run_to_era(5);
		}
		assert!(Slashes::<Test>::iter_values().all(|slash| slash.state == SlashState::Held));
		// A larger equivocation of OP_A finds no pending slash to take the place of: ignored, evidence unrecorded.
		set_stake(OP_A, OTHER_CONSUMER, 100_000);
		let equivocation = || {
			Slashing::report_offence(Offence {
				offender: OP_A,
				consumer: OTHER_CONSUMER,
				kind: OffenceKind::Equivocation,
				offence_era: 3,
				evidence: H256::repeat_byte(9),
				reporter: Some(REPORTER),
			})
		};
		slashing_events();
		assert_ok!(equivocation());
		assert_eq!(
			slashing_events(),
			vec![Event::OffenceIgnored {
				offender: OP_A,
				consumer: OTHER_CONSUMER,
				offence_era: 3
			}]
		);
		assert_eq!(Slashes::<Test>::count(), 4);
		// Governance approves one: room again, and the same evidence is now taken.
		assert_ok!(Slashing::approve_slash(RuntimeOrigin::root(), 0));
		assert_ok!(equivocation());
		assert_eq!(OffenderSlashes::<Test>::get(OP_A).into_inner(), vec![1, 2, 3, 4]);
		assert_eq!(Totals::<Test>::get().superseded, 0);
	});
}

/// Attacker review of Hardening I: restaking held back every delegator's unbonded stake for as long as the
/// operator stayed suspended, which a renewed self-report keeps up for ever. It is now told the oldest offence era
/// of the operator's open slashes, which moves on as they close, so that only stake those slashes may take waits.
#[test]
fn restaking_is_told_the_oldest_offence_era_of_the_open_slashes() {
	ExtBuilder.build_and_execute(|| {
		set_era(5);
		assert_eq!(liable_from(OP_A), None);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 3, 1, None));
		assert_eq!((status(OP_A), liable_from(OP_A)), (Some(OperatorStatus::Suspended), Some(3)));
		// A later offence leaves the oldest where it is; an older one moves it back.
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 4, 2, Some(REPORTER)));
		assert_eq!(liable_from(OP_A), Some(3));
		assert_ok!(report(OP_A, OffenceKind::GovernanceFault, 2, 3, None));
		assert_eq!(liable_from(OP_A), Some(2));
		assert_eq!(Slashing::open_slash_count(&OP_A), 3);
		// Closing a slash of a later era changes nothing; closing the oldest moves liability on.
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 1));
		assert_eq!(liable_from(OP_A), Some(2));
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 2));
		assert_eq!(liable_from(OP_A), Some(3));
		// The last one restores the operator and clears its liability.
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 0));
		assert_eq!((status(OP_A), liable_from(OP_A)), (Some(OperatorStatus::Active), None));
		assert_eq!(Slashing::open_slash_count(&OP_A), 0);
		assert!(!crate::OpenSlashes::<Test>::contains_key(OP_A));
	});
}

/// Hardening III, attack 1 (admissibility): an operator and the manager of a consumer it never served under a paid
/// lease make an offence up, to take its delegators' stake through the reporter's share. Only an operator that an
/// Active lease of the consumer, paid for the offence era, assigned can offend: every kind of offence by any other
/// is refused, governance's included, and nothing moves.
#[test]
fn an_offence_by_an_operator_that_did_not_serve_a_paid_lease_is_refused() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		set_not_served(CONSUMER, OP_A, 2);
		let (issuance, balance) = (Balances::total_issuance(), free(OP_A));
		for (byte, kind) in
			[OffenceKind::Equivocation, OffenceKind::Downtime, OffenceKind::GovernanceFault]
				.into_iter()
				.enumerate()
		{
			assert_noop!(
				report(OP_A, kind, 2, byte as u8 + 1, Some(REPORTER)),
				Error::<Test>::NotServed
			);
		}
		assert_noop!(
			Slashing::report_governance_fault(
				RuntimeOrigin::root(),
				OP_A,
				CONSUMER,
				2,
				H256::repeat_byte(9)
			),
			Error::<Test>::NotServed
		);
		assert_eq!(status(OP_A), Some(OperatorStatus::Active));
		assert_eq!((Balances::total_issuance(), free(OP_A)), (issuance, balance));
		// The same operator in an era it served is punished.
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 1, Some(REPORTER)));
		assert_eq!(status(OP_A), Some(OperatorStatus::Suspended));
	});
}
