//! A test runtime with balances and restaking; parameters are thread-local so tests can change them.

use crate::{self as pallet_restaking, CreditOf};
use bulwark_primitives::{ConsumerId, ConsumerRegistry, EraIndex, OnEraStart, OnSlashRealised};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::Inspect, tokens::imbalance::Imbalance, Hooks},
	weights::Weight,
	PalletId,
};
use sp_arithmetic::FixedU128;
use sp_runtime::{BuildStorage, Perbill};
use std::{cell::RefCell, collections::BTreeSet};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Restaking: pallet_restaking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
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

parameter_types! {
	pub static EraLength: u64 = 10;
	pub static MinOperatorBond: Balance = 100;
	pub static MinDelegation: Balance = 10;
	pub static MaxCommission: Perbill = Perbill::from_percent(50);
	pub static CommissionChangeDelay: EraIndex = 2;
	pub static UnbondingEras: EraIndex = 4;
	pub static SlashDeferEras: EraIndex = 2;
	pub static AllocationDelay: EraIndex = 1;
	pub static DeallocationDelay: EraIndex = 3;
	pub static MaxRestakingDegree: FixedU128 = FixedU128::from_u32(3);
	pub static OperatorDepositBase: Balance = 10;
	pub static OperatorDepositPerByte: Balance = 1;
	pub const RestakingPalletId: PalletId = PalletId(*b"bwk/rstk");
}

thread_local! {
	/// Eras announced through `OnEraStart`.
	pub static ERAS_STARTED: RefCell<Vec<EraIndex>> = const { RefCell::new(Vec::new()) };
	/// Consumers a test deregistered.
	static DEREGISTERED: RefCell<BTreeSet<ConsumerId>> = const { RefCell::new(BTreeSet::new()) };
}

/// Consumer ids below 100 exist, unless a test deregistered them.
pub struct MockConsumers;
impl ConsumerRegistry for MockConsumers {
	fn consumer_exists(consumer: ConsumerId) -> bool {
		consumer < 100 && !DEREGISTERED.with(|gone| gone.borrow().contains(&consumer))
	}
}

/// Deregister `consumer`, as the lease pallet does once its last lease has left the slashable window.
pub fn deregister_consumer(consumer: ConsumerId) {
	DEREGISTERED.with(|gone| gone.borrow_mut().insert(consumer));
}

/// Records era starts.
pub struct RecordEras;
impl OnEraStart for RecordEras {
	fn on_era_start(era: EraIndex) -> Weight {
		ERAS_STARTED.with(|eras| eras.borrow_mut().push(era));
		Weight::zero()
	}
}

/// Where the mock records realised slashes: in storage, so that a failed call's records roll back with it.
const REALISED_KEY: &[u8] = b":test:realised";

/// Records realised slashes and burns them.
pub struct RecordRealised;
impl OnSlashRealised<AccountId, CreditOf<Test>> for RecordRealised {
	fn on_slash_realised(operator: &AccountId, credit: CreditOf<Test>) {
		let mut records = realised();
		records.push((*operator, credit.peek()));
		frame_support::storage::unhashed::put(REALISED_KEY, &records);
	}
	fn on_slash_realised_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Slashes realised so far, per operator, in order.
pub fn realised() -> Vec<(AccountId, Balance)> {
	frame_support::storage::unhashed::get(REALISED_KEY).unwrap_or_default()
}

/// Total realised so far.
pub fn total_realised() -> Balance {
	realised().iter().map(|(_, amount)| amount).sum()
}

impl pallet_restaking::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Consumers = MockConsumers;
	type OnEraStart = RecordEras;
	type SlashedFunds = RecordRealised;
	type PalletId = RestakingPalletId;
	type EraLength = EraLength;
	type MinOperatorBond = MinOperatorBond;
	type MinDelegation = MinDelegation;
	type MaxCommission = MaxCommission;
	type CommissionChangeDelay = CommissionChangeDelay;
	type UnbondingEras = UnbondingEras;
	type SlashDeferEras = SlashDeferEras;
	type AllocationDelay = AllocationDelay;
	type DeallocationDelay = DeallocationDelay;
	type MaxRestakingDegree = MaxRestakingDegree;
	type OperatorDepositBase = OperatorDepositBase;
	type OperatorDepositPerByte = OperatorDepositPerByte;
	type MaxMetadataLen = frame_support::traits::ConstU32<32>;
	type MaxDelegationsPerStaker = frame_support::traits::ConstU32<4>;
	type MaxUnbondingChunks = frame_support::traits::ConstU32<3>;
	type MaxConsumersPerOperator = frame_support::traits::ConstU32<4>;
	type MaxAllocationChanges = frame_support::traits::ConstU32<4>;
	type WeightInfo = ();
}

/// Every test account starts with this much.
pub const ENDOWMENT: Balance = 1_000_000;

/// Operators registered by default: `(operator, self-bond)`.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// Stakers.
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// Pays lease fees.
pub const PAYER: AccountId = 99;

#[derive(Default)]
pub struct ExtBuilder {
	operators: Vec<(AccountId, Balance, Perbill)>,
	delegations: Vec<(AccountId, AccountId, Balance)>,
	allocations: Vec<(AccountId, ConsumerId, Perbill)>,
}

impl ExtBuilder {
	/// Alice and Bob are operators with 1,000 self-bond and 10% commission.
	pub fn with_operators(mut self) -> Self {
		self.operators = vec![
			(ALICE, 1_000, Perbill::from_percent(10)),
			(BOB, 1_000, Perbill::from_percent(10)),
		];
		self
	}

	pub fn delegation(
		mut self,
		delegator: AccountId,
		operator: AccountId,
		amount: Balance,
	) -> Self {
		self.delegations.push((delegator, operator, amount));
		self
	}

	pub fn allocation(
		mut self,
		operator: AccountId,
		consumer: ConsumerId,
		fraction: Perbill,
	) -> Self {
		self.allocations.push((operator, consumer, fraction));
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		ERAS_STARTED.with(|eras| eras.borrow_mut().clear());
		DEREGISTERED.with(|gone| gone.borrow_mut().clear());
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: (1..=20).chain([PAYER]).map(|who| (who, ENDOWMENT)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_restaking::GenesisConfig::<Test> {
			operators: self.operators,
			delegations: self.delegations,
			allocations: self.allocations,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Build, run `test`, then check every invariant of the pallet.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Restaking::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// Advance block by block until era `era` has started.
pub fn run_to_era(era: EraIndex) {
	while crate::CurrentEra::<Test>::get() < era {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Restaking::on_initialize(next);
	}
}

/// Advance block by block to the last block of era `era`: the next block starts era `era + 1`.
pub fn run_to_last_block_of_era(era: EraIndex) {
	run_to_era(era);
	while System::block_number() + 1 - crate::CurrentEraStart::<Test>::get() < EraLength::get() {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Restaking::on_initialize(next);
	}
	assert_eq!(crate::CurrentEra::<Test>::get(), era);
}

/// The restaking events since the last call.
pub fn restaking_events() -> Vec<crate::Event<Test>> {
	let events = System::read_events_for_pallet::<crate::Event<Test>>();
	System::reset_events();
	events
}

/// Free balance.
pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// Balance held for restaking.
pub fn restaked_hold(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::Restaking.into(), &who)
}
