//! # Restaking pallet
//!
//! Stakers restake the native token by delegating it to operators; operators allocate their pool's stake to consumer
//! chains, which may slash it for proven faults and pay lease fees to it.
//!
//! ## Overview
//!
//! - **Operators** register with a self-bond and a commission ([`Pallet::register_operator`]), may change both
//!   ([`Pallet::update_operator`]; increases of commission wait [`Config::CommissionChangeDelay`] eras) and may chill
//!   ([`Pallet::chill_operator`]) and resume ([`Pallet::resume_operator`]).
//! - **Delegation**: [`Pallet::delegate`] puts funds on hold in the staker's own account
//!   ([`HoldReason::Restaking`]) and buys shares of the operator's pool. [`Pallet::undelegate`] moves stake into the
//!   operator's unbonding sub-pool of the current era, where it stays slashable for [`Config::UnbondingEras`] eras;
//!   [`Pallet::withdraw`] then releases the hold.
//! - **Allocation**: [`Pallet::allocate`] sets the fraction of the pool a consumer may slash and counts as its
//!   security. An increase announced in era `n` applies from era `n + 1 + AllocationDelay` (a whole era of
//!   notice at least, fixed when announced: see [`Config::AllocationDelay`]), a decrease after
//!   [`Config::DeallocationDelay`] eras. The sum of an operator's fractions is capped by [`Config::MaxRestakingDegree`].
//! - **Rewards**: lease fees arrive through [`bulwark_primitives::RewardSink`]; the commission goes to the operator,
//!   the rest raises a per-share accumulator, so [`Pallet::claim_rewards`] is O(1).
//! - **Slashing**: [`bulwark_primitives::SlashTarget::slash`] lowers the stake of the pool and of the sub-pools
//!   still liable, in O(1) over delegators. Holds are reconciled lazily: a delegator's next action, or anyone calling
//!   [`Pallet::settle`], takes the slashed part of the hold and hands it to [`Config::SlashedFunds`].
//! - **Liability until the slash**: every slash keeps a whole veto window from its report, so a late report's slash
//!   may fall due after the stake unbonded since its offence has matured. That stake cannot escape: while an
//!   operator has a slash pending or held, [`Pallet::withdraw`] of its delegators' liable chunks waits
//!   ([`Error::WithdrawBlockedBySlash`], as pallet-staking-async holds withdrawals while offences are
//!   unprocessed), and a sub-pool unbonded in or after an offence era stays liable for it, matured or not, until it
//!   is withdrawn.
//! - **No hostages**: open slashes hold back only what they could take. A chunk unbonded in era `c` is liable only
//!   to offences of eras up to `c`; the slashing pallet tells the oldest offence era of the operator's open slashes
//!   ([`bulwark_primitives::SlashTarget::set_liable_from`]), and a matured chunk older than it is withdrawn as
//!   usual. Only the others wait. An operator that keeps itself suspended with a new self-report every era holds
//!   nobody for long: the oldest open offence era moves on as its older slashes close.
//! - **Consumers that leave**: no new offence can be reported for a consumer that no longer exists, so an operator
//!   may release an allocation to it without the deallocation delay (`allocate(consumer, 0)`), freeing its
//!   restaking degree from the next era; increases stay refused, and [`Pallet::exposure`] and
//!   [`Pallet::allocation_views`] leave such consumers out. The release never rewrites the current era: a slash
//!   reported before the consumer left may be pending for an offence of this era and must still find the
//!   allocation in force then, or it would slash nothing.
//!
//! The pallet owns the chain's era clock ([`bulwark_primitives::EraProvider`]): an era lasts [`Config::EraLength`]
//! blocks, and [`Config::OnEraStart`] is told when one starts.
//!
//! ## Low-level details
//!
//! A pool is `{ stake, shares, held, unrealised }` ([`types::StakePool`]). A delegation's value is
//! `shares x stake / pool shares`, rounded down. Every rounding is in the protocol's favour: shares are bought
//! rounded down and burnt rounded up, so the holds always cover the stake the pallet counts:
//! `held >= stake + unrealised` per pool, checked by `try_state` with the other invariants.
//!
//! A slash scales the active pool and each unbonding sub-pool created in or after the offence era and still stored,
//! back to at most `UnbondingEras + SlashDeferEras` eras ago (the latest a slash falls due after its offence, plus
//! one era for a carried-over page; see [`Pallet::liability_horizon`]): a constant number of sub-pools, O(1) in the
//! number of delegators. Allocation changes are kept back to the same horizon.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bulwark_primitives::{ConsumerId, ConsumerRegistry, EraIndex, OnEraStart, OnSlashRealised};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::FixedU128;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Stake delegated to operators, restaked.
		Restaking,
		/// Deposit for an operator's metadata.
		OperatorDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The restaked currency.
		type Currency: fungible::Inspect<Self::AccountId, Balance: BalanceT>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::hold::Mutate<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::hold::Balanced<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Which consumer chains exist.
		type Consumers: ConsumerRegistry;

		/// Told when an era starts.
		type OnEraStart: OnEraStart;

		/// Receives slashed funds as they are taken from holds.
		type SlashedFunds: OnSlashRealised<Self::AccountId, CreditOf<Self>>;

		/// Derives the account that holds delegators' unclaimed rewards.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Length of an era in blocks (at least 1).
		type EraLength: Get<BlockNumberFor<Self>>;

		/// Smallest self-bond an operator registers with and keeps.
		type MinOperatorBond: Get<BalanceOf<Self>>;

		/// Smallest delegation, and smallest stake a partial undelegation may leave.
		type MinDelegation: Get<BalanceOf<Self>>;

		/// Largest commission an operator may set.
		type MaxCommission: Get<Perbill>;

		/// Eras before a commission increase applies.
		type CommissionChangeDelay: Get<EraIndex>;

		/// Eras undelegated stake waits, slashable, before it can be withdrawn.
		type UnbondingEras: Get<EraIndex>;

		/// The slashing pallet's veto window: a slash is due this many eras after its report. With
		/// `UnbondingEras` it bounds how far back a slash may still reach when it is applied, hence the sub-pools
		/// a slash iterates (at most `UnbondingEras + SlashDeferEras + 1`) and how long allocation changes are kept.
		/// Wire it to the slashing pallet's `SlashDeferEras`.
		type SlashDeferEras: Get<EraIndex>;

		/// Whole eras, after the one it is announced in, before an allocation increase or an allocation to a new
		/// consumer applies: the notice the pool's stakers get to leave before a new risk, at least one era
		/// whatever it is set to, so that even an announcement in an era's last block leaves a whole era. Fixed
		/// when the increase is announced (`AllocationScheduled`, and `RestakingApi::allocations`): neither a
		/// later change of this value nor a new announcement replacing a pending increase brings it in sooner.
		type AllocationDelay: Get<EraIndex>;

		/// Eras before an allocation decrease applies; until then the larger allocation stays slashable.
		type DeallocationDelay: Get<EraIndex>;

		/// Largest sum of an operator's allocation fractions: 1 is unique stake, more is restaking leverage.
		type MaxRestakingDegree: Get<FixedU128>;

		/// Deposit for an operator's registration.
		type OperatorDepositBase: Get<BalanceOf<Self>>;

		/// Deposit per byte of operator metadata.
		type OperatorDepositPerByte: Get<BalanceOf<Self>>;

		/// Longest operator metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most operators one staker may delegate to.
		#[pallet::constant]
		type MaxDelegationsPerStaker: Get<u32>;

		/// Most unbonding chunks of one delegation (one per era of undelegation).
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// Most consumers one operator may allocate to.
		#[pallet::constant]
		type MaxConsumersPerOperator: Get<u32>;

		/// Most allocation changes kept per consumer of an operator: pending ones and those still slashable.
		#[pallet::constant]
		type MaxAllocationChanges: Get<u32>;

		/// Weights of the calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// The era the chain is in.
	#[pallet::storage]
	pub type CurrentEra<T: Config> = StorageValue<_, EraIndex, ValueQuery>;

	/// The block at which the current era started.
	#[pallet::storage]
	pub type CurrentEraStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Registered operators. Keys are chosen by users, hence the cryptographic hasher.
	#[pallet::storage]
	pub type Operators<T: Config> = CountedStorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		OperatorInfo<BalanceOf<T>, T::MaxMetadataLen>,
	>;

	/// Each operator's active pool.
	#[pallet::storage]
	pub type Pools<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, StakePool<BalanceOf<T>>, OptionQuery>;

	/// Unbonding sub-pools by operator and the era their stake was undelegated in. One exists while a chunk refers
	/// to it, so their number is bounded by the chunks.
	#[pallet::storage]
	pub type UnbondingPools<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		EraIndex,
		StakePool<BalanceOf<T>>,
		OptionQuery,
	>;

	/// Delegations by delegator and operator.
	#[pallet::storage]
	pub type Delegations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Delegation<BalanceOf<T>, T::MaxUnbondingChunks>,
		OptionQuery,
	>;

	/// Number of operators each staker has a delegation record with.
	#[pallet::storage]
	pub type DelegationCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each operator's allocations to consumers.
	#[pallet::storage]
	pub type Allocations<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ConsumerAllocation<T::MaxAllocationChanges>, T::MaxConsumersPerOperator>,
		ValueQuery,
	>;

	/// Stake in all pools and unbonding sub-pools.
	#[pallet::storage]
	pub type TotalRestaked<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Operators, delegations and allocations at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(operator, self-bond, commission)`.
		pub operators: alloc::vec::Vec<(T::AccountId, BalanceOf<T>, Perbill)>,
		/// `(delegator, operator, amount)`.
		pub delegations: alloc::vec::Vec<(T::AccountId, T::AccountId, BalanceOf<T>)>,
		/// `(operator, consumer, fraction)`, in force from era 0.
		pub allocations: alloc::vec::Vec<(T::AccountId, ConsumerId, Perbill)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// An invalid genesis cannot start a chain: failing loudly here is the only report there is.
			Pallet::<T>::ensure_reward_pot();
			for (operator, self_bond, commission) in &self.operators {
				Pallet::<T>::do_register_operator(
					operator,
					*self_bond,
					*commission,
					Default::default(),
				)
				.unwrap_or_else(|e| panic!("genesis operator {operator:?}: {e:?}"));
			}
			for (delegator, operator, amount) in &self.delegations {
				Pallet::<T>::do_delegate(delegator, operator, *amount)
					.unwrap_or_else(|e| panic!("genesis delegation of {delegator:?}: {e:?}"));
			}
			for (operator, consumer, fraction) in &self.allocations {
				Pallet::<T>::do_allocate_at(operator, *consumer, *fraction, 0)
					.unwrap_or_else(|e| panic!("genesis allocation of {operator:?}: {e:?}"));
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An operator registered.
		OperatorRegistered {
			/// The operator.
			operator: T::AccountId,
			/// Its self-bond.
			self_bond: BalanceOf<T>,
			/// Its commission.
			commission: Perbill,
		},
		/// An operator changed its commission or metadata.
		OperatorUpdated {
			/// The operator.
			operator: T::AccountId,
			/// The new commission.
			commission: Perbill,
			/// The era from which the new commission applies.
			commission_from: EraIndex,
			/// The deposit now held for the metadata.
			deposit: BalanceOf<T>,
		},
		/// An operator chilled itself.
		OperatorChilled {
			/// The operator.
			operator: T::AccountId,
		},
		/// An operator resumed after chilling.
		OperatorResumed {
			/// The operator.
			operator: T::AccountId,
		},
		/// An operator was suspended because a slash is pending.
		OperatorSuspended {
			/// The operator.
			operator: T::AccountId,
		},
		/// An operator's suspension was lifted.
		OperatorRestored {
			/// The operator.
			operator: T::AccountId,
		},
		/// Stake was delegated.
		Delegated {
			/// The delegator.
			delegator: T::AccountId,
			/// The operator.
			operator: T::AccountId,
			/// Amount put on hold.
			amount: BalanceOf<T>,
			/// Shares bought.
			shares: BalanceOf<T>,
		},
		/// Stake was undelegated and is unbonding.
		Undelegated {
			/// The delegator.
			delegator: T::AccountId,
			/// The operator.
			operator: T::AccountId,
			/// Stake moved to the unbonding sub-pool.
			amount: BalanceOf<T>,
			/// The era of the sub-pool.
			era: EraIndex,
			/// The first era in which it can be withdrawn.
			withdrawable_from: EraIndex,
		},
		/// Matured unbonding stake was released from hold.
		Withdrawn {
			/// The delegator.
			delegator: T::AccountId,
			/// The operator.
			operator: T::AccountId,
			/// Amount released.
			amount: BalanceOf<T>,
		},
		/// An allocation change was scheduled.
		AllocationScheduled {
			/// The operator.
			operator: T::AccountId,
			/// The consumer chain.
			consumer: ConsumerId,
			/// The new fraction.
			fraction: Perbill,
			/// The era from which it applies.
			from: EraIndex,
		},
		/// Lease fees were credited to an operator.
		RewardCredited {
			/// The operator.
			operator: T::AccountId,
			/// The consumer chain paying.
			consumer: ConsumerId,
			/// The era paid for.
			era: EraIndex,
			/// The whole amount.
			amount: BalanceOf<T>,
			/// The part paid to the operator as commission.
			commission: BalanceOf<T>,
		},
		/// A delegator was paid its rewards.
		RewardsClaimed {
			/// The delegator.
			delegator: T::AccountId,
			/// The operator.
			operator: T::AccountId,
			/// Amount paid.
			amount: BalanceOf<T>,
		},
		/// An operator's stake was slashed.
		Slashed {
			/// The operator.
			operator: T::AccountId,
			/// The consumer chain harmed.
			consumer: ConsumerId,
			/// Fraction of the allocation slashed.
			fraction: Perbill,
			/// Era of the offence.
			offence_era: EraIndex,
			/// Stake slashed, to be realised from holds.
			amount: BalanceOf<T>,
		},
		/// Slashed stake was taken from a delegator's hold.
		SlashRealised {
			/// The delegator.
			delegator: T::AccountId,
			/// The operator slashed.
			operator: T::AccountId,
			/// Amount taken.
			amount: BalanceOf<T>,
		},
		/// A new era started.
		EraStarted {
			/// The era.
			era: EraIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered operator.
		AlreadyOperator,
		/// No operator is registered under the account.
		UnknownOperator,
		/// The self-bond, or what an undelegation would leave of it, is below `MinOperatorBond`.
		BelowMinOperatorBond,
		/// The commission is above `MaxCommission`.
		CommissionTooHigh,
		/// The metadata is longer than `MaxMetadataLen`.
		MetadataTooLong,
		/// The operator is already chilled.
		AlreadyChilled,
		/// The operator is not chilled.
		NotChilled,
		/// The operator is suspended while a slash is pending.
		OperatorSuspended,
		/// The operator is not suspended.
		NotSuspended,
		/// The operator is chilled or suspended and may not take new allocations.
		OperatorNotActive,
		/// The amount is below `MinDelegation`.
		BelowMinDelegation,
		/// The undelegation would leave a delegation below `MinDelegation`.
		WouldLeaveDust,
		/// The staker already delegates to `MaxDelegationsPerStaker` operators.
		TooManyDelegations,
		/// The funds cannot be put on hold.
		InsufficientBalance,
		/// The amount buys no shares.
		ZeroShares,
		/// A slash took all stake of the pool; it takes no new stake.
		PoolWiped,
		/// The caller has no delegation with the operator.
		NotDelegated,
		/// The amount is zero.
		ZeroAmount,
		/// The amount exceeds the delegation's value.
		InsufficientStake,
		/// The delegation already has `MaxUnbondingChunks` unbonding chunks.
		TooManyUnbondingChunks,
		/// No unbonding stake has matured.
		NothingToWithdraw,
		/// The operator is suspended because a slash of it is pending or held, and every matured chunk was
		/// unbonded too recently (less than `UnbondingEras` before the suspension began) to be safe from it: that
		/// stake stays liable and waits until the slash is applied or cancelled.
		WithdrawBlockedBySlash,
		/// No rewards to claim.
		NoRewards,
		/// No slash to realise.
		NothingToSettle,
		/// The consumer chain is not registered: only a release (fraction zero) may name it.
		UnknownConsumer,
		/// The allocation already is, or is scheduled to be, that fraction.
		AllocationUnchanged,
		/// The operator allocates to `MaxConsumersPerOperator` consumers already.
		TooManyConsumers,
		/// The allocation has `MaxAllocationChanges` changes that are pending or still slashable.
		TooManyAllocationChanges,
		/// The sum of the operator's allocations would exceed `MaxRestakingDegree`.
		RestakingDegreeExceeded,
		/// The offence era is in the future.
		OffenceInFuture,
		/// An arithmetic overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::start_era_if_due(now)
		}

		fn integrity_test() {
			assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must be positive");
			assert!(
				T::MaxAllocationChanges::get() > 1,
				"MaxAllocationChanges must allow a pending change"
			);
			assert!(
				T::MaxConsumersPerOperator::get() > 0,
				"MaxConsumersPerOperator must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register the caller as an operator with `self_bond` delegated to itself.
		///
		/// Origin: signed. Holds `self_bond` and a deposit for the metadata.
		///
		/// Errors: `AlreadyOperator`, `BelowMinOperatorBond`, `CommissionTooHigh`, `MetadataTooLong`,
		/// `InsufficientBalance`, `TooManyDelegations`.
		///
		/// Events: `OperatorRegistered`, `Delegated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_operator(metadata.len() as u32))]
		pub fn register_operator(
			origin: OriginFor<T>,
			#[pallet::compact] self_bond: BalanceOf<T>,
			commission: Perbill,
			metadata: alloc::vec::Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata =
				BoundedVec::try_from(metadata).map_err(|_| Error::<T>::MetadataTooLong)?;
			Self::do_register_operator(&who, self_bond, commission, metadata)
		}

		/// Change the caller's commission and metadata.
		///
		/// Origin: signed by an operator. A lower commission applies at once, a higher one after
		/// `CommissionChangeDelay` eras. The metadata deposit is recomputed: more is held or the excess released.
		///
		/// Errors: `UnknownOperator`, `CommissionTooHigh`, `MetadataTooLong`, `InsufficientBalance`.
		///
		/// Events: `OperatorUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_operator(metadata.len() as u32))]
		pub fn update_operator(
			origin: OriginFor<T>,
			commission: Perbill,
			metadata: alloc::vec::Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata =
				BoundedVec::try_from(metadata).map_err(|_| Error::<T>::MetadataTooLong)?;
			Self::do_update_operator(&who, commission, metadata)
		}

		/// Chill the caller: no new allocations or assignments. Its stake stays slashable.
		///
		/// Origin: signed by an operator.
		///
		/// Errors: `UnknownOperator`, `AlreadyChilled`.
		///
		/// Events: `OperatorChilled`.
		#[pallet::call_index(2)]
		pub fn chill_operator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_chilled(&who, true)
		}

		/// Delegate `amount` to `operator`: it is held in the caller's account and buys shares of the operator's
		/// pool. Settles pending slashes of the delegation first.
		///
		/// Origin: signed.
		///
		/// Errors: `BelowMinDelegation`, `UnknownOperator`, `OperatorSuspended`, `PoolWiped`,
		/// `TooManyDelegations`, `InsufficientBalance`, `ZeroShares`.
		///
		/// Events: `Delegated`, and `SlashRealised` if a slash was settled.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::delegate().saturating_add(T::SlashedFunds::on_slash_realised_weight()))]
		pub fn delegate(
			origin: OriginFor<T>,
			operator: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_delegate(&who, &operator, amount)
		}

		/// Undelegate stake worth `amount` from `operator` into the operator's unbonding sub-pool of the current
		/// era. It stays slashable and can be withdrawn after `UnbondingEras` eras. Settles pending slashes first.
		///
		/// Origin: signed by a delegator.
		///
		/// Errors: `NotDelegated`, `ZeroAmount`, `InsufficientStake`, `WouldLeaveDust`, `BelowMinOperatorBond`,
		/// `TooManyUnbondingChunks`, `PoolWiped`.
		///
		/// Events: `Undelegated`, and `SlashRealised` if a slash was settled.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::undelegate().saturating_add(T::SlashedFunds::on_slash_realised_weight()))]
		pub fn undelegate(
			origin: OriginFor<T>,
			operator: T::AccountId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_undelegate(&who, &operator, amount)
		}

		/// Release the caller's matured unbonding stake with `operator` from hold. Settles pending slashes first.
		///
		/// Origin: signed by a delegator. While the operator is suspended for a pending or held slash, only chunks
		/// unbonded at least `UnbondingEras` before the suspension began are released (no such slash can reach
		/// them); the others wait.
		///
		/// Errors: `NotDelegated`, `NothingToWithdraw`, `WithdrawBlockedBySlash`.
		///
		/// Events: `Withdrawn`, and `SlashRealised` if a slash was settled.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw().saturating_add(T::SlashedFunds::on_slash_realised_weight()))]
		pub fn withdraw(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw(&who, &operator)
		}

		/// Allocate `fraction` of the caller's pool to `consumer`. An increase applies after the rest of this era
		/// and `AllocationDelay` more (at least one), and no sooner than a pending increase it replaces; a decrease
		/// after `DeallocationDelay` eras. Replaces any change still pending.
		///
		/// Origin: signed by an operator. Chilled and suspended operators may only decrease. An allocation to a
		/// consumer that no longer exists may only be released (`fraction` zero), which takes effect from the next
		/// era without the deallocation delay.
		///
		/// Errors: `UnknownOperator`, `UnknownConsumer`, `OperatorNotActive`, `AllocationUnchanged`,
		/// `RestakingDegreeExceeded`, `TooManyConsumers`, `TooManyAllocationChanges`.
		///
		/// Events: `AllocationScheduled`.
		#[pallet::call_index(6)]
		pub fn allocate(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			fraction: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_allocate(&who, consumer, fraction)
		}

		/// Pay the caller its rewards from delegating to `operator`. O(1). Settles pending slashes first.
		///
		/// Origin: signed by a delegator.
		///
		/// Errors: `NotDelegated`, `NoRewards`.
		///
		/// Events: `RewardsClaimed`, and `SlashRealised` if a slash was settled.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::claim_rewards().saturating_add(T::SlashedFunds::on_slash_realised_weight()))]
		pub fn claim_rewards(origin: OriginFor<T>, operator: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_rewards(&who, &operator)
		}

		/// Realise the pending slashes of `delegator`'s delegation to `operator`: take the slashed part of the hold.
		///
		/// Origin: any signed account.
		///
		/// Errors: `NotDelegated`, `NothingToSettle`.
		///
		/// Events: `SlashRealised`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::settle().saturating_add(T::SlashedFunds::on_slash_realised_weight()))]
		pub fn settle(
			origin: OriginFor<T>,
			delegator: T::AccountId,
			operator: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let realised = Self::do_settle(&delegator, &operator)?;
			ensure!(!realised.is_zero(), Error::<T>::NothingToSettle);
			Ok(())
		}

		/// Resume the caller after `chill_operator`.
		///
		/// Origin: signed by an operator.
		///
		/// Errors: `UnknownOperator`, `NotChilled`.
		///
		/// Events: `OperatorResumed`.
		#[pallet::call_index(9)]
		pub fn resume_operator(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_chilled(&who, false)
		}
	}
}
