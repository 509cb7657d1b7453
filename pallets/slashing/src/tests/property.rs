//! Random sequences of offences, governance vetoes and approvals, applications, mode and policy changes,
//! realisation of slashed funds and eras. After every step the pallet's invariants hold, and so do these rules:
//! - the same evidence is never punished twice;
//! - an operator is suspended exactly while it has a pending or held slash;
//! - no slash is applied before its due era, nor twice;
//! - a report accepted without recording its evidence was ignored at its offender's bound;
//! - a window never applies more than the largest fraction reported for it;
//! - total issuance moves by exactly what was paid out of realised funds.

use crate::{mock::*, Event, KindFractions, SlashId, SlashState, Slashes, SlashingMode, Windows};
use bulwark_primitives::{
	EraIndex, Offence, OffenceKind, OnSlashRealised, OperatorStatus, ReportOffence,
};
use frame_support::traits::fungible::Balanced;
use proptest::prelude::*;
use sp_core::H256;
use sp_runtime::{DispatchError, Perbill};
use std::collections::{BTreeMap, BTreeSet};

const OPERATORS: [AccountId; 3] = [OP_A, OP_B, OP_C];
const CONSUMERS: [u32; 2] = [CONSUMER, OTHER_CONSUMER];
const KINDS: [OffenceKind; 3] =
	[OffenceKind::Equivocation, OffenceKind::Downtime, OffenceKind::GovernanceFault];
const MODES: [SlashingMode; 3] =
	[SlashingMode::Enabled, SlashingMode::LogOnly, SlashingMode::Disabled];

#[derive(Debug, Clone)]
enum Action {
	Report {
		operator: usize,
		consumer: usize,
		kind: usize,
		eras_ago: u32,
		evidence: u8,
		reporter: bool,
	},
	Cancel {
		slash: SlashId,
	},
	Reduce {
		slash: SlashId,
		percent: u32,
	},
	Approve {
		slash: SlashId,
	},
	Apply {
		slash: SlashId,
	},
	Mode {
		mode: usize,
	},
	Policy {
		consumer: usize,
		percent: u32,
	},
	Realise {
		operator: usize,
		amount: Balance,
	},
	Block,
	NextEra,
}

fn action() -> impl Strategy<Value = Action> {
	let operator = 0..OPERATORS.len();
	let consumer = 0..CONSUMERS.len();
	let slash = 0..24u32;
	prop_oneof![
		6 => (operator.clone(), consumer.clone(), 0..KINDS.len(), 0..6u32, 0..24u8, any::<bool>()).prop_map(
			|(operator, consumer, kind, eras_ago, evidence, reporter)| Action::Report {
				operator, consumer, kind, eras_ago, evidence, reporter
			}
		),
		1 => slash.clone().prop_map(|slash| Action::Cancel { slash }),
		1 => (slash.clone(), 0..50u32).prop_map(|(slash, percent)| Action::Reduce { slash, percent }),
		1 => slash.clone().prop_map(|slash| Action::Approve { slash }),
		1 => slash.prop_map(|slash| Action::Apply { slash }),
		1 => (0..MODES.len()).prop_map(|mode| Action::Mode { mode }),
		1 => (consumer, 0..60u32).prop_map(|(consumer, percent)| Action::Policy { consumer, percent }),
		3 => (operator, 1..30_000u128).prop_map(|(operator, amount)| Action::Realise { operator, amount }),
		2 => Just(Action::Block),
		3 => Just(Action::NextEra),
	]
}

/// What the rules track over a sequence.
#[derive(Default)]
struct Model {
	/// Evidence accepted, by offence era.
	punished: BTreeSet<(EraIndex, H256)>,
	/// Due era of each slash reported.
	due: BTreeMap<SlashId, EraIndex>,
	/// Slashes applied or logged.
	applied: BTreeSet<SlashId>,
	/// Largest fraction reported per window.
	largest: BTreeMap<(EraIndex, AccountId, u32), Perbill>,
	/// Window of each slash.
	window_of: BTreeMap<SlashId, (EraIndex, AccountId, u32)>,
}

