//! Random sequences of registry, lease, key, attestation, equivocation and era actions from several managers and
//! operators. After every step the pallet's invariants hold (escrow ledgers reconcile, assignments respect their
//! bounds, votes stay within their bounds), all money is accounted for, no height
//! is finalized twice, no lease gets finality in an era it did not pay for, no equivocation is punished twice in
//! one era, and total issuance moves only by the deposits of leases that never activated.

use crate::{mock::*, Attestation, Call, ConsumerKey, ConsumerSignature, Event, LeaseTerms};
use frame_support::traits::UnfilteredDispatchable;
use proptest::prelude::*;
use sp_core::{ed25519, Pair, H256};
use std::collections::BTreeSet;

const MANAGERS: [AccountId; 2] = [MANAGER, 3];
const OPERATORS: [AccountId; 4] = [OP_A, OP_B, OP_C, OP_D];

#[derive(Debug, Clone)]
enum Action {
	Register {
		manager: usize,
	},
	Request {
		manager: usize,
		consumer: u32,
		security: Balance,
		min: u32,
		duration: u32,
		renew: bool,
	},
	TopUp {
		consumer: u32,
		amount: Balance,
	},
	Renew {
		manager: usize,
		consumer: u32,
	},
	End {
		manager: usize,
		consumer: u32,
	},
	ForceEnd {
		consumer: u32,
	},
	Deregister {
		manager: usize,
		consumer: u32,
	},
	Key {
		operator: usize,
		consumer: u32,
		key: u8,
	},
	Stake {
		operator: usize,
		consumer: u32,
		stake: Balance,
	},
	Attest {
		operator: usize,
		consumer: u32,
		height: u64,
		head: u8,
	},
	Equivocate {
		operator: usize,
		consumer: u32,
		height: u64,
	},
	NextEra,
}

/// The signing key of operator `number` for consumer `consumer`, registered at the start of every case.
fn pair(consumer: u32, number: usize) -> ed25519::Pair {
	ed25519::Pair::from_seed(&[(10 * consumer as usize + number) as u8 + 100; 32])
}

fn signed(consumer: u32, number: usize, era: u32, height: u64, head: H256) -> ConsumerSignature {
	ConsumerSignature::Ed25519(
		pair(consumer, number)
			.sign(&SecurityLease::signing_payload(consumer, era, height, head).unwrap_or_default())
			.0,
	)
}

fn action() -> impl Strategy<Value = Action> {
	let manager = 0..MANAGERS.len();
	let consumer = 0..4u32;
	prop_oneof![
		1 => manager.clone().prop_map(|manager| Action::Register { manager }),
		2 => (manager.clone(), consumer.clone(), 1..80_000u128, 1..4u32, 1..5u32, any::<bool>()).prop_map(
			|(manager, consumer, security, min, duration, renew)| Action::Request { manager, consumer, security, min, duration, renew }
		),
		2 => (consumer.clone(), 1..500u128).prop_map(|(consumer, amount)| Action::TopUp { consumer, amount }),
		1 => (manager.clone(), consumer.clone()).prop_map(|(manager, consumer)| Action::Renew { manager, consumer }),
		1 => (manager.clone(), consumer.clone()).prop_map(|(manager, consumer)| Action::End { manager, consumer }),
		1 => consumer.clone().prop_map(|consumer| Action::ForceEnd { consumer }),
		1 => (manager, consumer.clone()).prop_map(|(manager, consumer)| Action::Deregister { manager, consumer }),
		2 => (0..OPERATORS.len(), consumer.clone(), 0..6u8)
			.prop_map(|(operator, consumer, key)| Action::Key { operator, consumer, key }),
		2 => (0..OPERATORS.len(), consumer.clone(), 0..60_000u128)
			.prop_map(|(operator, consumer, stake)| Action::Stake { operator, consumer, stake }),
		// Attestations go to the two consumers leased from the start, on few heights, so that heads get final.
		6 => (0..OPERATORS.len(), 0..2u32, 0..4u64, 0..2u8)
			.prop_map(|(operator, consumer, height, head)| Action::Attest { operator, consumer, height, head }),
		1 => (0..OPERATORS.len(), consumer, 0..6u64)
			.prop_map(|(operator, consumer, height)| Action::Equivocate { operator, consumer, height }),
		3 => Just(Action::NextEra),
	]
}

fn lease_hold(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::LeaseDeposit.into(), &who)
}

fn dispatch(who: AccountId, call: Call<Test>) {
	// Failing calls are part of the sequence; dispatching rolls back what they wrote.
	let _ = RuntimeCall::SecurityLease(call).dispatch_bypass_filter(RuntimeOrigin::signed(who));
}

