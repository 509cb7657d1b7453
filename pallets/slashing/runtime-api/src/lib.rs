//! Runtime API of the slashing pallet: what operators, delegators and governance read about slashes to come.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use bulwark_primitives::ConsumerId;
use codec::Codec;
pub use pallet_slashing::{ConsumerPolicyView, PendingSlashView, SlashTotals, SlashingMode};

sp_api::decl_runtime_apis! {
	/// Slashes as clients need them. Version 2 adds `consumer_policy`.
	#[api_version(2)]
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
		/// `consumer`'s slash fractions in force now and a stricter policy announced, with the era it applies
		/// from: stakers' software watches it to leave before a new risk.
		#[api_version(2)]
		fn consumer_policy(consumer: ConsumerId) -> ConsumerPolicyView;
	}
}
