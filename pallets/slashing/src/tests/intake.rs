use super::report;
use crate::{mock::*, Error, Event, Evidence, Mode, SlashState, Slashes, SlashingMode, Windows};
use bulwark_primitives::{ConsumerId, Offence, OffenceKind, OperatorStatus, ReportOffence};
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

/// Hardening III, attack 4 (honest reports censored): an attacker's operators fill the queue with slashes of their
/// own, refilling each slot as it is applied, so that a real report is refused. Only an operator that served a paid
/// lease of the consumer has a window, a window holds one slash at a time, and the queue holds one for every window
/// the lease slots can open while slashes are applied as they fall due. The attacker runs four of the five pairs
/// the slots serve and reports every window it has, in every era it still can, and junk consumers it manages on
/// top: the honest report against the fifth pair still gets in, every era. Every slot the attacker took cost it
/// the stake slashed.
#[test]
fn honest_reports_censored() {
	ExtBuilder.build_and_execute(|| {
		let attackers: Vec<AccountId> = (30..34).collect();
		const ATTACKERS_REPORTER: AccountId = 40;
		const JUNK: ConsumerId = 20;
		for operator in &attackers {
			set_status(*operator, OperatorStatus::Active);
			set_stake(*operator, CONSUMER, 100_000);
			set_stake(*operator, JUNK, 100_000);
		}
		register_consumer(JUNK, ATTACKERS_REPORTER);
		let mut pairs: Vec<_> = attackers.iter().map(|operator| (CONSUMER, *operator)).collect();
		pairs.push((CONSUMER, OP_A));
		serve_only(&pairs);
		let mut evidence = 0u32;
		let mut next = || {
			evidence += 1;
			let mut bytes = [0u8; 32];
			bytes[..4].copy_from_slice(&evidence.to_le_bytes());
			H256(bytes)
		};
		let offence = |offender, consumer, kind, offence_era, evidence, reporter| Offence {
			offender,
			consumer,
			kind,
			offence_era,
			evidence,
			reporter: Some(reporter),
		};
		let (mut taken_in, mut peak) = (0u32, 0u32);
		for now in 0..12 {
			// Enough blocks for the pages to apply what falls due.
			for _ in 0..16 {
				run_to_era(now);
			}
			// Every window of the attacker's that a report can still reach, in an order that refills applied
			// windows: downtime at once, a governance fault once it is applied, an equivocation last.
			for age in 0..4u32.min(now + 1) {
				let kind = [
					OffenceKind::Downtime,
					OffenceKind::Downtime,
					OffenceKind::GovernanceFault,
					OffenceKind::Equivocation,
				][age as usize];
				for operator in &attackers {
					slashing_events();
					assert_ok!(Slashing::report_offence(offence(
						*operator,
						CONSUMER,
						kind,
						now - age,
						next(),
						ATTACKERS_REPORTER
					)));
					taken_in += slashing_events()
						.iter()
						.filter(|event| matches!(event, Event::SlashReported { .. }))
						.count() as u32;
					assert_noop!(
						Slashing::report_offence(offence(
							*operator,
							JUNK,
							kind,
							now - age,
							next(),
							ATTACKERS_REPORTER
						)),
						Error::<Test>::NotServed
					);
				}
			}
			peak = peak.max(Slashes::<Test>::count());
			// The honest report of this era's equivocation by the fifth pair gets in.
			assert_ok!(Slashing::report_offence(offence(
				OP_A,
				CONSUMER,
				OffenceKind::Equivocation,
				now,
				next(),
				REPORTER
			)));
			let window = Windows::<Test>::get((now, OP_A, CONSUMER)).pending;
			assert!(window.is_some_and(|slash| Slashes::<Test>::get(slash)
				.is_some_and(|slash| slash.fraction == EquivocationFraction::get())));
		}
		// The attacker refilled applied windows and held its four windows of four eras at once (a window is open
		// at most four of the six eras: reported at once, applied two eras later, refilled until its last
		// reportable era), never more than every window's worth of slots.
		assert!(taken_in > 4 * 12, "the attacker refilled no slot: {taken_in}");
		assert!((16..=30).contains(&peak), "peak {peak}");
		// Every slot it took is applied and took at least `MinSlashAmount` of its stake.
		for _ in 0..32 {
			run_to_era(16);
		}
		let attackers_slashes: Vec<_> =
			slashed().into_iter().filter(|(operator, ..)| attackers.contains(operator)).collect();
		assert_eq!(attackers_slashes.len() as u32, taken_in);
		assert!(attackers_slashes.iter().all(|(.., amount)| *amount >= MinSlashAmount::get()));
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
/// manages (`Perbill::from_parts(1)` of its pool) to take slots of the queue, and suspend itself, for nothing.
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
		assert!(!crate::OpenSlashes::<Test>::contains_key(ATTACKER));
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

/// Attacker review of item 9: an operator fills slots with junk self-reports of its own, so that the fisherman's
/// report of its real equivocation (or its downtime) is refused until the offence is too old to report. There is no
/// per-operator bound to fill: the real report and the downtime enter beside the junk, and all are applied.
#[test]
fn shielding_a_real_equivocation_behind_junk_self_reports() {
	ExtBuilder.build_and_execute(|| {
		const ATTACKER: AccountId = 13;
		set_status(ATTACKER, OperatorStatus::Active);
		// The attacker's real allocation: 100,000 at risk for CONSUMER.
		set_stake(ATTACKER, CONSUMER, 100_000);
		set_era(3);
		let junk: Vec<ConsumerId> = (20..24).collect();
		for consumer in &junk {
			register_consumer(*consumer, ATTACKER);
			// Each junk slash takes 20% of 100: 20, above MinSlashAmount.
			set_stake(ATTACKER, *consumer, 100);
		}
		for (byte, consumer) in junk.iter().enumerate() {
			assert_ok!(Slashing::report_offence(Offence {
				offender: ATTACKER,
				consumer: *consumer,
				kind: OffenceKind::Equivocation,
				offence_era: 3,
				evidence: H256::repeat_byte(byte as u8),
				reporter: Some(ATTACKER),
			}));
		}
		slashing_events();
		assert_ok!(report(ATTACKER, OffenceKind::Equivocation, 3, 50, Some(REPORTER)));
		assert_ok!(report(ATTACKER, OffenceKind::Downtime, 2, 60, None));
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
				Event::SlashReported {
					slash: 5,
					offender: ATTACKER,
					consumer: CONSUMER,
					offence_era: 2,
					fraction: Perbill::from_percent(1),
					due_era: 5,
				},
			]
		);
		// When due, all are applied (the cursor walks four eras a block, two slashes a block).
		for _ in 0..5 {
			run_to_era(5);
		}
		let taken = slashed();
		assert_eq!(taken.len(), 6);
		// 20% and 1% of the 100,000 at risk for CONSUMER, one after the other, in either order.
		let real: u128 =
			taken.iter().filter(|(_, consumer, ..)| *consumer == CONSUMER).map(|(.., a)| a).sum();
		assert_eq!(real, 100_000 - 100_000 * 80 / 100 * 99 / 100);
		assert_eq!(Slashes::<Test>::count(), 0);
		assert_eq!(status(ATTACKER), Some(OperatorStatus::Active));
	});
}

/// Slashes the breaker holds keep their windows, never a new one: a new offence of their operator is taken in.
#[test]
fn held_slashes_never_keep_a_new_offence_out() {
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
		set_stake(OP_A, OTHER_CONSUMER, 100_000);
		slashing_events();
		assert_ok!(Slashing::report_offence(Offence {
			offender: OP_A,
			consumer: OTHER_CONSUMER,
			kind: OffenceKind::Equivocation,
			offence_era: 3,
			evidence: H256::repeat_byte(9),
			reporter: Some(REPORTER),
		}));
		assert!(matches!(slashing_events()[..], [Event::SlashReported { slash: 4, .. }]));
		assert_eq!(Slashes::<Test>::count(), 5);
	});
}

