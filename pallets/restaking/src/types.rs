//! Records stored by the restaking pallet.

use crate::Config;
use bulwark_primitives::mul_div;
use bulwark_primitives::{ConsumerId, EraIndex, OperatorStatus};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*,
	traits::{fungible, tokens::Balance as BalanceT},
};
use scale_info::TypeInfo;
use sp_arithmetic::{FixedPointNumber, FixedU128, Rounding};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

/// Balance of the currency restaked.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Funds taken from a hold when a slash is realised.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// An operator's registration.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxMetadataLen))]
pub struct OperatorInfo<Balance, MaxMetadataLen: Get<u32>> {
	/// Share of rewards the operator keeps before its delegators are paid.
	pub commission: Perbill,
	/// A commission increase and the era from which it applies.
	pub pending_commission: Option<(Perbill, EraIndex)>,
	/// Free-form description (name, URL, contact).
	pub metadata: BoundedVec<u8, MaxMetadataLen>,
	/// Deposit held for the metadata.
	pub deposit: Balance,
	/// Chilled by itself: takes no new allocations or assignments.
	pub chilled: bool,
	/// The era in which the slashing pallet suspended the operator, while it has a slash pending or held; `None`
	/// when it is not suspended. A new offence during a suspension keeps the era it began in.
	pub suspended_since: Option<EraIndex>,
	/// The oldest offence era of the operator's open (pending or held) slashes, as the slashing pallet reports it;
	/// `None` when it has none. Unbonding chunks of this era or later may be liable to one of them and wait;
	/// older chunks are liable to none and can be withdrawn once matured.
	pub liable_from: Option<EraIndex>,
	/// Lease fees per share of the pool accumulated since registration, after commission.
	pub reward_per_share: FixedU128,
}

impl<Balance, MaxMetadataLen: Get<u32>> OperatorInfo<Balance, MaxMetadataLen> {
	/// Commission in force at `era`.
	pub fn commission_at(&self, era: EraIndex) -> Perbill {
		match self.pending_commission {
			Some((commission, from)) if era >= from => commission,
			_ => self.commission,
		}
	}

	/// Whether the operator takes new work.
	pub fn status(&self) -> OperatorStatus {
		if self.suspended_since.is_some() {
			OperatorStatus::Suspended
		} else if self.chilled {
			OperatorStatus::Chilled
		} else {
			OperatorStatus::Active
		}
	}
}

/// A pool of stake owned through shares: an operator's active pool, or one of its unbonding sub-pools.
///
/// A slash lowers `stake` and raises `unrealised` by the same amount, in O(1). The delegators' holds are lowered
/// lazily: settling a delegation takes the part of its hold that its shares no longer back and lowers `held` and
/// `unrealised` by it. Hence `held >= stake + unrealised` always, the difference being rounding dust in the
/// protocol's favour.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct StakePool<Balance> {
	/// Stake that backs the shares.
	pub stake: Balance,
	/// Shares issued.
	pub shares: Balance,
	/// Sum of the holds of the members, attributed to this pool.
	pub held: Balance,
	/// Slashed from `stake` but not yet taken from the members' holds.
	pub unrealised: Balance,
}

impl<Balance: BalanceT> StakePool<Balance> {
	/// Stake backing `shares`, rounded down.
	pub fn value_of(&self, shares: Balance) -> Balance {
		if self.shares.is_zero() {
			return Zero::zero();
		}
		mul_div(shares, self.stake, self.shares, Rounding::Down)
	}

	/// Shares `amount` of new stake buys, rounded down. One share per unit in an empty pool.
	pub fn shares_for(&self, amount: Balance) -> Balance {
		if self.shares.is_zero() || self.stake.is_zero() {
			return amount;
		}
		mul_div(amount, self.shares, self.stake, Rounding::Down)
	}

