//! Windows and evidence leave storage once their era can no longer be reported, a bounded page a block.

use super::report;
use crate::{mock::*, Error, Evidence, PendingPerEra, PruneCursor, SlashState, Slashes, Windows};
use bulwark_primitives::OffenceKind;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

#[test]
fn an_era_is_pruned_once_it_leaves_the_slashable_window() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Downtime, 0, 1, None));
		run_to_era(2);
		assert!(Evidence::<Test>::contains_key(0, sp_core::H256::repeat_byte(1)));
		run_to_era(3);
		assert_eq!(PruneCursor::<Test>::get(), 0);
		// UnbondingEras is 4.
		run_to_era(4);
		assert_eq!(PruneCursor::<Test>::get(), 1);
		assert_eq!(Evidence::<Test>::iter_prefix(0).count(), 0);
		assert_eq!(Windows::<Test>::iter().count(), 0);
		assert_noop!(report(OP_A, OffenceKind::Downtime, 0, 2, None), Error::<Test>::OffenceTooOld);
	});
}

#[test]
fn a_held_slash_keeps_its_era_until_governance_closes_it() {
	ExtBuilder.build_and_execute(|| {
		EquivocationFraction::set(Perbill::from_percent(50));
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, None));
		assert_ok!(report(OP_B, OffenceKind::Equivocation, 0, 2, None));
		run_to_era(2);
		let held = Slashes::<Test>::iter()
			.find(|(_, slash)| slash.state == SlashState::Held)
			.map(|(id, _)| id)
			.expect("the breaker holds one");
		run_to_era(5);
		assert_eq!(PruneCursor::<Test>::get(), 0);
		assert_eq!(PendingPerEra::<Test>::get(0), 1);
		assert_ok!(crate::Pallet::<Test>::approve_slash(RuntimeOrigin::root(), held));
		assert_eq!(PendingPerEra::<Test>::get(0), 0);
		run_to_era(5);
		assert_eq!(PruneCursor::<Test>::get(), 1);
		assert_eq!(Windows::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_large_era_is_pruned_over_several_blocks() {
	let mut ext = ExtBuilder.build();
	// MaxPrunedPerBlock (8) keys of a kind a block; 70 pieces of evidence, one window.
	ext.execute_with(|| {
		for byte in 0..70u8 {
			assert_ok!(report(OP_A, OffenceKind::Downtime, 0, byte, None));
		}
		run_to_era(2);
	});
	// The limit counts keys in the committed state, as on a chain where each block is committed.
	ext.commit_all().expect("commits");
	let mut blocks = 0;
	loop {
		ext.execute_with(|| run_to_era(4));
		ext.commit_all().expect("commits");
		blocks += 1;
		if ext.execute_with(PruneCursor::<Test>::get) == 1 {
			break;
		}
		assert!(blocks < 10, "pruning does not end");
	}
	assert_eq!(blocks, 9);
	ext.execute_with(|| {
		assert_eq!(Evidence::<Test>::iter_prefix(0).count(), 0);
		crate::Pallet::<Test>::do_try_state().expect("invariants hold");
	});
}
