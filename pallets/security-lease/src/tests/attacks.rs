//! The attacks of "Hardening I" on the lease market and the evidence trail, each performed through the pallet's
//! calls and shown to fail. Each test is named after its attack.

use super::{attest, finalize, sign, sign_payload, stake_and_key_abc};
use crate::{
	attestation_payload, mock::*, Attestation, ConsumerKey, Consumers, EndReason, Error, Escrow,
	Event, HoldReason, LatestFinalized, LeaseStatus, LeaseTerms, Leases, Votes,
};
use bulwark_primitives::{OffenceKind, OperatorStatus};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_core::H256;

fn head(byte: u8) -> H256 {
	H256::repeat_byte(byte)
}

fn terms() -> LeaseTerms<Balance> {
	LeaseTerms {
		security: 100_000,
		min_operators: 2,
		max_operators: 4,
		duration_eras: 10,
		max_price_per_era: 1_000,
		auto_renew: false,
	}
}

/// A consumer registered by `manager`.
fn register_as(manager: AccountId) -> u32 {
	assert_ok!(SecurityLease::register_consumer(
		RuntimeOrigin::signed(manager),
		b"chain".to_vec(),
		H256::repeat_byte(7),
		0
	));
	crate::NextConsumerId::<Test>::get() - 1
}

/// A consumer of MANAGER leasing `terms` with `escrow`, served by A (60,000), B (50,000) and C (30,000), keyed
/// from era 1; era 1 has started.
fn leased(terms: LeaseTerms<Balance>, escrow: Balance) -> u32 {
	let consumer = register_as(MANAGER);
	assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
	if escrow > 0 {
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, escrow));
	}
	stake_and_key_abc(consumer);
	start_era(1);
	lease_events();
	consumer
}

/// `operator`'s attestation of `head` at `height` made in `era`.
fn signed(operator: AccountId, consumer: u32, era: u32, height: u64, head: H256) -> Attestation {
	Attestation { era, height, head, signature: sign(operator, consumer, era, height, head) }
}

fn report(
	consumer: u32,
	operator: AccountId,
	first: Attestation,
	second: Attestation,
) -> sp_runtime::DispatchResult {
	SecurityLease::report_equivocation(
		RuntimeOrigin::signed(STRANGER),
		consumer,
		operator,
		first,
		second,
	)
}

fn paid(events: &[Event<Test>]) -> Vec<Event<Test>> {
	events.iter().filter(|event| matches!(event, Event::LeasePaid { .. })).cloned().collect()
}

/// Attack 1: an account fills every lease slot with requests nobody can serve. They hold deposits, the slots'
/// price rises while they are full, and the requests expire after `RequestExpiryEras` with part of each deposit
/// burnt; then an honest consumer gets its slot.
#[test]
fn slot_squatting_with_requests_that_never_activate() {
	ExtBuilder.build_and_execute(|| {
		let squatted: Vec<u32> = (0..6).map(|_| register_as(STRANGER)).collect();
		let before = <Balances as Inspect<_>>::total_balance(&STRANGER);
		// Five operators of the four there are: these requests can never activate.
		let unservable =
			LeaseTerms { security: 1_000, min_operators: 5, max_operators: 8, ..terms() };
		for consumer in &squatted {
			assert_ok!(SecurityLease::request_lease(
				RuntimeOrigin::signed(STRANGER),
				*consumer,
				unservable
			));
		}
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::LeaseDeposit.into(), &STRANGER),
			6 * LeaseDeposit::get()
		);
		let honest = register_as(MANAGER);
		assert_noop!(
			SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), honest, terms()),
			Error::<Test>::TooManyLeases
		);
		// Full slots raise the price, and with it the deposit of the next request, every era.
		start_era(1);
		assert_eq!(SecurityLease::lease_deposit(), 55);
		start_era(2);
		assert_eq!(SecurityLease::lease_deposit(), 60);
		start_era(3);
		let expired: Vec<_> = lease_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::LeaseEnded {
					consumer,
					reason: EndReason::RequestExpired,
					deposit_burnt,
					..
				} => Some((consumer, deposit_burnt)),
				_ => None,
			})
			.collect();
		assert_eq!(expired.len(), 6);
		assert!(expired.iter().all(|(_, burnt)| *burnt == 10));
		assert_eq!(<Balances as Inspect<_>>::total_balance(&STRANGER), before - 60);
		assert_eq!(Balances::balance_on_hold(&HoldReason::LeaseDeposit.into(), &STRANGER), 0);
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), honest, terms()));
	});
}

