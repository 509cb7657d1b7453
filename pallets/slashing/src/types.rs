//! Records of the slashing pallet.

use bulwark_primitives::{ConsumerId, EraIndex, OffenceKind};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// Identifier of a slash.
pub type SlashId = u32;

/// Whether slashes take effect.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum SlashingMode {
	/// Offences become slashes that are applied when due.
	#[default]
	Enabled,
	/// Offences become slashes, but when due they only emit what they would slash.
	LogOnly,
	/// Offences are refused.
	Disabled,
}

/// Where a slash is.
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
pub enum SlashState {
	/// Waiting for its due era; governance may cancel or reduce it.
	Pending,
	/// Due, but held by the correlated-slash breaker until governance approves it.
	Held,
}

/// A slash that has not been applied or cancelled yet.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PendingSlash<AccountId> {
	/// The operator to slash.
	pub offender: AccountId,
	/// The consumer harmed: only the offender's allocation to it is slashed.
	pub consumer: ConsumerId,
	/// What happened; the largest of the offences merged into this slash.
	pub kind: OffenceKind,
	/// The era of the offence.
	pub offence_era: EraIndex,
	/// Fraction of the allocated stake to slash: as reported, or as governance reduced it.
	pub fraction: Perbill,
	/// The largest fraction reported for its window. Only an offence above it raises the slash: a report of one
	/// no larger never undoes a reduction governance made.
	pub reported: Perbill,
	/// The era from which it is applied.
	pub due_era: EraIndex,
	/// Who reported it, to be rewarded.
	pub reporter: Option<AccountId>,
	/// Hash of the evidence.
	pub evidence: H256,
	/// Where it is.
	pub state: SlashState,
}

/// Slashed money still to come in from delegators' holds, and where it goes.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Route<AccountId, Balance> {
	/// Who reported the offence.
	pub reporter: Option<AccountId>,
	/// The most the reporter may still be paid from this slash: half of what the offender's own stake loses in
	/// it, less what it was paid so far (see the pallet's docs on the reporter's bound).
	pub reporter_due: Balance,
	/// What is still to be realised and routed.
	pub outstanding: Balance,
}

/// The largest fraction already slashed, or pending, for one (operator, consumer, era).
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
pub struct SlashWindow {
	/// The pending slash of the window, if any.
	pub pending: Option<SlashId>,
	/// The fraction applied so far.
	pub applied: Perbill,
}

/// A consumer's own fractions as stakers' software reads them: those in force now and a change announced.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct ConsumerPolicyView {
	/// The fractions in force now, governance's made stricter by the consumer's own.
	pub in_force: KindFractions,
	/// A policy announced, the first era it applies to and the fractions it puts in force then: a staker who
	/// undelegates before that era bears none of its new risk.
	pub pending: Option<(EraIndex, KindFractions)>,
}

/// A fraction for each kind of offence.
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
pub struct KindFractions {
	/// For equivocation.
	pub equivocation: Perbill,
	/// For downtime.
	pub downtime: Perbill,
	/// For a governance fault.
	pub governance_fault: Perbill,
}

impl KindFractions {
	/// The fraction for `kind`.
	pub fn of(&self, kind: OffenceKind) -> Perbill {
		match kind {
			OffenceKind::Equivocation => self.equivocation,
			OffenceKind::Downtime => self.downtime,
			OffenceKind::GovernanceFault => self.governance_fault,
		}
	}

	/// Whether every fraction is at least `other`'s.
	pub fn at_least(&self, other: &Self) -> bool {
		self.equivocation >= other.equivocation
			&& self.downtime >= other.downtime
			&& self.governance_fault >= other.governance_fault
	}

	/// The largest fraction.
	pub fn max(&self) -> Perbill {
		self.equivocation.max(self.downtime).max(self.governance_fault)
	}
}

/// A pending slash as clients see it, with what a delegator would lose from it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct PendingSlashView<AccountId, Balance> {
	/// Its id.
	pub id: SlashId,
	/// The slash.
	pub slash: PendingSlash<AccountId>,
	/// What it would take from the operator's allocated stake now.
	pub amount: Balance,
	/// What the delegator asked about would lose from it now.
	pub delegator_loss: Balance,
}

/// Counts and sums that reconcile: `applied + cancelled + pending == reported` and
/// `slashed == routed + outstanding + written_off`.
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
pub struct SlashTotals<Balance> {
	/// Slashes created from offences.
	pub reported: u32,
	/// Slashes applied (or logged, outside Enabled mode).
	pub applied: u32,
	/// Slashes cancelled by governance.
	pub cancelled: u32,
	/// Stake slashed.
	pub slashed: Balance,
	/// Slashed funds realised and routed: to reporters, to the treasury and burnt, nowhere else.
	pub routed: Balance,
	/// Of the routed funds, paid to reporters.
	pub to_reporters: Balance,
	/// Of the routed funds, paid to the treasury.
	pub to_treasury: Balance,
	/// Of the routed funds, burnt.
	pub burned: Balance,
	/// Slashed funds not realised yet.
	pub outstanding: Balance,
	/// Remainders below the existential deposit left unrealised when a route closed.
	pub written_off: Balance,
}