	/// Shares to burn to take `amount` of stake out, rounded up.
	pub fn shares_to_burn(&self, amount: Balance) -> Balance {
		if self.stake.is_zero() {
			return self.shares;
		}
		mul_div(amount, self.shares, self.stake, Rounding::Up)
	}

	/// Whether a slash has taken all stake while shares remain: no new stake may join such a pool.
	pub fn is_wiped(&self) -> bool {
		self.stake.is_zero() && !self.shares.is_zero()
	}

	/// Part of a member's hold (`held`, backing `shares`) that slashes have taken and that can be realised now.
	pub fn realisable(&self, shares: Balance, held: Balance) -> Balance {
		held.saturating_sub(self.value_of(shares)).min(self.unrealised)
	}

	/// Slash `fraction` of the stake, rounded down; returns the amount slashed.
	pub fn slash(&mut self, fraction: Perbill) -> Balance {
		let amount = fraction.mul_floor(self.stake);
		self.stake = self.stake.saturating_sub(amount);
		self.unrealised = self.unrealised.saturating_add(amount);
		amount
	}

	/// Whether nothing is left in the pool.
	pub fn is_empty(&self) -> bool {
		self.shares.is_zero() && self.held.is_zero() && self.stake.is_zero()
	}
}

/// Stake of a delegator waiting in an unbonding sub-pool.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct UnbondingChunk<Balance> {
	/// Era in which the stake was undelegated: the key of its sub-pool.
	pub era: EraIndex,
	/// Shares of the sub-pool.
	pub shares: Balance,
	/// Part of the delegator's hold attributed to this chunk.
	pub held: Balance,
}

/// A delegator's stake with one operator.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxChunks))]
pub struct Delegation<Balance, MaxChunks: Get<u32>> {
	/// Shares of the operator's active pool.
	pub shares: Balance,
	/// Part of the delegator's hold attributed to the active pool.
	pub held: Balance,
	/// The operator's `reward_per_share` when rewards were last accounted. Paying `shares x` the growth since,
	/// rounded down, never pays more than was credited.
	pub reward_snapshot: FixedU128,
	/// Rewards accounted but not yet paid.
	pub unclaimed: Balance,
	/// Stake waiting to be withdrawn, at most one chunk per era.
	pub unbonding: BoundedVec<UnbondingChunk<Balance>, MaxChunks>,
}

impl<Balance: BalanceT, MaxChunks: Get<u32>> Default for Delegation<Balance, MaxChunks> {
	fn default() -> Self {
		Self {
			shares: Zero::zero(),
			held: Zero::zero(),
			reward_snapshot: FixedU128::zero(),
			unclaimed: Zero::zero(),
			unbonding: BoundedVec::default(),
		}
	}
}

impl<Balance: BalanceT, MaxChunks: Get<u32>> Delegation<Balance, MaxChunks> {
	/// Rewards earned by the shares since they were last accounted.
	pub fn accrued(&self, reward_per_share: FixedU128) -> Balance {
		reward_per_share.saturating_sub(self.reward_snapshot).saturating_mul_int(self.shares)
	}

	/// Move accrued rewards to `unclaimed`; call before the shares change.
	pub fn accrue(&mut self, reward_per_share: FixedU128) {
		self.unclaimed = self.unclaimed.saturating_add(self.accrued(reward_per_share));
		self.reward_snapshot = reward_per_share;
	}

	/// Whether the record holds nothing and may be removed.
	pub fn is_empty(&self) -> bool {
		self.shares.is_zero()
			&& self.held.is_zero()
			&& self.unclaimed.is_zero()
			&& self.unbonding.is_empty()
	}

	/// Total hold attributed to this delegation.
	pub fn total_held(&self) -> Balance {
		self.unbonding.iter().fold(self.held, |acc, chunk| acc.saturating_add(chunk.held))
	}
}