fn run(actions: Vec<Action>) -> Result<(), TestCaseError> {
	let mut outcome = Ok(());
	ExtBuilder.build_and_execute(|| {
		// Two consumers to start with, every operator keyed and staked for both, so that leases get served.
		for (index, manager) in MANAGERS.into_iter().enumerate() {
			dispatch(
				manager,
				Call::register_consumer {
					metadata: b"chain".to_vec(),
					genesis_hash: Default::default(),
					value_at_risk: 1_000,
				},
			);
			for (number, operator) in OPERATORS.into_iter().enumerate() {
				let key = ConsumerKey::Ed25519(pair(index as u32, number).public().0);
				dispatch(operator, Call::set_consumer_key { consumer: index as u32, key });
				set_stake(operator, index as u32, 30_000);
			}
			dispatch(
				manager,
				Call::request_lease {
					consumer: index as u32,
					terms: LeaseTerms {
						security: 60_000,
						min_operators: 1,
						max_operators: 4,
						duration_eras: 3,
						max_price_per_era: 1_000,
						auto_renew: true,
					},
				},
			);
			dispatch(STRANGER, Call::top_up { consumer: index as u32, amount: 2_000 });
		}
		let mut issuance = Balances::total_issuance();
		// The model: what each manager's lease-deposit hold grew by at each request, whether the lease ever
		// activated, and which eras the lease paid before getting finality.
		let mut deposits = std::collections::BTreeMap::<u32, (AccountId, Balance, bool)>::new();
		let mut reserved = BTreeSet::new();
		for (consumer, manager) in MANAGERS.into_iter().enumerate() {
			deposits.insert(consumer as u32, (manager, LeaseDeposit::get(), false));
		}
		let mut era = 0;
		let mut finalized = BTreeSet::new();
		let mut punished = BTreeSet::new();
		for action in actions {
			match action {
				Action::Register { manager } => dispatch(
					MANAGERS[manager],
					Call::register_consumer {
						metadata: b"chain".to_vec(),
						genesis_hash: Default::default(),
						value_at_risk: 1_000,
					},
				),
				Action::Request { manager, consumer, security, min, duration, renew } => {
					let held = || lease_hold(MANAGERS[manager]);
					let before = held();
					dispatch(
						MANAGERS[manager],
						Call::request_lease {
							consumer,
							terms: LeaseTerms {
								security,
								min_operators: min,
								max_operators: 4,
								duration_eras: duration,
								max_price_per_era: 1_000,
								auto_renew: renew,
							},
						},
					);
					if held() > before {
						deposits.insert(consumer, (MANAGERS[manager], held() - before, false));
					}
				},
				Action::TopUp { consumer, amount } => {
					dispatch(STRANGER, Call::top_up { consumer, amount })
				},
				Action::Renew { manager, consumer } => dispatch(
					MANAGERS[manager],
					Call::renew_lease { consumer, eras: 2, max_price_per_era: 1_000 },
				),
				Action::End { manager, consumer } => {
					dispatch(MANAGERS[manager], Call::end_lease { consumer })
				},
				Action::ForceEnd { consumer } => {
					let _ = RuntimeCall::SecurityLease(Call::force_end_lease { consumer })
						.dispatch_bypass_filter(RuntimeOrigin::root());
				},
				Action::Deregister { manager, consumer } => {
					dispatch(MANAGERS[manager], Call::deregister_consumer { consumer })
				},
				Action::Key { operator, consumer, key } => dispatch(
					OPERATORS[operator],
					Call::set_consumer_key { consumer, key: ConsumerKey::Sr25519([key; 32]) },
				),
				Action::Stake { operator, consumer, stake } => {
					set_stake(OPERATORS[operator], consumer, stake)
				},
				Action::Attest { operator, consumer, height, head } => dispatch(
					OPERATORS[operator],
					Call::attest {
						consumer,
						height,
						head: H256::repeat_byte(head),
						signature: signed(consumer, operator, era, height, H256::repeat_byte(head)),
					},
				),
				Action::Equivocate { operator, consumer, height } => {
					let attestation = |head: u8| Attestation {
						era,
						height,
						head: H256::repeat_byte(head),
						signature: signed(consumer, operator, era, height, H256::repeat_byte(head)),
					};
					dispatch(
						STRANGER,
						Call::report_equivocation {
							consumer,
							operator: OPERATORS[operator],
							first: attestation(0),
							second: attestation(1),
						},
					)
				},
				Action::NextEra => {
					era += 1;
					start_era(era);
				},
			}
			for event in lease_events() {
				match &event {
					Event::LeaseActivated { consumer, .. } => {
						if let Some(deposit) = deposits.get_mut(consumer) {
							deposit.2 = true;
						}
					},
					Event::EraReserved { consumer, era, .. } => {
						reserved.insert((*consumer, *era));
					},
					Event::HeadFinalized { consumer, era, .. }
						if !reserved.contains(&(*consumer, *era)) =>
					{
						outcome = Err(TestCaseError::fail(
							"finality in an era the lease did not pay for",
						));
						return;
					},
					Event::LeaseEnded { consumer, reason, .. } => {
						// A lease that never activated loses a fifth of its deposit, unless governance ended it.
						if let Some((_, deposit, activated)) = deposits.remove(consumer) {
							if !activated && *reason != crate::EndReason::Forced {
								issuance -= deposit.div_ceil(5);
							}
						}
					},
					_ => {},
				}
				let repeated = match event {
					Event::HeadFinalized { consumer, height, .. } => {
						!finalized.insert((consumer, height))
					},
					// Both signatures are of the current era: the offence is of that era, punished once.
					Event::EquivocationReported { consumer, operator, height, .. } => {
						!punished.insert((consumer, operator, height, era))
					},
					_ => false,
				};
				if repeated {
					outcome = Err(TestCaseError::fail(
						"a height was finalized twice or an equivocation punished twice",
					));
					return;
				}
			}
			if let Err(e) = SecurityLease::do_try_state() {
				outcome = Err(TestCaseError::fail(format!("invariant broken: {e:?}")));
				return;
			}
			if Balances::total_issuance() != issuance {
				outcome = Err(TestCaseError::fail("money was created or destroyed"));
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
