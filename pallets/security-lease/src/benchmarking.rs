//! Benchmarks of the security-lease pallet, each in its worst case.

use super::*;
use bulwark_primitives::{ConsumerId, EraIndex, EraProvider, StakeProvider};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_core::{crypto::KeyTypeId, H256};
use sp_runtime::{
	traits::{Bounded, Saturating, Zero},
	BoundedVec,
};

/// Key type of the operator keys the benchmarks generate in the keystore.
const BENCH_KEY: KeyTypeId = KeyTypeId(*b"bwkb");

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 1_000_000u32.into());
	who
}

/// A consumer with the longest metadata, managed by a funded account.
fn consumer<T: Config>() -> (T::AccountId, ConsumerId) {
	let manager = funded::<T>("manager", 0);
	let metadata = BoundedVec::truncate_from(alloc::vec![b'x'; T::MaxMetadataLen::get() as usize]);
	let consumer = Pallet::<T>::do_register_consumer(
		&manager,
		metadata,
		H256::repeat_byte(1),
		1_000u32.into(),
	)
	.expect("a funded manager registers a consumer");
	(manager, consumer)
}

/// Stake of operator `index`: distinct, so that assignment has to sort, and above any minimum bond.
fn stake<T: Config>(index: u32) -> BalanceOf<T> {
	let unit = BalanceOf::<T>::max_value()
		/ BalanceOf::<T>::from(u32::MAX)
		/ BalanceOf::<T>::from(1_000_000u32);
	unit.saturating_mul(index.saturating_add(1).into())
}

/// Operator `index`, active, with stake slashable for `consumer` and balance left for key deposits.
fn operator<T: Config>(consumer: ConsumerId, index: u32) -> T::AccountId {
	let operator: T::AccountId = account("operator", index, 0);
	T::Stake::setup_operator_for_benchmarks(&operator, consumer, stake::<T>(index));
	T::Currency::mint_into(&operator, T::KeyDeposit::get().saturating_mul(10u32.into()))
		.expect("a benchmark operator is funded");
	operator
}

/// Give `operator` `key` for `consumer`, in force now, with its deposit held.
fn key_in_force<T: Config>(consumer: ConsumerId, operator: &T::AccountId, key: ConsumerKey) {
	Pallet::<T>::set_key_in_force(operator, consumer, key).expect("a benchmark key is set");
}

/// An ed25519 key nobody signs with, distinct per index.
fn unused_key(index: u32) -> ConsumerKey {
	ConsumerKey::Ed25519(sp_io::hashing::blake2_256(&(b"bench-key", index).encode()))
}

/// An sr25519 key in the keystore.
fn signing_key() -> (sp_core::sr25519::Public, ConsumerKey) {
	let public = sp_io::crypto::sr25519_generate(BENCH_KEY, None);
	(public, ConsumerKey::Sr25519(public.0))
}

fn sign<T: Config>(
	public: &sp_core::sr25519::Public,
	consumer: ConsumerId,
	era: EraIndex,
	height: u64,
	head: H256,
) -> ConsumerSignature {
	let signature = sp_io::crypto::sr25519_sign(
		BENCH_KEY,
		public,
		&Pallet::<T>::signing_payload(consumer, era, height, head).expect("a registered consumer"),
	)
	.expect("the key is in the keystore");
	ConsumerSignature::Sr25519(signature.0)
}

/// An escrow payment well above the existential deposit.
fn escrow_payment<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000u32.into())
}

/// Terms asking for `MaxOperatorsPerLease` operators and accepting any price.
fn terms<T: Config>() -> LeaseTerms<BalanceOf<T>> {
	LeaseTerms {
		security: stake::<T>(0),
		min_operators: 1,
		max_operators: T::MaxOperatorsPerLease::get(),
		duration_eras: T::MaxLeaseEras::get() / 2,
		max_price_per_era: BalanceOf::<T>::max_value(),
		auto_renew: true,
	}
}

/// A lease of `consumer` on [`terms`], active and paid for the current era, with an escrow that pays for many
/// eras.
fn active_lease<T: Config>(manager: &T::AccountId, consumer: ConsumerId) {
	let terms = terms::<T>();
	Pallet::<T>::do_request_lease(manager, consumer, terms).expect("benchmark terms are valid");
	let price = Pallet::<T>::quote(terms.security);
	Pallet::<T>::do_top_up(manager, consumer, price.saturating_mul(100u32.into()))
		.expect("a funded manager tops up");
	let era = T::Eras::current_era();
	Leases::<T>::mutate(consumer, |lease| {
		if let Some(lease) = lease {
			lease.status = LeaseStatus::Active;
			lease.reserved = Some((era, price));
			lease.eras_paid = 1;
		}
	});
	LeasedSecurity::<T>::mutate(|total| *total = total.saturating_add(terms.security));
}

