use crate::{mock::*, Error, Event, Pools, TotalRestaked, UnbondingPools};
use bulwark_primitives::{SlashTarget, StakeProvider};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

fn percent(p: u32) -> Perbill {
	Perbill::from_percent(p)
}

/// Alice's pool: her 1,000 and Charlie's 3,000, half allocated to consumer 1. Dave unbonds 1,000 in era 0 and
/// Charlie 1,000 in era 1; the chain is in era 2.
fn scenario() -> ExtBuilder {
	ExtBuilder::default()
		.with_operators()
		.delegation(CHARLIE, ALICE, 3_000)
		.delegation(DAVE, ALICE, 1_000)
		.allocation(ALICE, 1, percent(50))
}

fn unbond_in_eras_0_and_1() {
	assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(DAVE), ALICE, 1_000));
	run_to_era(1);
	assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
	run_to_era(2);
	restaking_events();
}

#[test]
fn a_slash_hits_the_pool_and_the_liable_sub_pools_pro_rata() {
	scenario().build_and_execute(|| {
		unbond_in_eras_0_and_1();
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 1), 2_000);
		assert_eq!(Restaking::exposure(&CHARLIE), vec![(1, 1_000 + 500)]);
		let total_before = TotalRestaked::<Test>::get();

		// 20% of a 50% allocation: 10% of the pool and of the sub-pool of era 1.
		assert_eq!(Restaking::slash(&ALICE, 1, percent(20), 1), Ok(400));
		assert_eq!(
			restaking_events(),
			vec![Event::Slashed {
				operator: ALICE,
				consumer: 1,
				fraction: percent(20),
				offence_era: 1,
				amount: 400
			}]
		);
		assert_eq!(Pools::<Test>::get(ALICE).unwrap().stake, 2_700);
		assert_eq!(UnbondingPools::<Test>::get(ALICE, 1).unwrap().stake, 900);
		// Unbonded before the offence: not liable.
		assert_eq!(UnbondingPools::<Test>::get(ALICE, 0).unwrap().stake, 1_000);
		assert_eq!(TotalRestaked::<Test>::get(), total_before - 400);

		let view = Restaking::delegation_view(&CHARLIE, &ALICE).unwrap();
		assert_eq!((view.value, view.unbonding, view.held), (1_800, 900, 3_000));
		assert_eq!(Restaking::delegation_view(&ALICE, &ALICE).unwrap().value, 900);
		assert_eq!(Restaking::pool_view(&ALICE).unwrap().unrealised, 400);
	});
}

#[test]
fn settle_realises_a_slash_from_the_hold_lazily() {
	scenario().build_and_execute(|| {
		unbond_in_eras_0_and_1();
		assert_ok!(Restaking::slash(&ALICE, 1, percent(20), 1));
		restaking_events();
		let issuance = Balances::total_issuance();
		// Nothing moves until someone settles.
		assert_eq!(restaked_hold(CHARLIE), 3_000);

		assert_ok!(Restaking::settle(RuntimeOrigin::signed(EVE), CHARLIE, ALICE));
		assert_eq!(
			restaking_events(),
			vec![Event::SlashRealised { delegator: CHARLIE, operator: ALICE, amount: 300 }]
		);
		assert_eq!(restaked_hold(CHARLIE), 2_700);
		assert_eq!(free(CHARLIE), ENDOWMENT - 3_000);
		assert_eq!(realised(), vec![(ALICE, 300)]);
		assert_eq!(Balances::total_issuance(), issuance - 300);
		assert_noop!(
			Restaking::settle(RuntimeOrigin::signed(EVE), CHARLIE, ALICE),
			Error::<Test>::NothingToSettle
		);
		// Dave left before the offence.
		assert_noop!(
			Restaking::settle(RuntimeOrigin::signed(EVE), DAVE, ALICE),
			Error::<Test>::NothingToSettle
		);
		assert_noop!(
			Restaking::settle(RuntimeOrigin::signed(EVE), EVE, ALICE),
			Error::<Test>::NotDelegated
		);
		assert_noop!(
			Restaking::settle(RuntimeOrigin::none(), CHARLIE, ALICE),
			sp_runtime::DispatchError::BadOrigin
		);

		// Alice's part is realised by her next action.
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(ALICE), ALICE, 100));
		assert_eq!(restaked_hold(ALICE), 900 + 100);
		assert_eq!(total_realised(), 400);

		// What Charlie withdraws is what is left of his chunk.
		run_to_era(5);
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(free(CHARLIE), ENDOWMENT - 3_000 + 900);
		assert_eq!(restaked_hold(CHARLIE), 1_800);
	});
}

