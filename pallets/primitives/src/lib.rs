//! # Bulwark primitives
//!
//! The types and traits through which the Bulwark pallets talk to each other. No pallet depends on another pallet:
//! each declares what it needs as an associated type bounded by a trait from this crate, and the runtime wires the
//! implementations together.
//!
//! - [`EraProvider`] and [`OnEraStart`]: the one era clock of the chain, owned by the restaking pallet.
//! - [`StakeProvider`]: what an operator has at stake, and for which consumer chain.
//! - [`RewardSink`]: where lease fees for an operator go.
//! - [`SlashTarget`]: how a proven fault lowers an operator's stake.
//! - [`OnSlashRealised`]: where slashed funds go once they are taken from a delegator's hold.
//! - [`ConsumerRegistry`]: which consumer chains exist.
//! - [`ReportOffence`]: how faults reach the slashing pallet.
//! - [`EraHistory`]: a value that changes at era boundaries, with the history the slashable window needs.
//!
//! It also holds the small helpers the pallets share: [`mul_div`], the deposit helpers [`byte_deposit`] and
//! [`set_hold`], and [`endow_existential`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod history;
pub use history::{EraHistory, HistoryError};

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::{DispatchError, DispatchResult, Perbill};

/// Index of an era, the unit of time of restaking, leases and slashing.
pub type EraIndex = u32;

/// Identifier of a consumer chain, like a `ParaId`.
pub type ConsumerId = u32;

/// The chain's era clock.
pub trait EraProvider {
	/// The era the chain is in now.
	fn current_era() -> EraIndex;

	/// Move the clock to `era`, for benchmarks of pallets that act on due eras.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_era_for_benchmarks(_era: EraIndex) {}
}

/// Notified when a new era starts.
///
/// Implementations must keep their own work bounded: what does not fit into the block is carried over.
pub trait OnEraStart {
	/// Era `era` has just started. Returns the weight consumed.
	fn on_era_start(era: EraIndex) -> Weight;
}

#[impl_trait_for_tuples::impl_for_tuples(8)]
impl OnEraStart for Tuple {
	fn on_era_start(era: EraIndex) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_era_start(era)); )* );
		weight
	}
}

/// Whether an operator may take part in new work.
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
pub enum OperatorStatus {
	/// Takes new allocations and assignments.
	Active,
	/// Chilled by itself: no new allocations or assignments; its stake stays slashable.
	Chilled,
	/// Suspended because of a pending slash: no new allocations, assignments or delegations.
	Suspended,
}

