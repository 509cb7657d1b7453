//! The configuration of every pallet in the runtime, one `impl Config` each.

use bulwark_primitives::EraIndex;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	dynamic_params::{dynamic_pallet_params, dynamic_params},
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::limits::{BlockLength, BlockWeights};
use frame_system::EnsureRoot;
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{AccountIdConversion, Bounded},
	FixedPointNumber, FixedU128, Perbill, Perquintill,
};
use sp_version::RuntimeVersion;

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, OriginCaller, PalletInfo,
	Restaking, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, RuntimeTask, SecurityLease, Slashing, System, EXISTENTIAL_DEPOSIT, MICRO_UNIT,
	MILLI_UNIT, MINUTES, SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
};

/// The share of a block that normal (non-operational) transactions may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The largest block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per six-second block, leaving time to import and gossip it.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks, of which normal transactions may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDb.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// Authorities are fixed by governance, not by a session pallet, so there is no ownership proof to check.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fee per byte of an extrinsic.
	pub const TransactionByteFee: Balance = MICRO_UNIT / 10;
	/// Blocks are targeted to be a quarter full; fees rise above and fall below that.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the fee multiplier adapts (Polkadot's value).
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(3, 100_000);
	/// Fees never fall below a tenth of their base.
	pub MinimumMultiplier: Multiplier = Multiplier::saturating_from_rational(1, 10u128);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burnt until the chain has a treasury.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// Parameters governance changes with `Parameters::set_parameter` (each key by its own origin, see
/// `governance::DynamicParameterOrigin`) without a runtime upgrade. The defaults suit dev and test chains: an era
/// is a minute and an unbonding four, so a person can watch whole lifecycles.
#[dynamic_params(RuntimeParameters, pallet_parameters::Parameters::<Runtime>)]
pub mod dynamic_params {
	use super::*;

	/// Parameters of restaking.
	#[dynamic_pallet_params]
	#[codec(index = 0)]
	pub mod restaking {
		use super::*;

		/// Blocks per era.
		#[codec(index = 0)]
		pub static EraLength: BlockNumber = MINUTES;
		/// Smallest operator self-bond.
		#[codec(index = 1)]
		pub static MinOperatorBond: Balance = 1_000 * UNIT;
		/// Smallest delegation.
		#[codec(index = 2)]
		pub static MinDelegation: Balance = UNIT;
		/// Largest operator commission.
		#[codec(index = 3)]
		pub static MaxCommission: Perbill = Perbill::from_percent(50);
		/// Eras before a commission increase applies.
		#[codec(index = 4)]
		pub static CommissionChangeDelay: EraIndex = 2;
		/// Eras undelegated stake stays slashable before it can be withdrawn.
		#[codec(index = 5)]
		pub static UnbondingEras: EraIndex = 4;
		/// Whole eras, after the one it is announced in, before an allocation increase or a consumer's stricter
		/// slash policy applies: the notice stakers get to leave before a new risk (at least one era, whatever it
		/// is set to). A production chain sets days.
		#[codec(index = 6)]
		pub static AllocationDelay: EraIndex = 1;
		/// Eras before an allocation decrease applies.
		#[codec(index = 7)]
		pub static DeallocationDelay: EraIndex = 2;
		/// Largest sum of an operator's allocation fractions.
		#[codec(index = 8)]
		pub static MaxRestakingDegree: FixedU128 = FixedU128::from_u32(3);
		/// Deposit for registering an operator.
		#[codec(index = 9)]
		pub static OperatorDepositBase: Balance = UNIT;
		/// Deposit per byte of operator metadata.
		#[codec(index = 10)]
		pub static OperatorDepositPerByte: Balance = 10 * MILLI_UNIT;
	}

	/// Parameters of security leases.
	#[dynamic_pallet_params]
	#[codec(index = 1)]
	pub mod security_lease {
		use super::*;

