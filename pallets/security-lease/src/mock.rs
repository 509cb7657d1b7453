//! A test runtime with balances and security leases; restaking is mocked.

use crate::{self as pallet_security_lease};
use bulwark_primitives::{
	ConsumerId, EraIndex, EraProvider, Offence, OffenceKind, OnEraStart, OperatorStatus,
	ReportOffence, RewardSink, StakeProvider,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Mutate, tokens::Preservation, Hooks},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_arithmetic::FixedU128;
use sp_runtime::{BuildStorage, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

/// Wide enough that escrow sub-accounts (`modl` + pallet id + consumer id) do not truncate to one account.
pub type AccountId = u128;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		SecurityLease: pallet_security_lease,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 5;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

thread_local! {
	static ERA: RefCell<EraIndex> = const { RefCell::new(0) };
	/// Operators and their status.
	static OPERATORS: RefCell<BTreeMap<AccountId, OperatorStatus>> = const { RefCell::new(BTreeMap::new()) };
	/// Slashable stake per (operator, consumer).
	static STAKE: RefCell<BTreeMap<(AccountId, ConsumerId), Balance>> = const { RefCell::new(BTreeMap::new()) };
	static CAPACITY: RefCell<Balance> = const { RefCell::new(1_000_000) };
	/// Rewards credited: (operator, consumer, era, amount).
	pub static REWARDS: RefCell<Vec<(AccountId, ConsumerId, EraIndex, Balance)>> = const { RefCell::new(Vec::new()) };
}

thread_local! {
	/// Offences reported.
	pub static OFFENCES: RefCell<Vec<Offence<AccountId>>> = const { RefCell::new(Vec::new()) };
	/// Evidence taken in, by offence era: the same evidence is refused twice, as the slashing pallet does.
	static EVIDENCE: RefCell<std::collections::BTreeSet<(EraIndex, sp_core::H256)>> = const { RefCell::new(std::collections::BTreeSet::new()) };
	/// Whether a reported offender is suspended at once, as the slashing pallet does.
	static SUSPEND_ON_REPORT: RefCell<bool> = const { RefCell::new(false) };
	/// The era each suspended operator was suspended in.
	static SUSPENDED_SINCE: RefCell<BTreeMap<AccountId, EraIndex>> = const { RefCell::new(BTreeMap::new()) };
	/// The fraction an equivocation against any consumer would slash.
	pub static EQUIVOCATION_FRACTION: RefCell<Perbill> = const { RefCell::new(Perbill::from_percent(10)) };
	/// Least stake backing a consumer whose downtime the intake takes in.
	pub static LEAST_PUNISHABLE_STAKE: RefCell<Balance> = const { RefCell::new(1) };
}

/// Records offences.
pub struct MockOffences;
impl ReportOffence<AccountId, Balance> for MockOffences {
	fn report_offence(offence: Offence<AccountId>) -> sp_runtime::DispatchResult {
		let fresh = EVIDENCE
			.with(|evidence| evidence.borrow_mut().insert((offence.offence_era, offence.evidence)));
		if !fresh {
			return Err(sp_runtime::DispatchError::Other("DuplicateEvidence"));
		}
		if SUSPEND_ON_REPORT.with(|suspend| *suspend.borrow()) {
			set_status(offence.offender, OperatorStatus::Suspended);
		}
		OFFENCES.with(|offences| offences.borrow_mut().push(offence));
		Ok(())
	}

	fn slash_fraction(_consumer: ConsumerId, kind: OffenceKind) -> Perbill {
		match kind {
			OffenceKind::Equivocation => EQUIVOCATION_FRACTION.with(|fraction| *fraction.borrow()),
			OffenceKind::Downtime | OffenceKind::GovernanceFault => Perbill::zero(),
		}
	}

	fn can_punish(
		_consumer: ConsumerId,
		_kind: OffenceKind,
		_era: EraIndex,
		stake: Balance,
	) -> bool {
		stake >= LEAST_PUNISHABLE_STAKE.with(|least| *least.borrow())
	}

	fn report_equivocation_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Suspend every reported offender at once, as the slashing pallet does.
pub fn suspend_on_report() {
	SUSPEND_ON_REPORT.with(|suspend| *suspend.borrow_mut() = true);
}

/// Makes an equivocation slash `fraction`.
pub fn set_equivocation_fraction(fraction: Perbill) {
	EQUIVOCATION_FRACTION.with(|current| *current.borrow_mut() = fraction);
}

/// The rewards credited since the last call: (operator, consumer, era, amount).
pub fn rewards() -> Vec<(AccountId, u32, u32, Balance)> {
	REWARDS.with(|rewards| rewards.borrow_mut().drain(..).collect())
}

/// The offences reported since the last call.
pub fn offences() -> Vec<Offence<AccountId>> {
	OFFENCES.with(|offences| offences.borrow_mut().drain(..).collect())
}

/// Pays operators directly and records it.
pub struct MockRewards;
impl RewardSink<AccountId, Balance> for MockRewards {
	fn credit_reward(
		payer: &AccountId,
		operator: &AccountId,
		consumer: ConsumerId,
		era: EraIndex,
		amount: Balance,
	) -> sp_runtime::DispatchResult {
		Balances::transfer(payer, operator, amount, Preservation::Preserve)?;
		REWARDS.with(|rewards| rewards.borrow_mut().push((*operator, consumer, era, amount)));
		Ok(())
	}
}

/// Give `operator` `stake` slashable for `consumer`.
pub fn set_stake(operator: AccountId, consumer: ConsumerId, stake: Balance) {
	STAKE.with(|stakes| stakes.borrow_mut().insert((operator, consumer), stake));
}

/// Set `operator`'s status; a suspension starts in the current era.
pub fn set_status(operator: AccountId, status: OperatorStatus) {
	OPERATORS.with(|operators| operators.borrow_mut().insert(operator, status));
	SUSPENDED_SINCE.with(|since| {
		let mut since = since.borrow_mut();
		if status == OperatorStatus::Suspended {
			since.entry(operator).or_insert_with(MockEras::current_era);
		} else {
			since.remove(&operator);
		}
	});
}

pub fn set_capacity(capacity: Balance) {
	CAPACITY.with(|current| *current.borrow_mut() = capacity);
}

/// Start era `era` and run blocks until its processing is done; returns the blocks it took.
pub fn start_era(era: EraIndex) -> u32 {
	set_era(era);
	SecurityLease::on_era_start(era);
	let mut blocks = 0;
	while crate::EraCursor::<Test>::get().is_some() {
		let block = System::block_number() + 1;
		System::set_block_number(block);
		SecurityLease::on_initialize(block);
		blocks += 1;
	}
	blocks
}

/// The era clock of the tests.
pub struct MockEras;
impl EraProvider for MockEras {
	fn current_era() -> EraIndex {
		ERA.with(|era| *era.borrow())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_era_for_benchmarks(era: EraIndex) {
		set_era(era);
	}
}

pub fn set_era(era: EraIndex) {
	ERA.with(|current| *current.borrow_mut() = era);
}

/// Restaking as the tests set it up.
pub struct MockStake;
impl StakeProvider<AccountId, Balance> for MockStake {
	fn slashable_stake(operator: &AccountId, consumer: ConsumerId, _era: EraIndex) -> Balance {
		STAKE.with(|stake| stake.borrow().get(&(*operator, consumer)).copied().unwrap_or_default())
	}
	fn active_stake(operator: &AccountId) -> Balance {
		STAKE.with(|stake| {
			stake.borrow().iter().filter(|((o, _), _)| o == operator).map(|(_, s)| s).sum()
		})
	}
	fn total_restaked() -> Balance {
		CAPACITY.with(|capacity| *capacity.borrow())
	}
	fn operator_status(operator: &AccountId) -> Option<OperatorStatus> {
		OPERATORS.with(|operators| operators.borrow().get(operator).copied())
	}
	fn suspended_since(operator: &AccountId) -> Option<EraIndex> {
		SUSPENDED_SINCE.with(|since| since.borrow().get(operator).copied())
	}
	fn delegator_slash_loss(
		operator: &AccountId,
		delegator: &AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		era: EraIndex,
	) -> Balance {
		// Operators are their only delegators here.
		if operator == delegator {
			fraction.mul_floor(Self::slashable_stake(operator, consumer, era))
		} else {
			0
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup_operator_for_benchmarks(operator: &AccountId, consumer: ConsumerId, stake: Balance) {
		add_operator(*operator);
		set_stake(*operator, consumer, stake);
	}
}

pub fn add_operator(operator: AccountId) {
	OPERATORS.with(|operators| operators.borrow_mut().insert(operator, OperatorStatus::Active));
}

parameter_types! {
	pub const LeasePalletId: PalletId = PalletId(*b"bwk/leas");
	pub static ConsumerDepositBase: Balance = 100;
	pub static ConsumerDepositPerByte: Balance = 2;
	pub static KeyDeposit: Balance = 10;
	/// A thousandth of the security per era.
	pub static UnitPrice: FixedU128 = FixedU128::from_rational(1, 1_000);
	pub static MaxPriceMultiplier: FixedU128 = FixedU128::from_u32(4);
	pub static RenewalCap: Perbill = Perbill::from_percent(10);
	pub const Treasury: AccountId = 999;
	pub static ProtocolShare: Perbill = Perbill::from_percent(10);
	pub static GraceEras: EraIndex = 2;
	pub static MaxOperatorShare: Perbill = Perbill::from_percent(50);
	pub static TargetUtilisation: Perbill = Perbill::from_percent(50);
	pub static MultiplierStep: Perbill = Perbill::from_percent(10);
	pub static MinAttestationRatio: Perbill = Perbill::from_percent(50);
	pub static LeaseDeposit: Balance = 50;
	pub static RequestExpiryEras: EraIndex = 3;
	pub static UnactivatedDepositBurn: Perbill = Perbill::from_percent(20);
	pub static MaxLeaseEras: EraIndex = 100;
	pub static SlashableEras: EraIndex = 4;
	pub static MinLeaseSecurity: Balance = 1_000;
}

impl pallet_security_lease::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Eras = MockEras;
	type Stake = MockStake;
	type Rewards = MockRewards;
	type TreasuryAccount = Treasury;
	type ProtocolShare = ProtocolShare;
	type GraceEras = GraceEras;
	type MaxOperatorShare = MaxOperatorShare;
	type TargetUtilisation = TargetUtilisation;
	type MultiplierStep = MultiplierStep;
	type MaxConsumersPerBlock = frame_support::traits::ConstU32<2>;
	type MaxLeases = frame_support::traits::ConstU32<6>;
	type LeaseDeposit = LeaseDeposit;
	type RequestExpiryEras = RequestExpiryEras;
	type UnactivatedDepositBurn = UnactivatedDepositBurn;
	type MaxLeaseEras = MaxLeaseEras;
	type MinLeaseSecurity = MinLeaseSecurity;
	type SlashableEras = SlashableEras;
	type MaxKeyHistory = frame_support::traits::ConstU32<7>;
	type EvidenceEras = frame_support::traits::ConstU32<5>;
	type Offences = MockOffences;
	type OnConsumerDeregistered = ();
	type MinAttestationRatio = MinAttestationRatio;
	type MaxHeightsPerEra = frame_support::traits::ConstU32<8>;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = LeasePalletId;
	type ConsumerDepositBase = ConsumerDepositBase;
	type ConsumerDepositPerByte = ConsumerDepositPerByte;
	type KeyDeposit = KeyDeposit;
	type UnitPrice = UnitPrice;
	type MaxPriceMultiplier = MaxPriceMultiplier;
	type RenewalCap = RenewalCap;
	type MaxMetadataLen = frame_support::traits::ConstU32<64>;
	type MaxOperatorsPerLease = frame_support::traits::ConstU32<8>;
	type MaxKeysPerConsumer = frame_support::traits::ConstU32<3>;
	type WeightInfo = ();
}

/// Every test account starts with this much.
pub const ENDOWMENT: Balance = 1_000_000;
/// A consumer's manager.
pub const MANAGER: AccountId = 1;
/// Someone else.
pub const STRANGER: AccountId = 2;
/// Operators.
pub const OP_A: AccountId = 10;
pub const OP_B: AccountId = 11;
pub const OP_C: AccountId = 12;
pub const OP_D: AccountId = 13;

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		set_era(0);
		OPERATORS.with(|operators| operators.borrow_mut().clear());
		STAKE.with(|stake| stake.borrow_mut().clear());
		REWARDS.with(|rewards| rewards.borrow_mut().clear());
		OFFENCES.with(|offences| offences.borrow_mut().clear());
		EVIDENCE.with(|evidence| evidence.borrow_mut().clear());
		SUSPENDED_SINCE.with(|since| since.borrow_mut().clear());
		SUSPEND_ON_REPORT.with(|suspend| *suspend.borrow_mut() = false);
		set_capacity(1_000_000);
		for operator in [OP_A, OP_B, OP_C, OP_D] {
			add_operator(operator);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).chain([Treasury::get()]).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Build with a keystore, for benchmarks that sign.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn build_with_keystore(self) -> sp_io::TestExternalities {
		let mut ext = self.build();
		ext.register_extension(sp_keystore::KeystoreExt::new(
			sp_keystore::testing::MemoryKeystore::new(),
		));
		ext
	}

	/// Build, run `test`, then check every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			SecurityLease::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The pallet's events since the last call.
pub fn lease_events() -> Vec<crate::Event<Test>> {
	let events = System::read_events_for_pallet::<crate::Event<Test>>();
	System::reset_events();
	events
}

pub fn free(who: AccountId) -> Balance {
	use frame_support::traits::fungible::Inspect;
	Balances::balance(&who)
}