#[test]
fn a_slash_never_exceeds_the_allocation_to_the_consumer() {
	scenario().build_and_execute(|| {
		let slashable = Restaking::slashable_stake(&ALICE, 1, 0);
		assert_eq!(slashable, 2_500);
		assert_eq!(Restaking::slash(&ALICE, 1, Perbill::one(), 0), Ok(slashable));
		// Another consumer without an allocation slashes nothing.
		assert_eq!(Restaking::slash(&ALICE, 2, Perbill::one(), 0), Ok(0));
	});
}

#[test]
fn matured_sub_pools_stay_liable_until_withdrawn_back_to_the_liability_horizon() {
	scenario().build_and_execute(|| {
		unbond_in_eras_0_and_1();
		run_to_era(5);
		// Both sub-pools have matured but are still there: an offence of era 0 reaches the pool and both.
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 0), 2_500);
		// Dave withdraws his (Alice is not suspended): gone, it is no longer liable.
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(DAVE), ALICE));
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 0), 2_000);
		// In era 8 the horizon is 8 - (UnbondingEras 4 + SlashDeferEras 2) = 2: the sub-pool of era 1 is out of it.
		run_to_era(8);
		assert_eq!(Restaking::liability_horizon(), 2);
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 0), 1_500);
		assert_eq!(Restaking::slash(&ALICE, 1, Perbill::one(), 0), Ok(1_500));
		assert_eq!(UnbondingPools::<Test>::get(ALICE, 1).unwrap().stake, 1_000);
	});
}

/// Hardening issue, item 10: a late report's slash falls due after the offence's unbonding stake matures; the
/// delegator who undelegated after the offence withdraws first and escapes the slash.
#[test]
fn unbonding_cannot_escape_a_pending_slash_by_maturing_first() {
	ExtBuilder::default()
		.with_operators()
		.delegation(CHARLIE, ALICE, 1_000)
		.allocation(ALICE, 1, percent(50))
		.build_and_execute(|| {
			// Alice commits an offence in era 1; Charlie undelegates right after it.
			run_to_era(1);
			assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 400));
			// The report comes as late as it may, in era 4: Alice is suspended, the slash due in era 6, and the
			// slashing pallet tells restaking that her open slashes go back to era 1.
			run_to_era(4);
			assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
			assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(1)));
			assert_eq!(Restaking::suspended_since(&ALICE), Some(4));
			// Era 5: Charlie's chunk has matured, but it waits while the slash is pending.
			run_to_era(5);
			let (balance, held) = (free(CHARLIE), restaked_hold(CHARLIE));
			assert_noop!(
				Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE),
				Error::<Test>::WithdrawBlockedBySlash
			);
			assert_eq!((free(CHARLIE), restaked_hold(CHARLIE)), (balance, held));
			assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().withdrawable, 0);
			// Era 6: the slash, half of a 50% allocation, takes a quarter of the pool and of the matured sub-pool.
			run_to_era(6);
			assert_eq!(Restaking::slash(&ALICE, 1, percent(50), 1), Ok(400 + 100));
			assert_eq!(UnbondingPools::<Test>::get(ALICE, 1).unwrap().stake, 300);
			assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
			assert_eq!(Restaking::suspended_since(&ALICE), None);
			assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().withdrawable, 300);
			// Now the withdrawal goes through and releases only what the slash left of the chunk; the slashed parts
			// of Charlie's hold (150 active, 100 unbonding) are realised.
			restaking_events();
			assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
			assert_eq!(
				restaking_events(),
				vec![
					Event::SlashRealised { delegator: CHARLIE, operator: ALICE, amount: 250 },
					Event::Withdrawn { delegator: CHARLIE, operator: ALICE, amount: 300 },
				]
			);
			assert_eq!(free(CHARLIE), balance + 300);
			assert_eq!(restaked_hold(CHARLIE), 1_000 - 250 - 300);
			assert_eq!(realised(), vec![(ALICE, 250)]);
		});
}

