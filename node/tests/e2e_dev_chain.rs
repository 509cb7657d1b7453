//! End to end: a real `bulwark-node --dev` produces and finalizes blocks, and a signed balance transfer
//! submitted with subxt is included with its event and moves exactly the expected balances. Then Charlie
//! delegates to Alice, the dev chain's operator, and `RestakingApi` reports his delegation and her pool. Last, Alice
//! attests a head of the demo consumer with her ed25519 dev key; the head is final and `SecurityLeaseApi` reports
//! it with the consumer's active lease.

mod common;

use std::time::{Duration, Instant};

use common::RunningNode;
use subxt::{
	dynamic,
	ext::scale_decode::{self, DecodeAsType},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::dev;

/// The whole test must finish within this, so that a hung node fails the test rather than CI.
const TEST_TIMEOUT: Duration = Duration::from_secs(240);

/// How much Alice sends Bob.
const AMOUNT: u128 = 1_234_567_890_000;

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountInfo {
	data: AccountData,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountData {
	free: u128,
}

/// `Balances::Transfer`.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Transfer {
	from: [u8; 32],
	to: [u8; 32],
	amount: u128,
}

impl subxt::events::DecodeAsEvent for Transfer {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "Balances" && event == "Transfer"
	}
}

/// `TransactionPayment::TransactionFeePaid`.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct TransactionFeePaid {
	who: [u8; 32],
	actual_fee: u128,
	tip: u128,
}

impl subxt::events::DecodeAsEvent for TransactionFeePaid {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "TransactionPayment" && event == "TransactionFeePaid"
	}
}

/// `Restaking::Delegated`.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Delegated {
	delegator: [u8; 32],
	operator: [u8; 32],
	amount: u128,
	shares: u128,
}

impl subxt::events::DecodeAsEvent for Delegated {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "Restaking" && event == "Delegated"
	}
}

/// `pallet_restaking::DelegationView`, as `RestakingApi::delegation` returns it.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct DelegationView {
	value: u128,
	unbonding: u128,
	withdrawable: u128,
	pending_rewards: u128,
	held: u128,
}

/// One BWK.
const UNIT: u128 = 1_000_000_000_000;

/// Connects to the node, retrying while its RPC server is not up yet.
async fn connect(node: &RunningNode) -> OnlineClient<PolkadotConfig> {
	loop {
		match OnlineClient::<PolkadotConfig>::from_url(node.ws_url()).await {
			Ok(client) => return client,
			Err(_) => tokio::time::sleep(Duration::from_millis(250)).await,
		}
	}
}

async fn free_balance(
	client: &OnlineClient<PolkadotConfig>,
	at: subxt::config::HashFor<PolkadotConfig>,
	who: [u8; 32],
) -> u128 {
	let address = dynamic::storage::<([u8; 32],), AccountInfo>("System", "Account");
	let at_block = client.at_block(at).await.expect("block is available");
	let value = at_block.storage().fetch(address, (who,)).await.expect("account exists");
	value.decode().expect("AccountInfo decodes").data.free
}