/// Attack 2: a request whose terms can never be met (more operators than exist) has an assignment computed to check
/// its terms, but it pays nothing, so its heads are never attested and its operators never reported.
#[test]
fn free_finality_for_a_request_that_never_pays() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(LeaseTerms { min_operators: 4, ..terms() }, 10_000);
		let lease = Leases::<Test>::get(consumer).unwrap();
		assert_eq!(lease.status, LeaseStatus::Requested);
		assert!(!lease.paid_for(1));
		assert!(crate::Assignments::<Test>::get(consumer).is_some());
		for operator in [OP_A, OP_B, OP_C] {
			assert_noop!(attest(operator, consumer, 5, head(1)), Error::<Test>::LeaseNotPaid);
		}
		start_era(2);
		assert!(offences().is_empty());
		assert!(LatestFinalized::<Test>::get(consumer).is_none());
		assert_eq!(Escrow::<Test>::get(consumer).paid, 0);
		assert_eq!(free(SecurityLease::escrow_account(consumer)), 10_000);
	});
}

/// Attack 3: the escrow pays one era, skips the next and is topped up for the one after: the skipped era gets no
/// finality at all, and every era that had finality was paid.
#[test]
fn paying_every_other_era() {
	ExtBuilder.build_and_execute(|| {
		// The first era and the existential deposit.
		let consumer = leased(terms(), 105);
		finalize(consumer, 1..=2, &[OP_A, OP_B, OP_C]);
		start_era(2);
		assert!(lease_events().contains(&Event::LeaseInGrace { consumer, era: 2 }));
		assert_noop!(attest(OP_A, consumer, 21, head(21)), Error::<Test>::LeaseNotPaid);
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(MANAGER), consumer, 100));
		start_era(3);
		finalize(consumer, 31..=32, &[OP_A, OP_B, OP_C]);
		let finalized_eras: Vec<u32> = lease_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::HeadFinalized { era, .. } => Some(era),
				_ => None,
			})
			.collect();
		assert_eq!(finalized_eras, vec![3, 3]);
		start_era(4);
		// Eras 1 and 3 had finality and were paid 99 each (1 of rounding dust stays); era 2 had none.
		assert_eq!(Escrow::<Test>::get(consumer).paid, 198);
		assert_eq!(LatestFinalized::<Test>::get(consumer), Some((32, head(32))));
	});
}

/// Attack 4: operators of an era with no final head, and a suspended operator that attests nothing, are paid nothing;
/// what they did not earn stays in the consumer's escrow.
#[test]
fn paid_for_no_service() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		start_era(2);
		assert_eq!(
			paid(&lease_events()),
			vec![Event::LeasePaid { consumer, era: 1, amount: 0, protocol: 0, unearned: 100 }]
		);
		assert!(rewards().is_empty());
		// In era 2 C is suspended: A and B (110,000 of the 110,000 that count) make two heads final.
		set_status(OP_C, OperatorStatus::Suspended);
		assert_noop!(attest(OP_C, consumer, 21, head(21)), Error::<Test>::OperatorSuspended);
		finalize(consumer, 21..=22, &[OP_A, OP_B]);
		start_era(3);
		// A and B earn their shares of the 90; C earns nothing, and the protocol takes its share of what was
		// earned only: 10 x 110/140.
		assert_eq!(rewards(), vec![(OP_A, consumer, 2, 38), (OP_B, consumer, 2, 32)]);
		assert_eq!(
			paid(&lease_events()),
			vec![Event::LeasePaid { consumer, era: 2, amount: 77, protocol: 7, unearned: 23 }]
		);
		assert_eq!(Escrow::<Test>::get(consumer).paid, 77);
	});
}

