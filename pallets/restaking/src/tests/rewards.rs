use crate::{mock::*, Error, Event, Pallet};
use bulwark_primitives::RewardSink;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

fn credit(amount: Balance) -> sp_runtime::DispatchResult {
	<Restaking as RewardSink<_, _>>::credit_reward(&PAYER, &ALICE, 1, 0, amount)
}

fn pending(delegator: AccountId) -> Balance {
	Restaking::delegation_view(&delegator, &ALICE).unwrap().pending_rewards
}

#[test]
fn rewards_pay_commission_then_delegators_pro_rata_to_the_unit() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			let alice_free = free(ALICE);
			assert_ok!(credit(1_000));
			assert_eq!(
				restaking_events(),
				vec![Event::RewardCredited {
					operator: ALICE,
					consumer: 1,
					era: 0,
					amount: 1_000,
					commission: 100
				}]
			);
			assert_eq!(free(ALICE), alice_free + 100);
			assert_eq!(free(PAYER), ENDOWMENT - 1_000);
			assert_eq!(free(Pallet::<Test>::reward_pot()), ExistentialDeposit::get() + 900);
			// 900 over 4,000 shares.
			assert_eq!(pending(ALICE), 225);
			assert_eq!(pending(CHARLIE), 675);

			assert_ok!(Restaking::claim_rewards(RuntimeOrigin::signed(CHARLIE), ALICE));
			assert_eq!(
				restaking_events(),
				vec![Event::RewardsClaimed { delegator: CHARLIE, operator: ALICE, amount: 675 }]
			);
			assert_eq!(free(CHARLIE), ENDOWMENT - 3_000 + 675);
			assert_eq!(pending(CHARLIE), 0);
			assert_noop!(
				Restaking::claim_rewards(RuntimeOrigin::signed(CHARLIE), ALICE),
				Error::<Test>::NoRewards
			);
			assert_ok!(Restaking::claim_rewards(RuntimeOrigin::signed(ALICE), ALICE));
			assert_eq!(free(ALICE), alice_free + 100 + 225);
			assert_eq!(free(Pallet::<Test>::reward_pot()), ExistentialDeposit::get());
		},
	);
}

#[test]
fn rewards_go_to_the_shares_held_when_they_arrive() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			assert_ok!(credit(1_000));
			assert_ok!(Restaking::delegate(RuntimeOrigin::signed(DAVE), ALICE, 1_000));
			assert_eq!(pending(DAVE), 0);
			// A top-up keeps what was earned before it.
			assert_ok!(Restaking::delegate(RuntimeOrigin::signed(CHARLIE), ALICE, 1_000));
			assert_eq!(pending(CHARLIE), 675);
			assert_ok!(credit(1_200));
			// 1,080 over 6,000 shares: 0.18 each.
			assert_eq!(pending(ALICE), 225 + 180);
			assert_eq!(pending(CHARLIE), 675 + 720);
			assert_eq!(pending(DAVE), 180);
			// Undelegated shares earn no more, but keep what they earned.
			assert_ok!(Restaking::undelegate(RuntimeOrigin::signed(DAVE), ALICE, 1_000));
			assert_ok!(credit(500));
			assert_eq!(pending(DAVE), 180);
		},
	);
}

#[test]
fn rewards_smaller_than_the_existential_deposit_are_paid() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			// Below the existential deposit of 5, commission rounds to nothing.
			assert_ok!(credit(4));
			assert_eq!(pending(CHARLIE), 3);
			assert_ok!(Restaking::claim_rewards(RuntimeOrigin::signed(CHARLIE), ALICE));
			assert_eq!(free(Pallet::<Test>::reward_pot()), ExistentialDeposit::get() + 1);
		},
	);
}

#[test]
fn a_commission_increase_applies_to_rewards_from_its_era() {
	ExtBuilder::default().with_operators().delegation(CHARLIE, ALICE, 3_000).build_and_execute(
		|| {
			assert_ok!(Restaking::update_operator(
				RuntimeOrigin::signed(ALICE),
				Perbill::from_percent(20),
				vec![]
			));
			run_to_era(1);
			restaking_events();
			assert_ok!(credit(1_000));
			assert!(matches!(
				restaking_events()[..],
				[Event::RewardCredited { commission: 100, .. }]
			));
			run_to_era(2);
			restaking_events();
			assert_ok!(credit(1_000));
			assert!(matches!(
				restaking_events()[..],
				[Event::RewardCredited { commission: 200, .. }]
			));
		},
	);
}

#[test]
fn reward_errors() {
	ExtBuilder::default().with_operators().build_and_execute(|| {
		assert_noop!(credit(0), Error::<Test>::ZeroAmount);
		assert_noop!(
			<Restaking as RewardSink<_, _>>::credit_reward(&PAYER, &CHARLIE, 1, 0, 10),
			Error::<Test>::UnknownOperator
		);
		assert!(credit(ENDOWMENT * 2).is_err());
		assert_noop!(
			Restaking::claim_rewards(RuntimeOrigin::signed(CHARLIE), ALICE),
			Error::<Test>::NotDelegated
		);
		assert_noop!(
			Restaking::claim_rewards(RuntimeOrigin::signed(ALICE), ALICE),
			Error::<Test>::NoRewards
		);
		assert_noop!(
			Restaking::claim_rewards(RuntimeOrigin::none(), ALICE),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