async fn run(node: &RunningNode) {
	let client = connect(node).await;
	let connected = node.started.elapsed();

	// Wait for a produced block and a finalized block beyond genesis.
	let mut best = client.stream_best_blocks().await.expect("best block subscription");
	let first_block = loop {
		let block = best.next().await.expect("stream open").expect("block");
		if block.number() >= 1 {
			break node.started.elapsed();
		}
	};
	let mut finalized = client.stream_blocks().await.expect("finalized block subscription");
	let first_finalized = loop {
		let block = finalized.next().await.expect("stream open").expect("block");
		if block.number() >= 1 {
			break node.started.elapsed();
		}
	};
	eprintln!(
		"node launch -> RPC up: {:.1?}, first block: {:.1?}, first finalized block: {:.1?}",
		connected, first_block, first_finalized
	);

	let alice = dev::alice();
	let bob = dev::bob();
	let (alice_id, bob_id) = (alice.public_key().0, bob.public_key().0);

	let before = client.at_current_block().await.expect("current block");
	let before_hash = before.block_hash();
	let alice_before = free_balance(&client, before_hash, alice_id).await;
	let bob_before = free_balance(&client, before_hash, bob_id).await;

	let transfer = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(bob.public_key().to_address::<()>(), AMOUNT),
	);
	let submitted = Instant::now();
	let progress = before
		.transactions()
		.sign_and_submit_then_watch_default(&transfer, &alice)
		.await
		.expect("transaction accepted by the pool");
	let in_block = progress.wait_for_finalized().await.expect("transaction finalized");
	let included_at = in_block.block_hash();
	let events = in_block.wait_for_success().await.expect("transaction succeeded");
	eprintln!("transfer submitted -> finalized: {:.1?}", submitted.elapsed());

	let transfer_event = events
		.find_first::<Transfer>()
		.expect("a Balances::Transfer event")
		.expect("the event decodes");
	assert_eq!(transfer_event.from, alice_id);
	assert_eq!(transfer_event.to, bob_id);
	assert_eq!(transfer_event.amount, AMOUNT);

	let fee = events
		.find_first::<TransactionFeePaid>()
		.expect("a TransactionFeePaid event")
		.expect("the event decodes");
	assert_eq!(fee.who, alice_id);
	assert!(fee.actual_fee > 0, "a signed transfer pays a fee");

	let alice_after = free_balance(&client, included_at, alice_id).await;
	let bob_after = free_balance(&client, included_at, bob_id).await;
	assert_eq!(bob_after, bob_before + AMOUNT);
	assert_eq!(alice_after, alice_before - AMOUNT - fee.actual_fee - fee.tip);

	restake(&client).await;
	attest(&client).await;
}

/// `pallet_security_lease::Event::HeadFinalized`.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct HeadFinalized {
	consumer: u32,
	era: u32,
	height: u64,
	head: [u8; 32],
}

impl subxt::events::DecodeAsEvent for HeadFinalized {
	fn is_event(pallet: &str, event: &str) -> bool {
		pallet == "SecurityLease" && event == "HeadFinalized"
	}
}

/// The part of `pallet_security_lease::LeaseView` the test checks.
#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct LeaseView {
	eras_covered: u32,
}

/// The bytes an operator signs: `("bulwark/attest", chain genesis, consumer, consumer genesis, era, height, head)`
/// SCALE-encoded, written out here to check the runtime's format independently.
fn attestation_payload(
	chain: [u8; 32],
	consumer: u32,
	consumer_genesis: [u8; 32],
	era: u32,
	height: u64,
	head: [u8; 32],
) -> Vec<u8> {
	let mut payload = b"bulwark/attest".to_vec();
	payload.extend(chain);
	payload.extend(consumer.to_le_bytes());
	payload.extend(consumer_genesis);
	payload.extend(era.to_le_bytes());
	payload.extend(height.to_le_bytes());
	payload.extend(head);
	payload
}

/// Alice, the only operator assigned to the demo consumer 0, attests a head: with all the assigned stake it is
/// final at once.
async fn attest(client: &OnlineClient<PolkadotConfig>) {
	use sp_core::Pair;
	let key = sp_keyring::Ed25519Keyring::Alice.pair();
	let (height, head) = (42u64, [0x42u8; 32]);
	// An era may end between reading it and inclusion, which voids the signature: try again in the next one.
	let mut attempts = 0;
	let (included_at, events) = loop {
		attempts += 1;
		let at = client.at_current_block().await.expect("current block");
		let era: u32 = at
			.runtime_apis()
			.call(dynamic::runtime_api_call::<_, u32>("RestakingApi", "current_era", ()))
			.await
			.expect("RestakingApi::current_era");
		// The demo consumer's genesis hash in both presets is 0xdede..de.
		let payload =
			attestation_payload(client.genesis_hash().0, 0, [0xde; 32], era, height, head);
		let from_runtime: Option<Vec<u8>> = at
			.runtime_apis()
			.call(dynamic::runtime_api_call::<_, Option<Vec<u8>>>(
				"SecurityLeaseApi",
				"signing_payload",
				(0u32, era, height, head),
			))
			.await
			.expect("SecurityLeaseApi::signing_payload");
		assert_eq!(
			from_runtime.as_ref(),
			Some(&payload),
			"the runtime signs what this test writes out"
		);
		let signature = key.sign(&payload).0;
		let call = dynamic::transaction(
			"SecurityLease",
			"attest",
			(
				dynamic::Value::u128(0),
				dynamic::Value::u128(height.into()),
				dynamic::Value::from_bytes(head),
				dynamic::Value::unnamed_variant("Ed25519", [dynamic::Value::from_bytes(signature)]),
			),
		);
		let in_block = at
			.transactions()
			.sign_and_submit_then_watch_default(&call, &dev::alice())
			.await
			.expect("attestation accepted by the pool")
			.wait_for_finalized()
			.await
			.expect("attestation finalized");
		let hash = in_block.block_hash();
		match in_block.wait_for_success().await {
			Ok(events) => break (hash, events),
			Err(error) if attempts < 3 => eprintln!("attestation failed, retrying: {error}"),
			Err(error) => panic!("attestation failed {attempts} times: {error}"),
		}
	};
	let finalized = events
		.find_first::<HeadFinalized>()
		.expect("a SecurityLease::HeadFinalized event")
		.expect("the event decodes");
	assert_eq!((finalized.consumer, finalized.height, finalized.head), (0, height, head));

	let at = client.at_block(included_at).await.expect("block is available");
	let latest = at
		.runtime_apis()
		.call(dynamic::runtime_api_call::<_, Option<(u64, [u8; 32])>>(
			"SecurityLeaseApi",
			"latest_final_head",
			(0u32,),
		))
		.await
		.expect("SecurityLeaseApi::latest_final_head");
	assert_eq!(latest, Some((height, head)));
	let lease = at
		.runtime_apis()
		.call(dynamic::runtime_api_call::<_, Option<LeaseView>>(
			"SecurityLeaseApi",
			"lease",
			(0u32,),
		))
		.await
		.expect("SecurityLeaseApi::lease")
		.expect("the demo consumer has a lease");
	// 100 BWK of escrow at 0.05 BWK an era, less the eras paid so far.
	assert!(lease.eras_covered > 1_900, "the demo escrow covers {} eras", lease.eras_covered);
	eprintln!(
		"head final in era {}; the demo escrow covers {} more eras",
		finalized.era, lease.eras_covered
	);
}

