//! The invariants catch what they are meant to.

use super::report;
use crate::{mock::*, DueSlashes, OpenSlashes, PendingPerEra, Routes, Slashes, Totals};
use bulwark_primitives::OffenceKind;
use frame_support::{assert_ok, BoundedVec};

#[test]
#[should_panic(expected = "applied + cancelled + pending differs from reported")]
fn a_lost_slash_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		Totals::<Test>::mutate(|totals| totals.reported += 1);
	});
}

#[test]
#[should_panic(expected = "routed + outstanding + written off differs from slashed")]
fn unrouted_money_is_caught() {
	ExtBuilder.build_and_execute(|| {
		Totals::<Test>::mutate(|totals| totals.slashed += 1);
	});
}

#[test]
#[should_panic(expected = "routes differ from the outstanding total")]
fn a_route_without_its_slash_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		run_to_era(2);
		Routes::<Test>::mutate(OP_A, |routes| {
			if let Some((_, route)) = routes.get_mut(0) {
				route.outstanding += 1;
			}
		});
	});
}

#[test]
#[should_panic(expected = "PendingPerEra differs from the slashes")]
fn a_wrong_pending_era_count_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		PendingPerEra::<Test>::insert(1, 1);
	});
}

#[test]
#[should_panic(expected = "OpenSlashes differs from the slashes")]
fn a_wrong_pending_count_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		OpenSlashes::<Test>::mutate(OP_A, |eras| {
			let _ = eras.try_insert(0, 2);
		});
	});
}

#[test]
#[should_panic(expected = "OpenSlashes differs from the slashes")]
fn a_wrong_open_offence_era_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		OpenSlashes::<Test>::mutate(OP_A, |eras| {
			eras.remove(&0);
			let _ = eras.try_insert(1, 1);
		});
	});
}

#[test]
#[should_panic(expected = "a slash due before its veto window ends")]
fn a_slash_due_before_its_veto_window_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		// Due in era 2; moved, queue and all, to era 1.
		DueSlashes::<Test>::remove(2, 0);
		DueSlashes::<Test>::insert(1, 0, ());
		Slashes::<Test>::mutate(0, |slash| {
			if let Some(slash) = slash {
				slash.due_era = 1;
			}
		});
	});
}

#[test]
#[should_panic(expected = "a slash rewards its offender as reporter")]
fn a_self_rewarding_slash_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		Slashes::<Test>::mutate(0, |slash| {
			if let Some(slash) = slash {
				slash.reporter = Some(OP_A);
			}
		});
	});
}

#[test]
#[should_panic(expected = "a route pays its offender as reporter")]
fn a_self_rewarding_route_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		run_to_era(2);
		Routes::<Test>::mutate(OP_A, |routes| {
			if let Some((_, route)) = routes.get_mut(0) {
				route.reporter = Some(OP_A);
			}
		});
	});
}

#[test]
#[should_panic(
	expected = "a pending slash of an operator that did not serve the consumer's paid lease in its era"
)]
fn a_pending_slash_needs_a_paid_service_of_its_offender() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		set_not_served(CONSUMER, OP_A, 0);
	});
}

#[test]
#[should_panic(expected = "a policy history out of order")]
fn a_policy_history_is_ordered() {
	ExtBuilder.build_and_execute(|| {
		let fractions = crate::KindFractions::default();
		crate::ConsumerPolicies::<Test>::insert(
			CONSUMER,
			bulwark_primitives::EraHistory {
				entries: BoundedVec::truncate_from(vec![(3, fractions), (2, fractions)]),
			},
		);
	});
}

#[test]
#[should_panic(expected = "a slash above every fraction reported for it")]
fn a_slash_above_its_reports_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		Slashes::<Test>::mutate(0, |slash| {
			if let Some(slash) = slash {
				slash.fraction = sp_runtime::Perbill::from_percent(40);
			}
		});
	});
}
