use super::{attest, finalize, registry::register, stake_and_key_abc};
use crate::{
	era::cap_shares, mock::*, EndReason, Escrow, Event, LeaseStatus, LeaseTerms, LeasedSecurity,
	Leases, NextAssignments, Pallet, PriceMultiplier,
};
use bulwark_primitives::EraProvider;
use bulwark_primitives::OperatorStatus;
use frame_support::assert_ok;
use sp_arithmetic::FixedU128;

fn terms(duration_eras: u32, auto_renew: bool) -> LeaseTerms<Balance> {
	LeaseTerms {
		security: 100_000,
		min_operators: 2,
		max_operators: 4,
		duration_eras,
		max_price_per_era: 150,
		auto_renew,
	}
}

/// Consumer 0 with a lease of `terms`, `escrow` in its escrow, and operators A, B and C with keys from era 1 and
/// 60,000, 50,000 and 30,000 of stake allocated to it.
fn leased(terms: LeaseTerms<Balance>, escrow: Balance) -> u32 {
	let consumer = register();
	assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
	assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, escrow));
	stake_and_key_abc(consumer);
	lease_events();
	consumer
}

/// A, B and C attest and finalize two heights in the current era: full service.
fn serve(consumer: u32) {
	let era = MockEras::current_era() as u64;
	finalize(consumer, era * 10 + 1..=era * 10 + 2, &[OP_A, OP_B, OP_C]);
}

fn paid_events() -> Vec<Event<Test>> {
	lease_events()
		.into_iter()
		.filter(|event| {
			matches!(
				event,
				Event::LeasePaid { .. }
					| Event::LeaseActivated { .. }
					| Event::LeaseEnded { .. }
					| Event::LeaseInGrace { .. }
					| Event::LeaseRenewed { .. }
					| Event::EraReserved { .. }
			)
		})
		.collect()
}

/// Full service of an era whose 100 was reserved: 90 to operators pro rata 60:50:30 (38, 32, 19), 10 to the
/// protocol, and the rounding dust stays in the escrow.
fn paid_in_full(consumer: u32, era: u32) -> Event<Test> {
	Event::LeasePaid { consumer, era, amount: 99, protocol: 10, unearned: 1 }
}

#[test]
fn a_lease_lives_its_term_and_every_payment_reconciles_to_the_unit() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(3, false), 1_000);
		let treasury = free(Treasury::get());
		let manager = free(MANAGER);

		start_era(1);
		assert_eq!(
			paid_events(),
			vec![
				Event::EraReserved { consumer, era: 1, amount: 100 },
				Event::LeaseActivated { consumer, era: 1 }
			]
		);
		assert_eq!(LeasedSecurity::<Test>::get(), 100_000);
		let assignment = crate::Assignments::<Test>::get(consumer).unwrap();
		assert_eq!(
			assignment.operators.to_vec(),
			vec![(OP_A, 60_000), (OP_B, 50_000), (OP_C, 30_000)]
		);
		assert_eq!(assignment.security, 140_000);

		for era in 2..=3 {
			serve(consumer);
			start_era(era);
			assert_eq!(
				paid_events(),
				vec![
					paid_in_full(consumer, era - 1),
					Event::EraReserved { consumer, era, amount: 100 }
				]
			);
			assert_eq!(
				rewards(),
				vec![
					(OP_A, consumer, era - 1, 38),
					(OP_B, consumer, era - 1, 32),
					(OP_C, consumer, era - 1, 19)
				]
			);
		}
		serve(consumer);
		start_era(4);
		assert_eq!(
			paid_events(),
			vec![
				paid_in_full(consumer, 3),
				Event::LeaseEnded {
					consumer,
					reason: EndReason::Expired,
					refunded: 703,
					deposit_burnt: 0
				}
			]
		);
		assert!(Leases::<Test>::get(consumer).is_none());
		assert_eq!(LeasedSecurity::<Test>::get(), 0);
		assert_eq!(free(Treasury::get()), treasury + 30);
		assert_eq!(free(MANAGER), manager + 703 + LeaseDeposit::get());
		assert_eq!(free(Pallet::<Test>::escrow_account(consumer)), 0);
		let ledger = Escrow::<Test>::get(consumer);
		assert_eq!((ledger.deposited, ledger.paid, ledger.refunded), (1_000, 297, 703));
	});
}

