//! The origins of Bulwark's referendum tracks: each a power of its own, so that a referendum on one track can do
//! only what that track decides.

pub use pallet_custom_origins::*;

#[frame_support::pallet]
pub mod pallet_custom_origins {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The origin a referendum dispatches its call with, one per track but `root`.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Dispatches a call the technical committee whitelisted.
		WhitelistedCaller,
		/// Cancels, reduces or approves slashes inside their veto window.
		SlashVeto,
		/// Force-ends leases; removes and unsuspends operators.
		LeaseAdmin,
		/// Sets the chain's dynamic parameters: prices, periods, slash fractions (some keys need a stricter
		/// track, see the runtime's `DynamicParameterOrigin`).
		ParameterAdmin,
		/// Spends from the treasury.
		Treasurer,
		/// Cancels a referendum, refunding its deposits.
		ReferendumCanceller,
		/// Kills a referendum, slashing its deposits.
		ReferendumKiller,
	}

	macro_rules! decl_unit_ensures {
		( $name:ident ) => {
			/// Ensures the origin of the track of the same name.
			pub struct $name;
			impl<O: Into<Result<Origin, O>> + From<Origin>> EnsureOrigin<O> for $name {
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					o.into().and_then(|o| match o {
						Origin::$name => Ok(()),
						r => Err(O::from(r)),
					})
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		};
		( $name:ident, $( $rest:ident ),+ ) => {
			decl_unit_ensures! { $name }
			decl_unit_ensures! { $( $rest ),+ }
		};
	}
	decl_unit_ensures!(
		WhitelistedCaller,
		SlashVeto,
		LeaseAdmin,
		ParameterAdmin,
		Treasurer,
		ReferendumCanceller,
		ReferendumKiller
	);
}
