use super::registry::register;
use crate::{
	mock::*, Error, Escrow, Event, Lease, LeaseStatus, LeaseTerms, Leases, Pallet, PriceMultiplier,
};
use frame_support::{assert_noop, assert_ok};
use sp_arithmetic::FixedU128;

fn terms() -> LeaseTerms<Balance> {
	LeaseTerms {
		security: 100_000,
		min_operators: 2,
		max_operators: 4,
		duration_eras: 10,
		max_price_per_era: 150,
		auto_renew: false,
	}
}

#[test]
fn a_request_pays_security_times_unit_price_times_multiplier() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		lease_events();
		assert_eq!(SecurityLease::quote(100_000), 100);
		PriceMultiplier::<Test>::put(FixedU128::from_rational(3, 2));
		assert_eq!(SecurityLease::quote(100_000), 150);
		set_era(3);
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms()));
		assert_eq!(
			lease_events(),
			vec![Event::LeaseRequested {
				consumer,
				terms: terms(),
				price_per_era: 150,
				deposit: 75
			}]
		);
		assert_eq!(
			Leases::<Test>::get(consumer),
			Some(Lease {
				terms: terms(),
				price_per_era: 150,
				status: LeaseStatus::Requested,
				requested_era: 3,
				eras_paid: 0,
				ending: false,
				deposit: 75,
				reserved: None,
				unpaid_eras: 0,
			})
		);
	});
}

#[test]
fn request_lease_errors() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		let request =
			|who, t| SecurityLease::request_lease(RuntimeOrigin::signed(who), consumer, t);
		assert_noop!(
			SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), 9, terms()),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(request(STRANGER, terms()), Error::<Test>::NotManager);
		for invalid in [
			LeaseTerms { security: 0, ..terms() },
			LeaseTerms { duration_eras: 0, ..terms() },
			LeaseTerms { min_operators: 0, ..terms() },
			LeaseTerms { min_operators: 5, ..terms() },
			LeaseTerms { max_operators: 9, ..terms() },
		] {
			assert_noop!(request(MANAGER, invalid), Error::<Test>::InvalidTerms);
		}
		assert_noop!(
			request(MANAGER, LeaseTerms { max_price_per_era: 99, ..terms() }),
			Error::<Test>::PriceAboveMax
		);
		assert_ok!(request(MANAGER, terms()));
		assert_noop!(request(MANAGER, terms()), Error::<Test>::LeaseExists);
	});
}

#[test]
fn top_up_pays_into_the_escrow_and_is_recorded() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		lease_events();
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 700));
		assert_eq!(
			lease_events(),
			vec![Event::ToppedUp { consumer, payer: STRANGER, amount: 700 }]
		);
		assert_eq!(free(Pallet::<Test>::escrow_account(consumer)), 700);
		assert_eq!(Escrow::<Test>::get(consumer).deposited, 700);
		assert_noop!(
			SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), 9, 700),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(
			SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, ENDOWMENT),
			Error::<Test>::PaymentFailed
		);
		// A first payment below the existential deposit cannot create the escrow account.
		let other = register();
		assert_noop!(
			SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), other, 4),
			Error::<Test>::PaymentFailed
		);
	});
}

#[test]
fn renewal_extends_the_term_and_caps_the_price_rise() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms()));
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 5, 200),
			Error::<Test>::NotActive
		);
		Leases::<Test>::mutate(consumer, |lease| {
			lease.as_mut().unwrap().status = LeaseStatus::Active
		});
		// As if it had been assigned its security.
		crate::LeasedSecurity::<Test>::put(terms().security);
		// Demand doubled the quote; a renewal pays at most 10% more.
		PriceMultiplier::<Test>::put(FixedU128::from_u32(2));
		lease_events();
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 5, 109),
			Error::<Test>::PriceAboveMax
		);
		assert_ok!(SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 5, 110));
		assert_eq!(
			lease_events(),
			vec![Event::LeaseRenewed { consumer, eras: 5, price_per_era: 110 }]
		);
		let lease = Leases::<Test>::get(consumer).unwrap();
		assert_eq!((lease.terms.duration_eras, lease.price_per_era), (15, 110));
		// When demand falls, the renewal pays the lower quote.
		PriceMultiplier::<Test>::put(FixedU128::from_u32(1));
		assert_ok!(SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 1, 110));
		assert_eq!(Leases::<Test>::get(consumer).unwrap().price_per_era, 100);
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 0, 110),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(STRANGER), consumer, 1, 110),
			Error::<Test>::NotManager
		);
		let other = register();
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), other, 1, 110),
			Error::<Test>::NoLease
		);
	});
}

#[test]
fn end_lease_marks_it_ending_and_force_end_refunds_at_once() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register();
		assert_noop!(
			SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer),
			Error::<Test>::NoLease
		);
		assert_noop!(
			SecurityLease::force_end_lease(RuntimeOrigin::root(), consumer),
			Error::<Test>::NoLease
		);
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms()));
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 900));
		lease_events();
		assert_ok!(SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer));
		assert_eq!(lease_events(), vec![Event::LeaseEnding { consumer }]);
		assert!(Leases::<Test>::get(consumer).unwrap().ending);
		assert_noop!(
			SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer),
			Error::<Test>::AlreadyEnding
		);
		assert_noop!(
			SecurityLease::end_lease(RuntimeOrigin::signed(STRANGER), consumer),
			Error::<Test>::NotManager
		);
		assert_noop!(
			SecurityLease::force_end_lease(RuntimeOrigin::signed(MANAGER), consumer),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			SecurityLease::force_end_lease(RuntimeOrigin::root(), 9),
			Error::<Test>::UnknownConsumer
		);
		let before = free(MANAGER);
		assert_ok!(SecurityLease::force_end_lease(RuntimeOrigin::root(), consumer));
		assert_eq!(
			lease_events(),
			vec![Event::LeaseEnded {
				consumer,
				reason: crate::EndReason::Forced,
				refunded: 900,
				deposit_burnt: 0
			}]
		);
		// Governance ended it: the whole deposit comes back with the escrow.
		assert_eq!(free(MANAGER), before + 900 + LeaseDeposit::get());
		assert_eq!(Escrow::<Test>::get(consumer).refunded, 900);
	});
}