#[test]
fn a_lease_without_enough_security_is_never_active_nor_paid_and_expires() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(3, false), 1_000);
		set_stake(OP_A, consumer, 30_000);
		set_stake(OP_B, consumer, 20_000);
		set_stake(OP_C, consumer, 0);
		let manager = free(MANAGER);
		start_era(1);
		start_era(2);
		assert_eq!(paid_events(), vec![]);
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Requested);
		// Requested in era 0, it expires at the start of era 3 and loses a fifth of its deposit.
		start_era(3);
		assert_eq!(
			paid_events(),
			vec![Event::LeaseEnded {
				consumer,
				reason: EndReason::RequestExpired,
				refunded: 1_000,
				deposit_burnt: 10
			}]
		);
		assert_eq!(free(MANAGER), manager + 1_000 + 40);
		assert_eq!(Escrow::<Test>::get(consumer).paid, 0);
	});
}

#[test]
fn an_era_with_less_security_than_requested_pays_in_proportion() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(5, false), 1_000);
		start_era(1);
		// Chilled operators are not assigned; B alone would exceed half of the security, so A stays.
		set_status(OP_C, OperatorStatus::Chilled);
		set_stake(OP_A, consumer, 40_000);
		set_stake(OP_B, consumer, 40_000);
		start_era(2);
		let next = NextAssignments::<Test>::get(consumer).unwrap();
		assert_eq!(next.security, 80_000);
		paid_events();
		serve(consumer);
		start_era(3);
		// Era 2 was served by the full assignment made at era 1; era 3 gets 80,000 of 100,000 and reserves 80.
		assert_eq!(
			paid_events(),
			vec![paid_in_full(consumer, 2), Event::EraReserved { consumer, era: 3, amount: 80 }]
		);
		finalize(consumer, 31..=32, &[OP_A, OP_B]);
		start_era(4);
		// 72 to A and B (36 each), 8 to the protocol.
		assert_eq!(
			paid_events()[0],
			Event::LeasePaid { consumer, era: 3, amount: 80, protocol: 8, unearned: 0 }
		);
	});
}

#[test]
fn an_escrow_that_cannot_pay_an_era_gives_no_finality_in_it_and_unpaid_eras_accumulate_to_the_end()
{
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(10, false), 150);
		start_era(1);
		paid_events();
		serve(consumer);
		start_era(2);
		// 51 left cannot pay era 2: the lease is in grace and era 2 is never served.
		assert_eq!(
			paid_events(),
			vec![paid_in_full(consumer, 1), Event::LeaseInGrace { consumer, era: 2 }]
		);
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Grace { since: 2 });
		frame_support::assert_noop!(
			attest(OP_A, consumer, 21, sp_core::H256::repeat_byte(21)),
			crate::Error::<Test>::LeaseNotPaid
		);
		// A top-up during grace pays the next era, which is served again.
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 100));
		start_era(3);
		assert_eq!(paid_events(), vec![Event::EraReserved { consumer, era: 3, amount: 100 }]);
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Active);
		serve(consumer);
		start_era(4);
		assert_eq!(
			paid_events(),
			vec![paid_in_full(consumer, 3), Event::LeaseInGrace { consumer, era: 4 }]
		);
		// Eras 2 and 4 were unpaid: the grace of two unpaid eras is used up, and the lease ends at the third.
		start_era(5);
		assert_eq!(
			paid_events(),
			vec![Event::LeaseEnded {
				consumer,
				reason: EndReason::Unpaid,
				refunded: 52,
				deposit_burnt: 0
			}]
		);
		// Every era that had finality was paid for: 1 and 3.
		assert_eq!(Escrow::<Test>::get(consumer).paid, 198);
	});
}

#[test]
fn auto_renew_renews_when_the_escrow_can_pay() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(1, true), 255);
		start_era(1);
		serve(consumer);
		start_era(2);
		assert_eq!(
			paid_events(),
			vec![
				Event::EraReserved { consumer, era: 1, amount: 100 },
				Event::LeaseActivated { consumer, era: 1 },
				paid_in_full(consumer, 1),
				Event::LeaseRenewed { consumer, eras: 1, price_per_era: 100 },
				Event::EraReserved { consumer, era: 2, amount: 100 },
			]
		);
		serve(consumer);
		start_era(3);
		// 57 left cannot pay another era: the lease expires instead of renewing.
		assert_eq!(
			paid_events(),
			vec![
				paid_in_full(consumer, 2),
				Event::LeaseEnded {
					consumer,
					reason: EndReason::Expired,
					refunded: 57,
					deposit_burnt: 0
				}
			]
		);
	});
}

