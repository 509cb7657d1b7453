//! Runtime API of the security-lease pallet: what consumer chains and their users read about prices, leases,
//! assigned operators, final heads and the cost of corrupting a consumer.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use bulwark_primitives::ConsumerId;
use codec::Codec;
pub use pallet_security_lease::{AssignmentView, CorruptionView, LeaseTerms, LeaseView};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Security leases as clients need them.
	pub trait SecurityLeaseApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The price per era a lease on `terms` would pay if requested now; `None` if the terms are invalid.
		fn quote(terms: LeaseTerms<Balance>) -> Option<Balance>;
		/// `consumer`'s lease: terms, price, status, eras paid, and what its escrow can still pay.
		fn lease(consumer: ConsumerId) -> Option<LeaseView<Balance>>;
		/// The operators assigned to `consumer` for the latest era processed and the security they count for.
		fn assignment(consumer: ConsumerId) -> Option<AssignmentView<AccountId, Balance>>;
		/// `consumer`'s latest final head: `(height, head)`.
		fn latest_final_head(consumer: ConsumerId) -> Option<(u64, H256)>;
		/// What corrupting `consumer` would put at stake now, beside the value it declared at risk.
		fn cost_of_corruption(consumer: ConsumerId) -> Option<CorruptionView<Balance>>;
		/// The bytes an operator of `consumer` signs to attest `head` at `height` in `era`: they name this chain's
		/// and the consumer's genesis hashes. `None` for an unknown consumer.
		fn signing_payload(consumer: ConsumerId, era: u32, height: u64, head: H256) -> Option<alloc::vec::Vec<u8>>;
	}
}
