//! Governance by token holders: OpenGov referenda on tracks, each dispatching with an origin that has only its own
//! powers ([`origins`], [`tracks`]), voted with conviction, their calls stored as preimages and enacted by the
//! scheduler.

pub mod origins;
pub mod tracks;

use crate::{
	AccountId, Balance, Balances, BlockNumber, OriginCaller, Preimage, Referenda, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, System, MINUTES, UNIT,
};
use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, EitherOf, EqualPrivilegeOnly, LinearStoragePrice},
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::Perbill;

pub use origins::{
	LeaseAdmin, ParameterAdmin, ReferendumCanceller, ReferendumKiller, SlashVeto, Treasurer,
	WhitelistedCaller,
};

impl origins::pallet_custom_origins::Config for Runtime {}

parameter_types! {
	/// Scheduled calls may use 80% of a block's weight.
	pub MaximumSchedulerWeight: frame_support::weights::Weight =
		Perbill::from_percent(80) * crate::configs::RuntimeBlockWeights::get().max_block;
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeEvent = RuntimeEvent;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	/// Only referenda (through Root-privileged scheduling) and Root schedule calls.
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = frame_support::traits::ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

parameter_types! {
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = UNIT / 1_000;
}

impl pallet_preimage::Config for Runtime {
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	/// Noting a preimage holds a deposit for its bytes until it is unnoted or used.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// Votes stay locked one conviction period per doubling: 10 minutes on the dev chain.
	pub const VoteLockingPeriod: BlockNumber = 10 * MINUTES;
}

impl pallet_conviction_voting::Config for Runtime {
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type VoteLockingPeriod = VoteLockingPeriod;
	type MaxVotes = frame_support::traits::ConstU32<512>;
	type MaxTurnout =
		frame_support::traits::tokens::currency::ActiveIssuanceOf<Balances, Self::AccountId>;
	type Polls = Referenda;
	type BlockNumberProvider = System;
	type VotingHooks = ();
}

parameter_types! {
	pub const AlarmInterval: BlockNumber = 1;
	pub const SubmissionDeposit: Balance = 10 * UNIT;
	pub const UndecidingTimeout: BlockNumber = 60 * MINUTES;
}

impl pallet_referenda::Config for Runtime {
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = EnsureSigned<AccountId>;
	type CancelOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumCanceller>;
	type KillOrigin = EitherOf<EnsureRoot<AccountId>, ReferendumKiller>;
	/// Deposits of killed referenda are burnt until the chain has a treasury pallet.
	type Slash = ();
	type Votes = pallet_conviction_voting::VotesOf<Runtime>;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = frame_support::traits::ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// Who may set each dynamic parameter: lease prices and periods on the `parameter_admin` track; restaking's and
/// slashing's, which decide what stakers risk, only by Root (the `root` track, or sudo on the dev chain), a
/// stricter track.
pub struct DynamicParameterOrigin;
impl frame_support::traits::EnsureOriginWithArg<RuntimeOrigin, crate::configs::RuntimeParametersKey>
	for DynamicParameterOrigin
{
	type Success = ();

	fn try_origin(
		origin: RuntimeOrigin,
		key: &crate::configs::RuntimeParametersKey,
	) -> Result<Self::Success, RuntimeOrigin> {
		use crate::configs::RuntimeParametersKey as Key;
		use frame_support::traits::EnsureOrigin;
		match key {
			Key::SecurityLease(_) => {
				<EitherOf<EnsureRoot<AccountId>, ParameterAdmin> as EnsureOrigin<_>>::try_origin(
					origin,
				)
				.map(|_| ())
			},
			Key::Restaking(_) | Key::Slashing(_) => {
				<EnsureRoot<AccountId> as EnsureOrigin<_>>::try_origin(origin)
			},
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(
		_key: &crate::configs::RuntimeParametersKey,
	) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}