/// Attack 5: an operator down on two consumers is suspended by the downtime report of the first one processed; it is
/// still reported on the second, since it was not suspended during the era it was down in.
#[test]
fn escaping_downtime_through_the_first_report() {
	ExtBuilder.build_and_execute(|| {
		suspend_on_report();
		let first = leased(terms(), 10_000);
		let second = register_as(MANAGER);
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), second, terms()));
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), second, 10_000));
		stake_and_key_abc(second);
		start_era(2);
		// Both active and paid in era 2; C attests nothing on either.
		for consumer in [first, second] {
			finalize(consumer, 1..=2, &[OP_A, OP_B]);
		}
		offences();
		start_era(3);
		let mut downtime: Vec<_> = offences()
			.into_iter()
			.map(|offence| (offence.offender, offence.consumer, offence.kind, offence.offence_era))
			.collect();
		// Whichever consumer is processed first, the other still reports C.
		downtime.sort_by_key(|(_, consumer, _, _)| *consumer);
		assert_eq!(
			downtime,
			vec![(OP_C, first, OffenceKind::Downtime, 2), (OP_C, second, OffenceKind::Downtime, 2)]
		);
	});
}

/// Attack 6: an operator signs two heads at one height, then rotates its key twice: the signatures stay verifiable with
/// the key that was in force when they were made, for the whole slashable window.
#[test]
fn rotating_keys_twice_to_make_an_equivocation_unprovable() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		let first = signed(OP_B, consumer, 1, 9, head(1));
		let second = signed(OP_B, consumer, 1, 9, head(2));
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_B),
			consumer,
			ConsumerKey::Sr25519([0xb1; 32])
		));
		start_era(2);
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(OP_B),
			consumer,
			ConsumerKey::Sr25519([0xb2; 32])
		));
		start_era(3);
		assert_eq!(
			SecurityLease::consumer_key(consumer, &OP_B, 3),
			Some(ConsumerKey::Sr25519([0xb2; 32]))
		);
		lease_events();
		assert_ok!(report(consumer, OP_B, first, second));
		let reported = offences();
		assert_eq!(
			(reported[0].offender, reported[0].kind, reported[0].offence_era),
			(OP_B, OffenceKind::Equivocation, 1)
		);
		assert!(lease_events().contains(&Event::EquivocationReported {
			consumer,
			operator: OP_B,
			height: 9,
			reporter: STRANGER
		}));
	});
}

/// Attack 7: a signature made for another Bulwark network (same consumer id, era and height: they all start at 0)
/// or for another consumer chain with the same id is paired with one made here: neither is evidence here.
#[test]
fn cross_network_replay_of_a_signature() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		let genesis = Consumers::<Test>::get(consumer).unwrap().genesis_hash;
		let here = signed(OP_B, consumer, 1, 9, head(1));
		let elsewhere = |chain: H256, consumer_genesis: H256| Attestation {
			era: 1,
			height: 9,
			head: head(2),
			signature: sign_payload(
				OP_B,
				&attestation_payload(chain, consumer, consumer_genesis, 1, 9, head(2)),
			),
		};
		let testnet = H256::repeat_byte(0xee);
		assert_ne!(testnet, SecurityLease::chain_genesis());
		assert_noop!(
			report(consumer, OP_B, here, elsewhere(testnet, genesis)),
			Error::<Test>::BadSignature
		);
		assert_noop!(
			report(consumer, OP_B, here, elsewhere(SecurityLease::chain_genesis(), head(0xcc))),
			Error::<Test>::BadSignature
		);
		// The consumer's genesis hash, which its signatures name, cannot be changed under them.
		assert_noop!(
			SecurityLease::update_consumer(
				RuntimeOrigin::signed(MANAGER),
				consumer,
				b"chain".to_vec(),
				head(0xcc),
				0
			),
			Error::<Test>::GenesisHashFixed
		);
		assert!(offences().is_empty());
	});
}

