use super::registry::register;
use crate::{
	mock::*, Attestation, ConsumerKey, ConsumerSignature, Error, Event, LatestFinalized,
	LeaseTerms, Votes,
};
use bulwark_primitives::{OffenceKind, OperatorStatus};
use frame_support::{assert_noop, assert_ok};
use sp_core::{ed25519, sr25519, Pair, H256};

/// Operator A signs with ed25519, B and C with sr25519.
fn pairs() -> (ed25519::Pair, sr25519::Pair, sr25519::Pair) {
	(
		ed25519::Pair::from_seed(&[1; 32]),
		sr25519::Pair::from_seed(&[2; 32]),
		sr25519::Pair::from_seed(&[3; 32]),
	)
}

/// Consumer 0 with an active lease served by A (60,000), B (50,000) and C (30,000) in era 1.
fn active() -> u32 {
	let consumer = register();
	let terms = LeaseTerms {
		security: 100_000,
		min_operators: 2,
		max_operators: 4,
		duration_eras: 10,
		max_price_per_era: 150,
		auto_renew: false,
	};
	assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(MANAGER), consumer, terms));
	assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(STRANGER), consumer, 10_000));
	let (a, b, c) = pairs();
	let keys = [
		(OP_A, 60_000, ConsumerKey::Ed25519(a.public().0)),
		(OP_B, 50_000, ConsumerKey::Sr25519(b.public().0)),
		(OP_C, 30_000, ConsumerKey::Sr25519(c.public().0)),
	];
	for (operator, stake, key) in keys {
		set_stake(operator, consumer, stake);
		assert_ok!(SecurityLease::set_consumer_key(RuntimeOrigin::signed(operator), consumer, key));
	}
	start_era(1);
	lease_events();
	consumer
}

fn sign_a(consumer: u32, era: u32, height: u64, head: H256) -> ConsumerSignature {
	ConsumerSignature::Ed25519(
		pairs()
			.0
			.sign(&SecurityLease::signing_payload(consumer, era, height, head).expect("registered"))
			.0,
	)
}

fn sign_sr(
	pair: &sr25519::Pair,
	consumer: u32,
	era: u32,
	height: u64,
	head: H256,
) -> ConsumerSignature {
	ConsumerSignature::Sr25519(
		pair.sign(
			&SecurityLease::signing_payload(consumer, era, height, head).expect("registered"),
		)
		.0,
	)
}

fn head(byte: u8) -> H256 {
	H256::repeat_byte(byte)
}

/// `operator` (A, B or C) attests `head` at `height` in era 1, signed with its own key.
fn attest_as(
	operator: AccountId,
	consumer: u32,
	height: u64,
	head: H256,
) -> sp_runtime::DispatchResult {
	attest_in(1, operator, consumer, height, head)
}

/// `operator` (A, B or C) attests `head` at `height` in `era`, signed with its own key.
fn attest_in(
	era: u32,
	operator: AccountId,
	consumer: u32,
	height: u64,
	head: H256,
) -> sp_runtime::DispatchResult {
	let (_, b, c) = pairs();
	let signature = match operator {
		OP_A => sign_a(consumer, era, height, head),
		OP_B => sign_sr(&b, consumer, era, height, head),
		_ => sign_sr(&c, consumer, era, height, head),
	};
	SecurityLease::attest(RuntimeOrigin::signed(operator), consumer, height, head, signature)
}

/// A and B make `heights` final in `era`.
fn a_and_b_finalize_in(era: u32, consumer: u32, heights: core::ops::RangeInclusive<u64>) {
	for height in heights {
		assert_ok!(attest_in(era, OP_A, consumer, height, head(1)));
		assert_ok!(attest_in(era, OP_B, consumer, height, head(1)));
	}
}

/// A and B make `heights` final in era 1.
fn a_and_b_finalize(consumer: u32, heights: core::ops::RangeInclusive<u64>) {
	a_and_b_finalize_in(1, consumer, heights)
}

