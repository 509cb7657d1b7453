//! Placeholder weights from rough database counts, to be replaced by `benchmarks/run.sh` output once the pallet has
//! benchmarks; the pallet is not in the runtime yet.
#![allow(missing_docs)]

use frame_support::weights::{constants::ParityDbWeight, Weight};

pub trait WeightInfo {
	fn cancel_slash() -> Weight;
	fn reduce_slash() -> Weight;
	fn approve_slash() -> Weight;
	fn set_slashing_mode() -> Weight;
	fn apply_slash() -> Weight;
	fn set_consumer_slash_policy() -> Weight;
	fn report_governance_fault() -> Weight;
}

/// Rough figures for the mock only, until benchmarks exist.
impl WeightInfo for () {
	fn cancel_slash() -> Weight {
		ParityDbWeight::get().reads_writes(5, 5)
	}
	fn reduce_slash() -> Weight {
		ParityDbWeight::get().reads_writes(2, 1)
	}
	fn approve_slash() -> Weight {
		ParityDbWeight::get().reads_writes(20, 16)
	}
	fn set_slashing_mode() -> Weight {
		ParityDbWeight::get().writes(1)
	}
	fn apply_slash() -> Weight {
		ParityDbWeight::get().reads_writes(20, 16)
	}
	fn set_consumer_slash_policy() -> Weight {
		ParityDbWeight::get().reads_writes(2, 1)
	}
	fn report_governance_fault() -> Weight {
		ParityDbWeight::get().reads_writes(10, 9)
	}
}