#[test]
fn an_allocation_not_yet_in_force_is_not_slashable() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, percent(50)));
		assert_eq!(Restaking::slash(&ALICE, 1, Perbill::one(), 0), Ok(0));
		run_to_era(1);
		assert_eq!(Restaking::slash(&ALICE, 1, Perbill::one(), 1), Ok(0));
		run_to_era(2);
		assert_eq!(Restaking::slash(&ALICE, 1, percent(10), 2), Ok(50));
	});
}

#[test]
fn slash_errors() {
	scenario().build_and_execute(|| {
		assert_noop!(Restaking::slash(&EVE, 1, percent(10), 0), Error::<Test>::UnknownOperator);
		assert_noop!(Restaking::slash(&ALICE, 1, percent(10), 1), Error::<Test>::OffenceInFuture);
	});
}

#[test]
fn the_slash_weight_is_the_benchmarked_worst_case() {
	use crate::WeightInfo;
	assert_eq!(<Restaking as SlashTarget<_, _>>::slash_weight(), <() as WeightInfo>::slash(2));
}

#[test]
fn the_predicted_loss_of_each_delegator_is_what_the_slash_takes_from_it() {
	scenario().build_and_execute(|| {
		unbond_in_eras_0_and_1();
		let loss = |who| Restaking::delegator_slash_loss(&ALICE, &who, 1, percent(20), 1);
		// Charlie: 10% of 2,000 in the pool and of his 1,000 unbonding since era 1; Alice: 10% of her 1,000;
		// Dave unbonded before the offence.
		assert_eq!((loss(CHARLIE), loss(ALICE), loss(DAVE), loss(EVE)), (300, 100, 0, 0));
		assert_eq!(Restaking::slash(&ALICE, 1, percent(20), 1), Ok(300 + 100));
		for who in [CHARLIE, ALICE] {
			assert_ok!(Restaking::settle(RuntimeOrigin::signed(EVE), who, ALICE));
		}
		assert_eq!(realised(), vec![(ALICE, 300), (ALICE, 100)]);
	});
}

/// Hardening issue, item 10 (attacker review): while its operator is suspended, every delegator's withdrawal was
/// refused, even of stake unbonded so long before the offence that no pending slash could take it, so an operator
/// that keeps a slash pending (a self-report renewed each era would do) holds every delegator who left hostage.
#[test]
fn delegators_cannot_be_held_hostage_by_a_suspension() {
	scenario().build_and_execute(|| {
		// Dave leaves in era 0; Charlie takes 500 out in era 0 and 1,000 more in era 2.
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(DAVE), ALICE, 1_000));
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 500));
		run_to_era(2);
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
		// Alice's offence of era 2 is reported in era 4: she is suspended since era 4, with open slashes of era 2
		// and later, so the chunks of era 0 are liable to none of them.
		run_to_era(4);
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(2)));
		assert_eq!(Restaking::suspended_since(&ALICE), Some(4));
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), (2_500 + 1_000) / 2);
		let view = |who| Restaking::delegation_view(&who, &ALICE).unwrap().withdrawable;
		assert_eq!((view(DAVE), view(CHARLIE)), (1_000, 500));

		// Dave withdraws everything while Alice is suspended.
		let (dave_free, dave_held) = (free(DAVE), restaked_hold(DAVE));
		let total = TotalRestaked::<Test>::get();
		restaking_events();
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(DAVE), ALICE));
		assert_eq!(
			restaking_events(),
			vec![Event::Withdrawn { delegator: DAVE, operator: ALICE, amount: 1_000 }]
		);
		assert_eq!((free(DAVE), restaked_hold(DAVE)), (dave_free + 1_000, dave_held - 1_000));
		// Charlie gets his chunk of era 0; his chunk of era 2 stays.
		let (charlie_free, charlie_held) = (free(CHARLIE), restaked_hold(CHARLIE));
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(
			(free(CHARLIE), restaked_hold(CHARLIE)),
			(charlie_free + 500, charlie_held - 500)
		);
		assert_eq!(TotalRestaked::<Test>::get(), total - 1_500);
		// What the pending slash may take is untouched.
		assert_eq!(Restaking::slashable_stake(&ALICE, 1, 2), (2_500 + 1_000) / 2);

		// Era 6: Charlie's chunk of era 2 has matured, but it is liable to the offence of era 2 and waits.
		run_to_era(6);
		let (charlie_free, charlie_held) = (free(CHARLIE), restaked_hold(CHARLIE));
		assert_eq!(view(CHARLIE), 0);
		assert_noop!(
			Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::WithdrawBlockedBySlash
		);
		assert_eq!((free(CHARLIE), restaked_hold(CHARLIE)), (charlie_free, charlie_held));
		// The slash, 20% of a 50% allocation, takes 10% of the pool and of that chunk.
		assert_eq!(Restaking::slash(&ALICE, 1, percent(20), 2), Ok(250 + 100));
		assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(free(CHARLIE), charlie_free + 900);
	});
}