#[test]
fn a_head_is_final_once_two_thirds_of_the_assigned_stake_attest_it() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		let (_, b, c) = pairs();
		assert_ok!(SecurityLease::attest(
			RuntimeOrigin::signed(OP_A),
			consumer,
			5,
			head(1),
			sign_a(consumer, 1, 5, head(1))
		));
		assert_eq!(
			lease_events(),
			vec![Event::Attested { consumer, operator: OP_A, height: 5, head: head(1) }]
		);
		// 60,000 of 140,000 is not two thirds; C voting for another head does not help.
		assert_ok!(SecurityLease::attest(
			RuntimeOrigin::signed(OP_C),
			consumer,
			5,
			head(2),
			sign_sr(&c, consumer, 1, 5, head(2))
		));
		assert!(LatestFinalized::<Test>::get(consumer).is_none());
		lease_events();
		assert_ok!(SecurityLease::attest(
			RuntimeOrigin::signed(OP_B),
			consumer,
			5,
			head(1),
			sign_sr(&b, consumer, 1, 5, head(1))
		));
		assert_eq!(
			lease_events(),
			vec![
				Event::Attested { consumer, operator: OP_B, height: 5, head: head(1) },
				Event::HeadFinalized { consumer, era: 1, height: 5, head: head(1) }
			]
		);
		assert_eq!(LatestFinalized::<Test>::get(consumer), Some((5, head(1))));
		assert_eq!(Votes::<Test>::get(consumer, 5).finalized, Some(head(1)));
	});
}

#[test]
fn a_final_height_never_opens_a_new_vote_even_after_its_votes_are_pruned() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		let (_, b, _) = pairs();
		for (operator, signature) in
			[(OP_A, sign_a(consumer, 1, 5, head(1))), (OP_B, sign_sr(&b, consumer, 1, 5, head(1)))]
		{
			assert_ok!(SecurityLease::attest(
				RuntimeOrigin::signed(operator),
				consumer,
				5,
				head(1),
				signature
			));
		}
		assert_eq!(LatestFinalized::<Test>::get(consumer), Some((5, head(1))));
		// The votes of era 1 are pruned at the start of era 3.
		start_era(2);
		start_era(3);
		assert!(Votes::<Test>::get(consumer, 5).votes.is_empty());
		for height in [4, 5] {
			assert_noop!(
				SecurityLease::attest(
					RuntimeOrigin::signed(OP_A),
					consumer,
					height,
					head(2),
					sign_a(consumer, 3, height, head(2))
				),
				Error::<Test>::HeightFinal
			);
		}
		assert_ok!(SecurityLease::attest(
			RuntimeOrigin::signed(OP_A),
			consumer,
			6,
			head(2),
			sign_a(consumer, 3, 6, head(2))
		));
	});
}

#[test]
fn forged_wrong_key_wrong_consumer_and_replayed_attestations_are_rejected() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		let other = register();
		let (_, b, c) = pairs();
		let attest = |operator, signature| {
			SecurityLease::attest(RuntimeOrigin::signed(operator), consumer, 7, head(1), signature)
		};
		// Forged: not a signature at all.
		assert_noop!(
			attest(OP_B, ConsumerSignature::Sr25519([9; 64])),
			Error::<Test>::BadSignature
		);
		// Wrong key: C's signature offered by B.
		assert_noop!(
			attest(OP_B, sign_sr(&c, consumer, 1, 7, head(1))),
			Error::<Test>::BadSignature
		);
		// Wrong scheme for the key.
		assert_noop!(
			attest(OP_A, ConsumerSignature::Sr25519([0; 64])),
			Error::<Test>::BadSignature
		);
		// Wrong consumer: signed for another consumer.
		assert_noop!(attest(OP_B, sign_sr(&b, other, 1, 7, head(1))), Error::<Test>::BadSignature);
		// Another era: signed for era 0.
		assert_noop!(
			attest(OP_B, sign_sr(&b, consumer, 0, 7, head(1))),
			Error::<Test>::BadSignature
		);
		// Replayed.
		assert_ok!(attest(OP_B, sign_sr(&b, consumer, 1, 7, head(1))));
		assert_noop!(
			attest(OP_B, sign_sr(&b, consumer, 1, 7, head(1))),
			Error::<Test>::AlreadyAttested
		);
		// Not assigned.
		assert_noop!(
			attest(OP_D, sign_sr(&b, consumer, 1, 7, head(1))),
			Error::<Test>::NotAssigned
		);
		assert_noop!(
			SecurityLease::attest(
				RuntimeOrigin::signed(OP_B),
				other,
				7,
				head(1),
				sign_sr(&b, other, 1, 7, head(1))
			),
			Error::<Test>::NoLease
		);
	});
}

