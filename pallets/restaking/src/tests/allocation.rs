use crate::{mock::*, Allocations, Error, Event};
use bulwark_primitives::{SlashTarget, StakeProvider};
use frame_support::{assert_noop, assert_ok};
use sp_arithmetic::FixedU128;
use sp_runtime::Perbill;

fn percent(p: u32) -> Perbill {
	Perbill::from_percent(p)
}

#[test]
fn an_increase_applies_after_the_allocation_delay() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 7, percent(40)));
		assert_eq!(
			restaking_events(),
			vec![Event::AllocationScheduled {
				operator: ALICE,
				consumer: 7,
				fraction: percent(40),
				from: 2
			}]
		);
		assert_eq!(Restaking::slashable_stake(&ALICE, 7, 0), 0);
		let view = Restaking::allocation_views(&ALICE);
		assert_eq!((view[0].fraction, view[0].pending), (Perbill::zero(), Some((2, percent(40)))));
		// A whole era of notice after the announcement's: nothing in force in era 1 yet.
		run_to_era(1);
		assert_eq!(Restaking::slashable_stake(&ALICE, 7, 1), 0);
		run_to_era(2);
		assert_eq!(Restaking::slashable_stake(&ALICE, 7, 2), 400);
		assert_eq!(Restaking::allocation_views(&ALICE)[0].stake, 400);
		assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_rational(4, 10)));
	});
}

#[test]
fn a_decrease_applies_after_the_deallocation_delay_and_stays_slashable_until_then() {
	ExtBuilder::default().with_operators().allocation(ALICE, 7, percent(50)).build_and_execute(
		|| {
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 7, percent(10)));
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 7,
					fraction: percent(10),
					from: 3
				}]
			);
			run_to_era(2);
			assert_eq!(Restaking::slashable_stake(&ALICE, 7, 2), 500);
			// The larger fraction counts towards the degree until the decrease applies.
			assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_rational(1, 2)));
			run_to_era(3);
			assert_eq!(Restaking::slashable_stake(&ALICE, 7, 3), 100);
			// An offence of era 2 is still judged by the allocation in force then.
			assert_eq!(Restaking::slashable_stake(&ALICE, 7, 2), 500);
			assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_rational(1, 10)));
		},
	);
}

#[test]
fn allocating_the_fraction_in_force_cancels_a_pending_change() {
	ExtBuilder::default().with_operators().allocation(ALICE, 7, percent(50)).build_and_execute(
		|| {
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 7, percent(10)));
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 7, percent(50)));
			assert_eq!(Restaking::allocation_views(&ALICE)[0].pending, None);
			run_to_era(5);
			assert_eq!(Restaking::slashable_stake(&ALICE, 7, 5), 500);
		},
	);
}

#[test]
fn the_restaking_degree_caps_the_sum_of_allocations() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		for consumer in 1..=3 {
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), consumer, Perbill::one()));
		}
		assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_u32(3)));
		assert_noop!(
			Restaking::allocate(RuntimeOrigin::signed(ALICE), 4, percent(1)),
			Error::<Test>::RestakingDegreeExceeded
		);
		// Unique stake: with a degree of 1 the same fractions cannot be restaked.
		MaxRestakingDegree::set(FixedU128::from_u32(1));
		assert_ok!(Restaking::allocate(RuntimeOrigin::signed(BOB), 1, Perbill::one()));
		assert_noop!(
			Restaking::allocate(RuntimeOrigin::signed(BOB), 2, percent(1)),
			Error::<Test>::RestakingDegreeExceeded
		);
		MaxRestakingDegree::set(FixedU128::from_u32(3));
	});
}

#[test]
fn allocate_rejects_invalid_requests() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Restaking::allocate(RuntimeOrigin::signed(CHARLIE), 1, percent(10)),
			Error::<Test>::UnknownOperator
		);
		assert_noop!(
			Restaking::allocate(origin(), 100, percent(10)),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(
			Restaking::allocate(origin(), 1, Perbill::zero()),
			Error::<Test>::AllocationUnchanged
		);
		assert_ok!(Restaking::allocate(origin(), 1, percent(10)));
		assert_noop!(
			Restaking::allocate(origin(), 1, percent(10)),
			Error::<Test>::AllocationUnchanged
		);
		for consumer in 2..=4 {
			assert_ok!(Restaking::allocate(origin(), consumer, percent(10)));
		}
		assert_noop!(
			Restaking::allocate(origin(), 5, percent(10)),
			Error::<Test>::TooManyConsumers
		);
		assert_noop!(
			Restaking::allocate(RuntimeOrigin::none(), 1, percent(10)),
			sp_runtime::DispatchError::BadOrigin
		);
		// Changes still slashable are kept: one each time the last came into force (from era 2, 4, 6 and 8) fills
		// the bound.
		for (era, fraction) in [(2, 20), (4, 30), (6, 40)] {
			run_to_era(era);
			assert_ok!(Restaking::allocate(origin(), 1, percent(fraction)));
		}
		run_to_era(8);
		assert_noop!(
			Restaking::allocate(origin(), 1, percent(50)),
			Error::<Test>::TooManyAllocationChanges
		);
		// Once old changes are older than the liability horizon (UnbondingEras + SlashDeferEras back, the latest a
		// slash for their eras may fall due) they are pruned.
		run_to_era(9);
		assert_noop!(
			Restaking::allocate(origin(), 1, percent(50)),
			Error::<Test>::TooManyAllocationChanges
		);
		run_to_era(10);
		assert_ok!(Restaking::allocate(origin(), 1, percent(50)));
	});
}