		/// Price of one unit of security for one era, before the utilisation multiplier: 10,000 BWK of security
		/// cost 0.1 BWK an era.
		#[codec(index = 0)]
		pub static UnitPrice: FixedU128 = FixedU128::from_rational(1, 100_000);
		/// Largest utilisation multiplier of the price.
		#[codec(index = 1)]
		pub static MaxPriceMultiplier: FixedU128 = FixedU128::from_u32(4);
		/// Most a renewal may raise a lease's price per era.
		#[codec(index = 2)]
		pub static RenewalCap: Perbill = Perbill::from_percent(10);
		/// The protocol's share of each lease payment, paid to the treasury account.
		#[codec(index = 3)]
		pub static ProtocolShare: Perbill = Perbill::from_percent(10);
		/// Eras an unpaid lease stays in grace before it ends.
		#[codec(index = 4)]
		pub static GraceEras: EraIndex = 2;
		/// Largest share of a consumer's assigned security one operator may count for. All of it by default, so
		/// that a chain with one operator can serve a lease; governance lowers it as operators join.
		#[codec(index = 5)]
		pub static MaxOperatorShare: Perbill = Perbill::one();
		/// Utilisation of the restaked capacity above which prices rise, and below which they fall.
		#[codec(index = 6)]
		pub static TargetUtilisation: Perbill = Perbill::from_percent(50);
		/// Most the price multiplier moves in one era, relative to itself.
		#[codec(index = 7)]
		pub static MultiplierStep: Perbill = Perbill::from_percent(5);
		/// Fewest of an era's final heights an assigned operator must attest.
		#[codec(index = 8)]
		pub static MinAttestationRatio: Perbill = Perbill::from_percent(50);
		/// Deposit for registering a consumer.
		#[codec(index = 9)]
		pub static ConsumerDepositBase: Balance = UNIT;
		/// Deposit per byte of consumer metadata.
		#[codec(index = 10)]
		pub static ConsumerDepositPerByte: Balance = 10 * MILLI_UNIT;
		/// Deposit for each operator key.
		#[codec(index = 11)]
		pub static KeyDeposit: Balance = UNIT;
		/// Deposit a lease holds from its manager, times the price multiplier when it is requested.
		#[codec(index = 12)]
		pub static LeaseDeposit: Balance = 10 * UNIT;
		/// Eras a lease request may wait to activate before it expires.
		#[codec(index = 13)]
		pub static RequestExpiryEras: EraIndex = 10;
		/// Part of its deposit a lease that never activated loses when it ends.
		#[codec(index = 14)]
		pub static UnactivatedDepositBurn: Perbill = Perbill::from_percent(10);
		/// Least security a lease may ask for.
		#[codec(index = 15)]
		pub static MinLeaseSecurity: Balance = 1_000 * UNIT;
	}

	/// Parameters of slashing.
	#[dynamic_pallet_params]
	#[codec(index = 2)]
	pub mod slashing {
		use super::*;