/// How often each outcome occurred, to show that the sequences reach them.
#[derive(Default, Debug)]
struct Outcomes {
	reported: u32,
	duplicates: u32,
	cancelled: u32,
	reduced: u32,
	held: u32,
	approved: u32,
	applied: u32,
	logged: u32,
	routed: u32,
	pruned: u32,
}

fn step(action: &Action, model: &mut Model, outcomes: &mut Outcomes) -> Result<(), TestCaseError> {
	let issuance = Balances::total_issuance();
	let current = era();
	let result = match action.clone() {
		Action::Report { operator, consumer, kind, eras_ago, evidence, reporter } => {
			let offence_era = current.saturating_sub(eras_ago);
			let evidence = H256::repeat_byte(evidence);
			let seen = model.punished.contains(&(offence_era, evidence));
			let result = Slashing::report_offence(Offence {
				offender: OPERATORS[operator],
				consumer: CONSUMERS[consumer],
				kind: KINDS[kind],
				offence_era,
				evidence,
				reporter: reporter.then_some(REPORTER),
			});
			if seen {
				// Refused: as a duplicate, or earlier for being too old or while slashing is disabled.
				prop_assert!(result.is_err(), "evidence punished twice");
				if result == Err(crate::Error::<Test>::DuplicateEvidence.into()) {
					outcomes.duplicates += 1;
				}
			} else if result.is_ok() {
				// Taken in, raised or ignored, the evidence is punished once.
				prop_assert!(
					crate::Evidence::<Test>::contains_key(offence_era, evidence),
					"evidence accepted and not recorded"
				);
				model.punished.insert((offence_era, evidence));
			}
			result
		},
		Action::Cancel { slash } => Slashing::cancel_slash(RuntimeOrigin::root(), slash),
		Action::Reduce { slash, percent } => {
			Slashing::reduce_slash(RuntimeOrigin::root(), slash, Perbill::from_percent(percent))
		},
		Action::Approve { slash } => Slashing::approve_slash(RuntimeOrigin::root(), slash),
		Action::Apply { slash } => Slashing::apply_slash(RuntimeOrigin::signed(REPORTER), slash),
		Action::Mode { mode } => Slashing::set_slashing_mode(RuntimeOrigin::root(), MODES[mode]),
		Action::Policy { consumer, percent } => {
			let fraction = Perbill::from_percent(percent);
			Slashing::set_consumer_slash_policy(
				RuntimeOrigin::signed(MANAGER),
				CONSUMERS[consumer],
				KindFractions {
					equivocation: fraction,
					downtime: fraction,
					governance_fault: fraction,
				},
			)
		},
		Action::Realise { operator, amount } => {
			let credit = <Balances as Balanced<AccountId>>::issue(amount);
			<Slashing as OnSlashRealised<AccountId, _>>::on_slash_realised(
				&OPERATORS[operator],
				credit,
			);
			// The credit itself raised issuance.
			let paid: Balance = System::read_events_for_pallet::<Event<Test>>()
				.iter()
				.filter_map(|event| match event {
					Event::FundsRouted { reporter, treasury, .. } => Some(reporter + treasury),
					_ => None,
				})
				.sum();
			prop_assert_eq!(Balances::total_issuance(), issuance + paid);
			Ok(())
		},
		Action::Block => {
			run_to_era(current);
			Ok(())
		},
		Action::NextEra => {
			let pruned = crate::PruneCursor::<Test>::get();
			run_to_era(current + 1);
			outcomes.pruned += crate::PruneCursor::<Test>::get() - pruned;
			Ok(())
		},
	};
	let _: Result<(), DispatchError> = result;

	let now = era();
	for event in slashing_events() {
		match event {
			Event::SlashReported { slash, offender, consumer, offence_era, fraction, due_era } => {
				outcomes.reported += 1;
				model.due.insert(slash, due_era);
				let key = (offence_era, offender, consumer);
				model.window_of.insert(slash, key);
				let largest = model.largest.entry(key).or_default();
				*largest = (*largest).max(fraction);
			},
			Event::SlashRaised { slash, fraction } => {
				let key = model.window_of[&slash];
				let largest = model.largest.entry(key).or_default();
				*largest = (*largest).max(fraction);
			},
			Event::SlashApplied { slash, .. } | Event::SlashLogged { slash, .. } => {
				prop_assert!(model.applied.insert(slash), "slash {} applied twice", slash);
				prop_assert!(now >= model.due[&slash], "slash {} applied before it was due", slash);
				if matches!(action, Action::Approve { .. }) {
					outcomes.approved += 1;
				}
				match event {
					Event::SlashApplied { .. } => outcomes.applied += 1,
					_ => outcomes.logged += 1,
				}
			},
			Event::SlashHeld { .. } => outcomes.held += 1,
			Event::SlashCancelled { .. } => outcomes.cancelled += 1,
			Event::SlashReduced { .. } => outcomes.reduced += 1,
			Event::FundsRouted { .. } => outcomes.routed += 1,
			_ => {},
		}
	}

	Slashing::do_try_state().map_err(|error| TestCaseError::fail(format!("{error:?}")))?;
	for operator in OPERATORS {
		let pending = Slashing::open_slash_count(&operator) > 0;
		prop_assert_eq!(status(operator) == Some(OperatorStatus::Suspended), pending);
	}
	for ((era, operator, consumer), window) in Windows::<Test>::iter() {
		let largest = model.largest.get(&(era, operator, consumer)).copied().unwrap_or_default();
		prop_assert!(window.applied <= largest, "a window applied more than was reported");
	}
	for (id, slash) in Slashes::<Test>::iter() {
		prop_assert!(!model.applied.contains(&id));
		if slash.state == SlashState::Held {
			prop_assert!(now >= slash.due_era);
		}
	}
	Ok(())
}