/// Attacker review of Hardening III: a slash the breaker holds swallowed a larger offence of its window (ignored, its
/// evidence recorded), which was lost for good once governance cancelled the small held slash. A held slash is
/// raised like a pending one and stays held.
#[test]
fn a_held_slash_is_raised_by_a_larger_offence_of_its_window() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 3, 1, None));
		MaxEraSlashFraction::set(Perbill::zero());
		for _ in 0..3 {
			run_to_era(5);
		}
		assert_eq!(Slashes::<Test>::get(0).map(|slash| slash.state), Some(SlashState::Held));
		slashing_events();
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 2, Some(REPORTER)));
		assert_eq!(
			slashing_events(),
			vec![Event::SlashRaised { slash: 0, fraction: EquivocationFraction::get() }]
		);
		let slash = Slashes::<Test>::get(0).expect("held");
		assert_eq!((slash.state, slash.reporter), (SlashState::Held, Some(REPORTER)));
		// Approved, it takes the equivocation's 20% of the 100,000 at risk.
		assert_ok!(Slashing::approve_slash(RuntimeOrigin::root(), 0));
		assert_eq!(slashed(), vec![(OP_A, CONSUMER, EquivocationFraction::get(), 3, 20_000)]);
	});
}

/// Attacker review of Hardening III: governance reduced a held slash, and a second report of the same kind of
/// offence in its window (new evidence, another reporter) raised it back to the full fraction, with the reward to
/// the new reporter, before governance approved it. Only an offence larger than every one reported for the window
/// raises it.
#[test]
fn a_report_no_larger_never_undoes_a_reduction() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 1, Some(REPORTER)));
		MaxEraSlashFraction::set(Perbill::zero());
		for _ in 0..3 {
			run_to_era(5);
		}
		assert_ok!(Slashing::reduce_slash(RuntimeOrigin::root(), 0, Perbill::from_percent(1)));
		slashing_events();
		const SECOND_REPORTER: AccountId = 3;
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 2, Some(SECOND_REPORTER)));
		assert_eq!(
			slashing_events(),
			vec![Event::OffenceIgnored { offender: OP_A, consumer: CONSUMER, offence_era: 3 }]
		);
		let slash = Slashes::<Test>::get(0).expect("held");
		assert_eq!((slash.fraction, slash.reporter), (Perbill::from_percent(1), Some(REPORTER)));
		assert_ok!(Slashing::approve_slash(RuntimeOrigin::root(), 0));
		assert_eq!(slashed(), vec![(OP_A, CONSUMER, Perbill::from_percent(1), 3, 1_000)]);
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