#[test]
fn a_chilled_operator_may_only_decrease() {
	ExtBuilder::default().with_operators().allocation(ALICE, 1, percent(50)).build_and_execute(
		|| {
			assert_ok!(Restaking::chill_operator(RuntimeOrigin::signed(ALICE)));
			assert_noop!(
				Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, percent(60)),
				Error::<Test>::OperatorNotActive
			);
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, percent(20)));
		},
	);
}

#[test]
fn spent_allocations_are_removed() {
	ExtBuilder::default().with_operators().allocation(ALICE, 1, percent(50)).build_and_execute(
		|| {
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::zero()));
			// Zero from era 3, and beyond the liability horizon (4 + 2 eras back) from era 9.
			run_to_era(3 + 4 + 2);
			// Touching the allocations prunes the one that is zero and beyond the horizon.
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(10)));
			let consumers: Vec<_> =
				Allocations::<Test>::get(ALICE).iter().map(|a| a.consumer).collect();
			assert_eq!(consumers, vec![2]);
		},
	);
}

/// Hardening issue, item 11: after its consumer deregistered, an operator that had not deallocated first could not
/// release its allocation (`UnknownConsumer`), and its restaking degree stayed used for good.
#[test]
fn deregistered_consumer_allocation_can_be_released() {
	ExtBuilder::default()
		.with_operators()
		.allocation(ALICE, 1, Perbill::one())
		.allocation(ALICE, 2, Perbill::one())
		.allocation(ALICE, 3, Perbill::one())
		.build_and_execute(|| {
			run_to_era(2);
			assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_u32(3)));
			deregister_consumer(1);
			let (balance, held) = (free(ALICE), restaked_hold(ALICE));
			restaking_events();

			// The release skips the deallocation delay (no new offence can be reported for a consumer that is
			// gone) and takes effect from the next era, never rewriting the current one.
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::zero()));
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 1,
					fraction: Perbill::zero(),
					from: 3
				}]
			);
			// A slash already pending for this era or an earlier one still finds the allocation in force then.
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), 1_000);
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 1), 1_000);
			assert_noop!(
				Restaking::allocate(RuntimeOrigin::signed(ALICE), 4, Perbill::one()),
				Error::<Test>::RestakingDegreeExceeded
			);
			run_to_era(3);
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 3), 0);
			assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_u32(2)));
			// The degree freed serves another consumer.
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 4, Perbill::one()));
			// Increases for the consumer that left stay refused, and a second release changes nothing.
			assert_noop!(
				Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, percent(10)),
				Error::<Test>::UnknownConsumer
			);
			assert_noop!(
				Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::zero()),
				Error::<Test>::AllocationUnchanged
			);
			// No balance moved.
			assert_eq!((free(ALICE), restaked_hold(ALICE)), (balance, held));
		});
}

/// Hardening issue, item 11 (attacker review): a slash for an offence of the current era is reported, the consumer
/// deregisters in the same era, and the operator releases its allocation to it at once: the release rewrote the
/// allocation in force in the current era, so the pending slash found nothing to take when it fell due.
#[test]
fn releasing_a_gone_consumers_allocation_cannot_erase_a_slash_of_the_current_era() {
	ExtBuilder::default()
		.with_operators()
		.delegation(CHARLIE, ALICE, 1_000)
		.allocation(ALICE, 1, Perbill::one())
		.build_and_execute(|| {
			run_to_era(2);
			// Alice commits an offence against consumer 1 in era 2 and is reported at once: the slashing pallet
			// suspends her, and the slash is due in era 4.
			assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), 2_000);
			// The consumer leaves in the same era, and Alice releases her allocation to it at once.
			deregister_consumer(1);
			let balances = [ALICE, CHARLIE].map(|who| (free(who), restaked_hold(who)));
			restaking_events();
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::zero()));
			// The release starts with the next era: the era of the offence keeps its allocation.
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 1,
					fraction: Perbill::zero(),
					from: 3
				}]
			);
			assert_eq!(Restaking::allocation_at(&ALICE, 1, 2), Perbill::one());
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), 2_000);
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 3), 0);
			// No balance moved by the release.
			assert_eq!([ALICE, CHARLIE].map(|who| (free(who), restaked_hold(who))), balances);

			// When the slash falls due it still takes its 20% of the allocation of era 2.
			run_to_era(4);
			assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), 2_000);
			assert_eq!(Restaking::slash(&ALICE, 1, percent(20), 2), Ok(400));
			assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
			// Later eras are free of the consumer that left.
			assert_eq!(Restaking::restaking_degree(&ALICE), Some(FixedU128::from_u32(0)));
		});
}

/// Hardening issue, item 11: stakers' `exposure` still listed a consumer that had deregistered.
#[test]
fn exposure_skips_a_deregistered_consumer() {
	ExtBuilder::default()
		.with_operators()
		.delegation(CHARLIE, ALICE, 1_000)
		.allocation(ALICE, 1, percent(50))
		.allocation(ALICE, 2, percent(20))
		.build_and_execute(|| {
			assert_eq!(Restaking::exposure(&CHARLIE), vec![(1, 500), (2, 200)]);
			deregister_consumer(2);
			assert_eq!(Restaking::exposure(&CHARLIE), vec![(1, 500)]);
			let views: Vec<_> =
				Restaking::allocation_views(&ALICE).iter().map(|view| view.consumer).collect();
			assert_eq!(views, vec![1]);
		});
}
