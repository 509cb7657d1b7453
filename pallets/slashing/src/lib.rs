//! # Slashing pallet
//!
//! Takes offences in, turns them into deferred slashes that governance may veto, applies them in bounded pages,
//! and routes the slashed funds.
//!
//! ## Overview
//!
//! - **Intake** ([`bulwark_primitives::ReportOffence`], [`Pallet::report_governance_fault`]): an offence older
//!   than the slashable window (`UnbondingEras`) is refused, and the same evidence is punished once. For one
//!   (operator, consumer, era) only the largest fraction applies, never the sum. The offender is suspended at once.
//! - **Queue, sized so that nobody can fill it**: every slash belongs to a window (operator, consumer, offence
//!   era) with at most one slash pending or held at a time (a larger offence raises it, a smaller one is
//!   ignored), and only an operator that served a paid lease of the consumer in that era has a window (see
//!   Admissibility below). The lease pallet's record answers for at most
//!   [`bulwark_primitives::ServiceRecord::max_served_per_era`] pairs per era and forgets an era after
//!   [`bulwark_primitives::ServiceRecord::kept_eras`], and a slash is due at most `SlashDeferEras` after its
//!   report, so at most `max_served_per_era x (kept_eras + SlashDeferEras)` slashes can be open at once while
//!   due slashes are applied as they fall due. `MaxPendingSlashes` is at least that (`integrity_test`): an
//!   admissible report never finds the queue full, whoever else reports what, so there are no per-kind shares
//!   and no per-operator bound to game. What fills a slot is a real offence of an operator on a lease that paid
//!   for it, and an offence enters only if the amount it would slash (its fraction of the offender's stake
//!   allocated to the consumer at the offence era) is at least `MinSlashAmount`, else `NothingAtRisk`: a slash of
//!   dust would cost its offender nothing and still suspend it. Offences are taken only for a consumer that still
//!   exists (`UnknownConsumer`: a consumer deregisters only once every era it was served in has left the
//!   slashable window, so nothing it could still prove is lost). Reporting oneself earns nothing: a report whose
//!   reporter is the offender is stored without a reporter, and its share is burnt.
//! - **Known limit, the queue**: the bound counts windows of the eras a report can still reach. A slash held by
//!   the breaker waits for governance without a deadline and keeps its slot beyond them, and slashes due faster
//!   than `MaxSlashesPerBlock` a block applies them wait for later pages; past the bound a report is refused with
//!   `TooManyPendingSlashes` (a queue full of real offences, never of junk) and may be made again once slots free,
//!   while its era is reportable. A deadline for held slashes comes with exact slashes (issue 23).
//! - **Policy, with notice**: a fraction per kind of offence set by governance and at most `MaxSlashFraction`; a
//!   consumer's manager may make them stricter for its consumer ([`Pallet::set_consumer_slash_policy`]). A new
//!   policy announced in era `n` applies from era `n + 1 + RiskNotice` (a whole era of notice at least, even
//!   for an announcement in an era's last block; fixed when it is announced, so neither a later change of the
//!   notice nor a new announcement replacing a pending policy brings it in sooner), announced by `ConsumerPolicySet` and shown by
//!   [`Pallet::consumer_policy`]. Unbonding stake is liable only for offences of eras up to its request, so a
//!   staker who leaves within the notice never bears the new risk (EigenLayer's allocation delay exceeds its
//!   withdrawal delay, and Cosmos ICS queues a consumer's infraction parameters, for the same reason). Every
//!   policy in force during the slashable window is kept ([`ConsumerPolicies`], an era history): an offence is
//!   judged by the policy of its own era, so a stricter policy never reaches into the past.
//! - **Veto window**: a slash is due `SlashDeferEras` after its offence era or after its report, whichever is
//!   later, so that a late report keeps the whole window and cannot be applied by its reporter in the block it is
//!   made. Until then governance may [`Pallet::cancel_slash`] or [`Pallet::reduce_slash`]; cancelling the last
//!   pending slash of an operator lifts its suspension. The stake stays liable meanwhile, even where its unbonding
//!   would mature first: restaking keeps a suspended operator's delegators from withdrawing what its slashes may
//!   take (chunks unbonded less than `UnbondingEras` before the suspension began; older ones are out of every
//!   pending slash's reach and go out), and its sub-pools unbonded after the offence stay slashable until they
//!   are withdrawn.
//! - **Application**: due slashes are applied `MaxSlashesPerBlock` a block from `on_initialize`, and anyone may
//!   [`Pallet::apply_slash`] a due one. The restaking pallet lowers the operator's pool and liable unbonding
//!   sub-pools pro rata in O(1), never beyond the allocation to the consumer.
//! - **Admissibility**: an offence is taken in only against an operator that an Active lease of the consumer,
//!   paid for the offence era, assigned (`NotServed` otherwise, from the lease pallet's
//!   [`bulwark_primitives::ServiceRecord`]). A consumer harmed is one that paid for service: without the rule, the
//!   manager of a junk consumer and an operator could make offences up against the operator's delegators' stake.
//! - **Routing, and nobody profits from a slash**: slashed money reaches the pallet's pot as delegators' holds are
//!   realised, and is split at once between the reporter (`ReporterShare`, within the reporter's bound), the
//!   treasury (`TreasuryShare`), and burning (the rest). Nothing goes to the consumer harmed: its escrow is
//!   withdrawn by its manager, who may be the offender's friend, and pays its operators, the offender among them.
//!   A harmed consumer is compensated only by a governance spend from the treasury.
//! - **The reporter's bound**: for a slash taking `S` of which the offender's own stake (its self-bond's share of
//!   the pool at the offence era) loses `o`, the reporter is paid `R = min(ReporterShare x S, o / 2)`. An offender
//!   that reports itself under another name, or has a friend report it, gains `R - o <= -o / 2`: it always ends
//!   poorer by at least half of its own loss, however small its self-bond is (with `o = 0` the reward is zero).
//!   Its other accounts delegating to its pool only lose more. pallet-staking pays reporters at most 10% x 50% of a slash for
//!   the same reason. A manager gains nothing from its operators' slashes, since nothing reaches its escrow.
//! - **Safety valves**: [`Pallet::set_slashing_mode`] (Enabled, LogOnly, Disabled), and a breaker: a due slash that
//!   would take the slashes of its offence era above `MaxEraSlashFraction` of all restaked stake waits for
//!   [`Pallet::approve_slash`].

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

