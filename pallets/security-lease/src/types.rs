//! Records stored by the security-lease pallet.

use crate::Config;
use alloc::vec::Vec;
use bulwark_primitives::ConsumerId;
use bulwark_primitives::EraIndex;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, traits::fungible};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// Balance of the currency leases are paid in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A registered consumer chain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxMetadataLen))]
pub struct ConsumerInfo<AccountId, Balance, MaxMetadataLen: Get<u32>> {
	/// The account that manages the consumer: it requests and ends leases and gets deposits and refunds back.
	pub manager: AccountId,
	/// Free-form description (name, RPC endpoints).
	pub metadata: BoundedVec<u8, MaxMetadataLen>,
	/// Genesis hash of the consumer chain.
	pub genesis_hash: H256,
	/// Value the consumer declares to be at risk if its security fails, for the cost-of-corruption view.
	pub value_at_risk: Balance,
	/// Deposit held from the manager for the stored bytes.
	pub deposit: Balance,
}

/// What a consumer asks for when it leases security.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct LeaseTerms<Balance> {
	/// Slashable stake the consumer wants behind it.
	pub security: Balance,
	/// Fewest operators the lease may be served by.
	pub min_operators: u32,
	/// Most operators the lease may be served by.
	pub max_operators: u32,
	/// Eras the lease runs once active.
	pub duration_eras: EraIndex,
	/// Highest price per era the consumer accepts.
	pub max_price_per_era: Balance,
	/// Whether the lease renews itself at the current price when it expires and the escrow can pay.
	pub auto_renew: bool,
}

/// Where a lease is in its life.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum LeaseStatus {
	/// Waiting for enough operators and security.
	Requested,
	/// Served and paid for, era by era.
	Active,
	/// Active, but the escrow could not pay an era: ends after `GraceEras` unless topped up.
	Grace {
		/// The first era that could not be paid.
		since: EraIndex,
	},
}

/// A consumer's lease.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Lease<Balance> {
	/// The terms requested.
	pub terms: LeaseTerms<Balance>,
	/// Price per era fixed when the lease was requested or last renewed.
	pub price_per_era: Balance,
	/// Where the lease is.
	pub status: LeaseStatus,
	/// The era the lease was requested in.
	pub requested_era: EraIndex,
	/// Eras paid so far in the current term.
	pub eras_paid: EraIndex,
	/// The manager ended the lease: it ends at the next era start.
	pub ending: bool,
}

/// Money in and out of a consumer's escrow account, so that it always reconciles with the account's balance.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct EscrowLedger<Balance> {
	/// Paid in with `top_up`.
	pub deposited: Balance,
	/// Paid out to operators and the treasury for eras served.
	pub paid: Balance,
	/// Paid back to the manager.
	pub refunded: Balance,
}

/// A public key an operator signs a consumer's heads with.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ConsumerKey {
	/// An ed25519 public key.
	Ed25519([u8; 32]),
	/// An sr25519 public key.
	Sr25519([u8; 32]),
}

/// An operator's key for a consumer, with a rotation waiting for the next era.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct OperatorKey {
	/// The key in force.
	pub current: Option<ConsumerKey>,
	/// A new key and the era from which it applies.
	pub next: Option<(ConsumerKey, EraIndex)>,
}

impl OperatorKey {
	/// The key in force at `era`.
	pub fn at(&self, era: EraIndex) -> Option<ConsumerKey> {
		match self.next {
			Some((key, from)) if era >= from => Some(key),
			_ => self.current,
		}
	}
}

/// Operators serving a consumer in one era.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxOperators))]
pub struct Assignment<AccountId, Balance, MaxOperators: Get<u32>> {
	/// The era served.
	pub era: EraIndex,
	/// Each operator with the stake it counts for: its slashable stake for the consumer, capped so that no
	/// operator exceeds `MaxOperatorShare` of `security`.
	pub operators: BoundedVec<(AccountId, Balance), MaxOperators>,
	/// Sum of the counted stakes.
	pub security: Balance,
}

