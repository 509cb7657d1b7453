//! A test runtime with balances and slashing; restaking and the consumer registry are mocked.

use crate::{self as pallet_slashing};
use bulwark_primitives::{
	ConsumerAccounts, ConsumerId, EraIndex, EraProvider, OperatorStatus, ServiceRecord,
	SlashTarget, StakeProvider,
};
use frame_support::{derive_impl, parameter_types, traits::Hooks, PalletId};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, Perbill};
use std::{cell::RefCell, collections::BTreeMap};

pub type AccountId = u128;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Slashing: pallet_slashing,
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
}

thread_local! {
	static ERA: RefCell<EraIndex> = const { RefCell::new(0) };
	/// Operators and their status.
	pub static OPERATORS: RefCell<BTreeMap<AccountId, OperatorStatus>> = const { RefCell::new(BTreeMap::new()) };
	/// Slashable stake per (operator, consumer).
	static STAKE: RefCell<BTreeMap<(AccountId, ConsumerId), Balance>> = const { RefCell::new(BTreeMap::new()) };
	/// Slashes made: (operator, consumer, fraction, offence era, amount).
	pub static SLASHED: RefCell<Vec<(AccountId, ConsumerId, Perbill, EraIndex, Balance)>> = const { RefCell::new(Vec::new()) };
	/// Consumer managers.
	static MANAGERS: RefCell<BTreeMap<ConsumerId, AccountId>> = const { RefCell::new(BTreeMap::new()) };
	/// The era each suspended operator's suspension began in.
	static SUSPENDED_SINCE: RefCell<BTreeMap<AccountId, EraIndex>> = const { RefCell::new(BTreeMap::new()) };
	/// (consumer, operator, era) that the lease pallet's record says were not served under a paid lease; every
	/// other one was.
	static NOT_SERVED: RefCell<std::collections::BTreeSet<(ConsumerId, AccountId, EraIndex)>> = const { RefCell::new(std::collections::BTreeSet::new()) };
	/// The only (consumer, operator) pairs the lease slots serve, in every era, where a test sets them.
	static SERVED_PAIRS: RefCell<Option<std::collections::BTreeSet<(ConsumerId, AccountId)>>> = const { RefCell::new(None) };
	/// Each operator's own bond, as a share of its stake, where a test sets it; a half otherwise.
	static OWN_SHARE: RefCell<BTreeMap<AccountId, Perbill>> = const { RefCell::new(BTreeMap::new()) };
	/// What restaking was last told of each operator's oldest open offence era.
	static LIABLE_FROM: RefCell<BTreeMap<AccountId, EraIndex>> = const { RefCell::new(BTreeMap::new()) };
}

/// `operator`'s own bond, as a share of its stake.
pub fn own_share(operator: AccountId) -> Perbill {
	OWN_SHARE
		.with(|shares| shares.borrow().get(&operator).copied())
		.unwrap_or(Perbill::from_percent(50))
}

/// Set `operator`'s own bond, as a share of its stake.
pub fn set_own_share(operator: AccountId, share: Perbill) {
	OWN_SHARE.with(|shares| shares.borrow_mut().insert(operator, share));
}

