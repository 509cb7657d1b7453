//! Unit tests, by topic. Every test runs through `ExtBuilder::build_and_execute`, which checks the invariants after it.

mod application;
mod intake;
mod invariants;
mod policy;
mod property;
mod pruning;
mod routing;
mod views;

use crate::mock::*;
use bulwark_primitives::{EraIndex, Offence, OffenceKind, ReportOffence};
use sp_core::H256;

/// `CONSUMER`'s manager sets its policy to `fractions`.
pub fn set_policy(fractions: crate::KindFractions) -> sp_runtime::DispatchResult {
	Slashing::set_consumer_slash_policy(RuntimeOrigin::signed(MANAGER), CONSUMER, fractions)
}

/// Report an offence of `offender` against `CONSUMER` in `era`, with evidence `byte`.
pub fn report(
	offender: AccountId,
	kind: OffenceKind,
	era: EraIndex,
	byte: u8,
	reporter: Option<AccountId>,
) -> sp_runtime::DispatchResult {
	Slashing::report_offence(Offence {
		offender,
		consumer: CONSUMER,
		kind,
		offence_era: era,
		evidence: H256::repeat_byte(byte),
		reporter,
	})
}