/// Why a lease ended.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum EndReason {
	/// Its term ran out and it did not renew itself.
	Expired,
	/// The manager ended it.
	Ended,
	/// Its escrow could not pay for longer than the grace period.
	Unpaid,
	/// Governance ended it.
	Forced,
}

/// A signature by an operator's consumer key.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ConsumerSignature {
	/// By an ed25519 key.
	Ed25519([u8; 64]),
	/// By an sr25519 key.
	Sr25519([u8; 64]),
}

/// An operator's signed statement that `head` is the consumer's block at `height`, made in `era`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Attestation {
	/// The era it was made in.
	pub era: EraIndex,
	/// The consumer block height.
	pub height: u64,
	/// The consumer block hash.
	pub head: H256,
	/// The operator's signature over [`attestation_payload`].
	pub signature: ConsumerSignature,
}

/// The bytes an operator signs to attest `head` at `height` of `consumer` in `era`.
pub fn attestation_payload(
	consumer: ConsumerId,
	era: EraIndex,
	height: u64,
	head: H256,
) -> Vec<u8> {
	(b"bulwark/attest", consumer, era, height, head).encode()
}

impl ConsumerKey {
	/// Whether `signature` is this key's over `message`; a signature of the other scheme never is.
	pub fn verify(&self, message: &[u8], signature: &ConsumerSignature) -> bool {
		match (self, signature) {
			(ConsumerKey::Ed25519(key), ConsumerSignature::Ed25519(signature)) => {
				sp_io::crypto::ed25519_verify(
					&sp_core::ed25519::Signature::from_raw(*signature),
					message,
					&sp_core::ed25519::Public::from_raw(*key),
				)
			},
			(ConsumerKey::Sr25519(key), ConsumerSignature::Sr25519(signature)) => {
				sp_io::crypto::sr25519_verify(
					&sp_core::sr25519::Signature::from_raw(*signature),
					message,
					&sp_core::sr25519::Public::from_raw(*key),
				)
			},
			_ => false,
		}
	}
}

/// The attestations of one consumer height.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxVoters))]
pub struct HeightVotes<AccountId, MaxVoters: Get<u32>> {
	/// Each assigned operator's head, at most one each.
	pub votes: BoundedVec<(AccountId, H256), MaxVoters>,
	/// The head attested by two thirds of the assigned stake, once it is.
	pub finalized: Option<H256>,
}

impl<AccountId, MaxVoters: Get<u32>> Default for HeightVotes<AccountId, MaxVoters> {
	fn default() -> Self {
		Self { votes: BoundedVec::default(), finalized: None }
	}
}

/// A lease as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct LeaseView<Balance> {
	/// The lease record.
	pub lease: Lease<Balance>,
	/// What the escrow can pay and stay alive.
	pub escrow_available: Balance,
	/// Whole eras the escrow can pay at the lease's price.
	pub eras_covered: u32,
}

/// Operators serving a consumer in an era, as clients see them.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct AssignmentView<AccountId, Balance> {
	/// The era served.
	pub era: EraIndex,
	/// Each operator with the stake it counts for.
	pub operators: Vec<(AccountId, Balance)>,
	/// Sum of the counted stakes.
	pub security: Balance,
}

/// What corrupting a consumer would cost, beside what the consumer says is at risk.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct CorruptionView<Balance> {
	/// The value the consumer declared at risk.
	pub value_at_risk: Balance,
	/// Security assigned in the current era.
	pub assigned_security: Balance,
	/// Counted stake of the smallest set of assigned operators that can make a head final: two thirds of the stake
	/// of the assigned operators not suspended.
	pub corrupting_stake: Balance,
	/// The fraction an equivocation against this consumer would slash now, with its own policy; zero while
	/// slashing is not enabled.
	pub slash_fraction: Perbill,
	/// What that set would lose for making a wrong head final: `slash_fraction` of `corrupting_stake`.
	pub cost_of_corruption: Balance,
	/// Whether the cost of corruption is at least the value at risk.
	pub covered: bool,
}
