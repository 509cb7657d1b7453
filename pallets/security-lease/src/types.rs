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
	/// The era the consumer's last lease ended in: evidence of the eras it was served stays reportable for the
	/// slashable window after that, so the consumer cannot deregister before.
	pub lease_ended: Option<EraIndex>,
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

/// Where a lease is in its life. Eras are paid in advance: at each era start an active lease reserves the era's
/// fee from its escrow, and only an era so paid gets attestations, finality and offences.
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
	/// Waiting for enough operators and security, and an escrow that pays the first era; expires after
	/// `RequestExpiryEras`.
	Requested,
	/// Served and paid for, era by era.
	Active,
	/// The escrow could not pay an era: the lease gets no finality until an era is paid again, and ends once
	/// more than `GraceEras` unpaid eras have accumulated.
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
	/// Deposit held from the manager while the lease exists; part of it is burnt if the lease never activates.
	pub deposit: Balance,
	/// The era whose fee is reserved in the escrow, and the amount: paid out at the next era start to the
	/// operators in proportion to the service they gave, the rest back to the escrow.
	pub reserved: Option<(EraIndex, Balance)>,
	/// Eras the escrow could not pay, over the lease's life: once more than `GraceEras` accumulate, it ends.
	pub unpaid_eras: EraIndex,
}

impl<Balance> Lease<Balance> {
	/// Whether `era` is paid for: only then does the lease get attestations, finality and offences.
	pub fn paid_for(&self, era: EraIndex) -> bool {
		self.reserved.as_ref().is_some_and(|(paid, _)| *paid == era)
	}
}

/// Money in and out of a consumer's escrow account, so that it always reconciles with the account's balance
/// (the balance may be higher: anyone can transfer into the account).
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

impl<Balance: sp_runtime::Saturating + Copy> EscrowLedger<Balance> {
	/// What the escrow should hold by the ledger.
	pub fn held(&self) -> Balance {
		self.deposited.saturating_sub(self.paid).saturating_sub(self.refunded)
	}
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

/// An operator's keys for a consumer: the one in force, a rotation waiting for the next era, and every key that was
/// in force at an era of the slashable window, so that its signatures stay verifiable as evidence.
pub type KeyHistory<MaxKeyHistory> = bulwark_primitives::EraHistory<ConsumerKey, MaxKeyHistory>;

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
	/// It was requested and never activated within `RequestExpiryEras`.
	RequestExpired,
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

/// An operator's signed statement that `head` is the consumer's block at `height`, made in `era`. The signature
/// covers [`attestation_payload`], which names the Bulwark chain and the consumer chain by their genesis hashes, so
/// a signature for one network is never evidence on another.
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

/// The bytes an operator signs to attest `head` at `height` of `consumer` in `era`: `chain` is the Bulwark chain's
/// genesis hash and `consumer_genesis` the consumer chain's.
pub fn attestation_payload(
	chain: H256,
	consumer: ConsumerId,
	consumer_genesis: H256,
	era: EraIndex,
	height: u64,
	head: H256,
) -> Vec<u8> {
	(b"bulwark/attest", chain, consumer, consumer_genesis, era, height, head).encode()
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

/// The attestations of one consumer height, all made in one era against that era's assignment.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxVoters))]
pub struct HeightVotes<AccountId, MaxVoters: Get<u32>> {
	/// The era the votes were made in; a vote in a later era on a height not final starts the count afresh.
	pub era: EraIndex,
	/// Each assigned operator's head, at most one each.
	pub votes: BoundedVec<(AccountId, H256), MaxVoters>,
	/// The head attested by two thirds of the assigned stake, once it is.
	pub finalized: Option<H256>,
}

impl<AccountId, MaxVoters: Get<u32>> Default for HeightVotes<AccountId, MaxVoters> {
	fn default() -> Self {
		Self { era: 0, votes: BoundedVec::default(), finalized: None }
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
	/// Operators of the current era's assignment that count now (not suspended).
	pub counted_operators: u32,
	/// Security they count for together.
	pub counted_security: Balance,
	/// Whether the lease is served below its terms now: fewer than `min_operators` counted operators, or less
	/// than `security`. Such an era is paid pro rata (see the pallet docs).
	pub under_served: bool,
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
