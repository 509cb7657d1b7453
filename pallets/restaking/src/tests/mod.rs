//! Unit tests, by topic. Every test runs through `ExtBuilder::build_and_execute`, which checks the invariants after it.

mod allocation;
mod delegation;
mod era;
mod invariants;
mod operators;
mod property;
mod rewards;
mod slashing;
mod unbonding;