/// Attack 8: an honest operator signs the same head again (in a later era, after the height's votes were pruned): that
/// is never an equivocation. Two heads at one height in different eras are, committed in the later era, and
/// evidence older than the slashable window is refused.
#[test]
fn honest_re_signing_is_never_punished_and_the_offence_is_dated_by_its_later_signature() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		assert_ok!(attest(OP_B, consumer, 9, head(1)));
		start_era(2);
		start_era(3);
		// The votes of era 1 are pruned; B signs the same head again.
		assert!(Votes::<Test>::get(consumer, 9).votes.is_empty());
		assert_ok!(attest(OP_B, consumer, 9, head(1)));
		assert_noop!(
			report(
				consumer,
				OP_B,
				signed(OP_B, consumer, 1, 9, head(1)),
				signed(OP_B, consumer, 3, 9, head(1))
			),
			Error::<Test>::NotEquivocation
		);
		// Two heads, eras 1 and 2: the offence is committed in era 2, when the second was signed.
		assert_ok!(report(
			consumer,
			OP_B,
			signed(OP_B, consumer, 1, 10, head(1)),
			signed(OP_B, consumer, 2, 10, head(2))
		));
		assert_eq!(offences()[0].offence_era, 2);
		// At era 5, era 1 is outside the four-era window.
		start_era(4);
		start_era(5);
		assert_noop!(
			report(
				consumer,
				OP_B,
				signed(OP_B, consumer, 1, 11, head(1)),
				signed(OP_B, consumer, 3, 11, head(2))
			),
			Error::<Test>::EvidenceOutsideWindow
		);
	});
}

/// Attack 11: a manager whose operator equivocated ends the lease and deregisters at once, so that the keys (the
/// evidence) are deleted. The consumer must stay registered for the slashable window; once it is gone, no
/// offence can be reported for it and it has no final head.
#[test]
fn leaving_to_destroy_the_evidence() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		finalize(consumer, 1..=2, &[OP_A, OP_B, OP_C]);
		let first = signed(OP_B, consumer, 1, 9, head(1));
		let second = signed(OP_B, consumer, 1, 9, head(2));
		assert_ok!(SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer));
		start_era(2);
		assert!(Leases::<Test>::get(consumer).is_none());
		assert_noop!(
			SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer),
			Error::<Test>::EvidenceWindowOpen
		);
		assert_ok!(report(consumer, OP_B, first, second));
		for era in 3..=6 {
			start_era(era);
		}
		assert_ok!(SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer));
		assert!(LatestFinalized::<Test>::get(consumer).is_none());
		assert_noop!(report(consumer, OP_B, first, second), Error::<Test>::UnknownConsumer);
	});
}

/// Attack 12: a suspension leaves a lease with less security than it pays for: the view shows it at once, the next
/// assignment that falls short is announced, and that era's fee is reduced in proportion.
#[test]
fn silent_under_service() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		assert!(!SecurityLease::lease_view(consumer).unwrap().under_served);
		set_status(OP_A, OperatorStatus::Suspended);
		let view = SecurityLease::lease_view(consumer).unwrap();
		assert!(view.under_served);
		assert_eq!((view.counted_operators, view.counted_security), (2, 80_000));
		// Era 2's assignment was made an era ahead, with A; era 3's is without it: B and C, B capped at half.
		start_era(2);
		start_era(3);
		let events = lease_events();
		assert!(events.contains(&Event::LeaseUnderServed {
			consumer,
			era: 3,
			operators: 2,
			security: 60_000
		}));
		assert!(events.contains(&Event::EraReserved { consumer, era: 3, amount: 60 }));
	});
}

