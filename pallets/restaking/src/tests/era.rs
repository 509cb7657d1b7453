use crate::{mock::*, CurrentEra, Event};
use bulwark_primitives::EraProvider;
use frame_support::traits::Hooks;

#[test]
fn an_era_starts_every_era_length_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		for block in 2..=9 {
			System::set_block_number(block);
			Restaking::on_initialize(block);
		}
		assert_eq!(Restaking::current_era(), 0);
		System::set_block_number(10);
		Restaking::on_initialize(10);
		assert_eq!(Restaking::current_era(), 1);
		assert_eq!(restaking_events(), vec![Event::EraStarted { era: 1 }]);
		assert_eq!(ERAS_STARTED.with(|eras| eras.borrow().clone()), vec![1]);

		// A new length applies from the running era.
		EraLength::set(3);
		run_to_era(2);
		assert_eq!(System::block_number(), 13);
		assert_eq!(CurrentEra::<Test>::get(), 2);
		EraLength::set(10);
	});
}