/// Attacker review of Hardening I: withdrawals waited for every chunk unbonded less than `UnbondingEras` before the
/// suspension began, or after it. An operator that keeps itself suspended, with a self-report of a small fault
/// renewed each era before the last one closes, held every delegator who left after that for as long as it liked.
/// Now only chunks of the oldest open offence era or later wait, and that era moves on as the older slashes close.
#[test]
fn an_operator_cannot_hold_unbonded_stake_hostage_with_renewed_self_reports() {
	scenario().build_and_execute(|| {
		// Era 1: Alice reports herself for an offence of era 1 and is suspended.
		run_to_era(1);
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(1)));
		// Era 2: Charlie leaves with 1,000 while she is suspended.
		run_to_era(2);
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
		// Each era she opens a new self-report of that era before the last closes, so she is never restored: at
		// era 3 the slashes of eras 1 and 3 are open, at era 4 those of 3 and 4, and so on.
		for era in 3..=6 {
			run_to_era(era);
			assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
			let oldest = if era == 3 { 1 } else { era - 1 };
			assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(oldest)));
		}
		// Era 6: Charlie's chunk of era 2 has matured. The open slashes are of eras 5 and 6, which it cannot be
		// liable to: it goes out, although Alice has been suspended without a break since era 1.
		assert_eq!(Restaking::suspended_since(&ALICE), Some(1));
		assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().withdrawable, 1_000);
		let (balance, held) = (free(CHARLIE), restaked_hold(CHARLIE));
		restaking_events();
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
		assert_eq!(
			restaking_events(),
			vec![Event::Withdrawn { delegator: CHARLIE, operator: ALICE, amount: 1_000 }]
		);
		assert_eq!((free(CHARLIE), restaked_hold(CHARLIE)), (balance + 1_000, held - 1_000));
	});
}

/// A chunk of the oldest open offence era or later waits, and the record can only be set for an operator that is
/// suspended, from an era that has begun; restoring the operator clears it.
#[test]
fn liable_from_rules() {
	scenario().build_and_execute(|| {
		assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
		assert_noop!(
			<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(0)),
			Error::<Test>::NotSuspended
		);
		assert_noop!(
			<Restaking as SlashTarget<_, _>>::set_liable_from(&EVE, None),
			Error::<Test>::UnknownOperator
		);
		assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
		assert_noop!(
			<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(1)),
			Error::<Test>::OffenceInFuture
		);
		assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(0)));
		run_to_era(4);
		// Matured, but of the open offence's era.
		assert_eq!(Restaking::delegation_view(&CHARLIE, &ALICE).unwrap().withdrawable, 0);
		assert_noop!(
			Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::WithdrawBlockedBySlash
		);
		assert_ok!(<Restaking as SlashTarget<_, _>>::restore(&ALICE));
		assert_eq!(crate::Operators::<Test>::get(ALICE).unwrap().liable_from, None);
		assert_ok!(Restaking::withdraw(RuntimeOrigin::signed(CHARLIE), ALICE));
	});
}

