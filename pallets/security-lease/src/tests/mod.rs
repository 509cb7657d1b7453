//! Unit tests, by topic. Every test runs through `ExtBuilder::build_and_execute`, which checks the invariants after it.
//! `attacks` holds one test per attack of the hardening issue, each performing the attack through the calls.

mod attacks;
mod attestation;
mod era;
mod genesis;
mod invariants;
mod keys;
mod leases;
mod property;
mod registry;

use crate::{mock::*, ConsumerKey, ConsumerSignature};
use sp_core::{ed25519, sr25519, Pair, H256};

/// Operator A signs with ed25519, B, C and D with sr25519, each from a seed of its own.
fn seed(operator: AccountId) -> [u8; 32] {
	[(operator - OP_A + 1) as u8; 32]
}

/// The key `operator` signs with.
pub fn key_of(operator: AccountId) -> ConsumerKey {
	match operator {
		OP_A => ConsumerKey::Ed25519(ed25519::Pair::from_seed(&seed(operator)).public().0),
		_ => ConsumerKey::Sr25519(sr25519::Pair::from_seed(&seed(operator)).public().0),
	}
}

/// `operator`'s signature over `payload` with the key of [`key_of`].
pub fn sign_payload(operator: AccountId, payload: &[u8]) -> ConsumerSignature {
	match operator {
		OP_A => {
			ConsumerSignature::Ed25519(ed25519::Pair::from_seed(&seed(operator)).sign(payload).0)
		},
		_ => ConsumerSignature::Sr25519(sr25519::Pair::from_seed(&seed(operator)).sign(payload).0),
	}
}

/// `operator`'s signature of `head` at `height` of `consumer` in `era`.
pub fn sign(
	operator: AccountId,
	consumer: u32,
	era: u32,
	height: u64,
	head: H256,
) -> ConsumerSignature {
	sign_payload(
		operator,
		&SecurityLease::signing_payload(consumer, era, height, head)
			.expect("a registered consumer"),
	)
}

/// `operator` attests `head` at `height` in the current era.
pub fn attest(
	operator: AccountId,
	consumer: u32,
	height: u64,
	head: H256,
) -> sp_runtime::DispatchResult {
	let era = MockEras::current_era();
	SecurityLease::attest(
		RuntimeOrigin::signed(operator),
		consumer,
		height,
		head,
		sign(operator, consumer, era, height, head),
	)
}

/// Give A, B and C 60,000, 50,000 and 30,000 of stake for `consumer`, and their keys from the next era.
pub fn stake_and_key_abc(consumer: u32) {
	for (operator, stake) in [(OP_A, 60_000), (OP_B, 50_000), (OP_C, 30_000)] {
		set_stake(operator, consumer, stake);
		frame_support::assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(operator),
			consumer,
			key_of(operator)
		));
	}
}

/// `voters` attest the heads of `heights` (head byte = height) in the current era.
pub fn finalize(consumer: u32, heights: core::ops::RangeInclusive<u64>, voters: &[AccountId]) {
	for height in heights {
		for voter in voters {
			frame_support::assert_ok!(attest(
				*voter,
				consumer,
				height,
				H256::repeat_byte(height as u8)
			));
		}
	}
}

use bulwark_primitives::EraProvider;
