//! Governance by referendum in the composed runtime, on the dev preset: each track dispatches with its own origin,
//! and a referendum that token holders vote through with conviction has its call enacted.

mod common;
use common::{build, run_hooks_of};

use bulwark_runtime::{
	configs::{dynamic_params, RuntimeParameters},
	governance::{origins::Origin as TrackOrigin, tracks},
	ConvictionVoting, OriginCaller, Preimage, Referenda, Runtime, RuntimeCall, RuntimeOrigin, UNIT,
};
use frame_support::{
	assert_ok,
	traits::{schedule::DispatchTime, Get, StorePreimage},
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_referenda::TracksInfo;
use sp_keyring::Sr25519Keyring;
use sp_runtime::Perbill;

#[test]
fn every_track_dispatches_with_its_own_origin() {
	let track = |origin: OriginCaller| tracks::TracksInfo::track_for(&origin);
	assert_eq!(track(frame_system::RawOrigin::Root.into()), Ok(tracks::ids::ROOT));
	for (origin, id, name) in [
		(TrackOrigin::WhitelistedCaller, tracks::ids::WHITELISTED_CALLER, "whitelisted_caller"),
		(TrackOrigin::SlashVeto, tracks::ids::SLASH_VETO, "slash_veto"),
		(TrackOrigin::LeaseAdmin, tracks::ids::LEASE_ADMIN, "lease_admin"),
		(TrackOrigin::ParameterAdmin, tracks::ids::PARAMETER_ADMIN, "parameter_admin"),
		(TrackOrigin::Treasurer, tracks::ids::TREASURER, "treasurer"),
		(
			TrackOrigin::ReferendumCanceller,
			tracks::ids::REFERENDUM_CANCELLER,
			"referendum_canceller",
		),
		(TrackOrigin::ReferendumKiller, tracks::ids::REFERENDUM_KILLER, "referendum_killer"),
	] {
		assert_eq!(track(OriginCaller::Origins(origin)), Ok(id));
		let info = tracks::TracksInfo::info(id).expect("a track");
		assert_eq!(info.name, sp_runtime::str_array::<25>(name));
	}
	// A signed account has no track: it cannot be the origin a referendum dispatches with.
	let signed = frame_system::RawOrigin::Signed(Sr25519Keyring::Alice.to_account_id());
	assert_eq!(track(signed.into()), Err(()));
	// A slash veto passes within the veto window of the dev chain: two 10-block eras.
	let veto = tracks::TracksInfo::info(tracks::ids::SLASH_VETO).expect("a track");
	assert!(veto.prepare_period + veto.confirm_period + veto.min_enactment_period < 20);
}

/// Alice notes a call setting a slash fraction, submits it on the root track and places the decision deposit; the
/// dev accounts vote aye with conviction, and once the referendum passes the scheduler enacts the call.
#[test]
fn a_referendum_passed_with_conviction_is_enacted() {
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let mut block = 1;
		run_hooks_of(block);
		let fraction = Perbill::from_percent(12);
		let call = RuntimeCall::Parameters(pallet_parameters::Call::set_parameter {
			key_value: RuntimeParameters::Slashing(
				dynamic_params::slashing::Parameters::EquivocationFraction(
					dynamic_params::slashing::EquivocationFraction,
					Some(fraction),
				),
			),
		});
		let alice = Sr25519Keyring::Alice;
		assert_ok!(Referenda::submit(
			RuntimeOrigin::signed(alice.to_account_id()),
			Box::new(frame_system::RawOrigin::Root.into()),
			Preimage::bound(call).expect("a small call is bounded"),
			DispatchTime::After(0),
		));
		assert_ok!(Referenda::place_decision_deposit(
			RuntimeOrigin::signed(alice.to_account_id()),
			0
		));
		for voter in [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
			Sr25519Keyring::Eve,
			Sr25519Keyring::Ferdie,
		] {
			assert_ok!(ConvictionVoting::vote(
				RuntimeOrigin::signed(voter.to_account_id()),
				0,
				AccountVote::Standard {
					vote: Vote { aye: true, conviction: Conviction::Locked1x },
					balance: 800_000 * UNIT,
				},
			));
		}
		assert_ne!(dynamic_params::slashing::EquivocationFraction::get(), fraction);
		// Prepare (20 blocks), confirm (20) and enactment (10), with room.
		while dynamic_params::slashing::EquivocationFraction::get() != fraction {
			block += 1;
			assert!(block < 200, "not enacted by block 200");
			run_hooks_of(block);
		}
		assert!(block >= 50, "enacted at block {block}, before its periods ran");
		assert!(matches!(
			pallet_referenda::ReferendumInfoFor::<Runtime>::get(0),
			Some(pallet_referenda::ReferendumInfo::Approved(..))
		));
	});
}