/// The most operators one assignment can have: each needs a key.
fn max_assigned<T: Config>() -> u32 {
	T::MaxOperatorsPerLease::get().min(T::MaxKeysPerConsumer::get())
}

/// [`max_assigned`] operators with keys in the keystore, assigned to `consumer` in `era`.
fn assigned_signers<T: Config>(
	consumer: ConsumerId,
	era: EraIndex,
) -> alloc::vec::Vec<(T::AccountId, sp_core::sr25519::Public)> {
	let signers: alloc::vec::Vec<_> = (0..max_assigned::<T>())
		.map(|index| {
			let operator = operator::<T>(consumer, index);
			let (public, key) = signing_key();
			key_in_force::<T>(consumer, &operator, key);
			(operator, public)
		})
		.collect();
	let operators: alloc::vec::Vec<_> =
		signers.iter().map(|(operator, _)| (operator.clone(), stake::<T>(0))).collect();
	let security = stake::<T>(0).saturating_mul((operators.len() as u32).into());
	Assignments::<T>::insert(
		consumer,
		Assignment { era, operators: BoundedVec::truncate_from(operators), security },
	);
	signers
}

/// Votes on `MaxHeightsPerEra` heights of `consumer` in `era`, finalized, for pruning and clearing.
fn votes_in_era<T: Config>(consumer: ConsumerId, era: EraIndex, voters: &[T::AccountId]) {
	let first = u64::from(era).saturating_mul(1_000_000);
	let heights: alloc::vec::Vec<u64> =
		(0..u64::from(T::MaxHeightsPerEra::get())).map(|offset| first + offset).collect();
	for height in &heights {
		let votes = voters.iter().map(|voter| (voter.clone(), H256::repeat_byte(2))).collect();
		Votes::<T>::insert(
			consumer,
			height,
			HeightVotes {
				era,
				votes: BoundedVec::truncate_from(votes),
				finalized: Some(H256::repeat_byte(2)),
			},
		);
	}
	EraHeights::<T>::insert(consumer, era, BoundedVec::truncate_from(heights));
	FinalHeights::<T>::insert(consumer, era, T::MaxHeightsPerEra::get());
	for voter in voters {
		FinalAttestations::<T>::insert((consumer, era), voter, 1);
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_consumer(m: Linear<0, { T::MaxMetadataLen::get() }>) {
		let manager = funded::<T>("manager", 0);
		let metadata = alloc::vec![b'x'; m as usize];
		let consumer = NextConsumerId::<T>::get();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), metadata, H256::repeat_byte(1), 1_000u32.into());
		assert!(Consumers::<T>::contains_key(consumer));
	}

	/// From no metadata to `m` bytes: a larger deposit held.
	#[benchmark]
	fn update_consumer(m: Linear<0, { T::MaxMetadataLen::get() }>) {
		let manager = funded::<T>("manager", 0);
		let consumer = Pallet::<T>::do_register_consumer(
			&manager,
			BoundedVec::default(),
			H256::repeat_byte(1),
			1_000u32.into(),
		)
		.expect("a funded manager registers a consumer");
		let metadata = alloc::vec![b'y'; m as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), consumer, metadata, H256::repeat_byte(1), 2_000u32.into());
		assert_eq!(Consumers::<T>::get(consumer).expect("registered").metadata.len(), m as usize);
	}

	/// A consumer with `k` operators' key histories to free, each full, and an escrow to refund.
	#[benchmark]
	fn deregister_consumer(k: Linear<0, { T::MaxKeysPerConsumer::get() }>) {
		let (manager, consumer) = consumer::<T>();
		let history = T::MaxKeyHistory::get();
		for index in 0..k {
			let operator = operator::<T>(consumer, index);
			let first = index.saturating_mul(history);
			Pallet::<T>::do_set_consumer_key(&operator, consumer, unused_key(first))
				.expect("a benchmark key is set");
			// The rest of a full history, as rotations every era in a slashable window at least `MaxKeyHistory`
			// eras long leave it.
			let mut keys = OperatorKeys::<T>::get(consumer, &operator).expect("a key was just set");
			for offset in 1..history {
				let key = unused_key(first.saturating_add(offset));
				let from = keys.entries.last().map_or(0, |(from, _)| from.saturating_add(1));
				keys.entries.try_push((from, key)).expect("within MaxKeyHistory");
				KeyOwners::<T>::insert(consumer, key, &operator);
			}
			OperatorKeys::<T>::insert(consumer, &operator, keys);
		}
		Pallet::<T>::do_top_up(&manager, consumer, escrow_payment::<T>()).expect("tops up");
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), consumer);
		assert!(!Consumers::<T>::contains_key(consumer));
		assert_eq!(KeyCount::<T>::get(consumer), 0);
		assert_eq!(KeyOwners::<T>::iter_prefix(consumer).count(), 0);
	}

	#[benchmark]
	fn request_lease() {
		let (manager, consumer) = consumer::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), consumer, terms::<T>());
		assert!(Leases::<T>::contains_key(consumer));
	}

	/// A first top-up, which creates the escrow account.
	#[benchmark]
	fn top_up() {
		let (_, consumer) = consumer::<T>();
		let payer = funded::<T>("payer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(payer), consumer, escrow_payment::<T>());
		assert_eq!(Escrow::<T>::get(consumer).deposited, escrow_payment::<T>());
	}

	#[benchmark]
	fn renew_lease() {
		let (manager, consumer) = consumer::<T>();
		active_lease::<T>(&manager, consumer);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), consumer, 10, BalanceOf::<T>::max_value());
		// One era of the term was paid: the new term is the rest plus ten.
		let lease = Leases::<T>::get(consumer).expect("leased");
		assert_eq!(
			(lease.terms.duration_eras, lease.eras_paid),
			(T::MaxLeaseEras::get() / 2 - 1 + 10, 0)
		);
	}

	#[benchmark]
	fn end_lease() {
		let (manager, consumer) = consumer::<T>();
		active_lease::<T>(&manager, consumer);
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), consumer);
		assert!(Leases::<T>::get(consumer).expect("leased").ending);
	}

	/// An active lease with full assignments and votes kept for three eras, all cleared, and an escrow refunded.
	#[benchmark]
	fn force_end_lease() -> Result<(), BenchmarkError> {
		let (manager, consumer) = consumer::<T>();
		active_lease::<T>(&manager, consumer);
		let era = T::Eras::current_era();
		let voters: alloc::vec::Vec<_> =
			assigned_signers::<T>(consumer, era).into_iter().map(|(who, _)| who).collect();
		for kept in era..era.saturating_add(3) {
			votes_in_era::<T>(consumer, kept, &voters);
		}
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, consumer);
		assert!(!Leases::<T>::contains_key(consumer));
		assert_eq!(EraHeights::<T>::iter_prefix(consumer).count(), 0);
		Ok(())
	}

	/// A rotation that drops a full history of keys no longer needed as evidence, freeing each of them.
	#[benchmark]
	fn set_consumer_key() {
		let (_, consumer) = consumer::<T>();
		let operator = operator::<T>(consumer, 0);
		let history = T::MaxKeyHistory::get();
		for index in 0..history {
			T::Eras::set_era_for_benchmarks(index);
			Pallet::<T>::do_set_consumer_key(&operator, consumer, unused_key(index))
				.expect("a benchmark key is set");
		}
		// Far past the window: every key but the last one set is dropped.
		T::Eras::set_era_for_benchmarks(
			history.saturating_add(T::SlashableEras::get()).saturating_add(1),
		);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), consumer, unused_key(history));
		assert_eq!(KeyCount::<T>::get(consumer), 1);
		assert_eq!(KeyOwners::<T>::iter_prefix(consumer).count(), 2);
	}

	/// The attestation that finalizes a height all other assigned operators attested: an sr25519 signature checked,
	/// every assigned operator's status read (a suspended one counts for nothing) and every voter's count of final
	/// attestations raised.
	#[benchmark]
	fn attest() {
		let (manager, consumer) = consumer::<T>();
		active_lease::<T>(&manager, consumer);
		let era = T::Eras::current_era();
		let mut signers = assigned_signers::<T>(consumer, era);
		let (last, public) = signers.pop().expect("MaxOperatorsPerLease is positive");
		let (height, head) = (7, H256::repeat_byte(7));
		for (operator, key) in &signers {
			Pallet::<T>::do_attest(
				operator,
				consumer,
				height,
				head,
				sign::<T>(key, consumer, era, height, head),
			)
			.expect("an assigned operator attests");
		}
		// The earlier votes may have made the head final; undo that, so that the last vote makes it final and
		// counts every voter's attestation.
		Votes::<T>::mutate(consumer, height, |record| record.finalized = None);
		FinalHeights::<T>::remove(consumer, era);
		let _ = FinalAttestations::<T>::clear_prefix((consumer, era), u32::MAX, None);
		LatestFinalized::<T>::remove(consumer);
		let signature = sign::<T>(&public, consumer, era, height, head);
		#[extrinsic_call]
		_(RawOrigin::Signed(last), consumer, height, head, signature);
		assert_eq!(Votes::<T>::get(consumer, height).finalized, Some(head));
		assert_eq!(LatestFinalized::<T>::get(consumer), Some((height, head)));
	}

	/// Two sr25519 signatures checked and an offence reported.
	#[benchmark]
	fn report_equivocation() {
		let (_, consumer) = consumer::<T>();
		let operator = operator::<T>(consumer, 0);
		let (public, key) = signing_key();
		key_in_force::<T>(consumer, &operator, key);
		let era = T::Eras::current_era();
		let attestation = |head: H256| Attestation {
			era,
			height: 9,
			head,
			signature: sign::<T>(&public, consumer, era, 9, head),
		};
		let (first, second) =
			(attestation(H256::repeat_byte(1)), attestation(H256::repeat_byte(2)));
		// The operator served the era under a paid lease, last of a full assignment.
		let served: alloc::vec::Vec<T::AccountId> = (1..T::MaxOperatorsPerLease::get())
			.map(|index| account("served", index, 0))
			.chain(core::iter::once(operator.clone()))
			.collect();
		PaidAssignments::<T>::insert(
			consumer,
			Pallet::<T>::evidence_slot(era),
			(era, BoundedVec::truncate_from(served)),
		);
		let reporter = funded::<T>("reporter", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(reporter), consumer, operator.clone(), first, second);
	}

	/// The price multiplier update and the start of the era's consumer pages.
	#[benchmark]
	fn on_era_start() {
		let era = T::Eras::current_era().saturating_add(1);
		#[block]
		{
			<Pallet<T> as bulwark_primitives::OnEraStart>::on_era_start(era);
		}
		assert_eq!(EraCursor::<T>::get(), Some((era, None)));
	}

	/// One consumer at an era start, in its costliest path: the fee reserved for the era served is paid out to the
	/// most operators an assignment can have, each of which attested one final height (so it earns a part, and is
	/// reported for downtime), the votes of `MaxHeightsPerEra` heights are pruned, operators are assigned for this
	/// era and the next from `k` keyed operators, and the fee of this era is reserved.
	#[benchmark]
	fn process_consumer(k: Linear<1, { T::MaxKeysPerConsumer::get() }>) {
		let (manager, consumer) = consumer::<T>();
		active_lease::<T>(&manager, consumer);
		// Two eras on, so that the votes pruned (of `era - 2`) are not those of the era served.
		let served = T::Eras::current_era().saturating_add(2);
		let era = served.saturating_add(1);
		let operators: alloc::vec::Vec<_> =
			(0..k).map(|index| operator::<T>(consumer, index)).collect();
		for (index, operator) in operators.iter().enumerate() {
			key_in_force::<T>(consumer, operator, unused_key(index as u32));
		}
		let assigned: alloc::vec::Vec<_> = (0..max_assigned::<T>())
			.map(|index| {
				operators
					.get(index as usize)
					.cloned()
					.unwrap_or_else(|| operator::<T>(consumer, k + index))
			})
			.collect();
		let security = stake::<T>(0).saturating_mul((assigned.len() as u32).into());
		Assignments::<T>::insert(
			consumer,
			Assignment {
				era: served,
				operators: BoundedVec::truncate_from(
					assigned.iter().map(|operator| (operator.clone(), stake::<T>(0))).collect(),
				),
				security,
			},
		);
		Leases::<T>::mutate(consumer, |lease| {
			if let Some(lease) = lease {
				lease.reserved = Some((served, lease.price_per_era));
			}
		});
		// Every assigned operator attested one of the final heights: it earns a part and is reported for downtime.
		FinalHeights::<T>::insert(consumer, served, T::MaxHeightsPerEra::get());
		for operator in &assigned {
			FinalAttestations::<T>::insert((consumer, served), operator, 1);
		}
		votes_in_era::<T>(consumer, era.saturating_sub(2), &assigned);
		FinalHeights::<T>::insert(consumer, era.saturating_sub(2), 0);
		// The chain is in the era processed, so that the downtime reports are offences of a past era and are taken in.
		T::Eras::set_era_for_benchmarks(era);
		#[block]
		{
			Pallet::<T>::process_consumer(consumer, era);
		}
		assert!(!Escrow::<T>::get(consumer).paid.is_zero());
		assert!(Leases::<T>::get(consumer).expect("leased").paid_for(era));
		assert_eq!(NextAssignments::<T>::get(consumer).expect("assigned").era, era + 1);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder.build_with_keystore(),
		crate::mock::Test
	);
}