/// Attack 13: votes made in a later era on a height not final in its own era are counted afresh against that era's
/// assignment, not added to the old era's votes.
#[test]
fn late_votes_are_counted_in_the_era_they_are_made() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		assert_ok!(attest(OP_A, consumer, 5, head(1)));
		start_era(2);
		// B's 50,000 joined to A's vote of era 1 would be two thirds; alone in era 2 it is not.
		assert_ok!(attest(OP_B, consumer, 5, head(1)));
		assert_eq!(Votes::<Test>::get(consumer, 5).finalized, None);
		assert_eq!(Votes::<Test>::get(consumer, 5).era, 2);
		lease_events();
		assert_ok!(attest(OP_A, consumer, 5, head(1)));
		assert!(lease_events().contains(&Event::HeadFinalized {
			consumer,
			era: 2,
			height: 5,
			head: head(1)
		}));
		assert_eq!(crate::FinalHeights::<Test>::get(consumer, 2), 1);
	});
}

/// Attack 13: a renewal for very many eras would lock today's price for ever: the term left is bounded.
#[test]
fn renewing_for_ever_to_lock_the_price() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, u32::MAX, 1_000),
			Error::<Test>::TermTooLong
		);
		// Ten eras, one paid: 9 left, and 91 more reach the bound of 100.
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 92, 1_000),
			Error::<Test>::TermTooLong
		);
		assert_ok!(SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 91, 1_000));
		let other = register_as(MANAGER);
		assert_noop!(
			SecurityLease::request_lease(
				RuntimeOrigin::signed(MANAGER),
				other,
				LeaseTerms { duration_eras: 101, ..terms() }
			),
			Error::<Test>::TermTooLong
		);
	});
}

/// Attack 1: lease slots for nothing: a lease of a trifle of security would be quoted zero and hold a slot for free.
/// Prices round up, and a lease asks for at least `MinLeaseSecurity`.
#[test]
fn holding_a_slot_for_a_free_lease() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register_as(STRANGER);
		// A thousandth per unit: 999 units would have been quoted 0.
		assert_eq!(SecurityLease::quote(999), 1);
		assert_noop!(
			SecurityLease::request_lease(
				RuntimeOrigin::signed(STRANGER),
				consumer,
				LeaseTerms { security: 999, max_price_per_era: 0, ..terms() }
			),
			Error::<Test>::SecurityTooLow
		);
		assert_noop!(
			SecurityLease::request_lease(
				RuntimeOrigin::signed(STRANGER),
				consumer,
				LeaseTerms { security: 1_000, max_price_per_era: 0, ..terms() }
			),
			Error::<Test>::PriceAboveMax
		);
	});
}

/// Attack 3: paying every other era for ever would hold a slot at half price: unpaid eras accumulate over the lease's
/// life, and once its grace is used up the next unpaid era ends it.
#[test]
fn paying_every_other_era_to_hold_a_slot() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 105);
		let mut ended = None;
		for era in 1..=8u32 {
			if era > 1 {
				start_era(era);
				if lease_events().iter().any(|event| {
					matches!(event, Event::LeaseEnded { reason: EndReason::Unpaid, .. })
				}) {
					ended = Some(era);
					break;
				}
			}
			let lease = Leases::<Test>::get(consumer).expect("not ended");
			if lease.paid_for(era) {
				let first = u64::from(era) * 10 + 1;
				finalize(consumer, first..=first + 1, &[OP_A, OP_B, OP_C]);
			} else {
				// Topped up for one era after each unpaid one.
				assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(MANAGER), consumer, 100));
			}
		}
		// Unpaid in eras 2 and 4; era 6 is the third.
		assert_eq!(ended, Some(6));
	});
}

/// Attack 5: one assigned operator opens every height of an era with junk, so that honest heads cannot be attested and
/// nothing is final (and so nobody is reported for downtime). It may open only its stake's share of them (C: 30 of
/// 140, rounded up: 2 of 8); the others finalize.
#[test]
fn opening_every_height_with_junk_to_deny_finality() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		for height in 100..102 {
			assert_ok!(attest(OP_C, consumer, height, head(0xee)));
		}
		assert_noop!(attest(OP_C, consumer, 102, head(0xee)), Error::<Test>::HeightQuotaReached);
		finalize(consumer, 1..=4, &[OP_A, OP_B]);
		assert_eq!(LatestFinalized::<Test>::get(consumer), Some((4, head(4))));
	});
}

