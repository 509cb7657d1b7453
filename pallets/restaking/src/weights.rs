//! Placeholder, replaced by `benchmark pallet` output.
#![allow(unused_parens, unused_imports, missing_docs)]
use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

pub trait WeightInfo {
	fn register_operator(m: u32, ) -> Weight;
	fn update_operator(m: u32, ) -> Weight;
	fn chill_operator() -> Weight;
	fn resume_operator() -> Weight;
	fn delegate() -> Weight;
	fn undelegate() -> Weight;
	fn withdraw() -> Weight;
	fn allocate() -> Weight;
	fn claim_rewards() -> Weight;
	fn settle() -> Weight;
	fn slash(i: u32, ) -> Weight;
	fn credit_reward() -> Weight;
	fn start_era() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_operator(_m: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn update_operator(_m: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn chill_operator() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn resume_operator() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn delegate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn undelegate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn withdraw() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn allocate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn claim_rewards() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn settle() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn slash(_i: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn credit_reward() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn start_era() -> Weight { Weight::from_parts(100_000_000, 0) }
}

impl WeightInfo for () {
	fn register_operator(_m: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn update_operator(_m: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn chill_operator() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn resume_operator() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn delegate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn undelegate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn withdraw() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn allocate() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn claim_rewards() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn settle() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn slash(_i: u32, ) -> Weight { Weight::from_parts(100_000_000, 0) }
	fn credit_reward() -> Weight { Weight::from_parts(100_000_000, 0) }
	fn start_era() -> Weight { Weight::from_parts(100_000_000, 0) }
}