/// An operator's allocation to one consumer: its fraction over time.
///
/// `changes` is sorted by era; the fraction in force at an era is that of the last change at or before it. Changes
/// in the future are pending; old ones are pruned once no offence can be reported for their eras.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
#[scale_info(skip_type_params(MaxChanges))]
pub struct ConsumerAllocation<MaxChanges: Get<u32>> {
	/// The consumer chain.
	pub consumer: ConsumerId,
	/// `(era from which it applies, fraction of the pool)`, sorted by era.
	pub changes: BoundedVec<(EraIndex, Perbill), MaxChanges>,
	/// The era the latest increase was announced to apply from: the notice its stakers were given. A later
	/// increase applies no sooner, even once that one was cancelled or replaced.
	pub notice_until: EraIndex,
}

impl<MaxChanges: Get<u32>> ConsumerAllocation<MaxChanges> {
	/// Fraction in force at `era`.
	pub fn fraction_at(&self, era: EraIndex) -> Perbill {
		self.changes
			.iter()
			.rev()
			.find(|(from, _)| *from <= era)
			.map(|(_, fraction)| *fraction)
			.unwrap_or_else(Perbill::zero)
	}

	/// The change not yet in force at `era`, if any.
	pub fn pending_at(&self, era: EraIndex) -> Option<(EraIndex, Perbill)> {
		self.changes.iter().rev().find(|(from, _)| *from > era).copied()
	}

	/// The largest fraction in force at `era` or scheduled after it: what counts towards the restaking degree.
	pub fn committed_at(&self, era: EraIndex) -> Perbill {
		self.changes
			.iter()
			.filter(|(from, _)| *from > era)
			.map(|(_, fraction)| *fraction)
			.fold(self.fraction_at(era), core::cmp::max)
	}

	/// Drop changes superseded before `horizon`, keeping the one in force at it.
	pub fn prune(&mut self, horizon: EraIndex) {
		let superseded = self.changes.iter().filter(|(from, _)| *from <= horizon).count();
		if superseded > 1 {
			let keep_from = superseded.saturating_sub(1);
			let kept: alloc::vec::Vec<_> = self.changes.iter().skip(keep_from).copied().collect();
			self.changes = BoundedVec::truncate_from(kept);
		}
	}

	/// Whether the allocation is zero at `horizon` and nothing is pending, so the record can go.
	pub fn is_spent(&self, horizon: EraIndex) -> bool {
		self.notice_until <= horizon
			&& self.changes.iter().all(|(from, fraction)| *from <= horizon && fraction.is_zero())
	}
}

/// An operator's pool as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PoolView<Balance> {
	/// Status of the operator.
	pub status: OperatorStatus,
	/// Commission in force now.
	pub commission: Perbill,
	/// Active stake.
	pub stake: Balance,
	/// Shares of the active pool.
	pub shares: Balance,
	/// Stake waiting in unbonding sub-pools.
	pub unbonding: Balance,
	/// Slashed stake not yet realised from holds, active and unbonding.
	pub unrealised: Balance,
	/// Sum of the operator's allocation fractions, 1 being all of its stake once.
	pub restaking_degree: FixedU128,
}

/// A delegation as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DelegationView<Balance> {
	/// Present value of the active shares, after slashes.
	pub value: Balance,
	/// Present value of the stake still unbonding, after slashes.
	pub unbonding: Balance,
	/// Value of unbonding stake that can be withdrawn now: matured, and, while the operator is suspended,
	/// unbonded at least `UnbondingEras` before the suspension began.
	pub withdrawable: Balance,
	/// Rewards that `claim_rewards` would pay now.
	pub pending_rewards: Balance,
	/// Hold backing this delegation, before slashes not yet realised.
	pub held: Balance,
}

/// One allocation of an operator as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct AllocationView<Balance> {
	/// The consumer chain.
	pub consumer: ConsumerId,
	/// Fraction of the pool in force now.
	pub fraction: Perbill,
	/// Stake that fraction amounts to now: the consumer's security and what it may slash.
	pub stake: Balance,
	/// A scheduled change: the era from which it applies and the new fraction.
	pub pending: Option<(EraIndex, Perbill)>,
}
