//! Runs a `bulwark-node` process for tests: free ports, a temporary base path, a log file, and a clean
//! shutdown (SIGTERM, then SIGKILL after a grace period) whenever the handle is dropped, also on panic.

#![allow(dead_code)]

use std::{
	fs::File,
	net::TcpListener,
	path::PathBuf,
	process::{Child, Command, ExitStatus, Stdio},
	time::{Duration, Instant},
};

/// The node binary that cargo built for these tests.
pub const NODE: &str = env!("CARGO_BIN_EXE_bulwark-node");

/// How long a node may take to exit after SIGTERM before it is killed.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|addr| addr.port())
		.expect("the OS hands out a free port")
}

/// A running node; dropping it stops the node.
pub struct RunningNode {
	child: Option<Child>,
	/// The node's JSON-RPC and WebSocket port.
	pub rpc_port: u16,
	/// Holds the base path and the log; removed when the node is dropped.
	pub dir: tempfile::TempDir,
	/// When the process was spawned.
	pub started: Instant,
}

impl RunningNode {
	/// Starts `bulwark-node --dev` on free ports with a fresh base path.
	pub fn start_dev() -> Self {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let rpc_port = free_port();
		let log = File::create(dir.path().join("node.log")).expect("a log file");
		let started = Instant::now();
		let child = Command::new(NODE)
			.arg("--dev")
			.arg("--base-path")
			.arg(dir.path().join("base"))
			.args(["--rpc-port", &rpc_port.to_string()])
			.args(["--port", &free_port().to_string()])
			.args(["--prometheus-port", &free_port().to_string()])
			.arg("--no-telemetry")
			.arg("--no-mdns")
			.stdin(Stdio::null())
			.stdout(log.try_clone().expect("log handle"))
			.stderr(log)
			.spawn()
			.expect("the node binary starts");
		Self { child: Some(child), rpc_port, dir, started }
	}

	/// The WebSocket URL of the node's RPC server.
	pub fn ws_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}

	/// The path of the node's log.
	pub fn log_path(&self) -> PathBuf {
		self.dir.path().join("node.log")
	}

	/// The node's log so far.
	pub fn log(&self) -> String {
		std::fs::read_to_string(self.log_path()).unwrap_or_default()
	}

	/// Asks the node to shut down with SIGTERM and waits for it; kills it after the grace period.
	/// Returns the exit status, or `None` if it had to be killed.
	pub fn stop(&mut self) -> Option<ExitStatus> {
		let mut child = self.child.take()?;
		if let Ok(Some(status)) = child.try_wait() {
			return Some(status);
		}
		// `Child::kill` sends SIGKILL; a clean shutdown needs SIGTERM.
		let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
		let deadline = Instant::now() + SHUTDOWN_GRACE;
		while Instant::now() < deadline {
			if let Ok(Some(status)) = child.try_wait() {
				return Some(status);
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
		None
	}
}

impl Drop for RunningNode {
	fn drop(&mut self) {
		let still_running = self.child.is_some();
		self.stop();
		if still_running && std::thread::panicking() {
			let log = self.log();
			let tail: Vec<&str> = log.lines().rev().take(60).collect();
			eprintln!("--- last lines of the node's log ---");
			for line in tail.into_iter().rev() {
				eprintln!("{line}");
			}
		}
	}
}
