//! The Bulwark node: hosts the Bulwark runtime with Aura block production and GRANDPA finality.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
