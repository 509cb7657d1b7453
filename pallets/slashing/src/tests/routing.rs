use super::report;
use crate::{mock::*, Event, Routes, Totals};
use bulwark_primitives::{OffenceKind, OnSlashRealised};
use frame_support::{assert_ok, traits::fungible::Balanced};

/// Realise `amount` of `operator`'s slashes, as restaking does when it takes them from a delegator's hold.
fn realise(operator: AccountId, amount: Balance) {
	let credit = <Balances as Balanced<AccountId>>::issue(amount);
	<Slashing as OnSlashRealised<AccountId, _>>::on_slash_realised(&operator, credit);
}

#[test]
fn realised_funds_go_to_reporter_consumer_treasury_and_burning_and_reconcile() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 0, 1, Some(REPORTER)));
		run_to_era(2);
		assert_eq!(Totals::<Test>::get().outstanding, 20_000);
		slashing_events();
		let escrow = ESCROW + u128::from(CONSUMER);
		let (reporter, consumer, treasury) = (free(REPORTER), free(escrow), free(Treasury::get()));
		let issuance = Balances::total_issuance();

		realise(OP_A, 10_000);
		assert_eq!(
			slashing_events(),
			vec![Event::FundsRouted {
				slash: 0,
				reporter: 1_000,
				compensation: 4_000,
				treasury: 3_000,
				burned: 2_000
			}]
		);
		assert_eq!(free(REPORTER), reporter + 1_000);
		assert_eq!(free(escrow), consumer + 4_000);
		assert_eq!(free(Treasury::get()), treasury + 3_000);
		// The realised 10,000 entered the chain's money and 2,000 of it was burnt.
		assert_eq!(Balances::total_issuance(), issuance + 8_000);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.routed, totals.outstanding), (10_000, 10_000));

		realise(OP_A, 10_003);
		let totals = Totals::<Test>::get();
		// Three units beyond the slash, from rounding in the pools, are burnt and counted.
		assert_eq!((totals.slashed, totals.routed, totals.outstanding), (20_003, 20_003, 0));
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
			vec![Event::FundsRouted {
				slash: 0,
				reporter: 0,
				compensation: 400,
				treasury: 300,
				burned: 300
			}]
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
		let expected = |slash| Event::FundsRouted {
			slash,
			reporter: 0,
			compensation: 4_000,
			treasury: 3_000,
			burned: 3_000,
		};
		assert_eq!(slashing_events(), vec![expected(0), expected(1)]);
		assert_eq!((free(OP_A), free(OP_B)), (own_a, own_b));
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
				Event::FundsRouted { slash, reporter, compensation, treasury, burned } => {
					Some((slash, reporter + compensation + treasury + burned))
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
				Event::FundsRouted { reporter, compensation, treasury, .. } => {
					Some(reporter + compensation + treasury)
				},
				_ => None,
			})
			.sum();
		assert_eq!(Balances::total_issuance(), issuance + paid);
	});
}
