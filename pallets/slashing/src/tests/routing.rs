use super::{report, set_policy};
use crate::{mock::*, Event, Routes, Totals};
use bulwark_primitives::{OffenceKind, OnSlashRealised};
use frame_support::{assert_ok, traits::fungible::Balanced};
use sp_runtime::Perbill;

/// Realise `amount` of `operator`'s slashes, as restaking does when it takes them from a delegator's hold.
fn realise(operator: AccountId, amount: Balance) {
	let credit = <Balances as Balanced<AccountId>>::issue(amount);
	<Slashing as OnSlashRealised<AccountId, _>>::on_slash_realised(&operator, credit);
}

#[test]
fn realised_funds_go_to_reporter_treasury_and_burning_and_reconcile() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(REPORTER)));
		run_to_era(2);
		// 20% of OP_A's 100,000; its own half loses 10,000, so the reporter may be paid up to 5,000.
		assert_eq!(Totals::<Test>::get().outstanding, 20_000);
		slashing_events();
		let (reporter, manager, treasury) = (free(REPORTER), free(MANAGER), free(Treasury::get()));
		let issuance = Balances::total_issuance();

		realise(OP_A, 10_000);
		assert_eq!(
			slashing_events(),
			vec![Event::FundsRouted { slash: 0, reporter: 1_000, treasury: 3_000, burned: 6_000 }]
		);
		assert_eq!(free(REPORTER), reporter + 1_000);
		assert_eq!(free(Treasury::get()), treasury + 3_000);
		// Nothing reaches the consumer's manager.
		assert_eq!(free(MANAGER), manager);
		// The realised 10,000 entered the chain's money and 6,000 of it was burnt.
		assert_eq!(Balances::total_issuance(), issuance + 4_000);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.routed, totals.outstanding), (10_000, 10_000));
		assert_eq!((totals.to_reporters, totals.to_treasury, totals.burned), (1_000, 3_000, 6_000));

		realise(OP_A, 10_003);
		let totals = Totals::<Test>::get();
		// Three units beyond the slash, from rounding in the pools, are burnt and counted.
		assert_eq!((totals.slashed, totals.routed, totals.outstanding), (20_003, 20_003, 0));
		assert_eq!(
			(totals.to_reporters, totals.to_treasury, totals.burned),
			(2_000, 6_000, 12_003)
		);
		assert_eq!(Routes::<Test>::iter().count(), 0);
	});
}

#[test]
fn without_a_reporter_its_share_is_burnt() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_B, OffenceKind::Downtime, 0, 1, None));
		run_to_era(2);
		slashing_events();
		realise(OP_B, 1_000);
		assert_eq!(
			slashing_events(),
			vec![Event::FundsRouted { slash: 0, reporter: 0, treasury: 300, burned: 700 }]
		);
	});
}

/// Hardening issue, item 9: an operator that reports its own equivocation, to earn the reporter's share of its
/// own slash back.
#[test]
fn self_report_earns_no_reporter_share() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(OP_A)));
		assert_eq!(crate::Slashes::<Test>::get(0).expect("pending").reporter, None);
		// Nor by raising a window that someone else reported without a reporter.
		assert_ok!(report(OP_B, OffenceKind::Downtime, 0, 2, None));
		assert_ok!(report(OP_B, OffenceKind::Equivocation, 0, 3, Some(OP_B)));
		assert_eq!(crate::Slashes::<Test>::get(1).expect("pending").reporter, None);
		run_to_era(2);
		slashing_events();
		let (own_a, own_b) = (free(OP_A), free(OP_B));

		realise(OP_A, 10_000);
		realise(OP_B, 10_000);
		let expected =
			|slash| Event::FundsRouted { slash, reporter: 0, treasury: 3_000, burned: 7_000 };
		assert_eq!(slashing_events(), vec![expected(0), expected(1)]);
		assert_eq!((free(OP_A), free(OP_B)), (own_a, own_b));
	});
}

