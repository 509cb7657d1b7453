//! Weights of FRAME pallets that ship none for the runtime, generated on this machine by `benchmarks/run.sh`.

pub mod pallet_parameters;
