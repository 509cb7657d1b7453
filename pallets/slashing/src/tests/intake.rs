use super::report;
use crate::{mock::*, Error, Event, Mode, SlashState, Slashes, SlashingMode};
use bulwark_primitives::{OffenceKind, OperatorStatus};
use frame_support::{assert_noop, assert_ok};
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
				due_era: 4,
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

#[test]
fn pending_slashes_are_bounded_and_downtime_fills_only_half_of_them() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		// One slash per (operator, consumer, era): four downtime windows fill downtime's half of the eight.
		for era in 0..=3 {
			assert_ok!(report(OP_A, OffenceKind::Downtime, era, era as u8, None));
		}
		assert_noop!(
			report(OP_B, OffenceKind::Downtime, 3, 50, None),
			Error::<Test>::TooManyPendingSlashes
		);
		// Raising a pending window takes no room.
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 51, None));
		// Equivocations and governance faults still have the other half.
		for era in 0..=2 {
			assert_ok!(report(OP_B, OffenceKind::Equivocation, era, 60 + era as u8, None));
		}
		assert_ok!(report(OP_B, OffenceKind::GovernanceFault, 3, 70, None));
		assert_eq!(Slashes::<Test>::count(), 8);
		assert_noop!(
			report(OP_C, OffenceKind::Equivocation, 3, 99, None),
			Error::<Test>::TooManyPendingSlashes
		);
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
		run_to_era(3);
		let taken = slashed();
		assert_eq!(taken.len(), 1);
		assert_eq!(taken[0].2, Perbill::from_rational(30u32, 80u32));
		assert_eq!(stake(OP_A, CONSUMER), 50_000);
	});
}