/// What an operator and its other accounts gain from a slash of its pool that one of them reports: the reporter's
/// pay, less what the operator's own bond loses. `own` is the operator's own bond and `slashed` the fraction taken.
fn self_report_gain(reporter_paid: Balance, own: Balance, slashed: Perbill) -> i128 {
	reporter_paid as i128 - slashed.mul_floor(own) as i128
}

/// Hardening III, attack 1 (routing), with its numbers: an operator bonding 1,000 with a staker's 10,000
/// delegated, all allocated to a consumer whose manager it controls, equivocates at the most `MaxSlashFraction`
/// allows, and a second account of its reports it. The reporter is paid at most half of what the operator's own
/// 1,000 loses, and nothing reaches the consumer: the attacker ends poorer.
#[test]
fn an_operator_draining_its_own_delegators_ends_poorer() {
	ExtBuilder.build_and_execute(|| {
		let (own, delegated) = (1_000, 10_000);
		set_stake(OP_C, CONSUMER, own + delegated);
		set_own_share(OP_C, Perbill::from_rational(own, own + delegated));
		// The manager's own policy: the most MaxSlashFraction (50%) allows.
		let fraction = MaxSlashFraction::get();
		assert_ok!(set_policy(crate::KindFractions {
			equivocation: fraction,
			downtime: DowntimeFraction::get(),
			governance_fault: GovernanceFaultFraction::get(),
		}));
		run_to_era(2);
		let alt = REPORTER;
		let (alt_before, manager_before) = (free(alt), free(MANAGER));
		assert_ok!(report(OP_C, OffenceKind::Equivocation, 2, 1, Some(alt)));
		run_to_era(4);
		// The model: 50% of 11,000 is slashed; the operator's own 1,000 loses 500, so the reporter may be paid
		// 250, a tenth of the slash (550) being more.
		let slashed = fraction.mul_floor(own + delegated);
		assert_eq!(slashed, 5_500);
		let bound = fraction.mul_floor(own) / 2;
		assert_eq!(Totals::<Test>::get().outstanding, slashed);
		realise(OP_C, slashed);
		let paid = free(alt) - alt_before;
		// Rounding of the own share (1/11 is not a whole number of parts per billion) goes the protocol's way.
		assert!(paid <= bound && paid + 1 >= bound, "paid {paid}, bound {bound}");
		assert_eq!(free(MANAGER), manager_before);
		assert!(self_report_gain(paid, own, fraction) < 0);
		assert!(self_report_gain(paid, own, fraction) <= -((fraction.mul_floor(own) / 2) as i128));
	});
}

/// The reporter's bound with a 2% self-bond share: the reporter's tenth of a slash would be five times what the
/// operator's own bond loses, but it is paid at most half of that loss, however the slash is realised.
#[test]
fn a_self_report_never_pays_even_with_a_two_percent_self_bond() {
	ExtBuilder.build_and_execute(|| {
		let (own, stake) = (2_000, 100_000);
		set_own_share(OP_A, Perbill::from_percent(2));
		let (alt_before, treasury_before) = (free(REPORTER), free(Treasury::get()));
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(REPORTER)));
		run_to_era(2);
		// The model: 20% of 100,000 slashed; the own 2,000 loses 400; the reporter's bound is 200.
		let fraction = EquivocationFraction::get();
		let slashed = fraction.mul_floor(stake);
		let bound = fraction.mul_floor(own) / 2;
		assert_eq!((slashed, bound), (20_000, 200));
		// Realised in three parts, as delegators settle one by one.
		for part in [1_500, 8_500, 10_000] {
			realise(OP_A, part);
		}
		let paid = free(REPORTER) - alt_before;
		assert_eq!(paid, bound);
		assert_eq!(free(Treasury::get()) - treasury_before, 6_000);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.to_reporters, totals.burned), (200, slashed - 200 - 6_000));
		assert_eq!(self_report_gain(paid, own, fraction), -200);
	});
}