#[test]
fn attested_heights_per_era_are_bounded() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		// Each operator opens its stake's share of the era's eight heights, rounded up: A (60 of 140) 4, C (30) 2.
		for height in 1..=4 {
			assert_ok!(attest_as(OP_A, consumer, height, head(1)));
		}
		assert_noop!(attest_as(OP_A, consumer, 5, head(1)), Error::<Test>::HeightQuotaReached);
		for height in 5..=6 {
			assert_ok!(attest_as(OP_C, consumer, height, head(1)));
		}
		assert_noop!(attest_as(OP_C, consumer, 7, head(1)), Error::<Test>::HeightQuotaReached);
		for height in 7..=8 {
			assert_ok!(attest_as(OP_B, consumer, height, head(1)));
		}
		// B's quota (50 of 140: 3) is not used up, but the era's heights are.
		assert_noop!(attest_as(OP_B, consumer, 9, head(1)), Error::<Test>::TooManyHeights);
		// Votes are pruned two eras on.
		start_era(2);
		start_era(3);
		assert_eq!(Votes::<Test>::iter_prefix(consumer).count(), 0);
	});
}

#[test]
fn an_equivocation_is_reported_exactly_when_it_is_one() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		let (_, b, c) = pairs();
		let attestation = |pair: &sr25519::Pair, byte: u8| Attestation {
			era: 1,
			height: 9,
			head: head(byte),
			signature: sign_sr(pair, consumer, 1, 9, head(byte)),
		};
		let report = |first, second| {
			SecurityLease::report_equivocation(
				RuntimeOrigin::signed(STRANGER),
				consumer,
				OP_B,
				first,
				second,
			)
		};
		// The same head twice is no equivocation.
		assert_noop!(
			report(attestation(&b, 1), attestation(&b, 1)),
			Error::<Test>::NotEquivocation
		);
		// Different heights.
		let mut later = attestation(&b, 2);
		later.height = 10;
		later.signature = sign_sr(&b, consumer, 1, 10, head(2));
		assert_noop!(report(attestation(&b, 1), later), Error::<Test>::NotEquivocation);
		// Someone else's signature.
		assert_noop!(report(attestation(&b, 1), attestation(&c, 2)), Error::<Test>::BadSignature);
		assert_noop!(
			SecurityLease::report_equivocation(
				RuntimeOrigin::signed(STRANGER),
				consumer,
				OP_D,
				attestation(&b, 1),
				attestation(&b, 2)
			),
			Error::<Test>::NoKey
		);
		assert_ok!(report(attestation(&b, 1), attestation(&b, 2)));
		assert_eq!(
			lease_events(),
			vec![Event::EquivocationReported {
				consumer,
				operator: OP_B,
				height: 9,
				reporter: STRANGER
			}]
		);
		let reported = offences();
		assert_eq!(reported.len(), 1);
		assert_eq!(
			(reported[0].offender, reported[0].kind, reported[0].offence_era, reported[0].reporter),
			(OP_B, OffenceKind::Equivocation, 1, Some(STRANGER))
		);
		// Never twice, in either order: the intake refuses the same evidence in the same offence era.
		assert_noop!(
			report(attestation(&b, 2), attestation(&b, 1)),
			sp_runtime::DispatchError::Other("DuplicateEvidence")
		);
	});
}

