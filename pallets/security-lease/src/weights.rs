//! Placeholder weights, to be replaced by `benchmarks/run.sh` output once the pallet has benchmarks; it is not
//! in the runtime yet.
#![allow(missing_docs)]

use frame_support::weights::{constants::ParityDbWeight, Weight};

pub trait WeightInfo {
	fn register_consumer(m: u32) -> Weight;
	fn update_consumer(m: u32) -> Weight;
	fn deregister_consumer(k: u32) -> Weight;
	fn request_lease() -> Weight;
	fn top_up() -> Weight;
	fn renew_lease() -> Weight;
	fn end_lease() -> Weight;
	fn force_end_lease() -> Weight;
	fn set_consumer_key() -> Weight;
	fn on_era_start() -> Weight;
	fn attest() -> Weight;
	fn report_equivocation() -> Weight;
	fn process_consumer(k: u32) -> Weight;
}

/// Rough figures for the mock only, until benchmarks exist.
impl WeightInfo for () {
	fn register_consumer(_m: u32) -> Weight {
		ParityDbWeight::get().reads_writes(3, 3)
	}
	fn update_consumer(_m: u32) -> Weight {
		ParityDbWeight::get().reads_writes(2, 2)
	}
	fn deregister_consumer(k: u32) -> Weight {
		ParityDbWeight::get()
			.reads_writes(5, 6)
			.saturating_add(ParityDbWeight::get().reads_writes(k.into(), (2 * k).into()))
	}
	fn request_lease() -> Weight {
		ParityDbWeight::get().reads_writes(4, 1)
	}
	fn top_up() -> Weight {
		ParityDbWeight::get().reads_writes(3, 3)
	}
	fn renew_lease() -> Weight {
		ParityDbWeight::get().reads_writes(4, 1)
	}
	fn end_lease() -> Weight {
		ParityDbWeight::get().reads_writes(2, 1)
	}
	fn force_end_lease() -> Weight {
		ParityDbWeight::get().reads_writes(4, 4)
	}
	fn set_consumer_key() -> Weight {
		ParityDbWeight::get().reads_writes(6, 5)
	}
	fn attest() -> Weight {
		ParityDbWeight::get().reads_writes(8, 6).saturating_add(Weight::from_parts(60_000_000, 0))
	}
	fn report_equivocation() -> Weight {
		ParityDbWeight::get().reads_writes(4, 2).saturating_add(Weight::from_parts(120_000_000, 0))
	}
	fn on_era_start() -> Weight {
		ParityDbWeight::get().reads_writes(4, 2)
	}
	fn process_consumer(k: u32) -> Weight {
		ParityDbWeight::get()
			.reads_writes(8, 10)
			.saturating_add(ParityDbWeight::get().reads_writes((3 * k).into(), (3 * k).into()))
	}
}
