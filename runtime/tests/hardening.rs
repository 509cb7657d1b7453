//! The rules of "Hardening I" and "Hardening III" in the composed runtime, on the dev preset: an equivocation
//! proven with a key since rotated twice waits its veto window, is applied and routed; a lease that stops paying
//! gets no finality in the eras it did not pay, and ends after its grace; an operator that drains its own
//! delegators through a consumer it controls ends poorer.

mod common;
use common::{build, run_hooks_of};

use bulwark_primitives::{OperatorStatus, StakeProvider};
use bulwark_runtime::{
	configs::TreasuryAccount, Balances, Restaking, Runtime, RuntimeOrigin, SecurityLease, Slashing,
	UNIT,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use pallet_security_lease::{Attestation, ConsumerKey, ConsumerSignature, LeaseStatus, LeaseTerms};
use sp_core::{Pair, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Run blocks from `*block` until era `era` has started and its era work is done.
fn run_to_era(block: &mut u32, era: u32) {
	while pallet_restaking::CurrentEra::<Runtime>::get() < era
		|| pallet_security_lease::EraCursor::<Runtime>::get().is_some()
	{
		*block += 1;
		run_hooks_of(*block);
	}
}

fn signed(key: Ed25519Keyring, consumer: u32, era: u32, height: u64, head: H256) -> Attestation {
	let payload = SecurityLease::signing_payload(consumer, era, height, head).expect("registered");
	Attestation {
		era,
		height,
		head,
		signature: ConsumerSignature::Ed25519(key.pair().sign(&payload).0),
	}
}

/// A lease of 1,000 BWK from one operator for 100 eras, at most 1 BWK an era.
fn one_operator_terms() -> LeaseTerms<bulwark_runtime::Balance> {
	LeaseTerms {
		security: 1_000 * UNIT,
		min_operators: 1,
		max_operators: 1,
		duration_eras: 100,
		max_price_per_era: UNIT,
		auto_renew: false,
	}
}

#[test]
fn an_equivocation_proven_after_two_key_rotations_waits_its_veto_window_then_is_applied_and_routed()
{
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let mut block = 1;
		run_hooks_of(block);
		// In era 0 Alice signs two heads of the demo consumer at height 9 with her key in force.
		let first = signed(Ed25519Keyring::Alice, 0, 0, 9, H256::repeat_byte(1));
		let second = signed(Ed25519Keyring::Alice, 0, 0, 9, H256::repeat_byte(2));
		// Then she rotates her key twice.
		for (era, key) in [(1, Ed25519Keyring::Bob), (2, Ed25519Keyring::Charlie)] {
			assert_ok!(SecurityLease::set_consumer_key(
				RuntimeOrigin::signed(alice.clone()),
				0,
				ConsumerKey::Ed25519(key.public().0)
			));
			run_to_era(&mut block, era);
		}
		assert_eq!(
			SecurityLease::consumer_key(0, &alice, 2),
			Some(ConsumerKey::Ed25519(Ed25519Keyring::Charlie.public().0))
		);
		// Charlie proves it in era 2 with the key of era 0.
		assert_ok!(SecurityLease::report_equivocation(
			RuntimeOrigin::signed(charlie.clone()),
			0,
			alice.clone(),
			first,
			second
		));
		assert_eq!(Restaking::operator_status(&alice), Some(OperatorStatus::Suspended));
		let (id, slash) =
			pallet_slashing::Slashes::<Runtime>::iter().next().expect("a pending slash");
		assert_eq!((slash.offence_era, slash.due_era), (0, 4));
		// Reported two eras late, it still keeps its veto window: not applicable in eras 2 and 3.
		assert_noop!(
			Slashing::apply_slash(RuntimeOrigin::signed(charlie.clone()), id),
			pallet_slashing::Error::<Runtime>::NotDue
		);
		run_to_era(&mut block, 3);
		assert!(pallet_slashing::Slashes::<Runtime>::contains_key(id));
		run_to_era(&mut block, 4);
		while pallet_slashing::Slashes::<Runtime>::contains_key(id) {
			block += 1;
			run_hooks_of(block);
		}
		// 10% of Alice's allocation to the demo consumer: half of her 11,000 BWK pool.
		assert_eq!(pallet_slashing::Totals::<Runtime>::get().slashed, 550 * UNIT);
		assert_eq!(Restaking::operator_status(&alice), Some(OperatorStatus::Active));
		// Bob's share, 50 BWK, is realised when his delegation is settled: 10% to Charlie the reporter (well within
		// half of what Alice's own bond loses), 70% to the treasury, the rest burnt, and nothing to the consumer.
		let escrow = SecurityLease::escrow_account(0);
		let (charlie_before, escrow_before, treasury_before) = (
			Balances::balance(&charlie),
			Balances::balance(&escrow),
			Balances::balance(&TreasuryAccount::get()),
		);
		let issuance = Balances::total_issuance();
		assert_ok!(Restaking::settle(RuntimeOrigin::signed(charlie.clone()), bob.clone(), alice));
		assert_eq!(Balances::balance(&charlie) - charlie_before, 5 * UNIT);
		assert_eq!(Balances::balance(&escrow), escrow_before);
		assert_eq!(Balances::balance(&TreasuryAccount::get()) - treasury_before, 35 * UNIT);
		assert_eq!(issuance - Balances::total_issuance(), 10 * UNIT);
	});
}

