//! Runtime API of the restaking pallet: what clients read about delegations, pools, allocations and exposure.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use bulwark_primitives::{ConsumerId, EraIndex};
use codec::Codec;
pub use pallet_restaking::{AllocationView, DelegationView, PoolView};
use sp_arithmetic::FixedU128;

sp_api::decl_runtime_apis! {
	/// Restaking state as clients need it.
	pub trait RestakingApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The era the chain is in.
		fn current_era() -> EraIndex;
		/// `delegator`'s delegation to `operator`: value, unbonding stake and pending rewards.
		fn delegation(delegator: AccountId, operator: AccountId) -> Option<DelegationView<Balance>>;
		/// `operator`'s pool: stake, shares, unbonding and unrealised slashes, status, restaking degree.
		fn operator_pool(operator: AccountId) -> Option<PoolView<Balance>>;
		/// `operator`'s allocations to consumers with the stake each amounts to.
		fn allocations(operator: AccountId) -> Vec<AllocationView<Balance>>;
		/// Sum of `operator`'s allocation fractions (1 = its stake once).
		fn restaking_degree(operator: AccountId) -> Option<FixedU128>;
		/// What each consumer could slash of `staker`'s stake.
		fn exposure(staker: AccountId) -> Vec<(ConsumerId, Balance)>;
	}
}
