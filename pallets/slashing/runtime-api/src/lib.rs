//! Runtime API of the slashing pallet: what operators, delegators and governance read about slashes to come.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_slashing::{PendingSlashView, SlashTotals, SlashingMode};

sp_api::decl_runtime_apis! {
	/// Slashes as clients need them.
	pub trait SlashingApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// `operator`'s pending and held slashes, each with what it would take now and what `delegator`, if
		/// given, would lose from it.
		fn pending_slashes(operator: AccountId, delegator: Option<AccountId>) -> Vec<PendingSlashView<AccountId, Balance>>;
		/// Whether slashes take effect.
		fn mode() -> SlashingMode;
		/// Slashes reported, applied and cancelled, and money slashed and routed.
		fn totals() -> SlashTotals<Balance>;
	}
}
