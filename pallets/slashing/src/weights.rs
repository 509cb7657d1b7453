//! Placeholder weights from rough database counts, until `benchmarks/run.sh slashing` writes the measured ones.
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by `pallet_slashing`.
pub trait WeightInfo {
	fn cancel_slash() -> Weight;
	fn reduce_slash() -> Weight;
	fn approve_slash() -> Weight;
	fn set_slashing_mode() -> Weight;
	fn apply_slash(i: u32) -> Weight;
	fn set_consumer_slash_policy() -> Weight;
	fn report_governance_fault() -> Weight;
	fn on_slash_realised(r: u32) -> Weight;
	fn apply_due_page(s: u32) -> Weight;
	fn prune_era(e: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn cancel_slash() -> Weight {
		T::DbWeight::get().reads_writes(5, 5)
	}
	fn reduce_slash() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	fn approve_slash() -> Weight {
		T::DbWeight::get().reads_writes(20, 16)
	}
	fn set_slashing_mode() -> Weight {
		T::DbWeight::get().writes(1)
	}
	fn apply_slash(_i: u32) -> Weight {
		T::DbWeight::get().reads_writes(20, 16)
	}
	fn set_consumer_slash_policy() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	fn report_governance_fault() -> Weight {
		T::DbWeight::get().reads_writes(10, 9)
	}
	fn on_slash_realised(r: u32) -> Weight {
		T::DbWeight::get().reads_writes(4, 3).saturating_mul(u64::from(r).saturating_add(1))
	}
	fn apply_due_page(s: u32) -> Weight {
		T::DbWeight::get().reads_writes(20, 16).saturating_mul(u64::from(s).saturating_add(1))
	}
	fn prune_era(e: u32) -> Weight {
		T::DbWeight::get().reads_writes(2, 2).saturating_mul(u64::from(e).saturating_add(1))
	}
}

impl WeightInfo for () {
	fn cancel_slash() -> Weight {
		Weight::zero()
	}
	fn reduce_slash() -> Weight {
		Weight::zero()
	}
	fn approve_slash() -> Weight {
		Weight::zero()
	}
	fn set_slashing_mode() -> Weight {
		Weight::zero()
	}
	fn apply_slash(_i: u32) -> Weight {
		Weight::zero()
	}
	fn set_consumer_slash_policy() -> Weight {
		Weight::zero()
	}
	fn report_governance_fault() -> Weight {
		Weight::zero()
	}
	fn on_slash_realised(_r: u32) -> Weight {
		Weight::zero()
	}
	fn apply_due_page(_s: u32) -> Weight {
		Weight::zero()
	}
	fn prune_era(_e: u32) -> Weight {
		Weight::zero()
	}
}