/// Hardening III, notice before new risk: Alice announces a full allocation of her pool to a new consumer in the
/// last block of era 1. Even with governance's `AllocationDelay` set to 0 it applies from era 3, a whole era after the
/// announcement's, so Charlie, who sees `AllocationScheduled` only once that block is in, can still leave within the
/// notice. An offence of era 3 against that consumer slashes Alice's own stake, never Charlie's unbonding stake: it is
/// liable only for offences up to its request.
#[test]
fn a_staker_who_leaves_within_the_notice_bears_no_new_risk() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			AllocationDelay::set(0);
			run_to_last_block_of_era(1);
			restaking_events();
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(100)));
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 2,
					fraction: percent(100),
					from: 3
				}]
			);
			// Charlie reacts in the next block, the first of era 2.
			run_to_era(2);
			assert_eq!(Restaking::slashable_stake(&ALICE, 2, 2), 0);
			assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(CHARLIE), ALICE, 3_000));
			// A later change of the parameter does not shorten a notice already given.
			AllocationDelay::set(5);
			run_to_era(3);
			// Only Alice's own 1,000 backs the consumer from era 3.
			assert_eq!(Restaking::slashable_stake(&ALICE, 2, 3), 1_000);
			assert_eq!(Restaking::slash(&ALICE, 2, percent(50), 3), Ok(500));
			let view = Restaking::delegation_view(&CHARLIE, &ALICE).unwrap();
			assert_eq!((view.value, view.unbonding), (0, 3_000));
			assert_eq!(Restaking::delegation_view(&ALICE, &ALICE).unwrap().value, 500);
		},
	);
}

/// A replacing announcement keeps the notice already given: Alice announces 10% with a notice of 5 eras, governance
/// shortens the notice to 1, and Alice raises the pending increase to 60%. It still applies no sooner than the 10%
/// was announced to, so Charlie, who planned to leave by then, is never exposed sooner.
#[test]
fn a_raised_pending_increase_keeps_the_notice_given() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			AllocationDelay::set(5);
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(10)));
			AllocationDelay::set(1);
			run_to_era(1);
			restaking_events();
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(60)));
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 2,
					fraction: percent(60),
					from: 6
				}]
			);
			run_to_era(5);
			assert_eq!(Restaking::slashable_stake(&ALICE, 2, 5), 0);
			run_to_era(6);
			assert_eq!(Restaking::slashable_stake(&ALICE, 2, 6), 2_400);
		},
	);
}

/// Attacker review of Hardening III: with a notice of 5 eras Alice announces 50%; governance shortens the notice to
/// 1, and Alice cancels the pending increase and announces it again, in one batch, to bring it in sooner. A new
/// increase applies no sooner than the notice its stakers were already given.
#[test]
fn cancelling_a_pending_increase_keeps_the_notice_given() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			AllocationDelay::set(5);
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(50)));
			AllocationDelay::set(1);
			run_to_era(1);
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, Perbill::zero()));
			assert_eq!(Restaking::allocation_views(&ALICE)[0].pending, None);
			restaking_events();
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(50)));
			assert_eq!(
				restaking_events(),
				vec![Event::AllocationScheduled {
					operator: ALICE,
					consumer: 2,
					fraction: percent(50),
					from: 6
				}]
			);
			run_to_era(5);
			assert_eq!(Restaking::slashable_stake(&ALICE, 2, 5), 0);
		},
	);
}

/// Attacker review of Hardening III: a slash applied late (its page behind, or held by the breaker) found the
/// allocation history of its offence era pruned once that era left the chain's horizon, if the operator had
/// released the allocation and touched its allocations since, and took nothing. An operator with open slashes keeps
/// its allocation changes back to its oldest open offence era.
#[test]
fn a_slash_applied_late_still_finds_the_allocation_at_risk() {
	ExtBuilder::default()
		.with_operators()
		.allocation(ALICE, 1, percent(50))
		.allocation(ALICE, 2, percent(20))
		.build_and_execute(|| {
			run_to_era(3);
			// An offence of era 3 against consumer 1 is reported: slashing suspends Alice and names its era.
			assert_ok!(<Restaking as SlashTarget<_, _>>::suspend(&ALICE));
			assert_ok!(<Restaking as SlashTarget<_, _>>::set_liable_from(&ALICE, Some(3)));
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 1, Perbill::zero()));
			// Far past the chain's horizon (UnbondingEras 4 + SlashDeferEras 2 back), Alice lowers another
			// allocation, which prunes her history.
			run_to_era(3 + 4 + 2 + 5);
			assert_ok!(Restaking::allocate(RuntimeOrigin::signed(ALICE), 2, percent(10)));
			// The slash, applied now, takes 10% of the 50% of her 1,000 at risk in era 3.
			assert_eq!(Restaking::slash(&ALICE, 1, percent(10), 3), Ok(50));
		});
}
