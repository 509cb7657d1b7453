use super::report;
use crate::{mock::*, Error, Event, Mode, SlashState, Slashes, SlashingMode, Totals};
use bulwark_primitives::{OffenceKind, OperatorStatus};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

#[test]
fn a_slash_is_applied_when_due_and_not_before() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		run_to_era(1);
		assert!(slashed().is_empty());
		slashing_events();
		run_to_era(2);
		assert_eq!(slashed(), vec![(OP_A, CONSUMER, Perbill::from_percent(20), 0, 20_000)]);
		assert_eq!(
			slashing_events(),
			vec![Event::SlashApplied { slash: 0, offender: OP_A, amount: 20_000, routed: true }]
		);
		assert!(Slashes::<Test>::get(0).is_none());
		// Its stake paid: the operator's suspension ends with its last slash.
		assert_eq!(status(OP_A), Some(OperatorStatus::Active));
		assert_eq!(Totals::<Test>::get().slashed, 20_000);
	});
}

#[test]
fn pages_apply_at_most_max_slashes_per_block() {
	ExtBuilder.build_and_execute(|| {
		for (byte, operator) in [OP_A, OP_B, OP_C].into_iter().enumerate() {
			assert_ok!(report(operator, OffenceKind::Downtime, 0, byte as u8, None));
		}
		run_to_era(2);
		assert_eq!(slashed().len(), 2);
		run_to_era(2);
		assert_eq!(slashed().len(), 1);
	});
}

#[test]
fn anyone_may_apply_a_due_slash() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 0),
			Error::<Test>::NotDue
		);
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 5),
			Error::<Test>::UnknownSlash
		);
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::none(), 0),
			sp_runtime::DispatchError::BadOrigin
		);
		set_era(2);
		assert_ok!(Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 0));
		assert_eq!(slashed(), vec![(OP_A, CONSUMER, Perbill::from_percent(1), 0, 1_000)]);
	});
}

#[test]
fn governance_cancels_or_reduces_within_the_veto_window() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		assert_ok!(report(OP_B, OffenceKind::Equivocation, 0, 2, None));
		assert_noop!(
			Slashing::cancel_slash(RuntimeOrigin::signed(MANAGER), 0),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Slashing::reduce_slash(RuntimeOrigin::root(), 1, Perbill::from_percent(30)),
			Error::<Test>::NotLower
		);
		assert_noop!(Slashing::cancel_slash(RuntimeOrigin::root(), 9), Error::<Test>::UnknownSlash);
		slashing_events();
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 0));
		assert_ok!(Slashing::reduce_slash(RuntimeOrigin::root(), 1, Perbill::from_percent(5)));
		assert_eq!(
			slashing_events(),
			vec![
				Event::SlashCancelled { slash: 0 },
				Event::SlashReduced { slash: 1, fraction: Perbill::from_percent(5) }
			]
		);
		// Its only slash cancelled, A is restored at once; B stays suspended.
		assert_eq!(status(OP_A), Some(OperatorStatus::Active));
		assert_eq!(status(OP_B), Some(OperatorStatus::Suspended));
		set_era(2);
		assert_noop!(
			Slashing::cancel_slash(RuntimeOrigin::root(), 1),
			Error::<Test>::VetoWindowClosed
		);
		assert_noop!(
			Slashing::reduce_slash(RuntimeOrigin::root(), 1, Perbill::from_percent(1)),
			Error::<Test>::VetoWindowClosed
		);
		run_to_era(2);
		assert_eq!(slashed(), vec![(OP_B, CONSUMER, Perbill::from_percent(5), 0, 5_000)]);
	});
}

#[test]
fn the_breaker_holds_correlated_slashes_until_governance_approves() {
	ExtBuilder.build_and_execute(|| {
		// Total restaked 300,000; the era may lose 30%, 90,000. Each slash takes 50% of 100,000.
		EquivocationFraction::set(Perbill::from_percent(50));
		for (byte, operator) in [OP_A, OP_B].into_iter().enumerate() {
			assert_ok!(report(operator, OffenceKind::Equivocation, 0, byte as u8, None));
		}
		slashing_events();
		run_to_era(2);
		let first = slashed();
		assert_eq!(first.len(), 1);
		// Within an era slashes are applied in storage order; whichever came second is held.
		let held = if first[0].0 == OP_A { 1 } else { 0 };
		let events = slashing_events();
		assert_eq!(
			events[1],
			Event::SlashHeld { slash: held, amount: 50_000, era_slashed: 50_000 }
		);
		assert_eq!(Slashes::<Test>::get(held).expect("held").state, SlashState::Held);
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), held),
			Error::<Test>::SlashHeld
		);
		assert_noop!(
			Slashing::approve_slash(RuntimeOrigin::root(), 1 - held),
			Error::<Test>::UnknownSlash
		);
		run_to_era(3);
		assert!(slashed().is_empty());
		assert_ok!(Slashing::approve_slash(RuntimeOrigin::root(), held));
		let second = if held == 1 { OP_B } else { OP_A };
		assert_eq!(slashed(), vec![(second, CONSUMER, Perbill::from_percent(50), 0, 50_000)]);
		assert_noop!(
			Slashing::approve_slash(RuntimeOrigin::root(), held),
			Error::<Test>::UnknownSlash
		);
	});
}