/// Hardening III, attack 2 (routing): a manager that raises its consumer's downtime fraction and withholds blocks
/// from one operator expected half of the slash through the escrow. Nothing of a slash reaches a consumer's
/// manager or escrow: it is the treasury's and burnt.
#[test]
fn a_manager_profits_nothing_from_its_operators_downtime() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(set_policy(crate::KindFractions {
			equivocation: EquivocationFraction::get(),
			downtime: MaxSlashFraction::get(),
			governance_fault: GovernanceFaultFraction::get(),
		}));
		run_to_era(2);
		let manager_before = free(MANAGER);
		assert_ok!(report(OP_B, OffenceKind::Downtime, 2, 1, None));
		run_to_era(4);
		// 50% of OP_B's 100,000.
		realise(OP_B, 50_000);
		assert_eq!(free(MANAGER), manager_before);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.to_reporters, totals.to_treasury, totals.burned), (0, 15_000, 35_000));
	});
}

#[test]
fn dust_left_unrealised_is_written_off() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_B, OffenceKind::Downtime, 0, 1, None));
		run_to_era(2);
		// 1,000 slashed; 997 realised leaves 3, below the existential deposit of 5.
		realise(OP_B, 997);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.routed, totals.outstanding, totals.written_off), (997, 0, 3));
		assert!(!Routes::<Test>::contains_key(OP_B));
	});
}

/// Apply one slash of `operator` for each era in `eras`, each for a different evidence.
fn apply_slashes(operator: AccountId, eras: core::ops::Range<u32>) {
	for era in eras {
		set_era(era);
		assert_ok!(report(operator, OffenceKind::Downtime, era, era as u8, Some(REPORTER)));
		run_to_era(era + 2);
	}
}

#[test]
fn realised_funds_pay_the_oldest_slash_first() {
	ExtBuilder.build_and_execute(|| {
		// Two slashes of 1% of 100,000 and then of 99,000: 1,000 and 990.
		apply_slashes(OP_A, 0..2);
		let routes = Routes::<Test>::get(OP_A);
		assert_eq!(
			routes.iter().map(|(slash, route)| (*slash, route.outstanding)).collect::<Vec<_>>(),
			vec![(0, 1_000), (1, 990)]
		);
		slashing_events();
		realise(OP_A, 1_500);
		let routed: Vec<_> = slashing_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::FundsRouted { slash, reporter, treasury, burned } => {
					Some((slash, reporter + treasury + burned))
				},
				_ => None,
			})
			.collect();
		assert_eq!(routed, vec![(0, 1_000), (1, 500)]);
		let routes = Routes::<Test>::get(OP_A);
		assert_eq!(
			routes.iter().map(|(slash, route)| (*slash, route.outstanding)).collect::<Vec<_>>(),
			vec![(1, 490)]
		);
	});
}

#[test]
fn past_max_routes_per_operator_a_slash_still_takes_the_stake_and_its_funds_are_burnt() {
	ExtBuilder.build_and_execute(|| {
		// MaxRoutesPerOperator is 3.
		apply_slashes(OP_A, 0..3);
		slashing_events();
		let stake_before = stake(OP_A, CONSUMER);
		set_era(3);
		assert_ok!(report(OP_A, OffenceKind::Downtime, 3, 3, Some(REPORTER)));
		run_to_era(5);
		let amount = stake_before / 100;
		assert_eq!(stake(OP_A, CONSUMER), stake_before - amount);
		assert!(slashing_events().contains(&Event::SlashApplied {
			slash: 3,
			offender: OP_A,
			amount,
			routed: false
		}));
		assert_eq!(Routes::<Test>::get(OP_A).len(), 3);
		let totals = Totals::<Test>::get();
		let outstanding = totals.outstanding;
		// Realising everything pays the three routes and burns the fourth slash's funds, counted as slashed now.
		let issuance = Balances::total_issuance();
		realise(OP_A, outstanding + amount);
		let after = Totals::<Test>::get();
		assert_eq!(after.slashed, totals.slashed + amount);
		assert_eq!((after.outstanding, after.routed), (0, totals.routed + outstanding + amount));
		assert!(!Routes::<Test>::contains_key(OP_A));
		let paid: Balance = slashing_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::FundsRouted { reporter, treasury, .. } => Some(reporter + treasury),
				_ => None,
			})
			.sum();
		assert_eq!(Balances::total_issuance(), issuance + paid);
	});
}