/// Attack 7: renewing, then letting the lease renew itself, would lock a price for longer than the bound: a renewal
/// starts a term of what was left plus the eras asked for, and auto-renewal repeats that term.
#[test]
fn renewing_then_auto_renewing_past_the_bound() {
	ExtBuilder.build_and_execute(|| {
		let consumer =
			leased(LeaseTerms { duration_eras: 100, auto_renew: true, ..terms() }, 10_000);
		// 99 eras left; one more reaches the bound, two do not fit.
		assert_noop!(
			SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 2, 1_000),
			Error::<Test>::TermTooLong
		);
		assert_ok!(SecurityLease::renew_lease(RuntimeOrigin::signed(MANAGER), consumer, 1, 1_000));
		let lease = Leases::<Test>::get(consumer).unwrap();
		assert_eq!((lease.terms.duration_eras, lease.eras_paid), (100, 0));
	});
}

/// Attack 12: governance ends a lease mid-era: the operators are still paid for the heads they finalized in it,
/// and only the rest of the era's fee goes back to the manager.
#[test]
fn a_forced_end_does_not_take_back_the_pay_of_service_given() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		finalize(consumer, 1..=2, &[OP_A, OP_B, OP_C]);
		let manager = free(MANAGER);
		assert_ok!(SecurityLease::force_end_lease(RuntimeOrigin::root(), consumer));
		assert_eq!(
			rewards(),
			vec![(OP_A, consumer, 1, 38), (OP_B, consumer, 1, 32), (OP_C, consumer, 1, 19)]
		);
		assert_eq!(Escrow::<Test>::get(consumer).paid, 99);
		assert_eq!(free(MANAGER), manager + 10_000 - 99 + LeaseDeposit::get());
	});
}

/// Attack 10: deregistering a consumer whose operators rotated keys frees every key of their histories.
#[test]
fn deregistering_frees_every_key_of_every_history() {
	ExtBuilder.build_and_execute(|| {
		let consumer = register_as(MANAGER);
		for era in 0..3 {
			set_era(era);
			for (operator, byte) in [(OP_A, 1u8), (OP_B, 2)] {
				assert_ok!(SecurityLease::set_consumer_key(
					RuntimeOrigin::signed(operator),
					consumer,
					ConsumerKey::Sr25519([byte * 10 + era as u8; 32])
				));
			}
		}
		assert_eq!(crate::KeyOwners::<Test>::iter_prefix(consumer).count(), 6);
		assert_ok!(SecurityLease::deregister_consumer(RuntimeOrigin::signed(MANAGER), consumer));
		assert_eq!(crate::KeyOwners::<Test>::iter_prefix(consumer).count(), 0);
		assert_eq!((free(OP_A), free(OP_B)), (ENDOWMENT, ENDOWMENT));
	});
}

