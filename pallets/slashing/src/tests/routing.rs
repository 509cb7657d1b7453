use super::report;
use crate::{mock::*, Event, RouteCount, Routes, Totals};
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
		assert_eq!(RouteCount::<Test>::get(), 0);
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

#[test]
fn dust_left_unrealised_is_written_off() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(report(OP_B, OffenceKind::Downtime, 0, 1, None));
		run_to_era(2);
		// 1,000 slashed; 997 realised leaves 3, below the existential deposit of 5.
		realise(OP_B, 997);
		let totals = Totals::<Test>::get();
		assert_eq!((totals.routed, totals.outstanding, totals.written_off), (997, 0, 3));
		assert_eq!(RouteCount::<Test>::get(), 0);
	});
}