fn run(actions: &[Action]) -> Result<Outcomes, TestCaseError> {
	let mut result = Ok(Outcomes::default());
	ExtBuilder.build_and_execute(|| {
		// Low enough that two equivocations in one era trip the breaker.
		MaxEraSlashFraction::set(Perbill::from_percent(5));
		for operator in OPERATORS {
			set_stake(operator, OTHER_CONSUMER, 50_000);
		}
		let mut model = Model::default();
		let mut outcomes = Outcomes::default();
		for action in actions {
			if let Err(error) = step(action, &mut model, &mut outcomes) {
				result = Err(error);
				return;
			}
		}
		result = Ok(outcomes);
	});
	result
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

	#[test]
	fn random_sequences_keep_the_rules(actions in prop::collection::vec(action(), 1..80)) {
		run(&actions)?;
	}
}

/// With a fixed seed, the sequences reach every outcome the rules are about, so that the property test above
/// cannot pass by never getting there.
#[test]
fn the_sequences_reach_every_outcome() {
	use proptest::{
		strategy::ValueTree,
		test_runner::{Config, RngAlgorithm, TestRng, TestRunner},
	};
	let mut runner = TestRunner::new_with_rng(
		Config::default(),
		TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
	);
	let strategy = prop::collection::vec(action(), 1..80);
	let mut total = Outcomes::default();
	for _ in 0..64 {
		let actions = strategy.new_tree(&mut runner).expect("a sequence").current();
		let outcomes = run(&actions).expect("the rules hold");
		total.reported += outcomes.reported;
		total.duplicates += outcomes.duplicates;
		total.cancelled += outcomes.cancelled;
		total.reduced += outcomes.reduced;
		total.held += outcomes.held;
		total.approved += outcomes.approved;
		total.applied += outcomes.applied;
		total.logged += outcomes.logged;
		total.routed += outcomes.routed;
		total.pruned += outcomes.pruned;
	}
	println!("{total:?}");
	for (name, count) in [
		("reported", total.reported),
		("duplicates", total.duplicates),
		("cancelled", total.cancelled),
		("reduced", total.reduced),
		("held", total.held),
		("approved", total.approved),
		("applied", total.applied),
		("logged", total.logged),
		("routed", total.routed),
		("pruned", total.pruned),
	] {
		assert!(count > 0, "no sequence reached {name}: {total:?}");
	}
}
