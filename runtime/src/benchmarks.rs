//! The pallets whose benchmarks the runtime exposes to `frame-omni-bencher` and `benchmark pallet`.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_utility, Utility]
	[pallet_parameters, Parameters]
	[pallet_restaking, Restaking]
	[pallet_security_lease, SecurityLease]
	[pallet_slashing, Slashing]
);

impl frame_system_benchmarking::Config for crate::Runtime {}
impl frame_benchmarking::baseline::Config for crate::Runtime {}