#[test]
fn a_lease_that_stops_paying_gets_no_finality_in_the_eras_it_did_not_pay_and_ends() {
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let eve = Sr25519Keyring::Eve.to_account_id();
		let mut block = 1;
		run_hooks_of(block);
		// Eve registers consumer 1 and leases 1,000 BWK from Alice, whose other half of the pool backs it.
		assert_ok!(SecurityLease::register_consumer(
			RuntimeOrigin::signed(eve.clone()),
			b"tenant".to_vec(),
			H256::repeat_byte(0x01),
			0
		));
		let terms = one_operator_terms();
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(eve.clone()), 1, terms));
		assert!(
			Balances::balance_on_hold(
				&pallet_security_lease::HoldReason::LeaseDeposit.into(),
				&eve
			) > 0
		);
		assert_ok!(Restaking::allocate(
			RuntimeOrigin::signed(alice.clone()),
			1,
			sp_runtime::Perbill::from_percent(50)
		));
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(alice.clone()),
			1,
			ConsumerKey::Ed25519(Ed25519Keyring::Alice.public().0)
		));
		// The escrow pays exactly one era beyond the existential deposit.
		let price = SecurityLease::quote(terms.security);
		let minimum = <Balances as Inspect<_>>::minimum_balance();
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(eve.clone()), 1, price + minimum));
		let mut era = 0;
		while pallet_security_lease::Leases::<Runtime>::get(1).expect("requested").status
			== LeaseStatus::Requested
		{
			era += 1;
			run_to_era(&mut block, era);
			assert!(era < 5, "the lease never activated");
		}
		// The paid era gets finality: Alice alone holds all the assigned stake.
		let attest = |era: u32, height: u64| {
			let head = H256::repeat_byte(height as u8);
			let attestation = signed(Ed25519Keyring::Alice, 1, era, height, head);
			SecurityLease::attest(
				RuntimeOrigin::signed(alice.clone()),
				1,
				height,
				head,
				attestation.signature,
			)
		};
		assert_ok!(attest(era, 1));
		assert_eq!(
			pallet_security_lease::LatestFinalized::<Runtime>::get(1),
			Some((1, H256::repeat_byte(1)))
		);
		// The next era cannot be paid: no finality in it, nor in the one after, and then the lease ends.
		for unpaid in 1..=2 {
			run_to_era(&mut block, era + unpaid);
			let lease = pallet_security_lease::Leases::<Runtime>::get(1).expect("in grace");
			assert_eq!(lease.status, LeaseStatus::Grace { since: era + 1 });
			assert_noop!(
				attest(era + unpaid, 10 + unpaid as u64),
				pallet_security_lease::Error::<Runtime>::LeaseNotPaid
			);
		}
		run_to_era(&mut block, era + 3);
		assert!(pallet_security_lease::Leases::<Runtime>::get(1).is_none());
		assert_eq!(
			pallet_security_lease::LatestFinalized::<Runtime>::get(1),
			Some((1, H256::repeat_byte(1)))
		);
		// It paid for the one era it was served.
		let ledger = pallet_security_lease::Escrow::<Runtime>::get(1);
		assert!(ledger.paid <= price && ledger.paid > 0);
	});
}