/// Each track's origin has its own powers and no other: `parameter_admin` sets lease prices but not slash
/// fractions, `lease_admin` force-ends a lease but sets no parameter, `slash_veto` does neither, and a signed
/// account none of it; Root keeps them all.
#[test]
fn each_origin_has_only_its_tracks_powers() {
	use bulwark_runtime::{Parameters, SecurityLease};
	use sp_runtime::{DispatchError, FixedU128};
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_hooks_of(1);
		let price = || {
			RuntimeParameters::SecurityLease(dynamic_params::security_lease::Parameters::UnitPrice(
				dynamic_params::security_lease::UnitPrice,
				Some(FixedU128::from_rational(1, 50_000)),
			))
		};
		let fraction = || {
			RuntimeParameters::Slashing(dynamic_params::slashing::Parameters::EquivocationFraction(
				dynamic_params::slashing::EquivocationFraction,
				Some(Perbill::from_percent(20)),
			))
		};
		let track = |origin: TrackOrigin| RuntimeOrigin::from(origin);
		let signed = RuntimeOrigin::signed(Sr25519Keyring::Dave.to_account_id());
		let bad = Err(DispatchError::BadOrigin);

		assert_ok!(Parameters::set_parameter(track(TrackOrigin::ParameterAdmin), price()));
		assert_eq!(
			dynamic_params::security_lease::UnitPrice::get(),
			FixedU128::from_rational(1, 50_000)
		);
		assert_eq!(Parameters::set_parameter(track(TrackOrigin::ParameterAdmin), fraction()), bad);
		for origin in [
			track(TrackOrigin::LeaseAdmin),
			track(TrackOrigin::SlashVeto),
			track(TrackOrigin::Treasurer),
			signed.clone(),
		] {
			assert_eq!(Parameters::set_parameter(origin.clone(), price()), bad);
			assert_eq!(Parameters::set_parameter(origin, fraction()), bad);
		}
		for origin in [
			track(TrackOrigin::ParameterAdmin),
			track(TrackOrigin::SlashVeto),
			track(TrackOrigin::WhitelistedCaller),
			signed,
		] {
			assert_eq!(SecurityLease::force_end_lease(origin, 0), bad);
		}
		assert_ok!(SecurityLease::force_end_lease(track(TrackOrigin::LeaseAdmin), 0));
		assert_ok!(Parameters::set_parameter(RuntimeOrigin::root(), fraction()));
		assert_eq!(
			dynamic_params::slashing::EquivocationFraction::get(),
			Perbill::from_percent(20)
		);
	});
}

/// `slash_veto` decides about slashes (cancel, reduce, approve) and nothing else: not the slashing mode, which
/// stays Root's; the other tracks and signed accounts may not veto.
#[test]
fn only_slash_veto_and_root_veto_slashes() {
	use bulwark_runtime::Slashing;
	use pallet_slashing::SlashingMode;
	use sp_runtime::DispatchError;
	build(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		run_hooks_of(1);
		let track = |origin: TrackOrigin| RuntimeOrigin::from(origin);
		let unknown = Err(pallet_slashing::Error::<Runtime>::UnknownSlash.into());
		// Past the origin check: there is no slash 7 to cancel.
		assert_eq!(Slashing::cancel_slash(track(TrackOrigin::SlashVeto), 7), unknown);
		assert_eq!(Slashing::approve_slash(track(TrackOrigin::SlashVeto), 7), unknown);
		assert_eq!(Slashing::cancel_slash(RuntimeOrigin::root(), 7), unknown);
		for origin in [
			track(TrackOrigin::LeaseAdmin),
			track(TrackOrigin::ParameterAdmin),
			track(TrackOrigin::Treasurer),
			RuntimeOrigin::signed(Sr25519Keyring::Dave.to_account_id()),
		] {
			assert_eq!(Slashing::cancel_slash(origin, 7), Err(DispatchError::BadOrigin));
		}
		assert_eq!(
			Slashing::set_slashing_mode(track(TrackOrigin::SlashVeto), SlashingMode::Disabled),
			Err(DispatchError::BadOrigin)
		);
		assert_ok!(Slashing::set_slashing_mode(RuntimeOrigin::root(), SlashingMode::LogOnly));
	});
}