		/// Fraction of the allocated stake slashed for an equivocation.
		#[codec(index = 0)]
		pub static EquivocationFraction: Perbill = Perbill::from_percent(10);
		/// Fraction slashed for downtime.
		#[codec(index = 1)]
		pub static DowntimeFraction: Perbill = Perbill::from_parts(1_000_000);
		/// Fraction slashed for a fault established by governance.
		#[codec(index = 2)]
		pub static GovernanceFaultFraction: Perbill = Perbill::from_percent(5);
		/// Largest fraction any slash may take, consumers' own policies included.
		#[codec(index = 3)]
		pub static MaxSlashFraction: Perbill = Perbill::from_percent(50);
		/// The reporter's share of slashed funds, never more than half of what the offender's own stake loses.
		#[codec(index = 4)]
		pub static ReporterShare: Perbill = Perbill::from_percent(10);
		// Index 5 was the consumer's compensation share: slashed money no longer reaches a consumer's escrow.
		/// The treasury's share of slashed funds, from which governance may compensate a harmed consumer; the rest
		/// is burnt.
		#[codec(index = 6)]
		pub static TreasuryShare: Perbill = Perbill::from_percent(70);
		/// Most of all restaked stake the slashes of one era may take before further ones wait for governance.
		#[codec(index = 7)]
		pub static MaxEraSlashFraction: Perbill = Perbill::from_percent(10);
		/// Least amount an offence must be able to slash to enter the queue: every slot of the queue costs its
		/// offender at least this much, so a self-report on a dust allocation suspends nobody for free.
		#[codec(index = 8)]
		pub static MinSlashAmount: Balance = UNIT;
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl Default for RuntimeParameters {
	fn default() -> Self {
		RuntimeParameters::Restaking(dynamic_params::restaking::Parameters::EraLength(
			dynamic_params::restaking::EraLength,
			Some(MINUTES),
		))
	}
}

impl pallet_parameters::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeParameters = RuntimeParameters;
	/// Per key: lease prices and periods on the `parameter_admin` track, restaking's and slashing's by Root only.
	type AdminOrigin = crate::governance::DynamicParameterOrigin;
	type WeightInfo = crate::weights::pallet_parameters::WeightInfo<Runtime>;
}

parameter_types! {
	pub const RestakingPalletId: PalletId = PalletId(*b"bwk/rstk");
}

impl pallet_restaking::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Consumers = SecurityLease;
	type OnEraStart = SecurityLease;
	/// Realised slashes go to the slashing pallet's pot and are routed from there.
	type SlashedFunds = Slashing;
	type PalletId = RestakingPalletId;
	type EraLength = dynamic_params::restaking::EraLength;
	type MinOperatorBond = dynamic_params::restaking::MinOperatorBond;
	type MinDelegation = dynamic_params::restaking::MinDelegation;
	type MaxCommission = dynamic_params::restaking::MaxCommission;
	type CommissionChangeDelay = dynamic_params::restaking::CommissionChangeDelay;
	type UnbondingEras = dynamic_params::restaking::UnbondingEras;
	/// The slashing pallet's veto window, so that unbonding stake stays liable until a late report's slash is due.
	type SlashDeferEras = <Runtime as pallet_slashing::Config>::SlashDeferEras;
	type AllocationDelay = dynamic_params::restaking::AllocationDelay;
	type DeallocationDelay = dynamic_params::restaking::DeallocationDelay;
	type MaxRestakingDegree = dynamic_params::restaking::MaxRestakingDegree;
	type OperatorDepositBase = dynamic_params::restaking::OperatorDepositBase;
	type OperatorDepositPerByte = dynamic_params::restaking::OperatorDepositPerByte;
	type MaxMetadataLen = ConstU32<256>;
	type MaxDelegationsPerStaker = ConstU32<16>;
	type MaxUnbondingChunks = ConstU32<8>;
	type MaxConsumersPerOperator = ConstU32<16>;
	type MaxAllocationChanges = ConstU32<8>;
	type WeightInfo = pallet_restaking::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const SecurityLeasePalletId: PalletId = PalletId(*b"bwk/leas");
	/// Receives the protocol's share of lease payments until the chain has a treasury pallet.
	pub TreasuryAccount: AccountId = PalletId(*b"bwk/trsy").into_account_truncating();
}

impl pallet_security_lease::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Eras = Restaking;
	type Stake = Restaking;
	type Rewards = Restaking;
	type TreasuryAccount = TreasuryAccount;
	type ProtocolShare = dynamic_params::security_lease::ProtocolShare;
	type GraceEras = dynamic_params::security_lease::GraceEras;
	type MaxOperatorShare = dynamic_params::security_lease::MaxOperatorShare;
	type TargetUtilisation = dynamic_params::security_lease::TargetUtilisation;
	type MultiplierStep = dynamic_params::security_lease::MultiplierStep;
	/// Five leases with 1,000 keys each take under half a block, with room for the spread between benchmark runs;
	/// with `MaxLeases`, an era's work takes at most 10 blocks, the dev chain's era (see `benchmarks/README.md`).
	type MaxConsumersPerBlock = ConstU32<5>;
	type MaxLeases = ConstU32<50>;
	type LeaseDeposit = dynamic_params::security_lease::LeaseDeposit;
	type RequestExpiryEras = dynamic_params::security_lease::RequestExpiryEras;
	type UnactivatedDepositBurn = dynamic_params::security_lease::UnactivatedDepositBurn;
	/// About 17 hours of one-minute dev eras; with a production era of a day, under three years.
	type MaxLeaseEras = ConstU32<1_000>;
	type MinLeaseSecurity = dynamic_params::security_lease::MinLeaseSecurity;
	/// Offences stay reportable while the offender's stake is unbonding: keys and consumers stay as long.
	type SlashableEras = dynamic_params::restaking::UnbondingEras;
	/// A key in force, one pending and those of the window, with room for governance to lengthen unbonding.
	type MaxKeyHistory = ConstU32<16>;
	/// Paid assignments kept as evidence, for an unbonding period of up to 28 eras (a week of 6-hour eras); a
	/// longer one is not checked when governance sets it yet (Hardening II, parameter checks).
	type EvidenceEras = ConstU32<28>;
	type Offences = Slashing;
	/// A consumer's slash policy history goes with it.
	type OnConsumerDeregistered = Slashing;
	type MinAttestationRatio = dynamic_params::security_lease::MinAttestationRatio;
	type MaxHeightsPerEra = ConstU32<64>;
	/// Force-ending a lease: the `lease_admin` track, or Root.
	type GovernanceOrigin =
		frame_support::traits::EitherOf<EnsureRoot<AccountId>, crate::governance::LeaseAdmin>;
	type PalletId = SecurityLeasePalletId;
	type ConsumerDepositBase = dynamic_params::security_lease::ConsumerDepositBase;
	type ConsumerDepositPerByte = dynamic_params::security_lease::ConsumerDepositPerByte;
	type KeyDeposit = dynamic_params::security_lease::KeyDeposit;
	type UnitPrice = dynamic_params::security_lease::UnitPrice;
	type MaxPriceMultiplier = dynamic_params::security_lease::MaxPriceMultiplier;
	type RenewalCap = dynamic_params::security_lease::RenewalCap;
	type MaxMetadataLen = ConstU32<256>;
	type MaxOperatorsPerLease = ConstU32<32>;
	type MaxKeysPerConsumer = ConstU32<1_000>;
	type WeightInfo = pallet_security_lease::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const SlashingPalletId: PalletId = PalletId(*b"bwk/slsh");
}

