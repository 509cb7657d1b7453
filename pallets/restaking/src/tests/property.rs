//! Random call sequences from several stakers and operators, with random slashes, rewards and eras. After every step
//! the pallet's invariants hold, total issuance has fallen by exactly what slashes realised, and what was slashed is
//! either realised or still recorded as unrealised.

use crate::{mock::*, Call, Pools, UnbondingPools};
use bulwark_primitives::{RewardSink, SlashTarget, StakeProvider};
use frame_support::traits::UnfilteredDispatchable;
use proptest::prelude::*;
use sp_runtime::Perbill;

const OPERATORS: [AccountId; 2] = [ALICE, BOB];
const STAKERS: [AccountId; 4] = [CHARLIE, DAVE, EVE, 6];

#[derive(Debug, Clone)]
enum Action {
	Delegate { who: usize, operator: usize, amount: Balance },
	Undelegate { who: usize, operator: usize, percent: u32 },
	Withdraw { who: usize, operator: usize },
	Claim { who: usize, operator: usize },
	Settle { who: usize, operator: usize },
	Allocate { operator: usize, consumer: u32, percent: u32 },
	Slash { operator: usize, consumer: u32, percent: u32, eras_ago: u32 },
	Reward { operator: usize, amount: Balance },
	NextEra,
}

fn action() -> impl Strategy<Value = Action> {
	let who = 0..STAKERS.len();
	let operator = 0..OPERATORS.len();
	prop_oneof![
		3 => (who.clone(), operator.clone(), 1..3_000u128)
			.prop_map(|(who, operator, amount)| Action::Delegate { who, operator, amount }),
		2 => (who.clone(), operator.clone(), 1..=100u32)
			.prop_map(|(who, operator, percent)| Action::Undelegate { who, operator, percent }),
		1 => (who.clone(), operator.clone()).prop_map(|(who, operator)| Action::Withdraw { who, operator }),
		1 => (who.clone(), operator.clone()).prop_map(|(who, operator)| Action::Claim { who, operator }),
		1 => (who, operator.clone()).prop_map(|(who, operator)| Action::Settle { who, operator }),
		1 => (operator.clone(), 1..3u32, 0..=100u32)
			.prop_map(|(operator, consumer, percent)| Action::Allocate { operator, consumer, percent }),
		1 => (operator.clone(), 1..3u32, 1..=100u32, 0..6u32).prop_map(
			|(operator, consumer, percent, eras_ago)| Action::Slash { operator, consumer, percent, eras_ago }
		),
		1 => (operator, 1..5_000u128).prop_map(|(operator, amount)| Action::Reward { operator, amount }),
		2 => Just(Action::NextEra),
	]
}

fn dispatch(who: AccountId, call: Call<Test>) {
	// Failing calls are part of the sequence; dispatching rolls back what they wrote.
	let _ = RuntimeCall::Restaking(call).dispatch_bypass_filter(RuntimeOrigin::signed(who));
}

fn unrealised() -> Balance {
	Pools::<Test>::iter_values().map(|pool| pool.unrealised).sum::<Balance>()
		+ UnbondingPools::<Test>::iter_values().map(|pool| pool.unrealised).sum::<Balance>()
}

fn run(actions: Vec<Action>) -> Result<(), TestCaseError> {
	let mut outcome = Ok(());
	ExtBuilder::default().with_operators().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let mut slashed: Balance = 0;
		for action in actions {
			match action {
				Action::Delegate { who, operator, amount } => {
					dispatch(STAKERS[who], Call::delegate { operator: OPERATORS[operator], amount })
				},
				Action::Undelegate { who, operator, percent } => {
					let value = Restaking::delegation_view(&STAKERS[who], &OPERATORS[operator])
						.map(|view| view.value)
						.unwrap_or(100);
					let amount = Perbill::from_percent(percent).mul_ceil(value);
					dispatch(
						STAKERS[who],
						Call::undelegate { operator: OPERATORS[operator], amount },
					);
				},
				Action::Withdraw { who, operator } => {
					dispatch(STAKERS[who], Call::withdraw { operator: OPERATORS[operator] })
				},
				Action::Claim { who, operator } => {
					dispatch(STAKERS[who], Call::claim_rewards { operator: OPERATORS[operator] })
				},
				Action::Settle { who, operator } => dispatch(
					PAYER,
					Call::settle { delegator: STAKERS[who], operator: OPERATORS[operator] },
				),
				Action::Allocate { operator, consumer, percent } => dispatch(
					OPERATORS[operator],
					Call::allocate { consumer, fraction: Perbill::from_percent(percent) },
				),
				Action::Slash { operator, consumer, percent, eras_ago } => {
					let era = crate::CurrentEra::<Test>::get().saturating_sub(eras_ago);
					let operator = OPERATORS[operator];
					let slashable = Restaking::slashable_stake(&operator, consumer, era);
					let amount =
						Restaking::slash(&operator, consumer, Perbill::from_percent(percent), era)
							.expect("a registered operator in the past can be slashed");
					if amount > slashable {
						outcome = Err(TestCaseError::fail(format!(
							"slashed {amount} of {slashable} slashable"
						)));
						return;
					}
					slashed += amount;
				},
				Action::Reward { operator, amount } => {
					let _ = <Restaking as RewardSink<_, _>>::credit_reward(
						&PAYER,
						&OPERATORS[operator],
						1,
						0,
						amount,
					);
				},
				Action::NextEra => run_to_era(crate::CurrentEra::<Test>::get() + 1),
			}
			if let Err(e) = Restaking::do_try_state() {
				outcome = Err(TestCaseError::fail(format!("invariant broken: {e:?}")));
				return;
			}
			if Balances::total_issuance() != issuance - total_realised() {
				outcome = Err(TestCaseError::fail("issuance differs from what slashes realised"));
				return;
			}
			if unrealised() != slashed - total_realised() {
				outcome = Err(TestCaseError::fail("slashed differs from realised plus unrealised"));
				return;
			}
		}
	});
	outcome
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
	#[test]
	fn random_sequences_keep_the_invariants(actions in proptest::collection::vec(action(), 1..80)) {
		run(actions)?;
	}
}