/// Numbers of delegators of the operator slashed in the `apply_slash` benchmark, indexed by its component.
pub const SLASH_DELEGATORS: [u32; 3] = [1, 1_000, 100_000];

/// The `apply_slash` benchmark's component with the most delegators: the cost of a slash barely depends on them,
/// and calls are charged at the largest measured.
pub const MOST_DELEGATORS: u32 = 2;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bulwark_primitives::{
		ConsumerAccounts, ConsumerId, EraHistory, EraIndex, EraProvider, ServiceRecord,
		SlashTarget, StakeProvider,
	};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::Perbill;

	/// The balance of the currency slashed.
	pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::Balance;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency slashed.
		type Currency: fungible::Inspect<Self::AccountId, Balance: BalanceT>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::Balanced<Self::AccountId>;

		/// The era clock.
		type Eras: EraProvider;

		/// Restaked stake, for the breaker and the views.
		type Stake: StakeProvider<Self::AccountId, BalanceOf<Self>>;

		/// Lowers operators' stake.
		type Target: SlashTarget<Self::AccountId, BalanceOf<Self>>;

		/// Consumer managers, who may tighten their consumer's policy.
		type Consumers: ConsumerAccounts<Self::AccountId>;

		/// Which operators served which consumer's paid lease in which era: only their offences are admissible.
		type Service: ServiceRecord<Self::AccountId>;

		/// May set the mode and report governance faults.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// May cancel, reduce and approve slashes within their veto window: a decision about one slash, which a
		/// faster track than the mode's can take before the slash falls due.
		type VetoOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Fraction slashed for an equivocation.
		type EquivocationFraction: Get<Perbill>;

		/// Fraction slashed for downtime.
		type DowntimeFraction: Get<Perbill>;

		/// Fraction slashed for a governance fault.
		type GovernanceFaultFraction: Get<Perbill>;

		/// Largest fraction any slash may take.
		type MaxSlashFraction: Get<Perbill>;

		/// Whole eras between the era a consumer's policy is announced in and the first era it applies to: the
		/// notice stakers get to leave before a new risk, counted with the value in force when it is announced,
		/// and at least one era whatever it is set to. Unbonding stake is liable only for offences of eras up to its
		/// request, so a staker who undelegates within the notice never bears the stricter policy.
		type RiskNotice: Get<EraIndex>;

		/// Policies kept per consumer: each one in force at some era of the slashable window, and one announced.
		/// At least `UnbondingEras + 2` (checked by `integrity_test`), so that a manager may change its policy
		/// every era.
		#[pallet::constant]
		type MaxPolicyHistory: Get<u32>;

		/// Eras between an offence, or its report if that is later, and its slash: the veto window every slash
		/// keeps from its report.
		#[pallet::constant]
		type SlashDeferEras: Get<EraIndex>;

		/// Eras stake stays slashable after it is undelegated: older offences are refused.
		type UnbondingEras: Get<EraIndex>;

		/// The reporter's share of slashed funds, within the reporter's bound: never more than half of what the
		/// offender's own stake loses in the slash.
		type ReporterShare: Get<Perbill>;

		/// The treasury's share of slashed funds; what the shares leave is burnt.
		type TreasuryShare: Get<Perbill>;

		/// Receives the treasury's share.
		type TreasuryAccount: Get<Self::AccountId>;

		/// Most of all restaked stake the slashes of one era may take before further ones wait for governance.
		type MaxEraSlashFraction: Get<Perbill>;

		/// Derives the pot account slashed funds pass through.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most slashes pending or held at once: at least one for every window an admissible offence can open
		/// while slashes are still open for it, `Service::max_served_per_era() x (Service::kept_eras() +
		/// SlashDeferEras)` (checked by `integrity_test`), so that no report is refused for want of room while
		/// slashes are applied as they fall due.
		#[pallet::constant]
		type MaxPendingSlashes: Get<u32>;

		/// Most windows and pieces of evidence of an old era forgotten per block; the rest the next blocks.
		#[pallet::constant]
		type MaxPrunedPerBlock: Get<u32>;

		/// Least amount an offence must be able to slash (its fraction of the offender's stake allocated to the
		/// consumer at the offence era) to enter the queue: below it, `NothingAtRisk`. It prices every slot of the
		/// queue and of an operator's bound, so that junk self-reports on dust allocations cost what they take.
		type MinSlashAmount: Get<BalanceOf<Self>>;

		/// Most applied slashes of one operator whose funds are routed as they are realised. The funds of a slash
		/// beyond it are burnt when realised: the slash still takes the stake, so stake cannot escape.
		#[pallet::constant]
		type MaxRoutesPerOperator: Get<u32>;

		/// Most due slashes applied per block.
		#[pallet::constant]
		type MaxSlashesPerBlock: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// Whether slashes take effect.
	#[pallet::storage]
	pub type Mode<T: Config> = StorageValue<_, SlashingMode, ValueQuery>;

	/// The id the next slash gets.
	#[pallet::storage]
	pub type NextSlashId<T: Config> = StorageValue<_, SlashId, ValueQuery>;

	/// Slashes not applied or cancelled yet.
	#[pallet::storage]
	pub type Slashes<T: Config> =
		CountedStorageMap<_, Twox64Concat, SlashId, PendingSlash<T::AccountId>>;

	/// Pending slashes by the era they are due in.
	#[pallet::storage]
	pub type DueSlashes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Twox64Concat, SlashId, ()>;

	/// The first era of `DueSlashes` that may still hold slashes to apply.
	#[pallet::storage]
	pub type ApplyCursor<T: Config> = StorageValue<_, EraIndex, ValueQuery>;

	/// The slashes pending or held per operator, counted by offence era; absent when it has none. Its suspension
	/// lasts while it has one, and restaking keeps its delegators' stake unbonded in the oldest of these eras or
	/// later liable. Bounded: an operator has at most `MaxPendingSlashes` slashes, so as many eras.
	#[pallet::storage]
	pub type OpenSlashes<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedBTreeMap<EraIndex, u32, T::MaxPendingSlashes>,
		ValueQuery,
	>;

	/// The largest fraction slashed or pending per (operator, consumer, offence era).
	#[pallet::storage]
	pub type Windows<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, EraIndex>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, ConsumerId>,
		),
		SlashWindow,
		ValueQuery,
	>;

	/// Evidence punished, by offence era, kept for the slashable window.
	#[pallet::storage]
	pub type Evidence<T: Config> = StorageDoubleMap<_, Twox64Concat, EraIndex, Identity, H256, ()>;

	/// The oldest offence era whose windows and evidence are still stored.
	#[pallet::storage]
	pub type PruneCursor<T: Config> = StorageValue<_, EraIndex, ValueQuery>;

	/// Slashes pending or held per offence era: an era's windows and evidence are pruned only once it has none.
	#[pallet::storage]
	pub type PendingPerEra<T: Config> = StorageMap<_, Twox64Concat, EraIndex, u32, ValueQuery>;

	/// Stake slashed per offence era, for the breaker.
	#[pallet::storage]
	pub type EraSlashed<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, BalanceOf<T>, ValueQuery>;

	/// An operator's applied slashes whose funds are still being realised, oldest first: realised funds pay them
	/// in that order.
	#[pallet::storage]
	pub type Routes<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(SlashId, Route<T::AccountId, BalanceOf<T>>), T::MaxRoutesPerOperator>,
		ValueQuery,
	>;

	/// A consumer's own, stricter, slash fractions, with the era each applies from, for the whole slashable
	/// window and one announced: an offence is judged by the policy in force at its era, never by a later one.
	#[pallet::storage]
	pub type ConsumerPolicies<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ConsumerId,
		EraHistory<KindFractions, T::MaxPolicyHistory>,
		ValueQuery,
	>;

	/// Counts and sums that reconcile: slashes reported, applied and cancelled, and money slashed and routed.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, SlashTotals<BalanceOf<T>>, ValueQuery>;

	/// Slashes pending at genesis: none; the pot is endowed so that small shares can be paid from it.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Mode at genesis.
		pub mode: SlashingMode,
		#[serde(skip)]
		/// Unused.
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::ensure_pot();
			Mode::<T>::put(self.mode);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An offence became a pending slash.
		SlashReported {
			/// The slash.
			slash: SlashId,
			/// The operator.
			offender: T::AccountId,
			/// The consumer harmed.
			consumer: ConsumerId,
			/// The era of the offence.
			offence_era: EraIndex,
			/// Fraction of the allocated stake to slash.
			fraction: Perbill,
			/// The era it is due in.
			due_era: EraIndex,
		},
		/// A larger offence in the same (operator, consumer, era) raised a pending slash's fraction.
		SlashRaised {
			/// The slash.
			slash: SlashId,
			/// The new fraction.
			fraction: Perbill,
		},
		/// An offence was not punished: one at least as large in its (operator, consumer, era) already was or is
		/// pending. Its evidence is recorded.
		OffenceIgnored {
			/// The operator.
			offender: T::AccountId,
			/// The consumer.
			consumer: ConsumerId,
			/// The era of the offence.
			offence_era: EraIndex,
		},
		/// Governance cancelled a slash.
		SlashCancelled {
			/// The slash.
			slash: SlashId,
		},
		/// Governance lowered a slash.
		SlashReduced {
			/// The slash.
			slash: SlashId,
			/// The new fraction.
			fraction: Perbill,
		},
		/// A slash was applied.
		SlashApplied {
			/// The slash.
			slash: SlashId,
			/// The operator.
			offender: T::AccountId,
			/// Stake slashed; delegators' holds realise it over time.
			amount: BalanceOf<T>,
			/// Whether its funds are routed as they are realised; if the operator already has
			/// `MaxRoutesPerOperator` slashes being realised, they are burnt instead.
			routed: bool,
		},
		/// In LogOnly mode, a due slash was not applied.
		SlashLogged {
			/// The slash.
			slash: SlashId,
			/// What it would have slashed.
			amount: BalanceOf<T>,
		},
		/// The breaker held a due slash for governance.
		SlashHeld {
			/// The slash.
			slash: SlashId,
			/// What it would slash.
			amount: BalanceOf<T>,
			/// Already slashed for its offence era.
			era_slashed: BalanceOf<T>,
		},
		/// Realised slashed funds were routed.
		FundsRouted {
			/// The slash they came from.
			slash: SlashId,
			/// To the reporter.
			reporter: BalanceOf<T>,
			/// To the treasury.
			treasury: BalanceOf<T>,
			/// Burnt.
			burned: BalanceOf<T>,
		},
		/// Governance set the mode.
		ModeSet {
			/// The new mode.
			mode: SlashingMode,
		},
		/// A consumer's manager set its slash fractions.
		ConsumerPolicySet {
			/// The consumer.
			consumer: ConsumerId,
			/// The fractions.
			fractions: KindFractions,
			/// The era from which they apply.
			from: EraIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The offence is older than the slashable window.
		OffenceTooOld,
		/// The offence is in a future era.
		OffenceInFuture,
		/// That evidence was already punished.
		DuplicateEvidence,
		/// The offender is not a registered operator.
		UnknownOperator,
		/// The mode is Disabled.
		SlashingDisabled,
		/// The queue has no room for the offence: `MaxPendingSlashes` slashes are pending or held. Sized for every
		/// window an admissible offence can open, it is full only of slashes held beyond the slashable window or
		/// due and not applied yet (see the module docs).
		TooManyPendingSlashes,
		/// No pending slash has that id.
		UnknownSlash,
		/// The slash is due: it can no longer be cancelled or reduced.
		VetoWindowClosed,
		/// The slash is not due yet.
		NotDue,
		/// The slash is held by the breaker; only governance may approve it.
		SlashHeld,
		/// The slash is not held by the breaker.
		NotHeld,
		/// The new fraction is not lower than the slash's.
		NotLower,
		/// The caller is not the consumer's manager.
		NotManager,
		/// No consumer has that id: it never existed or has deregistered, so no policy can be set and no
		/// offence reported for it.
		UnknownConsumer,
		/// A fraction is below governance's or above `MaxSlashFraction`.
		PolicyOutOfBounds,
		/// The offence could slash less than `MinSlashAmount`: its fraction of the offender's stake allocated to
		/// the consumer at the offence era is below it (or there was none). It does not enter the queue, so that
		/// junk on dust allocations can neither fill it nor suspend or shield its offender for free.
		NothingAtRisk,
		/// The offender was not assigned to an Active lease of the consumer paid for the offence era (or that
		/// era's record is no longer kept): an offence harms a consumer only through service it paid for, and
		/// anything else could be made up by a manager and an operator together.
		NotServed,
		/// The consumer's policy history is full of policies in force at some era of the slashable window: a
		/// new one can be announced once the oldest leaves it.
		PolicyHistoryFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::apply_due_page().saturating_add(Self::prune_old_era())
		}

		fn integrity_test() {
			// `UnbondingEras` may be a dynamic parameter: this checks its default. Later values stay safe because
			// restaking keeps a suspended operator's unbonding stake liable until its slashes are closed.
			assert!(
				T::SlashDeferEras::get() < T::UnbondingEras::get(),
				"SlashDeferEras must be below UnbondingEras, or stake escapes pending slashes"
			);
			assert!(
				T::MaxPolicyHistory::get() >= T::UnbondingEras::get().saturating_add(2),
				"MaxPolicyHistory must hold a policy for every era of the slashable window and one announced"
			);
			assert!(
				T::MaxPendingSlashes::get()
					>= T::Service::max_served_per_era().saturating_mul(
						T::Service::kept_eras().saturating_add(T::SlashDeferEras::get())
					),
				"MaxPendingSlashes must hold a slash for every window an admissible offence can open"
			);
			assert!(T::MaxPrunedPerBlock::get() > 0, "MaxPrunedPerBlock must be positive");
			assert!(T::MaxSlashesPerBlock::get() > 0, "MaxSlashesPerBlock must be positive");
			let page = T::WeightInfo::apply_due_page(T::MaxSlashesPerBlock::get())
				.saturating_add(T::WeightInfo::prune_era(T::MaxPrunedPerBlock::get()));
			let max = <T as frame_system::Config>::BlockWeights::get().max_block;
			assert!(
				page.all_lte(max / 4),
				"a full page of due slashes and pruning must fit in a quarter of a block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Cancel a slash before it is due; the last pending slash of an operator lifts its suspension.
		///
		/// Origin: `VetoOrigin`.
		///
		/// Errors: `UnknownSlash`, `VetoWindowClosed`.
		///
		/// Events: `SlashCancelled`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::cancel_slash())]
		pub fn cancel_slash(origin: OriginFor<T>, slash: SlashId) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_cancel_slash(slash)
		}

		/// Lower a slash's fraction before it is due.
		///
		/// Origin: `VetoOrigin`.
		///
		/// Errors: `UnknownSlash`, `VetoWindowClosed`, `NotLower`.
		///
		/// Events: `SlashReduced`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::reduce_slash())]
		pub fn reduce_slash(
			origin: OriginFor<T>,
			slash: SlashId,
			fraction: Perbill,
		) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_reduce_slash(slash, fraction)
		}

		/// Apply a slash the breaker holds.
		///
		/// Origin: `VetoOrigin`.
		///
		/// Errors: `UnknownSlash`, `NotHeld`, and restaking's.
		///
		/// Events: `SlashApplied` (or `SlashLogged` in LogOnly mode).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::approve_slash())]
		pub fn approve_slash(origin: OriginFor<T>, slash: SlashId) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_approve_slash(slash)
		}

		/// Set whether slashes take effect.
		///
		/// Origin: `GovernanceOrigin`.
		///
		/// Events: `ModeSet`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_slashing_mode())]
		pub fn set_slashing_mode(origin: OriginFor<T>, mode: SlashingMode) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Mode::<T>::put(mode);
			Self::deposit_event(Event::ModeSet { mode });
			Ok(())
		}

		/// Apply a due slash now rather than waiting for its page.
		///
		/// Origin: any signed account.
		///
		/// Errors: `UnknownSlash`, `NotDue`, `SlashHeld`, and restaking's.
		///
		/// Events: `SlashApplied`, `SlashLogged` or `SlashHeld`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::apply_slash(crate::MOST_DELEGATORS))]
		pub fn apply_slash(origin: OriginFor<T>, slash: SlashId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_apply_slash(slash)
		}

		/// Make `consumer`'s slash fractions stricter than governance's, from `RiskNotice` whole eras after this
		/// one (at least one), so that its operators' stakers may leave before the new risk applies. Offences of
		/// earlier eras stay judged by the policy in force at their era. A change announced and not yet in force
		/// is replaced.
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `PolicyOutOfBounds`, `PolicyHistoryFull`.
		///
		/// Events: `ConsumerPolicySet`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_consumer_slash_policy())]
		pub fn set_consumer_slash_policy(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			fractions: KindFractions,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_consumer_policy(&who, consumer, fractions)
		}

		/// Report a fault established by governance against `offender` for `consumer` in `era`, an era in which the
		/// consumer's paid lease assigned it.
		///
		/// Origin: `GovernanceOrigin`.
		///
		/// Errors: `OffenceTooOld`, `OffenceInFuture`, `DuplicateEvidence`, `UnknownOperator`,
		/// `UnknownConsumer`, `NotServed`, `NothingAtRisk`, `SlashingDisabled`, `TooManyPendingSlashes`.
		///
		/// Events: `SlashReported`, `SlashRaised` or `OffenceIgnored`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::report_governance_fault())]
		pub fn report_governance_fault(
			origin: OriginFor<T>,
			offender: T::AccountId,
			consumer: ConsumerId,
			era: EraIndex,
			evidence: H256,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_report(bulwark_primitives::Offence {
				offender,
				consumer,
				kind: bulwark_primitives::OffenceKind::GovernanceFault,
				offence_era: era,
				evidence,
				reporter: None,
			})
		}
	}
}