/// Attacker review of Hardening I: the manager of a junk consumer that never paid for a lease, and an operator that
/// colludes with it (a key and an allocation there), make an equivocation up: the operator signs two heads, an alt
/// account reports them, and the slash of the operator's delegators' stake pays the reporter's share to the alt
/// and the compensation into the junk consumer's escrow, which is refunded to the manager. An equivocation counts
/// only against an operator that served the consumer in an era its lease paid for.
#[test]
fn making_up_equivocations_on_a_consumer_that_never_paid() {
	ExtBuilder.build_and_execute(|| {
		// A junk consumer with a request that can never activate (more operators than exist), keyed and staked.
		let junk = register_as(STRANGER);
		let impossible = LeaseTerms { min_operators: 4, ..terms() };
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(STRANGER), junk, impossible));
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), junk, 10_000));
		stake_and_key_abc(junk);
		start_era(1);
		start_era(2);
		assert_eq!(Leases::<Test>::get(junk).unwrap().status, LeaseStatus::Requested);
		lease_events();
		for era in [1, 2] {
			let first = signed(OP_B, junk, era, 9, head(1));
			let second = signed(OP_B, junk, era, 9, head(2));
			assert_noop!(
				report(junk, OP_B, first, second),
				Error::<Test>::NotServingInEvidenceEras
			);
		}
		// A consumer with no lease at all is no better. (`assert_noop` shows that no balance moved.)
		let bare = register_as(STRANGER);
		stake_and_key_abc(bare);
		start_era(3);
		let first = signed(OP_B, bare, 3, 9, head(1));
		let second = signed(OP_B, bare, 3, 9, head(2));
		assert_noop!(report(bare, OP_B, first, second), Error::<Test>::NotServingInEvidenceEras);
		assert!(offences().is_empty());
		assert!(!lease_events()
			.iter()
			.any(|event| matches!(event, Event::EquivocationReported { .. })));

		// The same signatures on a consumer whose lease paid the era, by an operator it assigned, are an offence.
		let paid = register_as(MANAGER);
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), paid, terms()));
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), paid, 10_000));
		stake_and_key_abc(paid);
		start_era(4);
		assert!(Leases::<Test>::get(paid).unwrap().paid_for(4));
		let first = signed(OP_B, paid, 4, 9, head(1));
		let second = signed(OP_B, paid, 4, 9, head(2));
		assert_ok!(report(paid, OP_B, first, second));
		assert_eq!(offences().len(), 1);
	});
}

/// Attack: an operator backs the consumer with too little for the intake to take its downtime in (less than
/// `MinSlashAmount` at risk), so that it would count towards the lease's terms, and be paid whenever it chose to
/// serve, with nothing to lose when it did not. It is not assigned: a lease asking for three operators does not
/// activate on it, and its attestations are refused, until it backs the consumer with stake its downtime would cost.
#[test]
fn serving_too_small_to_be_punished_for_downtime() {
	ExtBuilder.build_and_execute(|| {
		LEAST_PUNISHABLE_STAKE.with(|least| *least.borrow_mut() = 40_000);
		let consumer = leased(LeaseTerms { min_operators: 3, ..terms() }, 10_000);
		let assignment = crate::Assignments::<Test>::get(consumer).unwrap();
		assert!(assignment.operators.iter().all(|(operator, _)| *operator != OP_C));
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Requested);
		assert_noop!(attest(OP_C, consumer, 5, head(1)), Error::<Test>::LeaseNotPaid);
		assert_eq!(Escrow::<Test>::get(consumer).paid, 0);

		// Assignments are made an era ahead: era 3's is the first to count C.
		set_stake(OP_C, consumer, 45_000);
		start_era(2);
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Requested);
		start_era(3);
		assert_eq!(Leases::<Test>::get(consumer).unwrap().status, LeaseStatus::Active);
		let assignment = crate::Assignments::<Test>::get(consumer).unwrap();
		assert!(assignment.operators.iter().any(|(operator, _)| *operator == OP_C));
		assert_ok!(attest(OP_C, consumer, 5, head(1)));
	});
}

/// Hardening III, attack 1 (admissibility): an equivocation is provable only from two signatures made for eras in
/// which the operator served the consumer's paid lease. A signature for an era it was not assigned in harmed
/// nobody; with one such signature an operator and a manager could make an offence up in any era they liked.
#[test]
fn equivocating_with_a_signature_of_an_era_not_served() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		let assigned = |operator| {
			crate::Assignments::<Test>::get(consumer).is_some_and(|assignment| {
				assignment.operators.iter().any(|(op, _)| *op == operator)
			})
		};
		assert!(assigned(OP_B));
		// B takes its stake away: assignments are made an era ahead, so it still serves era 2, not era 3.
		set_stake(OP_B, consumer, 0);
		start_era(2);
		assert!(assigned(OP_B));
		start_era(3);
		assert!(!assigned(OP_B));
		assert!(Leases::<Test>::get(consumer).unwrap().paid_for(3));
		// Its key is still in force, so it can sign for era 3, but that signature proves nothing against it.
		let served = signed(OP_B, consumer, 1, 9, head(1));
		let not_served = signed(OP_B, consumer, 3, 9, head(2));
		assert_noop!(
			report(consumer, OP_B, served, not_served),
			Error::<Test>::NotServingInEvidenceEras
		);
		assert_noop!(
			report(consumer, OP_B, not_served, served),
			Error::<Test>::NotServingInEvidenceEras
		);
		assert!(offences().is_empty());
		// Two signatures of eras it served are an offence.
		assert_ok!(report(consumer, OP_B, served, signed(OP_B, consumer, 2, 9, head(2))));
		assert_eq!(offences().len(), 1);
	});
}

