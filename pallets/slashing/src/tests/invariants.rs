//! The invariants catch what they are meant to.

use super::report;
use crate::{
	mock::*, DueSlashes, OffenderSlashes, OpenSlashes, PendingPerEra, Routes, Slashes, Totals,
};
use bulwark_primitives::{Offence, OffenceKind, OperatorStatus, ReportOffence};
use frame_support::{assert_ok, BoundedVec};
use sp_core::H256;

#[test]
#[should_panic(expected = "applied + cancelled + superseded + pending differs from reported")]
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

/// Fill OP_A's bound with four junk slashes of 20 and supersede the first with a real equivocation.
fn supersede_a_junk_slash() {
	set_era(3);
	for (byte, consumer) in (20..24).enumerate() {
		register_consumer(consumer, OP_A);
		set_stake(OP_A, consumer, 100);
		assert_ok!(Slashing::report_offence(Offence {
			offender: OP_A,
			consumer,
			kind: OffenceKind::Equivocation,
			offence_era: 3,
			evidence: H256::repeat_byte(byte as u8),
			reporter: None,
		}));
	}
	assert_ok!(report(OP_A, OffenceKind::Equivocation, 3, 50, Some(REPORTER)));
	assert_eq!(Totals::<Test>::get().superseded, 1);
	assert_eq!(status(OP_A), Some(OperatorStatus::Suspended));
}

#[test]
#[should_panic(expected = "applied + cancelled + superseded + pending differs from reported")]
fn a_superseded_slash_not_counted_is_caught() {
	ExtBuilder.build_and_execute(|| {
		supersede_a_junk_slash();
		Totals::<Test>::mutate(|totals| totals.superseded -= 1);
	});
}

#[test]
#[should_panic(expected = "a counted slash missing from its offender's index")]
fn a_slash_missing_from_the_index_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		OffenderSlashes::<Test>::remove(OP_A);
	});
}

#[test]
#[should_panic(expected = "a slash indexed twice")]
fn a_slash_indexed_twice_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		OffenderSlashes::<Test>::mutate(OP_A, |listed| listed.try_push(0).expect("room"));
	});
}

#[test]
#[should_panic(expected = "an indexed slash that is not a counted slash of its offender")]
fn an_index_naming_a_closed_slash_is_caught() {
	ExtBuilder.build_and_execute(|| {
		supersede_a_junk_slash();
		// The superseded slash 0, closed, listed again.
		OffenderSlashes::<Test>::insert(OP_B, BoundedVec::truncate_from(vec![0]));
	});
}

#[test]
#[should_panic(expected = "an indexed slash that is not a counted slash of its offender")]
fn an_index_naming_a_governance_fault_is_caught() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::GovernanceFault, 0, 1, None));
		OffenderSlashes::<Test>::insert(OP_A, BoundedVec::truncate_from(vec![0]));
	});
}

#[test]
#[should_panic(expected = "an empty slash index")]
fn an_empty_index_is_caught() {
	ExtBuilder.build_and_execute(|| {
		OffenderSlashes::<Test>::insert(OP_A, BoundedVec::default());
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