#[test]
fn an_ended_lease_pays_its_last_era_and_ends_at_the_next_era_start() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(10, false), 1_000);
		start_era(1);
		assert_ok!(SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer));
		paid_events();
		serve(consumer);
		start_era(2);
		assert_eq!(
			paid_events(),
			vec![
				paid_in_full(consumer, 1),
				Event::LeaseEnded {
					consumer,
					reason: EndReason::Ended,
					refunded: 901,
					deposit_burnt: 0
				}
			]
		);
	});
}

#[test]
fn the_price_multiplier_follows_utilisation_within_bounds() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(100, false), 10_000);
		set_capacity(150_000);
		start_era(1);
		// Nothing was leased before era 1: idle capacity keeps the multiplier at its floor of 1.
		assert_eq!(PriceMultiplier::<Test>::get(), FixedU128::from_u32(1));
		start_era(2);
		// 100,000 of 150,000 leased is above the 50% target: +10% per era.
		assert_eq!(PriceMultiplier::<Test>::get(), FixedU128::from_rational(11, 10));
		assert_eq!(SecurityLease::quote(100_000), 110);
		for era in 3..40 {
			start_era(era);
		}
		assert_eq!(PriceMultiplier::<Test>::get(), FixedU128::from_u32(4));
		assert_ok!(SecurityLease::force_end_lease(RuntimeOrigin::root(), consumer));
		start_era(40);
		assert_eq!(PriceMultiplier::<Test>::get(), FixedU128::from_rational(36, 10));
	});
}

#[test]
fn era_work_is_spread_over_blocks_and_only_visits_leases() {
	ExtBuilder.build_and_execute(|| {
		let mut leased = Vec::new();
		for index in 0..8 {
			let consumer = register();
			// Three consumers without a lease cost nothing at era starts.
			if index % 3 != 1 {
				assert_ok!(SecurityLease::request_lease(
					RuntimeOrigin::signed(MANAGER),
					consumer,
					terms(4, false)
				));
				leased.push(consumer);
			}
		}
		lease_events();
		// Five leases, two a block.
		assert_eq!(start_era(1), 3);
		let mut assigned: Vec<u32> = lease_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::OperatorsAssigned { consumer, era: 2, .. } => Some(consumer),
				_ => None,
			})
			.collect();
		assigned.sort();
		assert_eq!(assigned, leased);
	});
}

#[test]
fn leases_are_bounded() {
	ExtBuilder.build_and_execute(|| {
		for _ in 0..6 {
			let consumer = register();
			assert_ok!(SecurityLease::request_lease(
				RuntimeOrigin::signed(MANAGER),
				consumer,
				terms(4, false)
			));
		}
		let consumer = register();
		frame_support::assert_noop!(
			SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms(4, false)),
			crate::Error::<Test>::TooManyLeases
		);
	});
}

#[test]
fn no_operator_counts_for_more_than_its_share() {
	ExtBuilder.build_and_execute(|| {
		let cap = |stakes: Vec<Balance>| {
			cap_shares::<Test>(
				stakes.into_iter().enumerate().map(|(i, s)| (i as AccountId, s)).collect(),
			)
			.into_iter()
			.map(|(_, s)| s)
			.collect::<Vec<_>>()
		};
		assert_eq!(cap(vec![50, 50]), vec![50, 50]);
		assert_eq!(cap(vec![90, 5, 5]), vec![10, 5, 5]);
		assert_eq!(cap(vec![60, 30, 10]), vec![40, 30, 10]);
		// One operator alone can never be within half of the total.
		assert_eq!(cap(vec![100]), Vec::<Balance>::new());
		MaxOperatorShare::set(sp_runtime::Perbill::from_percent(34));
		// 10 of 30 is within 34%; 20 of 50 would not be.
		assert_eq!(cap(vec![60, 30, 10]), vec![10, 10, 10]);
	});
}

/// Attacker review of Hardening III: anyone may send money to an escrow account by a plain transfer, and the
/// escrow then paid fees with it that its ledger had never counted in (`try_state` found it paying out more than
/// was deposited). Money sent that way is counted in as deposited before the escrow pays with it.
#[test]
fn an_escrow_pays_with_money_sent_to_it_by_plain_transfer() {
	ExtBuilder.build_and_execute(|| {
		// Enough for era 1 only; a plain transfer pays eras 2 and 3.
		let consumer = leased(terms(10, false), 100);
		let escrow = SecurityLease::escrow_account(consumer);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(STRANGER), escrow, 300));
		for era in 1..=3 {
			start_era(era);
			assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Active);
			serve(consumer);
		}
		start_era(4);
		let ledger = Escrow::<Test>::get(consumer);
		assert!(ledger.deposited >= 400, "{ledger:?}");
		assert!(ledger.paid <= ledger.deposited);
	});
}