impl pallet_slashing::Config for Runtime {
	type Currency = Balances;
	type Eras = Restaking;
	type Stake = Restaking;
	type Target = Restaking;
	type Consumers = SecurityLease;
	/// Only operators the lease pallet records as serving a paid lease in the offence era can offend.
	type Service = SecurityLease;
	/// The mode and governance faults: Root (the `root` track, or sudo on the dev chain).
	type GovernanceOrigin = EnsureRoot<AccountId>;
	/// Cancelling, reducing and approving a slash: the `slash_veto` track, fast enough for the veto window, or Root.
	type VetoOrigin =
		frame_support::traits::EitherOf<EnsureRoot<AccountId>, crate::governance::SlashVeto>;
	type EquivocationFraction = dynamic_params::slashing::EquivocationFraction;
	type DowntimeFraction = dynamic_params::slashing::DowntimeFraction;
	type GovernanceFaultFraction = dynamic_params::slashing::GovernanceFaultFraction;
	type MaxSlashFraction = dynamic_params::slashing::MaxSlashFraction;
	/// One notice before new risk, for allocations and consumer policies alike.
	type RiskNotice = dynamic_params::restaking::AllocationDelay;
	/// The slashable window (4 eras, or up to 14 should governance lengthen it), and one policy announced.
	type MaxPolicyHistory = ConstU32<16>;
	/// Two eras of veto window; below `UnbondingEras` (4), so that stake cannot escape a pending slash.
	type SlashDeferEras = ConstU32<2>;
	type UnbondingEras = dynamic_params::restaking::UnbondingEras;
	type ReporterShare = dynamic_params::slashing::ReporterShare;
	type TreasuryShare = dynamic_params::slashing::TreasuryShare;
	type TreasuryAccount = TreasuryAccount;
	type MaxEraSlashFraction = dynamic_params::slashing::MaxEraSlashFraction;
	type PalletId = SlashingPalletId;
	/// A slash for every window an admissible offence can open: 50 leases x 32 operators x (28 eras of the
	/// lease pallet's record + 2 of veto window) = 48,000, as `integrity_test` requires.
	type MaxPendingSlashes = ConstU32<48_000>;
	/// 256 windows and pieces of evidence of an old era forgotten a block.
	type MaxPrunedPerBlock = ConstU32<256>;
	type MinSlashAmount = dynamic_params::slashing::MinSlashAmount;
	type MaxRoutesPerOperator = ConstU32<8>;
	/// 160 a block, 1,600 in a 10-block era: as many as the lease slots can serve pairs in an era, so that the
	/// pages keep up with what can fall due and slashes do not pile up in the queue (a slash applied late still
	/// takes what was at risk: restaking keeps an operator's history back to its oldest open offence era).
	type MaxSlashesPerBlock = ConstU32<160>;
	type WeightInfo = pallet_slashing::weights::SubstrateWeight<Runtime>;
}