/// Hardening III, attack 1, from start to end on the real pallets: operator Eve bonds 1,000 BWK and Bob delegates
/// 10,000 BWK to her; her friend Ferdie registers a consumer, sets its equivocation fraction to the most
/// `MaxSlashFraction` allows, and pays for a lease that assigns Eve, who allocates her whole pool to it. Eve signs
/// two heads at one height and a third account of theirs reports it. The slash takes half of the pool, Bob's half
/// included, but the attackers together end poorer: the reporter is paid at most half of what Eve's own bond
/// loses, and nothing reaches Ferdie's consumer.
#[test]
fn an_operator_draining_its_own_delegators_through_a_consumer_it_controls_ends_poorer() {
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let eve = Sr25519Keyring::Eve.to_account_id();
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		let alt = Sr25519Keyring::One.to_account_id();
		let mut block = 1;
		run_hooks_of(block);
		let wealth = |who: &bulwark_runtime::AccountId| Balances::total_balance(who);
		// The consumer's escrow is Ferdie's: he may withdraw what it holds.
		let attackers = || {
			wealth(&eve)
				+ wealth(&ferdie)
				+ wealth(&alt)
				+ wealth(&SecurityLease::escrow_account(1))
		};
		let (attackers_before, bob_before) = (attackers(), wealth(&bob));
		let (own, delegated) = (1_000 * UNIT, 10_000 * UNIT);

		// The reporter account is funded by the attackers themselves.
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(ferdie.clone()),
			alt.clone().into(),
			10 * UNIT
		));
		assert_ok!(Restaking::register_operator(
			RuntimeOrigin::signed(eve.clone()),
			own,
			sp_runtime::Perbill::from_percent(10),
			b"eve".to_vec()
		));
		assert_ok!(Restaking::delegate(RuntimeOrigin::signed(bob.clone()), eve.clone(), delegated));
		assert_ok!(SecurityLease::register_consumer(
			RuntimeOrigin::signed(ferdie.clone()),
			b"junk".to_vec(),
			H256::repeat_byte(0x0f),
			0
		));
		use frame_support::traits::Get;
		let max = <Runtime as pallet_slashing::Config>::MaxSlashFraction::get();
		assert_ok!(Slashing::set_consumer_slash_policy(
			RuntimeOrigin::signed(ferdie.clone()),
			1,
			pallet_slashing::KindFractions {
				equivocation: max,
				downtime: max,
				governance_fault: max
			}
		));
		assert_ok!(Restaking::allocate(
			RuntimeOrigin::signed(eve.clone()),
			1,
			sp_runtime::Perbill::one()
		));
		assert_ok!(SecurityLease::set_consumer_key(
			RuntimeOrigin::signed(eve.clone()),
			1,
			ConsumerKey::Ed25519(Ed25519Keyring::Eve.public().0)
		));
		let terms = one_operator_terms();
		assert_ok!(SecurityLease::request_lease(RuntimeOrigin::signed(ferdie.clone()), 1, terms));
		assert_ok!(SecurityLease::top_up(RuntimeOrigin::signed(ferdie.clone()), 1, 10 * UNIT));
		// Until the lease is active, Eve is assigned, and the stricter policy is in force.
		let mut era = 0;
		loop {
			era += 1;
			run_to_era(&mut block, era);
			assert!(era < 6, "the lease never served Eve");
			let assigned = pallet_security_lease::Assignments::<Runtime>::get(1)
				.is_some_and(|assignment| assignment.operators.iter().any(|(op, _)| *op == eve));
			if assigned && era >= 2 {
				break;
			}
		}
		assert_eq!(
			Slashing::fraction_for(1, bulwark_primitives::OffenceKind::Equivocation, era),
			max
		);
		assert_eq!(Restaking::slashable_stake(&eve, 1, era), own + delegated);

		// What the escrow holds beyond its ledger (fees in, eras paid out), which only money from elsewhere moves.
		let beyond_ledger = || {
			Balances::balance(&SecurityLease::escrow_account(1))
				- pallet_security_lease::Escrow::<Runtime>::get(1).held()
		};
		let escrow_extra = beyond_ledger();
		let first = signed(Ed25519Keyring::Eve, 1, era, 9, H256::repeat_byte(1));
		let second = signed(Ed25519Keyring::Eve, 1, era, 9, H256::repeat_byte(2));
		assert_ok!(SecurityLease::report_equivocation(
			RuntimeOrigin::signed(alt.clone()),
			1,
			eve.clone(),
			first,
			second
		));
		let (id, _) = pallet_slashing::Slashes::<Runtime>::iter().next().expect("pending");
		// A quarter of all restaked stake trips the breaker: governance, not seeing the attack, approves it.
		while let Some(slash) = pallet_slashing::Slashes::<Runtime>::get(id) {
			if slash.state == pallet_slashing::SlashState::Held {
				assert_ok!(Slashing::approve_slash(RuntimeOrigin::root(), id));
				continue;
			}
			block += 1;
			run_hooks_of(block);
			assert!(block < 300, "the slash was never applied");
		}
		for delegator in [&bob, &eve] {
			assert_ok!(Restaking::settle(
				RuntimeOrigin::signed(alt.clone()),
				delegator.clone(),
				eve.clone()
			));
		}

		// The model: half of the 11,000 pool is slashed, 5,000 from Bob and 500 from Eve's own bond; the reporter
		// is paid at most 250, half of Eve's loss (a tenth of the slash, 550, would be more).
		let slashed = max.mul_floor(own + delegated);
		assert_eq!(pallet_slashing::Totals::<Runtime>::get().slashed, slashed);
		let bob_loss = max.mul_floor(delegated);
		let own_loss = max.mul_floor(own);
		let reporter_bound = own_loss / 2;
		let totals = pallet_slashing::Totals::<Runtime>::get();
		assert_eq!(totals.to_reporters, reporter_bound);
		// Bob lost his share of the slash and nothing else; the lease's fees are rewards he has not claimed.
		assert_eq!(bob_before - wealth(&bob), bob_loss);
		// Nothing of the slash went into the consumer's escrow.
		assert_eq!(beyond_ledger(), escrow_extra);
		// The attackers lost at least Eve's own loss less the reporter's pay.
		let attackers_after = attackers();
		assert!(
			attackers_after + own_loss - reporter_bound <= attackers_before,
			"attackers went from {attackers_before} to {attackers_after}"
		);
	});
}