/// A read-only view of restaked stake.
pub trait StakeProvider<AccountId, Balance> {
	/// Stake of `operator` that `consumer` could slash for an offence committed in `era`: the operator's allocation to
	/// the consumer in force at `era`, times the pool and the unbonding sub-pools still liable for that era.
	fn slashable_stake(operator: &AccountId, consumer: ConsumerId, era: EraIndex) -> Balance;
	/// Total stake of `operator`'s pool, excluding unbonding stake.
	fn active_stake(operator: &AccountId) -> Balance;
	/// Total restaked stake of all operators, unbonding stake included.
	fn total_restaked() -> Balance;
	/// Status of `operator`, `None` if it is not registered.
	fn operator_status(operator: &AccountId) -> Option<OperatorStatus>;
	/// The era in which `operator`'s current suspension began, `None` if it is not suspended. An operator suspended
	/// after an era ended was not suspended during it: offences of that era are still reported.
	fn suspended_since(operator: &AccountId) -> Option<EraIndex>;
	/// What `delegator` would lose if `operator` were slashed `fraction` of its allocation to `consumer` for an
	/// offence in `offence_era`: its share of the pool and of its unbonding stake still liable for that era.
	fn delegator_slash_loss(
		operator: &AccountId,
		delegator: &AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> Balance;

	/// Make `operator` an active operator with about `stake` slashable for `consumer` in every era, for benchmarks of
	/// pallets that need operators.
	#[cfg(feature = "runtime-benchmarks")]
	fn setup_operator_for_benchmarks(
		_operator: &AccountId,
		_consumer: ConsumerId,
		_stake: Balance,
	) {
	}

	/// Give `operator` `count` delegators in all, for benchmarks whose cost may grow with them.
	#[cfg(feature = "runtime-benchmarks")]
	fn setup_delegators_for_benchmarks(_operator: &AccountId, _count: u32) {}
}

/// Receives lease fees for operators.
pub trait RewardSink<AccountId, Balance> {
	/// Pay `amount` from `payer` to `operator` for securing `consumer` during `era`. The operator takes its commission,
	/// the rest goes to its delegators pro rata.
	fn credit_reward(
		payer: &AccountId,
		operator: &AccountId,
		consumer: ConsumerId,
		era: EraIndex,
		amount: Balance,
	) -> DispatchResult;
}

/// Lowers an operator's stake for a proven fault.
pub trait SlashTarget<AccountId, Balance> {
	/// Slash `fraction` of the stake `operator` allocated to `consumer` at `offence_era`. The operator's pool and its
	/// unbonding sub-pools still liable for that era are lowered pro rata, in O(1) over delegators. Returns the amount
	/// slashed, which delegators' holds realise lazily.
	fn slash(
		operator: &AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> Result<Balance, DispatchError>;
	/// Worst-case weight of [`Self::slash`].
	fn slash_weight() -> Weight;
	/// Suspend `operator` while a slash is pending: no new allocations, assignments or delegations.
	fn suspend(operator: &AccountId) -> DispatchResult;
	/// Lift a suspension: the operator has no open slash left, so none of its stake stays liable.
	fn restore(operator: &AccountId) -> DispatchResult;
	/// While `operator` is suspended, tell the oldest offence era of its open (pending or held) slashes: its
	/// delegators' unbonding stake of that era or later stays liable and waits, older stake can be withdrawn.
	fn set_liable_from(operator: &AccountId, liable_from: Option<EraIndex>) -> DispatchResult;
}

/// Receives slashed funds as they are taken from delegators' holds.
pub trait OnSlashRealised<AccountId, Credit> {
	/// `credit` was taken from a delegator of `operator` for slashes of that operator.
	fn on_slash_realised(operator: &AccountId, credit: Credit);
	/// Worst-case weight of [`Self::on_slash_realised`], which callers that realise slashes add to their own.
	fn on_slash_realised_weight() -> Weight;
}

/// Dropping the credit burns it.
impl<AccountId, Credit> OnSlashRealised<AccountId, Credit> for () {
	fn on_slash_realised(_operator: &AccountId, _credit: Credit) {}
	fn on_slash_realised_weight() -> Weight {
		Weight::zero()
	}
}

/// Told when a consumer chain is deregistered, so that what other pallets keep for it goes with it.
pub trait OnConsumerDeregistered {
	/// `consumer` is gone for good: consumer ids are never reused.
	fn on_consumer_deregistered(consumer: ConsumerId);
}

impl OnConsumerDeregistered for () {
	fn on_consumer_deregistered(_consumer: ConsumerId) {}
}

/// Which consumer chains exist.
pub trait ConsumerRegistry {
	/// Whether `consumer` is registered.
	fn consumer_exists(consumer: ConsumerId) -> bool;

	/// Make `consumer` exist, for benchmarks of pallets that need one.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(_consumer: ConsumerId) {}
}

/// What other pallets may know of a consumer chain's accounts. Slashed money never reaches them: a manager could
/// withdraw it, or it would pay the consumer's operators, the offender among them.
pub trait ConsumerAccounts<AccountId> {
	/// The account that manages `consumer`, `None` if it is not registered.
	fn manager(consumer: ConsumerId) -> Option<AccountId>;
}

/// Which operators served which consumer in which era: the record that makes an offence admissible. An offence
/// harms a consumer only through service it paid for, so only an operator that an Active lease, paid for that
/// era, assigned can commit one; anything else could be made up by a consumer's manager and an operator together.
pub trait ServiceRecord<AccountId> {
	/// Whether `operator` was assigned to `consumer`'s lease in `era` while that lease was Active and paid for
	/// the era: `Some(true)` or `Some(false)` while the record of that era is kept, `None` once it is forgotten
	/// (the era left the kept window, or the consumer deregistered).
	fn served(consumer: ConsumerId, operator: &AccountId, era: EraIndex) -> Option<bool>;

	/// Most (consumer, operator) pairs the record can say served in one era: every lease slot, each with its
	/// most operators. With [`Self::kept_eras`] it bounds the offences that can be open at once, one per pair and
	/// era, so that a queue of slashes sized for it never turns an admissible report away.
	fn max_served_per_era() -> u32;

	/// Eras the record is kept for: [`Self::served`] answers `None` for an older one, so no offence of it is taken.
	fn kept_eras() -> EraIndex;

