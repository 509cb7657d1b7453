use super::report;
use crate::{mock::*, Error, Event, KindFractions, Slashes};
use bulwark_primitives::OffenceKind;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

fn stricter() -> KindFractions {
	KindFractions {
		equivocation: Perbill::from_percent(40),
		downtime: Perbill::from_percent(2),
		governance_fault: Perbill::from_percent(10),
	}
}

#[test]
fn a_manager_makes_its_consumer_stricter_from_slash_defer_eras_on() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(Slashing::set_consumer_slash_policy(
			RuntimeOrigin::signed(MANAGER),
			CONSUMER,
			stricter()
		));
		assert_eq!(
			slashing_events(),
			vec![Event::ConsumerPolicySet { consumer: CONSUMER, fractions: stricter(), from: 2 }]
		);
		set_era(2);
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 1, 1, None));
		assert_ok!(report(OP_B, OffenceKind::Equivocation, 2, 2, None));
		assert_eq!(Slashes::<Test>::get(0).expect("slash").fraction, Perbill::from_percent(20));
		assert_eq!(Slashes::<Test>::get(1).expect("slash").fraction, Perbill::from_percent(40));
	});
}

#[test]
fn policy_errors() {
	ExtBuilder.build_and_execute(|| {
		assert_noop!(
			Slashing::set_consumer_slash_policy(RuntimeOrigin::signed(MANAGER), 3, stricter()),
			Error::<Test>::UnknownConsumer
		);
		assert_noop!(
			Slashing::set_consumer_slash_policy(
				RuntimeOrigin::signed(REPORTER),
				CONSUMER,
				stricter()
			),
			Error::<Test>::NotManager
		);
		let laxer = KindFractions { downtime: Perbill::zero(), ..stricter() };
		assert_noop!(
			Slashing::set_consumer_slash_policy(RuntimeOrigin::signed(MANAGER), CONSUMER, laxer),
			Error::<Test>::PolicyOutOfBounds
		);
		let too_strict = KindFractions { equivocation: Perbill::from_percent(60), ..stricter() };
		assert_noop!(
			Slashing::set_consumer_slash_policy(
				RuntimeOrigin::signed(MANAGER),
				CONSUMER,
				too_strict
			),
			Error::<Test>::PolicyOutOfBounds
		);
		assert_noop!(
			Slashing::set_consumer_slash_policy(RuntimeOrigin::none(), CONSUMER, stricter()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_slash_fraction_for_new_offences_follows_the_policy_in_force_and_the_mode() {
	use crate::SlashingMode;
	use bulwark_primitives::ReportOffence;
	let fraction =
		|kind| <Slashing as ReportOffence<AccountId, Balance>>::slash_fraction(CONSUMER, kind);
	ExtBuilder.build_and_execute(|| {
		assert_eq!(fraction(OffenceKind::Equivocation), Perbill::from_percent(20));
		assert_ok!(Slashing::set_consumer_slash_policy(
			RuntimeOrigin::signed(MANAGER),
			CONSUMER,
			stricter()
		));
		// The stricter policy counts only once it is in force.
		set_era(1);
		assert_eq!(fraction(OffenceKind::Equivocation), Perbill::from_percent(20));
		set_era(2);
		assert_eq!(fraction(OffenceKind::Equivocation), Perbill::from_percent(40));
		assert_eq!(fraction(OffenceKind::Downtime), Perbill::from_percent(2));
		// Capped by MaxSlashFraction.
		MaxSlashFraction::set(Perbill::from_percent(30));
		assert_eq!(fraction(OffenceKind::Equivocation), Perbill::from_percent(30));
		// Nothing is slashed outside Enabled.
		for mode in [SlashingMode::LogOnly, SlashingMode::Disabled] {
			assert_ok!(Slashing::set_slashing_mode(RuntimeOrigin::root(), mode));
			assert_eq!(fraction(OffenceKind::Equivocation), Perbill::zero());
		}
	});
}