#[test]
fn an_operator_that_misses_final_heights_commits_downtime() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		a_and_b_finalize(consumer, 1..=4);
		// C attests one of four final heights, below the 50% required.
		assert_ok!(attest_as(OP_C, consumer, 1, head(1)));
		lease_events();
		start_era(2);
		let reported = offences();
		assert_eq!(reported.len(), 1);
		assert_eq!(
			(reported[0].offender, reported[0].kind, reported[0].offence_era),
			(OP_C, OffenceKind::Downtime, 1)
		);
		assert!(lease_events().contains(&Event::DowntimeReported {
			consumer,
			operator: OP_C,
			era: 1,
			attested: 1,
			finalized: 4
		}));
	});
}

#[test]
fn a_suspended_operator_counts_for_nothing_at_once_and_again_when_restored() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		// B votes, then is suspended for a pending slash.
		assert_ok!(attest_as(OP_B, consumer, 5, head(1)));
		set_status(OP_B, OperatorStatus::Suspended);
		assert_noop!(attest_as(OP_B, consumer, 6, head(1)), Error::<Test>::OperatorSuspended);
		// Without B the security is 90,000: A's 60,000 is two thirds of it, and B's earlier vote adds nothing.
		lease_events();
		assert_ok!(attest_as(OP_A, consumer, 5, head(1)));
		assert_eq!(
			lease_events(),
			vec![
				Event::Attested { consumer, operator: OP_A, height: 5, head: head(1) },
				Event::HeadFinalized { consumer, era: 1, height: 5, head: head(1) }
			]
		);
		// Restored, B counts again: A alone is no longer enough.
		set_status(OP_B, OperatorStatus::Active);
		assert_ok!(attest_as(OP_A, consumer, 6, head(1)));
		assert_eq!(Votes::<Test>::get(consumer, 6).finalized, None);
		assert_ok!(attest_as(OP_B, consumer, 6, head(1)));
		assert_eq!(Votes::<Test>::get(consumer, 6).finalized, Some(head(1)));
	});
}

/// Attacker review of Hardening III: an operator suspended for a slash on one consumer (say its manager withheld
/// heads from it) could not attest on any other, and was then reported for downtime on all of them. A suspended
/// operator attests the heights others open: that counts against downtime, neither toward finality nor for pay. One
/// that stops attesting is reported, suspended or not.
#[test]
fn a_suspended_operator_that_keeps_attesting_is_not_reported_for_downtime() {
	ExtBuilder.build_and_execute(|| {
		let consumer = active();
		set_status(OP_C, OperatorStatus::Suspended);
		for height in 1..=4 {
			assert_ok!(attest_in(1, OP_A, consumer, height, head(1)));
			assert_ok!(attest_in(1, OP_B, consumer, height, head(1)));
			// Final already without C's stake; C's attestation is service all the same.
			assert_ok!(attest_in(1, OP_C, consumer, height, head(1)));
		}
		// C opens no height of its own: its stake counts for nothing.
		assert_noop!(attest_in(1, OP_C, consumer, 9, head(1)), Error::<Test>::OperatorSuspended);
		start_era(2);
		assert!(offences().is_empty());
		// Paid nothing for it: only A and B earned era 1's fee.
		assert!(rewards().iter().all(|(operator, ..)| *operator != OP_C));
		lease_events();
		// In era 2 C attests nothing, and is reported, suspended as it is.
		a_and_b_finalize_in(2, consumer, 5..=8);
		start_era(3);
		let reported: Vec<_> =
			offences().into_iter().map(|offence| (offence.offender, offence.offence_era)).collect();
		assert_eq!(reported, vec![(OP_C, 2)]);
	});
}
