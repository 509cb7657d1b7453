use super::{report, set_policy};
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
fn a_manager_makes_its_consumer_stricter_after_the_notice() {
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

/// Hardening III, attack 3: a second policy change applied the stricter level of the first to the eras before it
/// took effect (the record kept only the policy in force and the next one). Every policy in force in the slashable
/// window is kept now: an offence is judged by the policy of its own era.
#[test]
fn a_stricter_policy_never_applies_to_the_past() {
	ExtBuilder.build_and_execute(|| {
		let first = KindFractions { equivocation: Perbill::from_percent(30), ..stricter() };
		// Announced in era 0, in force from era 2; the second, announced in era 3, from era 5.
		assert_ok!(set_policy(first));
		run_to_era(3);
		assert_ok!(set_policy(stricter()));
		run_to_era(5);
		// Governance's 20% before the first, 30% under it, 40% from the second on.
		for (era, percent) in [(1, 20), (2, 30), (4, 30), (5, 40)] {
			assert_eq!(
				Slashing::fraction_for(CONSUMER, OffenceKind::Equivocation, era),
				Perbill::from_percent(percent),
				"era {era}"
			);
		}
		let id = crate::NextSlashId::<Test>::get();
		assert_ok!(report(OP_A, OffenceKind::Equivocation, 2, 1, None));
		assert_eq!(Slashes::<Test>::get(id).expect("slash").fraction, Perbill::from_percent(30));
	});
}

/// Hardening III, attack 2 (notice): a manager raises its consumer's downtime fraction in the era in which it
/// withholds blocks from an operator. The stricter fraction applies only after the notice: the downtime of that era
/// and of the notice is judged by governance's fraction.
#[test]
fn a_raised_downtime_fraction_cannot_reach_the_era_it_is_raised_in() {
	ExtBuilder.build_and_execute(|| {
		run_to_era(2);
		let raised = KindFractions { downtime: MaxSlashFraction::get(), ..stricter() };
		assert_ok!(set_policy(raised));
		run_to_era(4);
		for (byte, era) in [(1, 2), (2, 3)] {
			let id = crate::NextSlashId::<Test>::get();
			assert_ok!(report(OP_B, OffenceKind::Downtime, era, byte, None));
			assert_eq!(Slashes::<Test>::get(id).expect("slash").fraction, DowntimeFraction::get());
		}
		let id = crate::NextSlashId::<Test>::get();
		assert_ok!(report(OP_C, OffenceKind::Downtime, 4, 3, None));
		assert_eq!(Slashes::<Test>::get(id).expect("slash").fraction, MaxSlashFraction::get());
	});
}

/// The notice is at least one whole era after the announcement's, whatever governance sets, fixed when the policy
/// is announced so that a later change of the parameter cannot shorten it, and announced by an event and the view
/// stakers' software reads.
#[test]
fn a_policy_gives_its_notice_and_stakers_can_see_it() {
	ExtBuilder.build_and_execute(|| {
		RiskNotice::set(0);
		assert_ok!(set_policy(stricter()));
		assert_eq!(
			slashing_events(),
			vec![Event::ConsumerPolicySet { consumer: CONSUMER, fractions: stricter(), from: 2 }]
		);
		RiskNotice::set(3);
		run_to_era(2);
		let first = KindFractions { equivocation: Perbill::from_percent(30), ..stricter() };
		assert_ok!(set_policy(first));
		assert_eq!(
			Slashing::consumer_policy(CONSUMER),
			crate::ConsumerPolicyView { in_force: stricter(), pending: Some((6, first)) }
		);
		// Governance shortens the notice: the policy announced still waits for era 6, even announced again.
		RiskNotice::set(1);
		slashing_events();
		assert_ok!(set_policy(first));
		assert_eq!(
			slashing_events(),
			vec![Event::ConsumerPolicySet { consumer: CONSUMER, fractions: first, from: 6 }]
		);
		run_to_era(5);
		assert_eq!(
			Slashing::fraction_for(CONSUMER, OffenceKind::Equivocation, 5),
			Perbill::from_percent(40)
		);
		run_to_era(6);
		assert_eq!(Slashing::consumer_policy(CONSUMER).pending, None);
		assert_eq!(Slashing::consumer_policy(CONSUMER).in_force, first);
	});
}

/// A manager may change its policy each time the last one comes into force: what the slashable window no longer
/// needs makes room. Should governance lengthen the window beyond what the history holds, a new policy waits
/// (`PolicyHistoryFull`) and none of the window's policies is lost.
#[test]
fn the_policy_history_keeps_the_slashable_window() {
	ExtBuilder.build_and_execute(|| {
		// With one era of notice, a policy announced in an even era is in force from the next even era, when the
		// next one is announced.
		RiskNotice::set(1);
		let level = |era: u32| KindFractions {
			equivocation: Perbill::from_percent(20 + era % 20),
			..stricter()
		};
		// The policy in force at `era`: announced two eras before the even era it falls in.
		let judged_by = |era: u32| level(era - era % 2 - 2).equivocation;
		for era in (0..20).step_by(2) {
			run_to_era(era);
			assert_ok!(set_policy(level(era)));
		}
		for era in 16..=19 {
			assert_eq!(
				Slashing::fraction_for(CONSUMER, OffenceKind::Equivocation, era),
				judged_by(era),
				"era {era}"
			);
		}
		// MaxPolicyHistory is 8: a window of 20 eras, ten policies, does not fit. The policies of the window stay.
		UnbondingEras::set(20);
		for era in (20..60).step_by(2) {
			run_to_era(era);
			if let Err(error) = set_policy(level(era)) {
				assert_eq!(error, Error::<Test>::PolicyHistoryFull.into());
				for past in era - 14..era {
					assert_eq!(
						Slashing::fraction_for(CONSUMER, OffenceKind::Equivocation, past),
						judged_by(past),
						"era {past}"
					);
				}
				return;
			}
		}
		panic!("a window of 20 eras fit in a history of 8");
	});
}

/// The view shows the fractions the slashes will use: governance's made stricter, at most `MaxSlashFraction`, for
/// a policy announced as for the one in force.
#[test]
fn the_policy_view_shows_the_fractions_slashes_will_use() {
	ExtBuilder.build_and_execute(|| {
		// Laxer than governance in downtime and governance faults: governance's fractions stand there.
		let announced = KindFractions {
			equivocation: Perbill::from_percent(35),
			downtime: DowntimeFraction::get(),
			governance_fault: GovernanceFaultFraction::get(),
		};
		assert_ok!(set_policy(announced));
		let governance = KindFractions {
			equivocation: EquivocationFraction::get(),
			downtime: DowntimeFraction::get(),
			governance_fault: GovernanceFaultFraction::get(),
		};
		assert_eq!(
			Slashing::consumer_policy(CONSUMER),
			crate::ConsumerPolicyView { in_force: governance, pending: Some((2, announced)) }
		);
		// Governance raises its downtime fraction: the view of the announced policy follows.
		DowntimeFraction::set(Perbill::from_percent(3));
		let pending = Slashing::consumer_policy(CONSUMER).pending.expect("announced");
		assert_eq!(pending.1.downtime, Perbill::from_percent(3));
	});
}

/// Attacker review of Hardening III: a consumer's policy history stayed behind when it deregistered, so that
/// registering, announcing and deregistering again and again grew storage with every deposit refunded. It goes
/// with its consumer.
#[test]
fn a_deregistered_consumers_policies_go_with_it() {
	ExtBuilder.build_and_execute(|| {
		assert_ok!(set_policy(stricter()));
		assert!(crate::ConsumerPolicies::<Test>::contains_key(CONSUMER));
		deregister_consumer(CONSUMER);
		assert!(!crate::ConsumerPolicies::<Test>::contains_key(CONSUMER));
	});
}
