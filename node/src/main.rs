//! The Bulwark node: hosts the Bulwark runtime with Aura block production and GRANDPA finality.

// `sc_cli::Error` and `sc_service::Error` are large, and the node's entry points must return them as the
// Substrate client APIs define them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
