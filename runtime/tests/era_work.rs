//! The security-lease pallet's era work fits the runtime: each page takes at most half a block, and all pages of an
//! era end before the next era on the default era length.

use bulwark_runtime::{configs::dynamic_params::restaking::EraLength, Runtime};
use frame_support::{traits::Get, weights::Weight};
use pallet_security_lease::WeightInfo;

type LeaseWeights = pallet_security_lease::weights::SubstrateWeight<Runtime>;
type MaxLeases = <Runtime as pallet_security_lease::Config>::MaxLeases;
type PerBlock = <Runtime as pallet_security_lease::Config>::MaxConsumersPerBlock;
type MaxKeys = <Runtime as pallet_security_lease::Config>::MaxKeysPerConsumer;

/// The heaviest page: `MaxConsumersPerBlock` leases with `MaxKeysPerConsumer` keys each, at the era start.
fn heaviest_page() -> Weight {
	LeaseWeights::process_consumer(<MaxKeys as Get<u32>>::get())
		.saturating_mul(u64::from(<PerBlock as Get<u32>>::get()))
		.saturating_add(LeaseWeights::on_era_start())
}

#[test]
fn a_page_of_era_work_takes_at_most_half_a_block() {
	let max_block = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	let page = heaviest_page();
	assert!(
		page.ref_time() <= max_block.ref_time() / 2,
		"a page of {page} in a block of {max_block}"
	);
	eprintln!(
		"heaviest page: {:.1} ms of a {:.0} ms block",
		page.ref_time() as f64 / 1e9,
		max_block.ref_time() as f64 / 1e9
	);
}

#[test]
fn an_eras_lease_work_ends_before_the_next_era_on_the_default_era_length() {
	sp_io::TestExternalities::default().execute_with(|| {
		let pages: u32 = <MaxLeases as Get<u32>>::get().div_ceil(<PerBlock as Get<u32>>::get());
		let era_length = <EraLength as Get<u32>>::get();
		assert!(
			pages <= era_length,
			"{pages} pages of lease work in an era of {era_length} blocks"
		);
	});
}