/// The oldest open offence era restaking was last told for `operator`.
pub fn liable_from(operator: AccountId) -> Option<EraIndex> {
	LIABLE_FROM.with(|from| from.borrow().get(&operator).copied())
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

/// Restaking as the tests set it up: a slash lowers the slashable stake at once.
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
		STAKE.with(|stake| stake.borrow().values().sum())
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
		// Each operator here has one delegator, account `operator + DELEGATOR_OFFSET`, with a quarter of its stake,
		// and its own bond, `own_share` of it (a half unless a test sets it).
		let stake = Self::slashable_stake(operator, consumer, era);
		if *delegator == operator + DELEGATOR_OFFSET {
			fraction.mul_floor(stake / 4)
		} else if delegator == operator {
			fraction.mul_floor(own_share(*operator).mul_floor(stake))
		} else {
			0
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn setup_operator_for_benchmarks(operator: &AccountId, consumer: ConsumerId, stake: Balance) {
		set_status(*operator, OperatorStatus::Active);
		set_stake(*operator, consumer, stake);
	}
}

/// A delegator's account is its operator's plus this, in [`MockStake::delegator_slash_loss`].
pub const DELEGATOR_OFFSET: AccountId = 100;

impl SlashTarget<AccountId, Balance> for MockStake {
	fn slash(
		operator: &AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
		offence_era: EraIndex,
	) -> Result<Balance, DispatchError> {
		let amount = STAKE.with(|stake| {
			let mut stake = stake.borrow_mut();
			let entry = stake.entry((*operator, consumer)).or_default();
			let amount = fraction.mul_floor(*entry);
			*entry -= amount;
			amount
		});
		SLASHED.with(|slashed| {
			slashed.borrow_mut().push((*operator, consumer, fraction, offence_era, amount))
		});
		Ok(amount)
	}
	fn slash_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
	fn suspend(operator: &AccountId) -> DispatchResult {
		set_status(*operator, OperatorStatus::Suspended);
		SUSPENDED_SINCE.with(|since| {
			since.borrow_mut().entry(*operator).or_insert_with(era);
		});
		Ok(())
	}
	fn restore(operator: &AccountId) -> DispatchResult {
		set_status(*operator, OperatorStatus::Active);
		SUSPENDED_SINCE.with(|since| since.borrow_mut().remove(operator));
		LIABLE_FROM.with(|from| from.borrow_mut().remove(operator));
		Ok(())
	}
	fn set_liable_from(operator: &AccountId, liable_from: Option<EraIndex>) -> DispatchResult {
		// As restaking: only a suspended operator has open slashes.
		assert!(
			liable_from.is_none()
				|| SUSPENDED_SINCE.with(|since| since.borrow().contains_key(operator))
		);
		LIABLE_FROM.with(|from| match liable_from {
			Some(era) => from.borrow_mut().insert(*operator, era),
			None => from.borrow_mut().remove(operator),
		});
		Ok(())
	}
}

pub struct MockConsumers;
impl ConsumerAccounts<AccountId> for MockConsumers {
	fn manager(consumer: ConsumerId) -> Option<AccountId> {
		MANAGERS.with(|managers| managers.borrow().get(&consumer).copied())
	}
}

/// Most (consumer, operator) pairs the mock's lease slots serve in an era: a tenth of the lease pallet's runtime
/// bound of 50 leases of 32 operators, small enough for the tests to fill every window.
pub const MAX_SERVED_PER_ERA: u32 = 5;

/// The lease pallet's record of paid service: every (consumer, operator, era) was served but those marked. The
/// tests keep to `MAX_SERVED_PER_ERA` pairs an era, as the lease slots would.
pub struct MockService;
impl ServiceRecord<AccountId> for MockService {
	fn served(consumer: ConsumerId, operator: &AccountId, era: EraIndex) -> Option<bool> {
		if MockEras::current_era().saturating_sub(era) >= Self::kept_eras() {
			return None;
		}
		let assigned = SERVED_PAIRS.with(|pairs| {
			pairs.borrow().as_ref().is_none_or(|pairs| pairs.contains(&(consumer, *operator)))
		});
		Some(
			assigned
				&& !NOT_SERVED
					.with(|unserved| unserved.borrow().contains(&(consumer, *operator, era))),
		)
	}

	fn max_served_per_era() -> u32 {
		MAX_SERVED_PER_ERA
	}

	fn kept_eras() -> EraIndex {
		4
	}
}

/// Let the lease slots serve only `pairs` of (consumer, operator), at most `MAX_SERVED_PER_ERA`, in every era.
pub fn serve_only(pairs: &[(ConsumerId, AccountId)]) {
	assert!(pairs.len() as u32 <= MAX_SERVED_PER_ERA, "more pairs than the lease slots serve");
	SERVED_PAIRS.with(|served| *served.borrow_mut() = Some(pairs.iter().copied().collect()));
}

/// Record that `operator` was not assigned to a paid lease of `consumer` in `era`.
pub fn set_not_served(consumer: ConsumerId, operator: AccountId, era: EraIndex) {
	NOT_SERVED.with(|unserved| unserved.borrow_mut().insert((consumer, operator, era)));
}

pub fn era() -> EraIndex {
	MockEras::current_era()
}

pub fn set_era(era: EraIndex) {
	ERA.with(|current| *current.borrow_mut() = era);
}

/// Move to `era` and run a block.
pub fn run_to_era(era: EraIndex) {
	set_era(era);
	let block = System::block_number() + 1;
	System::set_block_number(block);
	Slashing::on_initialize(block);
}

/// Register `consumer` with `manager`, as the lease pallet does.
pub fn register_consumer(consumer: ConsumerId, manager: AccountId) {
	MANAGERS.with(|managers| managers.borrow_mut().insert(consumer, manager));
}

/// Deregister `consumer`, as the lease pallet does once its last lease has left the slashable window.
pub fn deregister_consumer(consumer: ConsumerId) {
	MANAGERS.with(|managers| managers.borrow_mut().remove(&consumer));
	<Slashing as bulwark_primitives::OnConsumerDeregistered>::on_consumer_deregistered(consumer);
}

pub fn set_status(operator: AccountId, status: OperatorStatus) {
	OPERATORS.with(|operators| operators.borrow_mut().insert(operator, status));
}

pub fn status(operator: AccountId) -> Option<OperatorStatus> {
	OPERATORS.with(|operators| operators.borrow().get(&operator).copied())
}

pub fn set_stake(operator: AccountId, consumer: ConsumerId, stake: Balance) {
	STAKE.with(|stakes| stakes.borrow_mut().insert((operator, consumer), stake));
}

pub fn stake(operator: AccountId, consumer: ConsumerId) -> Balance {
	MockStake::slashable_stake(&operator, consumer, 0)
}

/// The slashes made since the last call.
pub fn slashed() -> Vec<(AccountId, ConsumerId, Perbill, EraIndex, Balance)> {
	SLASHED.with(|slashed| slashed.borrow_mut().drain(..).collect())
}

parameter_types! {
	pub const SlashingPalletId: PalletId = PalletId(*b"bwk/slsh");
	pub const Treasury: AccountId = 999;
	pub static EquivocationFraction: Perbill = Perbill::from_percent(20);
	pub static DowntimeFraction: Perbill = Perbill::from_percent(1);
	pub static GovernanceFaultFraction: Perbill = Perbill::from_percent(10);
	pub static MaxSlashFraction: Perbill = Perbill::from_percent(50);
	pub static ReporterShare: Perbill = Perbill::from_percent(10);
	pub static TreasuryShare: Perbill = Perbill::from_percent(30);
	pub static MaxEraSlashFraction: Perbill = Perbill::from_percent(30);
	/// A dynamic parameter in the runtime, so that tests may shorten it.
	pub static UnbondingEras: EraIndex = 4;
	/// The notice before a stricter policy applies; a dynamic parameter in the runtime.
	pub static RiskNotice: EraIndex = 1;
	/// A dynamic parameter in the runtime; small here, next to the stakes of the tests.
	pub static MinSlashAmount: Balance = 10;
}

impl pallet_slashing::Config for Test {
	type Currency = Balances;
	type Eras = MockEras;
	type Stake = MockStake;
	type Target = MockStake;
	type Consumers = MockConsumers;
	type Service = MockService;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type VetoOrigin = EnsureRoot<AccountId>;
	type EquivocationFraction = EquivocationFraction;
	type DowntimeFraction = DowntimeFraction;
	type GovernanceFaultFraction = GovernanceFaultFraction;
	type MaxSlashFraction = MaxSlashFraction;
	type RiskNotice = RiskNotice;
	type MaxPolicyHistory = frame_support::traits::ConstU32<8>;
	type SlashDeferEras = frame_support::traits::ConstU32<2>;
	type UnbondingEras = UnbondingEras;
	type ReporterShare = ReporterShare;
	type TreasuryShare = TreasuryShare;
	type TreasuryAccount = Treasury;
	type MaxEraSlashFraction = MaxEraSlashFraction;
	type PalletId = SlashingPalletId;
	/// Exactly a slash for every window an admissible offence can open: `MAX_SERVED_PER_ERA x (4 kept eras + 2)`.
	type MaxPendingSlashes = frame_support::traits::ConstU32<30>;
	type MaxPrunedPerBlock = frame_support::traits::ConstU32<8>;
	type MinSlashAmount = MinSlashAmount;
	type MaxRoutesPerOperator = frame_support::traits::ConstU32<3>;
	type MaxSlashesPerBlock = frame_support::traits::ConstU32<2>;
	type WeightInfo = ();
}

pub const ENDOWMENT: Balance = 1_000_000;
/// The demo consumer's manager.
pub const MANAGER: AccountId = 1;
pub const REPORTER: AccountId = 2;
pub const OP_A: AccountId = 10;
pub const OP_B: AccountId = 11;
pub const OP_C: AccountId = 12;
/// The consumer harmed in the tests.
pub const CONSUMER: ConsumerId = 7;
/// A second consumer, with the same manager.
pub const OTHER_CONSUMER: ConsumerId = 8;

#[derive(Default)]
pub struct ExtBuilder;

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		set_era(0);
		OPERATORS.with(|operators| operators.borrow_mut().clear());
		STAKE.with(|stake| stake.borrow_mut().clear());
		SLASHED.with(|slashed| slashed.borrow_mut().clear());
		SUSPENDED_SINCE.with(|since| since.borrow_mut().clear());
		LIABLE_FROM.with(|from| from.borrow_mut().clear());
		NOT_SERVED.with(|unserved| unserved.borrow_mut().clear());
		SERVED_PAIRS.with(|served| *served.borrow_mut() = None);
		OWN_SHARE.with(|shares| shares.borrow_mut().clear());
		MANAGERS.with(|managers| {
			*managers.borrow_mut() =
				BTreeMap::from([(CONSUMER, MANAGER), (OTHER_CONSUMER, MANAGER)])
		});
		UnbondingEras::set(4);
		MinSlashAmount::set(10);
		RiskNotice::set(1);
		for operator in [OP_A, OP_B, OP_C] {
			set_status(operator, OperatorStatus::Active);
			set_stake(operator, CONSUMER, 100_000);
		}
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).chain([Treasury::get()]).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_slashing::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Build, run `test`, then check every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Slashing::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The pallet's events since the last call.
pub fn slashing_events() -> Vec<crate::Event<Test>> {
	let events = System::read_events_for_pallet::<crate::Event<Test>>();
	System::reset_events();
	events
}

pub fn free(who: AccountId) -> Balance {
	use frame_support::traits::fungible::Inspect;
	Balances::balance(&who)
}