/// Charlie delegates to Alice; the event and `RestakingApi` agree with the genesis preset.
async fn restake(client: &OnlineClient<PolkadotConfig>) {
	let (alice, charlie) = (dev::alice().public_key().0, dev::charlie());
	let delegate = dynamic::transaction(
		"Restaking",
		"delegate",
		(dynamic::Value::from_bytes(alice), dynamic::Value::u128(500 * UNIT)),
	);
	let at = client.at_current_block().await.expect("current block");
	let in_block = at
		.transactions()
		.sign_and_submit_then_watch_default(&delegate, &charlie)
		.await
		.expect("delegation accepted by the pool")
		.wait_for_finalized()
		.await
		.expect("delegation finalized");
	let included_at = in_block.block_hash();
	let events = in_block.wait_for_success().await.expect("delegation succeeded");
	let delegated = events
		.find_first::<Delegated>()
		.expect("a Restaking::Delegated event")
		.expect("the event decodes");
	assert_eq!((delegated.delegator, delegated.operator), (charlie.public_key().0, alice));
	assert_eq!((delegated.amount, delegated.shares), (500 * UNIT, 500 * UNIT));

	let at = client.at_block(included_at).await.expect("block is available");
	let query = |delegator: [u8; 32]| {
		dynamic::runtime_api_call::<_, Option<DelegationView>>(
			"RestakingApi",
			"delegation",
			(delegator, alice),
		)
	};
	let charlie_view = at
		.runtime_apis()
		.call(query(charlie.public_key().0))
		.await
		.expect("RestakingApi::delegation")
		.expect("Charlie delegates to Alice");
	assert_eq!((charlie_view.value, charlie_view.held), (500 * UNIT, 500 * UNIT));
	let bob_view = at
		.runtime_apis()
		.call(query(dev::bob().public_key().0))
		.await
		.expect("RestakingApi::delegation")
		.expect("Bob delegates to Alice in the dev preset");
	assert_eq!(bob_view.value, 1_000 * UNIT);
	assert_eq!((bob_view.unbonding, bob_view.withdrawable, bob_view.pending_rewards), (0, 0, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_produces_finalizes_and_executes_a_signed_transfer() {
	let mut node = RunningNode::start_dev();

	tokio::time::timeout(TEST_TIMEOUT, run(&node)).await.unwrap_or_else(|_| {
		panic!("the dev chain did not get through the test in {TEST_TIMEOUT:?}")
	});

	let status = node.stop().expect("the node exits within its grace period after SIGTERM");
	assert!(status.success(), "the node exits cleanly on SIGTERM, got {status}");
}