/// Hardening III, attack 4: the slash queue holds a slash for every window an admissible offence can open, so that
/// no party's slashes keep an honest report out. Every lease slot with its most operators, for every era the lease
/// pallet's record can prove and the veto window after it.
#[test]
fn the_slash_queue_holds_every_window_an_admissible_offence_can_open() {
	use bulwark_primitives::ServiceRecord;
	use frame_support::traits::Get;
	type Lease = <Runtime as pallet_security_lease::Config>::MaxLeases;
	type Operators = <Runtime as pallet_security_lease::Config>::MaxOperatorsPerLease;
	type Kept = <Runtime as pallet_security_lease::Config>::EvidenceEras;
	type Defer = <Runtime as pallet_slashing::Config>::SlashDeferEras;
	type Queue = <Runtime as pallet_slashing::Config>::MaxPendingSlashes;
	let get = |value: u32| value;
	let pairs_per_era = get(Lease::get()) * get(Operators::get());
	let kept = get(Kept::get());
	assert_eq!(<SecurityLease as ServiceRecord<_>>::max_served_per_era(), pairs_per_era);
	assert_eq!(<SecurityLease as ServiceRecord<_>>::kept_eras(), kept);
	assert!(get(Queue::get()) >= pairs_per_era * (kept + get(Defer::get())));
	// The record outlasts the slashable window, so that every reportable era can be proven, and an era's pages
	// apply as many slashes as the lease slots serve pairs in an era.
	type PerBlock = <Runtime as pallet_slashing::Config>::MaxSlashesPerBlock;
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let era_length = bulwark_runtime::configs::dynamic_params::restaking::EraLength::get();
		assert!(get(PerBlock::get()) * era_length >= pairs_per_era);
		assert!(kept >= bulwark_runtime::configs::dynamic_params::restaking::UnbondingEras::get());
	});
}