#[test]
fn approve_refuses_a_slash_that_is_not_held() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		assert_noop!(Slashing::approve_slash(RuntimeOrigin::root(), 0), Error::<Test>::NotHeld);
	});
}

#[test]
fn log_only_slashes_nothing_but_says_what_it_would() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Slashing::set_slashing_mode(RuntimeOrigin::root(), SlashingMode::LogOnly));
		assert_eq!(slashing_events(), vec![Event::ModeSet { mode: SlashingMode::LogOnly }]);
		assert_noop!(
			Slashing::set_slashing_mode(RuntimeOrigin::signed(MANAGER), SlashingMode::Enabled),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		slashing_events();
		run_to_era(2);
		assert!(slashed().is_empty());
		assert_eq!(stake(OP_A, CONSUMER), 100_000);
		assert_eq!(slashing_events(), vec![Event::SlashLogged { slash: 0, amount: 20_000 }]);
		assert_eq!(Totals::<Test>::get().applied, 1);
		assert_eq!(Mode::<Test>::get(), SlashingMode::LogOnly);
	});
}

#[test]
fn governance_reports_faults() {
	ExtBuilder.build_and_execute(|| {
		let evidence = sp_core::H256::repeat_byte(9);
		assert_noop!(
			Slashing::report_governance_fault(
				RuntimeOrigin::signed(MANAGER),
				OP_C,
				CONSUMER,
				0,
				evidence
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Slashing::report_governance_fault(
			RuntimeOrigin::root(),
			OP_C,
			CONSUMER,
			0,
			evidence
		));
		let slash = Slashes::<Test>::get(0).expect("reported");
		assert_eq!(
			(slash.kind, slash.fraction),
			(OffenceKind::GovernanceFault, Perbill::from_percent(10))
		);
	});
}

#[test]
fn a_slash_keeps_its_veto_window_when_unbonding_is_shortened() {
	ExtBuilder.build_and_execute(|| {
		// Governance lowered UnbondingEras to SlashDeferEras: the slash still waits its whole window. Stake
		// undelegated in the offence era that matures first stays liable: restaking holds the withdrawals of a
		// suspended operator's delegators.
		UnbondingEras::set(2);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		assert_eq!(Slashes::<Test>::get(0).expect("pending").due_era, 2);
		run_to_era(1);
		assert!(slashed().is_empty());
		run_to_era(2);
		assert_eq!(slashed().len(), 1);
	});
}

/// Hardening issue, item 10: a report made eras late was due at once, and its reporter could `apply_slash` it in
/// the same block, before governance could veto it.
#[test]
fn late_report_cannot_be_applied_before_its_veto_window() {
	ExtBuilder.build_and_execute(|| {
		set_era(3);
		let (stake_before, reporter) = (stake(OP_A, CONSUMER), free(REPORTER));
		// An equivocation of era 0, reported three eras late, then applied at once by its reporter.
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(REPORTER)));
		assert_eq!(Slashes::<Test>::get(0).expect("pending").due_era, 3 + 2);
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 0),
			Error::<Test>::NotDue
		);
		// Nor can the pages apply it while the window lasts.
		run_to_era(3);
		run_to_era(4);
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 0),
			Error::<Test>::NotDue
		);
		assert!(slashed().is_empty());
		// Governance still vetoes it in the window; the operator is restored and nothing was taken or paid.
		assert_ok!(Slashing::cancel_slash(RuntimeOrigin::root(), 0));
		assert_eq!(status(OP_A), Some(OperatorStatus::Active));
		assert_eq!((stake(OP_A, CONSUMER), free(REPORTER)), (stake_before, reporter));
		assert_eq!(Totals::<Test>::get().cancelled, 1);

		// A late report left alone is applied once its window has passed.
		assert_ok!(report(OP_B, OffenceKind::Equivocation, 1, 2, None));
		assert_eq!(Slashes::<Test>::get(1).expect("pending").due_era, 4 + 2);
		set_era(6);
		assert_ok!(Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), 1));
		assert_eq!(slashed(), vec![(OP_B, CONSUMER, Perbill::from_percent(20), 1, 20_000)]);
	});
}