	/// Record that `operator` served `consumer` in `era`, for benchmarks of pallets that take offences in.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_served_for_benchmarks(_consumer: ConsumerId, _operator: &AccountId, _era: EraIndex) {}
}

/// Every consumer id exists: for chains and tests without a consumer registry.
pub struct AllConsumersExist;
impl ConsumerRegistry for AllConsumersExist {
	fn consumer_exists(_consumer: ConsumerId) -> bool {
		true
	}
}

/// Kinds of offence.
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
pub enum OffenceKind {
	/// Two different heads attested at one height.
	Equivocation,
	/// Too few final heads attested in an era.
	Downtime,
	/// A fault established by governance.
	GovernanceFault,
}

/// A fault of an operator against a consumer chain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Offence<AccountId> {
	/// The operator at fault.
	pub offender: AccountId,
	/// The consumer chain harmed.
	pub consumer: ConsumerId,
	/// What happened.
	pub kind: OffenceKind,
	/// The era in which it happened.
	pub offence_era: EraIndex,
	/// Hash of the evidence; the same evidence is punished once.
	pub evidence: H256,
	/// Who reported it, to be rewarded.
	pub reporter: Option<AccountId>,
}

/// Takes offences in.
pub trait ReportOffence<AccountId, Balance> {
	/// Report `offence`.
	fn report_offence(offence: Offence<AccountId>) -> DispatchResult;

	/// The fraction of an offender's stake backing `consumer` that an offence of `kind` committed now would slash;
	/// zero while slashes are not being applied.
	fn slash_fraction(consumer: ConsumerId, kind: OffenceKind) -> Perbill;

	/// Whether an offence of `kind` in `era` by an operator with `stake` backing `consumer` puts enough at risk to
	/// be taken in, whatever the slashing mode: an operator too small to be punished for failing a consumer is not
	/// assigned to it.
	fn can_punish(consumer: ConsumerId, kind: OffenceKind, era: EraIndex, stake: Balance) -> bool;

	/// The most taking an equivocation in costs, for the weight of the calls that report one.
	fn report_equivocation_weight() -> Weight;
}

/// `a x b / c` with `rounding`, through 128 bits without overflow; zero when `c` is zero or the result does not fit.
pub fn mul_div<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
	a: B,
	b: B,
	c: B,
	rounding: sp_arithmetic::Rounding,
) -> B {
	use sp_runtime::{traits::Zero, SaturatedConversion};
	if c.is_zero() {
		return Zero::zero();
	}
	sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
		a.saturated_into(),
		b.saturated_into(),
		c.saturated_into(),
		rounding,
	)
	.map(|x| x.saturated_into())
	.unwrap_or_else(Zero::zero)
}

/// A deposit of `base` plus `per_byte` for each of `len` bytes stored.
pub fn byte_deposit<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
	base: B,
	per_byte: B,
	len: usize,
) -> B {
	use sp_runtime::SaturatedConversion;
	per_byte.saturating_mul(len.saturated_into()).saturating_add(base)
}

/// Mint into `who` what it lacks of the existential deposit, so that an account the pallets pay from or into
/// (a pot, the treasury) exists and can take transfers below the deposit. Returns whether it now has it.
pub fn endow_existential<
	AccountId: Eq,
	Currency: frame_support::traits::fungible::Mutate<AccountId>,
>(
	who: &AccountId,
) -> bool {
	use sp_runtime::{traits::Zero, Saturating};
	let missing = Currency::minimum_balance().saturating_sub(Currency::balance(who));
	missing.is_zero() || Currency::mint_into(who, missing).is_ok()
}

/// Move `who`'s hold for `reason` from `held` to `wanted`: hold the difference, or release it. A hold that cannot be
/// made fails with `cannot_hold`.
pub fn set_hold<AccountId, Currency: frame_support::traits::fungible::hold::Mutate<AccountId>>(
	reason: &Currency::Reason,
	who: &AccountId,
	held: Currency::Balance,
	wanted: Currency::Balance,
	cannot_hold: DispatchError,
) -> DispatchResult {
	use frame_support::traits::tokens::Precision;
	use sp_runtime::Saturating;
	if wanted > held {
		Currency::hold(reason, who, wanted.saturating_sub(held)).map_err(|_| cannot_hold)?;
	} else if wanted < held {
		Currency::release(reason, who, held.saturating_sub(wanted), Precision::BestEffort)?;
	}
	Ok(())
}
