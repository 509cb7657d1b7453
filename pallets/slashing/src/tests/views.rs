//! What clients read: pending slashes of an operator and what a delegator would lose from them.

use super::report;
use crate::{mock::*, Pallet};
use bulwark_primitives::OffenceKind;
use frame_support::assert_ok;
use sp_runtime::Perbill;

#[test]
fn pending_slashes_show_what_they_take_and_what_a_delegator_loses() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(REPORTER)));
		assert_ok!(report(OP_B, OffenceKind::Downtime, 0, 2, None));
		let views = Pallet::<Test>::pending_slashes(&OP_A, Some(&(OP_A + DELEGATOR_OFFSET)));
		assert_eq!(views.len(), 1);
		let view = &views[0];
		assert_eq!((view.id, view.slash.fraction), (0, Perbill::from_percent(20)));
		// 20% of 100,000; the delegator has a quarter of it.
		assert_eq!((view.amount, view.delegator_loss), (20_000, 5_000));
		assert_eq!(Pallet::<Test>::pending_slashes(&OP_A, Some(&REPORTER))[0].delegator_loss, 0);
		assert_eq!(Pallet::<Test>::pending_slashes(&OP_A, None)[0].delegator_loss, 0);
		run_to_era(2);
		assert!(Pallet::<Test>::pending_slashes(&OP_A, None).is_empty());
	});
}