/// Hardening III, attack 5: an operator has itself reported for a fault in era 2 (or in the last block of era 1), so
/// that it is suspended and its downtime is skipped on every consumer. A suspension excuses no downtime: a suspended
/// operator can still attest, and one that does not is reported for the era it was suspended in and every later one.
#[test]
fn escaping_downtime_through_a_self_suspension() {
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		start_era(2);
		// C is suspended during era 2 and attests nothing; A and B finalize.
		set_status(OP_C, OperatorStatus::Suspended);
		finalize(consumer, 1..=2, &[OP_A, OP_B]);
		offences();
		start_era(3);
		let downtime: Vec<_> = offences()
			.into_iter()
			.map(|offence| (offence.offender, offence.kind, offence.offence_era))
			.collect();
		assert_eq!(downtime, vec![(OP_C, OffenceKind::Downtime, 2)]);
		// Suspended for the whole of era 3, it could have attested, and is reported for it too.
		finalize(consumer, 3..=4, &[OP_A, OP_B]);
		start_era(4);
		let downtime: Vec<_> =
			offences().into_iter().map(|offence| (offence.offender, offence.offence_era)).collect();
		assert_eq!(downtime, vec![(OP_C, 3)]);
	});
}

/// The record of paid service that makes an offence admissible: an era is served by the operators an Active lease
/// paid for it assigned, and by nobody else; a consumer with no paid lease is served by nobody; a record is
/// forgotten once a later era takes its slot, or its consumer deregisters, and a forgotten record admits nothing.
#[test]
fn paid_service_is_recorded_for_paid_eras_and_forgotten_with_its_slot() {
	use bulwark_primitives::ServiceRecord;
	let served = |consumer, operator, era| {
		<SecurityLease as ServiceRecord<AccountId>>::served(consumer, &operator, era)
	};
	ExtBuilder.build_and_execute(|| {
		let consumer = leased(terms(), 10_000);
		let bare = register_as(STRANGER);
		assert_eq!(served(consumer, OP_A, 1), Some(true));
		assert_eq!(served(consumer, STRANGER, 1), Some(false));
		// Era 0 was not paid, and a consumer with no lease is served by nobody.
		assert_eq!(served(consumer, OP_A, 0), Some(false));
		assert_eq!(served(bare, OP_A, 1), Some(false));
		// EvidenceEras is 5 here: era 6 takes the slot of era 1.
		for era in 2..=6 {
			start_era(era);
		}
		assert_eq!(served(consumer, OP_A, 6), Some(true));
		assert_eq!(served(consumer, OP_A, 1), None);
		assert_eq!(served(consumer, OP_A, 2), Some(true));
		// Gone with its consumer.
		assert_ok!(SecurityLease::deregister_consumer(RuntimeOrigin::signed(STRANGER), bare));
		assert_eq!(served(bare, OP_A, 1), None);
		// A lease that stops paying leaves its last slots in place; they are forgotten all the same once
		// `EvidenceEras` old.
		assert_ok!(SecurityLease::end_lease(RuntimeOrigin::signed(MANAGER), consumer));
		for era in 7..=10 {
			start_era(era);
		}
		assert_eq!(served(consumer, OP_A, 6), Some(true));
		start_era(11);
		assert_eq!(served(consumer, OP_A, 6), None);
	});
}
