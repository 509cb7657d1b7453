//! Bulwark's referendum tracks. Periods are in blocks of the dev chain (minutes), so that a referendum can be
//! watched from submission to enactment; the deposits and curves are those a production chain would start from.

use super::origins;
use crate::{Balance, BlockNumber, RuntimeOrigin, MINUTES, UNIT};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::str_array as s;

const fn percent(x: i32) -> sp_runtime::FixedI64 {
	sp_runtime::FixedI64::from_rational(x as u128, 100)
}

const APP_ROOT: Curve = Curve::make_reciprocal(4, 28, percent(80), percent(50), percent(100));
const SUP_ROOT: Curve = Curve::make_linear(28, 28, percent(0), percent(50));
const APP_WHITELISTED_CALLER: Curve =
	Curve::make_reciprocal(16, 28 * 24, percent(96), percent(50), percent(100));
const SUP_WHITELISTED_CALLER: Curve =
	Curve::make_reciprocal(1, 28, percent(20), percent(5), percent(50));
const APP_SLASH_VETO: Curve = Curve::make_linear(17, 28, percent(50), percent(100));
const SUP_SLASH_VETO: Curve = Curve::make_reciprocal(12, 28, percent(1), percent(0), percent(50));
const APP_ADMIN: Curve = Curve::make_linear(17, 28, percent(50), percent(100));
const SUP_ADMIN: Curve = Curve::make_reciprocal(12, 28, percent(1), percent(0), percent(50));
const APP_TREASURER: Curve = Curve::make_reciprocal(4, 28, percent(80), percent(50), percent(100));
const SUP_TREASURER: Curve = Curve::make_linear(28, 28, percent(0), percent(50));
const APP_CANCELLER: Curve = Curve::make_linear(17, 28, percent(50), percent(100));
const SUP_CANCELLER: Curve = Curve::make_reciprocal(12, 28, percent(1), percent(0), percent(50));

/// Ids of the tracks, as `track_for` maps origins to them.
pub mod ids {
	pub const ROOT: u16 = 0;
	pub const WHITELISTED_CALLER: u16 = 1;
	pub const SLASH_VETO: u16 = 10;
	pub const LEASE_ADMIN: u16 = 11;
	pub const PARAMETER_ADMIN: u16 = 12;
	pub const TREASURER: u16 = 13;
	pub const REFERENDUM_CANCELLER: u16 = 20;
	pub const REFERENDUM_KILLER: u16 = 21;
}

const fn track(
	id: u16,
	name: [u8; 25],
	max_deciding: u32,
	decision_deposit: Balance,
	periods: [BlockNumber; 4],
	curves: (Curve, Curve),
) -> Track<u16, Balance, BlockNumber> {
	let [prepare_period, decision_period, confirm_period, min_enactment_period] = periods;
	Track {
		id,
		info: TrackInfo {
			name,
			max_deciding,
			decision_deposit,
			prepare_period,
			decision_period,
			confirm_period,
			min_enactment_period,
			min_approval: curves.0,
			min_support: curves.1,
		},
	}
}

/// `[prepare, decide, confirm, enact]` periods of each track, sorted by id.
const TRACKS: [Track<u16, Balance, BlockNumber>; 8] = [
	track(
		ids::ROOT,
		s("root"),
		1,
		100_000 * UNIT,
		[2 * MINUTES, 20 * MINUTES, 2 * MINUTES, MINUTES],
		(APP_ROOT, SUP_ROOT),
	),
	track(
		ids::WHITELISTED_CALLER,
		s("whitelisted_caller"),
		100,
		10_000 * UNIT,
		[MINUTES, 20 * MINUTES, MINUTES / 2, 1],
		(APP_WHITELISTED_CALLER, SUP_WHITELISTED_CALLER),
	),
	// A slash is due `SlashDeferEras` (2) eras after its report: 2 minutes of 10-block eras on the dev chain, so
	// a veto passes in 5 blocks at the earliest (prepare 2, confirm 2, enact 1) and must pass within 1 minute
	// of deciding. A production chain's eras are hours long, and this track's periods scale with them.
	track(
		ids::SLASH_VETO,
		s("slash_veto"),
		50,
		1_000 * UNIT,
		[2, MINUTES, 2, 1],
		(APP_SLASH_VETO, SUP_SLASH_VETO),
	),
	track(
		ids::LEASE_ADMIN,
		s("lease_admin"),
		10,
		5_000 * UNIT,
		[MINUTES, 10 * MINUTES, MINUTES, MINUTES],
		(APP_ADMIN, SUP_ADMIN),
	),
	track(
		ids::PARAMETER_ADMIN,
		s("parameter_admin"),
		10,
		10_000 * UNIT,
		[2 * MINUTES, 20 * MINUTES, 2 * MINUTES, MINUTES],
		(APP_ADMIN, SUP_ADMIN),
	),
	track(
		ids::TREASURER,
		s("treasurer"),
		10,
		10_000 * UNIT,
		[2 * MINUTES, 20 * MINUTES, 2 * MINUTES, MINUTES],
		(APP_TREASURER, SUP_TREASURER),
	),
	track(
		ids::REFERENDUM_CANCELLER,
		s("referendum_canceller"),
		100,
		10_000 * UNIT,
		[MINUTES, 10 * MINUTES, MINUTES, 1],
		(APP_CANCELLER, SUP_CANCELLER),
	),
	track(
		ids::REFERENDUM_KILLER,
		s("referendum_killer"),
		100,
		50_000 * UNIT,
		[MINUTES, 10 * MINUTES, MINUTES, 1],
		(APP_CANCELLER, SUP_CANCELLER),
	),
];

/// The tracks, and which origin each one dispatches with.
pub struct TracksInfo;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = u16;
	type RuntimeOrigin = <RuntimeOrigin as frame_support::traits::OriginTrait>::PalletsOrigin;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<Self::Id, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		if let Ok(system) = frame_system::RawOrigin::try_from(origin.clone()) {
			return match system {
				frame_system::RawOrigin::Root => Ok(ids::ROOT),
				_ => Err(()),
			};
		}
		match origins::Origin::try_from(origin.clone()) {
			Ok(origins::Origin::WhitelistedCaller) => Ok(ids::WHITELISTED_CALLER),
			Ok(origins::Origin::SlashVeto) => Ok(ids::SLASH_VETO),
			Ok(origins::Origin::LeaseAdmin) => Ok(ids::LEASE_ADMIN),
			Ok(origins::Origin::ParameterAdmin) => Ok(ids::PARAMETER_ADMIN),
			Ok(origins::Origin::Treasurer) => Ok(ids::TREASURER),
			Ok(origins::Origin::ReferendumCanceller) => Ok(ids::REFERENDUM_CANCELLER),
			Ok(origins::Origin::ReferendumKiller) => Ok(ids::REFERENDUM_KILLER),
			Err(_) => Err(()),
		}
	}
}
