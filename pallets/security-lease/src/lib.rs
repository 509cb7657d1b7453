//! # Security-lease pallet
//!
//! Consumer chains register, lease restaked security for a number of eras and prepay it into an escrow account;
//! operators register a signing key per consumer.
//!
//! ## Overview
//!
//! - **Registry**: [`Pallet::register_consumer`] stores a consumer's metadata, genesis hash and declared value at
//!   risk against a deposit proportional to the bytes stored and returns a new [`ConsumerId`];
//!   [`Pallet::update_consumer`] recomputes the deposit; [`Pallet::deregister_consumer`] returns the deposit and the
//!   escrow once no lease is left.
//! - **Leases**: [`Pallet::request_lease`] asks for `security` from between `min_operators` and `max_operators`
//!   operators for `duration_eras` eras at no more than `max_price_per_era`. The price is
//!   `security x UnitPrice x multiplier` ([`Pallet::quote`]); the multiplier follows utilisation of the restaked
//!   capacity, bounded per era. Anyone may [`Pallet::top_up`] a consumer's escrow. The manager may
//!   [`Pallet::renew_lease`] (the price may rise at most by `RenewalCap`) or [`Pallet::end_lease`] (from the next
//!   era); governance may [`Pallet::force_end_lease`].
//! - **Keys**: an operator sets the key it signs a consumer's heads with ([`Pallet::set_consumer_key`]); keys are
//!   unique per consumer and a change applies from the next era.
//!
//! Escrow accounts are derived from the pallet id and the consumer id; every transfer in or out of one is recorded
//! in an [`EscrowLedger`], which `try_state` reconciles with the account's balance.
//!
//! ## Rules against gaming the market and the evidence
//!
//! - **Eras are paid in advance and paid out for the service given** (`era.rs`). At an era start an active lease
//!   reserves the era's fee; only a paid era gets attestations, finality and downtime offences, so no era is served
//!   on credit and no debt can arise. An escrow that cannot pay puts the lease in grace, with no finality, and
//!   `GraceEras` unpaid eras in a row end it. At the next era start each assigned operator earns its part of the
//!   fee in proportion to the era's final heights it attested; what nobody earned stays in the escrow. An era served
//!   below the terms pays pro rata and is announced (`LeaseUnderServed`). A production chain sells service it can
//!   measure: paying in advance removes the incentive to skip payments, paying out by service removes the
//!   incentive to hold an assignment without serving it. Only an operator whose downtime the offence intake would
//!   take in ([`bulwark_primitives::ReportOffence::can_punish`]) is assigned: one that could fail a consumer at
//!   no cost never counts towards its terms.
//! - **Slots cost money to hold** (`impls.rs`). A lease holds `LeaseDeposit` times the price multiplier; a request
//!   expires after `RequestExpiryEras`, and one that never activated loses `UnactivatedDepositBurn` of its deposit.
//!   Full slots raise the multiplier like a full capacity does, so squatting them gets dearer every era.
//! - **Evidence lasts the slashable window** (`attestation.rs`). Keys keep a history ([`KeyHistory`]) for
//!   `SlashableEras`; signatures name both chains' genesis hashes ([`attestation_payload`]); a consumer whose lease
//!   ended stays registered for `SlashableEras`. An equivocation is two signatures of one operator on different
//!   heads at one height, committed in the era of the later one; an honest operator, which signs only finalized
//!   heads, never makes one, and re-signing a head is never one. A downtime offence is reported whenever the
//!   operator was suspended: a suspended operator still attests the heights others open ([`SuspendedAttestations`],
//!   service against downtime, neither toward finality nor for pay), so that a suspension neither excuses downtime
//!   (a self-report would buy eras off) nor gets an honest operator suspended on one consumer reported on all.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod attestation;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod era;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use bulwark_primitives::ConsumerId;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use bulwark_primitives::{EraIndex, EraProvider, ReportOffence, RewardSink, StakeProvider};
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, tokens::Balance as BalanceT},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::FixedU128;
	use sp_core::H256;
	use sp_runtime::Perbill;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a consumer's registration.
		ConsumerDeposit,
		/// Deposit for an operator's key for a consumer.
		KeyDeposit,
		/// Deposit for a lease, requested or active.
		LeaseDeposit,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency leases are paid in.
		type Currency: fungible::Inspect<Self::AccountId, Balance: BalanceT>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::hold::Mutate<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The era clock.
		type Eras: EraProvider;

		/// Restaked stake: operators, their allocations and the capacity.
		type Stake: StakeProvider<Self::AccountId, BalanceOf<Self>>;

		/// Where operators' shares of lease payments go.
		type Rewards: RewardSink<Self::AccountId, BalanceOf<Self>>;

		/// Receives the protocol's share of lease payments.
		type TreasuryAccount: Get<Self::AccountId>;

		/// The protocol's share of each lease payment.
		type ProtocolShare: Get<Perbill>;

		/// Eras an active lease whose escrow cannot pay stays in grace before it ends.
		type GraceEras: Get<EraIndex>;

		/// Largest share of a consumer's assigned security one operator may count for.
		type MaxOperatorShare: Get<Perbill>;

		/// Utilisation of the restaked capacity above which the price multiplier rises, and below which it falls.
		type TargetUtilisation: Get<Perbill>;

		/// Most the price multiplier moves in one era, relative to itself.
		type MultiplierStep: Get<Perbill>;

		/// Most leases processed per block at an era start; the rest waits for the next blocks. Era length must be
		/// at least `MaxLeases / MaxConsumersPerBlock` blocks, so that an era's work ends before the next era.
		#[pallet::constant]
		type MaxConsumersPerBlock: Get<u32>;

		/// Most leases at once, requested or active: bounds the work of an era start. Occupied slots raise the
		/// price multiplier like leased capacity does, so filling them gets dearer every era.
		#[pallet::constant]
		type MaxLeases: Get<u32>;

		/// Deposit a lease holds from its manager, times the price multiplier when it is requested.
		type LeaseDeposit: Get<BalanceOf<Self>>;

		/// Eras a requested lease may wait to activate before it expires.
		type RequestExpiryEras: Get<EraIndex>;

		/// Part of its deposit a lease that never activated loses when it ends, by expiry or by its manager.
		type UnactivatedDepositBurn: Get<Perbill>;

		/// Longest term a lease may have left, at request and after a renewal: a price is never locked for longer.
		#[pallet::constant]
		type MaxLeaseEras: Get<EraIndex>;

		/// Least security a lease may ask for: a slot is never held for a trifle.
		type MinLeaseSecurity: Get<BalanceOf<Self>>;

		/// Eras an offence stays reportable (restaking's unbonding period): keys keep their history, and a
		/// consumer whose lease ended stays registered, for that long.
		type SlashableEras: Get<EraIndex>;

		/// Most keys kept per operator and consumer: the key in force, one pending, and those of the slashable
		/// window. A rotation that would drop a key still needed as evidence is refused.
		#[pallet::constant]
		type MaxKeyHistory: Get<u32>;

		/// Eras of paid assignments kept per consumer, a ring: an equivocation is provable only against an operator
		/// that served the consumer in an era its lease paid for, within the slashable window. At least the longest
		/// `SlashableEras` governance may set (`integrity_test` checks the one in force).
		#[pallet::constant]
		type EvidenceEras: Get<u32>;

		/// Where proven equivocations and downtime go; only an operator it could punish for downtime is assigned.
		type Offences: ReportOffence<Self::AccountId, BalanceOf<Self>>;

		/// Told when a consumer is deregistered (its slash policy history goes with it).
		type OnConsumerDeregistered: bulwark_primitives::OnConsumerDeregistered;

		/// Fewest of an era's final heights an assigned operator must attest; fewer is a downtime offence.
		type MinAttestationRatio: Get<Perbill>;

		/// Most consumer heights attested per consumer and era.
		#[pallet::constant]
		type MaxHeightsPerEra: Get<u32>;

		/// May force leases to end.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Derives the escrow account of each consumer.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Deposit for registering a consumer.
		type ConsumerDepositBase: Get<BalanceOf<Self>>;

		/// Deposit per byte of consumer metadata.
		type ConsumerDepositPerByte: Get<BalanceOf<Self>>;

		/// Deposit for each operator key.
		type KeyDeposit: Get<BalanceOf<Self>>;

		/// Price of one unit of security for one era, before the utilisation multiplier.
		type UnitPrice: Get<FixedU128>;

		/// Largest utilisation multiplier of the price.
		type MaxPriceMultiplier: Get<FixedU128>;

		/// Most a renewal may raise a lease's price per era.
		type RenewalCap: Get<Perbill>;

		/// Longest consumer metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most operators a lease may ask for.
		#[pallet::constant]
		type MaxOperatorsPerLease: Get<u32>;

		/// Most operator keys one consumer may have.
		#[pallet::constant]
		type MaxKeysPerConsumer: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The id the next consumer gets.
	#[pallet::storage]
	pub type NextConsumerId<T: Config> = StorageValue<_, ConsumerId, ValueQuery>;

	/// Registered consumers. Ids are assigned by the pallet in sequence, hence the fast hasher.
	#[pallet::storage]
	pub type Consumers<T: Config> = CountedStorageMap<
		_,
		Twox64Concat,
		ConsumerId,
		ConsumerInfo<T::AccountId, BalanceOf<T>, T::MaxMetadataLen>,
	>;

	/// Each consumer's lease, at most one; at most `MaxLeases` in all.
	#[pallet::storage]
	pub type Leases<T: Config> =
		CountedStorageMap<_, Twox64Concat, ConsumerId, Lease<BalanceOf<T>>>;

	/// Money in and out of each consumer's escrow account.
	#[pallet::storage]
	pub type Escrow<T: Config> =
		StorageMap<_, Twox64Concat, ConsumerId, EscrowLedger<BalanceOf<T>>, ValueQuery>;

	/// The utilisation multiplier of the price.
	#[pallet::storage]
	pub type PriceMultiplier<T: Config> = StorageValue<_, FixedU128, ValueQuery, OneMultiplier>;

	/// The multiplier a chain starts with.
	#[pallet::type_value]
	pub fn OneMultiplier() -> FixedU128 {
		FixedU128::from_u32(1)
	}

	/// Operators' keys by consumer and operator. Operators are accounts chosen by users, hence the cryptographic
	/// hasher for the second key.
	#[pallet::storage]
	pub type OperatorKeys<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ConsumerId,
		Blake2_128Concat,
		T::AccountId,
		KeyHistory<T::MaxKeyHistory>,
	>;

	/// Which operator owns a key for a consumer: keys are unique per consumer, including the keys of an operator's
	/// history.
	#[pallet::storage]
	pub type KeyOwners<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ConsumerId, Blake2_128Concat, ConsumerKey, T::AccountId>;

	/// Operators assigned to each consumer for the current era, with the stake each counts for.
	#[pallet::storage]
	pub type Assignments<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ConsumerId,
		Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	>;

	/// Operators assigned to each consumer for the next era, computed one era ahead.
	#[pallet::storage]
	pub type NextAssignments<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ConsumerId,
		Assignment<T::AccountId, BalanceOf<T>, T::MaxOperatorsPerLease>,
	>;

	/// Security of the leases that are active or in grace, for the utilisation of the capacity.
	#[pallet::storage]
	pub type LeasedSecurity<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Era-start work in progress: the era and the last consumer processed, `None` before the first. Leases are
	/// processed in the order of their storage keys.
	#[pallet::storage]
	pub type EraCursor<T: Config> = StorageValue<_, (EraIndex, Option<ConsumerId>)>;

	/// Attestations by consumer and height, kept for the era of the height and the next.
	#[pallet::storage]
	pub type Votes<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ConsumerId,
		Twox64Concat,
		u64,
		HeightVotes<T::AccountId, T::MaxOperatorsPerLease>,
		ValueQuery,
	>;

	/// Heights attested per consumer and era, to prune `Votes`.
	#[pallet::storage]
	pub type EraHeights<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ConsumerId,
		Twox64Concat,
		EraIndex,
		BoundedVec<u64, T::MaxHeightsPerEra>,
		ValueQuery,
	>;

	/// Heights finalized per consumer and era.
	#[pallet::storage]
	pub type FinalHeights<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ConsumerId, Twox64Concat, EraIndex, u32, ValueQuery>;

	/// Final heights each assigned operator attested while its stake counted, per consumer and era: what it is paid
	/// for.
	#[pallet::storage]
	pub type FinalAttestations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(ConsumerId, EraIndex),
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Final heights each assigned operator attested while suspended, per consumer and era: service that counts
	/// against downtime, though neither toward finality nor for pay.
	#[pallet::storage]
	pub type SuspendedAttestations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(ConsumerId, EraIndex),
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// New heights each assigned operator opened, per consumer and era: each may open its stake's share of
	/// `MaxHeightsPerEra`, rounded up, so that operators short of a third of the stake cannot fill the era's heights
	/// with junk.
	#[pallet::storage]
	pub type OpenedHeights<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		(ConsumerId, EraIndex),
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// The latest final head of each consumer: `(height, head)`.
	#[pallet::storage]
	pub type LatestFinalized<T: Config> = StorageMap<_, Twox64Concat, ConsumerId, (u64, H256)>;

	/// Number of operators with a key for each consumer.
	#[pallet::storage]
	pub type KeyCount<T: Config> = StorageMap<_, Twox64Concat, ConsumerId, u32, ValueQuery>;

	/// The operators that served each consumer in the eras its lease paid for, by slot `era % EvidenceEras` (a
	/// ring, so at most `EvidenceEras` entries per consumer), with the era each slot holds: the evidence that an
	/// equivocation harmed a consumer that paid for the service. Cleared when the consumer deregisters.
	#[pallet::storage]
	pub type PaidAssignments<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ConsumerId,
		Twox64Concat,
		u32,
		(EraIndex, BoundedVec<T::AccountId, T::MaxOperatorsPerLease>),
	>;

	/// Consumers, leases and operator keys at genesis, so that a chain can start with a leased consumer.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(manager, metadata, genesis hash, value at risk)`; they get the ids 0, 1, ... in order.
		pub consumers: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<u8>, H256, BalanceOf<T>)>,
		/// `(consumer, terms, escrow paid in by its manager)`.
		pub leases: alloc::vec::Vec<(ConsumerId, LeaseTerms<BalanceOf<T>>, BalanceOf<T>)>,
		/// `(consumer, operator, key)`, in force from era 0. Operators must be registered with restaking first.
		pub keys: alloc::vec::Vec<(ConsumerId, T::AccountId, ConsumerKey)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// An invalid genesis cannot start a chain: failing loudly here is the only report there is.
			Pallet::<T>::ensure_treasury();
			for (manager, metadata, genesis_hash, value_at_risk) in &self.consumers {
				let metadata = BoundedVec::try_from(metadata.clone())
					.unwrap_or_else(|_| panic!("genesis consumer metadata too long"));
				Pallet::<T>::do_register_consumer(manager, metadata, *genesis_hash, *value_at_risk)
					.unwrap_or_else(|e| panic!("genesis consumer of {manager:?}: {e:?}"));
			}
			for (consumer, operator, key) in &self.keys {
				Pallet::<T>::set_key_in_force(operator, *consumer, *key)
					.unwrap_or_else(|e| panic!("genesis key of {operator:?}: {e:?}"));
			}
			let era = T::Eras::current_era();
			for (consumer, terms, escrow) in &self.leases {
				let manager = Consumers::<T>::get(consumer)
					.unwrap_or_else(|| panic!("genesis lease of unknown consumer {consumer}"))
					.manager;
				Pallet::<T>::do_request_lease(&manager, *consumer, *terms)
					.unwrap_or_else(|e| panic!("genesis lease of {consumer}: {e:?}"));
				Pallet::<T>::do_top_up(&manager, *consumer, *escrow)
					.unwrap_or_else(|e| panic!("genesis escrow of {consumer}: {e:?}"));
				// Assign operators for era 0 now, so that the lease is active from the first block.
				Pallet::<T>::process_consumer(*consumer, era);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A consumer registered.
		ConsumerRegistered {
			/// Its new id.
			consumer: ConsumerId,
			/// Its manager.
			manager: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A consumer's registration changed.
		ConsumerUpdated {
			/// The consumer.
			consumer: ConsumerId,
			/// The deposit now held.
			deposit: BalanceOf<T>,
		},
		/// A consumer deregistered.
		ConsumerDeregistered {
			/// The consumer.
			consumer: ConsumerId,
			/// Escrow returned to the manager.
			refunded: BalanceOf<T>,
		},
		/// A lease was requested.
		LeaseRequested {
			/// The consumer.
			consumer: ConsumerId,
			/// The terms.
			terms: LeaseTerms<BalanceOf<T>>,
			/// The price per era it will pay.
			price_per_era: BalanceOf<T>,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// A consumer's escrow was topped up.
		ToppedUp {
			/// The consumer.
			consumer: ConsumerId,
			/// Who paid.
			payer: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A lease was renewed.
		LeaseRenewed {
			/// The consumer.
			consumer: ConsumerId,
			/// Eras added to its term.
			eras: EraIndex,
			/// The price per era from now on.
			price_per_era: BalanceOf<T>,
		},
		/// The manager ended a lease; it ends at the next era start.
		LeaseEnding {
			/// The consumer.
			consumer: ConsumerId,
		},
		/// A lease ended.
		LeaseEnded {
			/// The consumer.
			consumer: ConsumerId,
			/// Why.
			reason: EndReason,
			/// Escrow returned to the manager.
			refunded: BalanceOf<T>,
			/// Part of the lease deposit burnt because the lease never activated; the rest was released.
			deposit_burnt: BalanceOf<T>,
		},
		/// A lease became active.
		LeaseActivated {
			/// The consumer.
			consumer: ConsumerId,
			/// The era from which it is active.
			era: EraIndex,
		},
		/// A lease reserved the fee of an era in its escrow: the era is paid for and gets finality.
		EraReserved {
			/// The consumer.
			consumer: ConsumerId,
			/// The era paid for.
			era: EraIndex,
			/// The fee reserved.
			amount: BalanceOf<T>,
		},
		/// An era's reserved fee was paid out for the service given.
		LeasePaid {
			/// The consumer.
			consumer: ConsumerId,
			/// The era paid for.
			era: EraIndex,
			/// The whole amount taken from the escrow.
			amount: BalanceOf<T>,
			/// The protocol's part, sent to the treasury.
			protocol: BalanceOf<T>,
			/// The part no operator earned, left in the escrow.
			unearned: BalanceOf<T>,
		},
		/// A lease's escrow could not pay an era: the lease is in grace and gets no finality in that era.
		LeaseInGrace {
			/// The consumer.
			consumer: ConsumerId,
			/// The era that could not be paid.
			era: EraIndex,
		},
		/// A lease is served below its terms in an era: fewer operators or less security than it asked for. The
		/// era's fee is reduced in proportion.
		LeaseUnderServed {
			/// The consumer.
			consumer: ConsumerId,
			/// The era.
			era: EraIndex,
			/// Operators assigned.
			operators: u32,
			/// Security they count for.
			security: BalanceOf<T>,
		},
		/// Operators were assigned to a consumer for an era.
		OperatorsAssigned {
			/// The consumer.
			consumer: ConsumerId,
			/// The era of the assignment.
			era: EraIndex,
			/// Number of operators.
			operators: u32,
			/// Security they count for together.
			security: BalanceOf<T>,
		},
		/// The price multiplier moved at an era start.
		PriceMultiplierUpdated {
			/// The new multiplier.
			multiplier: FixedU128,
			/// Utilisation of the capacity that moved it.
			utilisation: Perbill,
		},
		/// An assigned operator attested a head.
		Attested {
			/// The consumer.
			consumer: ConsumerId,
			/// The operator.
			operator: T::AccountId,
			/// The height.
			height: u64,
			/// The head.
			head: H256,
		},
		/// Two thirds of a consumer's assigned stake attested a head.
		HeadFinalized {
			/// The consumer.
			consumer: ConsumerId,
			/// The era.
			era: EraIndex,
			/// The height.
			height: u64,
			/// The head.
			head: H256,
		},
		/// An equivocation was proven and reported as an offence.
		EquivocationReported {
			/// The consumer.
			consumer: ConsumerId,
			/// The operator that signed two heads.
			operator: T::AccountId,
			/// The height.
			height: u64,
			/// Who proved it.
			reporter: T::AccountId,
		},
		/// An assigned operator attested too few final heights of an era.
		DowntimeReported {
			/// The consumer.
			consumer: ConsumerId,
			/// The operator.
			operator: T::AccountId,
			/// The era.
			era: EraIndex,
			/// Final heights it attested.
			attested: u32,
			/// Final heights of the era.
			finalized: u32,
		},
		/// An operator set its key for a consumer.
		ConsumerKeySet {
			/// The consumer.
			consumer: ConsumerId,
			/// The operator.
			operator: T::AccountId,
			/// The key.
			key: ConsumerKey,
			/// The era from which it applies.
			from: EraIndex,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No consumer has that id.
		UnknownConsumer,
		/// The caller is not the consumer's manager.
		NotManager,
		/// The metadata is longer than `MaxMetadataLen`.
		MetadataTooLong,
		/// The deposit cannot be held.
		InsufficientBalance,
		/// No more consumer ids.
		TooManyConsumers,
		/// `MaxLeases` leases exist.
		TooManyLeases,
		/// The consumer has a lease; end it first.
		LeaseExists,
		/// The consumer has no lease.
		NoLease,
		/// The terms ask for no security, no eras, or an operator range that is empty or above
		/// `MaxOperatorsPerLease`.
		InvalidTerms,
		/// The price per era is above what the consumer accepts.
		PriceAboveMax,
		/// The lease is not active, so it cannot be renewed.
		NotActive,
		/// The lease is already ending.
		AlreadyEnding,
		/// The amount is zero.
		ZeroAmount,
		/// The payment cannot be made: too little balance, or an escrow left below the existential deposit.
		PaymentFailed,
		/// The caller is not a registered operator.
		NotOperator,
		/// Another operator has that key for the consumer.
		KeyInUse,
		/// The operator already has, or has scheduled, that key.
		KeyUnchanged,
		/// The consumer has `MaxKeysPerConsumer` keys.
		TooManyKeys,
		/// The caller is not assigned to the consumer in this era.
		NotAssigned,
		/// The operator has no key for the consumer in that era.
		NoKey,
		/// The signature is not the operator's over the attestation.
		BadSignature,
		/// The operator already attested that height.
		AlreadyAttested,
		/// `MaxHeightsPerEra` heights were attested for the consumer this era.
		TooManyHeights,
		/// No vote is open at that height and it is at or below the consumer's latest final height.
		HeightFinal,
		/// The two attestations are not of one height with different heads.
		NotEquivocation,
		/// The operator is suspended for a pending slash: it may attest heights others opened (which keeps it from
		/// downtime), not open new ones.
		OperatorSuspended,
		/// The lease has not paid for the current era: it gets no attestations.
		LeaseNotPaid,
		/// An attestation is from an era outside the slashable window, or from the future.
		EvidenceOutsideWindow,
		/// A signature is from an era in which the operator did not serve the consumer under a lease that was
		/// Active and paid for it: a signature nobody paid to be protected from harms nobody.
		NotServingInEvidenceEras,
		/// A consumer's genesis hash names the chain its operators sign for: it cannot change.
		GenesisHashFixed,
		/// The consumer's last lease ended less than `SlashableEras` ago: its evidence is still reportable.
		EvidenceWindowOpen,
		/// The term would be longer than `MaxLeaseEras`.
		TermTooLong,
		/// The terms ask for less security than `MinLeaseSecurity`.
		SecurityTooLow,
		/// The operator opened its stake's share of `MaxHeightsPerEra` new heights this era (rounded up), the most
		/// it may: others open the rest.
		HeightQuotaReached,
		/// The operator's key history is full of keys still needed as evidence: rotate later.
		KeyHistoryFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			Self::process_era_page()
		}

		fn integrity_test() {
			assert!(T::MaxConsumersPerBlock::get() > 0, "MaxConsumersPerBlock must be positive");
			assert!(
				T::MaxKeyHistory::get() >= 3,
				"MaxKeyHistory must hold a key in force, a pending one and one of the window"
			);
			assert!(T::MaxLeaseEras::get() > 0, "MaxLeaseEras must be positive");
			assert!(
				T::EvidenceEras::get() >= T::SlashableEras::get(),
				"EvidenceEras must cover the slashable window"
			);
			let page = T::WeightInfo::process_consumer(T::MaxKeysPerConsumer::get())
				.saturating_mul(T::MaxConsumersPerBlock::get().into())
				.saturating_add(T::WeightInfo::on_era_start());
			assert!(
				page.all_lte(T::BlockWeights::get().max_block),
				"a page of era processing must fit in a block: lower MaxConsumersPerBlock"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register a consumer chain managed by the caller; returns its id in `ConsumerRegistered`.
		///
		/// Origin: signed. Holds `ConsumerDepositBase + ConsumerDepositPerByte x metadata length`.
		///
		/// Errors: `MetadataTooLong`, `InsufficientBalance`, `TooManyConsumers`.
		///
		/// Events: `ConsumerRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_consumer(metadata.len() as u32))]
		pub fn register_consumer(
			origin: OriginFor<T>,
			metadata: alloc::vec::Vec<u8>,
			genesis_hash: H256,
			value_at_risk: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata =
				BoundedVec::try_from(metadata).map_err(|_| Error::<T>::MetadataTooLong)?;
			Self::do_register_consumer(&who, metadata, genesis_hash, value_at_risk).map(|_| ())
		}

		/// Change a consumer's metadata and value at risk; the deposit is recomputed. The genesis hash must stay
		/// the one registered: operators' signatures name it.
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `MetadataTooLong`, `GenesisHashFixed`, `InsufficientBalance`.
		///
		/// Events: `ConsumerUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_consumer(metadata.len() as u32))]
		pub fn update_consumer(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			metadata: alloc::vec::Vec<u8>,
			genesis_hash: H256,
			value_at_risk: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata =
				BoundedVec::try_from(metadata).map_err(|_| Error::<T>::MetadataTooLong)?;
			Self::do_update_consumer(&who, consumer, metadata, genesis_hash, value_at_risk)
		}

		/// Deregister a consumer without a lease: its deposit, its escrow and its operators' key deposits are
		/// returned. The weight of keys the consumer did not have is refunded. A consumer whose last lease ended
		/// stays registered for `SlashableEras` after it, so that the evidence of the eras it was served (its
		/// operators' keys) stays verifiable; once gone, no offence can be reported for it.
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `LeaseExists`, `EvidenceWindowOpen`.
		///
		/// Events: `ConsumerDeregistered`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_consumer(T::MaxKeysPerConsumer::get()))]
		pub fn deregister_consumer(
			origin: OriginFor<T>,
			consumer: ConsumerId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let keys = KeyCount::<T>::get(consumer);
			Self::do_deregister_consumer(&who, consumer)?;
			// Charged for the keys the consumer had, not the most it could have.
			Ok(Some(T::WeightInfo::deregister_consumer(keys)).into())
		}

		/// Request a lease of security for `consumer` on `terms`, at the price quoted now. Holds
		/// `LeaseDeposit x price multiplier` from the manager until the lease ends. The lease activates at the first
		/// era start at which its terms are met and its escrow pays the era; if that has not happened within
		/// `RequestExpiryEras`, it expires and `UnactivatedDepositBurn` of the deposit is burnt.
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `LeaseExists`, `InvalidTerms`, `SecurityTooLow`, `TermTooLong`,
		/// `PriceAboveMax`, `TooManyLeases`, `InsufficientBalance`.
		///
		/// Events: `LeaseRequested`.
		#[pallet::call_index(3)]
		pub fn request_lease(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			terms: LeaseTerms<BalanceOf<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_lease(&who, consumer, terms)
		}

		/// Pay `amount` into `consumer`'s escrow.
		///
		/// Origin: any signed account.
		///
		/// Errors: `UnknownConsumer`, `ZeroAmount`, `PaymentFailed`.
		///
		/// Events: `ToppedUp`.
		#[pallet::call_index(4)]
		pub fn top_up(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_top_up(&who, consumer, amount)
		}

		/// Extend an active lease by `eras` at the price quoted now, raised at most by `RenewalCap` over the
		/// lease's price. The term starts afresh with the eras left plus `eras`, at most `MaxLeaseEras`.
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `NoLease`, `NotActive`, `InvalidTerms`, `TermTooLong`,
		/// `PriceAboveMax`.
		///
		/// Events: `LeaseRenewed`.
		#[pallet::call_index(5)]
		pub fn renew_lease(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			eras: EraIndex,
			max_price_per_era: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_renew_lease(&who, consumer, eras, max_price_per_era)
		}

		/// End `consumer`'s lease at the next era start; unused escrow is then refunded, and the lease deposit
		/// released (less `UnactivatedDepositBurn` if it never activated).
		///
		/// Origin: signed by the consumer's manager.
		///
		/// Errors: `UnknownConsumer`, `NotManager`, `NoLease`, `AlreadyEnding`.
		///
		/// Events: `LeaseEnding`.
		#[pallet::call_index(6)]
		pub fn end_lease(origin: OriginFor<T>, consumer: ConsumerId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_lease(&who, consumer)
		}

		/// End `consumer`'s lease now and refund its escrow, the fee reserved for the current era included, and
		/// its whole deposit to the manager.
		///
		/// Origin: `GovernanceOrigin`.
		///
		/// Errors: `UnknownConsumer`, `NoLease`.
		///
		/// Events: `LeaseEnded`.
		#[pallet::call_index(7)]
		pub fn force_end_lease(origin: OriginFor<T>, consumer: ConsumerId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_force_end_lease(consumer)
		}

		/// Set the key the caller signs `consumer`'s heads with, from the next era. Holds `KeyDeposit` for a
		/// first key. Earlier keys stay on record (and owned by the caller) while they were in force at an era of
		/// the slashable window, so that what they signed stays evidence.
		///
		/// Origin: signed by a registered operator.
		///
		/// Errors: `UnknownConsumer`, `NotOperator`, `KeyInUse`, `KeyUnchanged`, `TooManyKeys`, `KeyHistoryFull`,
		/// `InsufficientBalance`.
		///
		/// Events: `ConsumerKeySet`.
		#[pallet::call_index(8)]
		pub fn set_consumer_key(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			key: ConsumerKey,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_consumer_key(&who, consumer, key)
		}

		/// Attest that `head` is `consumer`'s block at `height`, signed with the caller's key for the consumer
		/// over `attestation_payload(chain genesis, consumer, consumer genesis, current era, height, head)`. The
		/// head becomes final when operators with two thirds of the assigned security attested it in one era. A
		/// suspended operator counts for nothing: its votes and its stake leave the count at once, and come back if
		/// it is restored; it may still attest heights others opened, which counts against downtime only. Only a
		/// lease that paid for the current era gets attestations.
		///
		/// Origin: signed by an operator assigned to the consumer in the current era; a suspended one may not open
		/// a height.
		///
		/// Errors: `NoLease`, `LeaseNotPaid`, `NotAssigned`, `OperatorSuspended`, `NoKey`, `BadSignature`,
		/// `AlreadyAttested`, `HeightQuotaReached`, `TooManyHeights`, `HeightFinal`.
		///
		/// Events: `Attested`, and `HeadFinalized` when it makes the head final.
		#[pallet::call_index(9)]
		pub fn attest(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			height: u64,
			head: H256,
			signature: ConsumerSignature,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_attest(&who, consumer, height, head, signature)
		}

		/// Prove that `operator` signed two different heads of `consumer` at one height: an Equivocation offence
		/// is reported with the caller as reporter. Both signatures must be from eras of the slashable window; the
		/// offence is committed in the era of the later one, and each (consumer, operator, height, era) is punished
		/// once (the intake refuses the same evidence twice). Re-signing the same head is never an offence.
		///
		/// Origin: any signed account.
		///
		/// Both eras must be eras in which the operator was assigned to the consumer and the lease was Active and
		/// paid: otherwise a manager of a junk consumer could make equivocations up with an operator it
		/// colludes with, and slash its delegators' stake for nothing.
		///
		/// Errors: `UnknownConsumer`, `NotEquivocation`, `EvidenceOutsideWindow`, `NoKey`, `BadSignature`,
		/// `NotServingInEvidenceEras`, and the offence intake's (e.g. a duplicate).
		///
		/// Events: `EquivocationReported`.
		///
		/// Weight: the benchmark's, which takes a new slash in, plus the intake's worst case, in which the
		/// operator's smallest pending slash is found and superseded.
		#[pallet::call_index(10)]
		#[pallet::weight(
			T::WeightInfo::report_equivocation().saturating_add(T::Offences::report_equivocation_weight())
		)]
		pub fn report_equivocation(
			origin: OriginFor<T>,
			consumer: ConsumerId,
			operator: T::AccountId,
			first: Attestation,
			second: Attestation,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_equivocation(&who, consumer, &operator, first, second)
		}
	}
}
