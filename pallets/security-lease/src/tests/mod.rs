//! Unit tests, by topic. Every test runs through `ExtBuilder::build_and_execute`, which checks the invariants after it.

mod attestation;
mod era;
mod genesis;
mod invariants;
mod keys;
mod leases;
mod property;
mod registry;
