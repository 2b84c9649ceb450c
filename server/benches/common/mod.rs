//! What the benchmarks share: an optimised `ispo-board` started as its own process on a
//! database of the benchmark's making, its command-line actions, its resident memory, and
//! percentiles.

#![allow(dead_code)]

use std::io::Write as _;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server under test, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// From spawning the process to its first answered request.
    pub started_in: Duration,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server binary: `BENCH_BIN` (`make bench` sets it to the one `cargo leptos build
/// --release` made, which names the front end's files as the built front end does), or
/// else the one cargo built for this benchmark.
pub fn binary() -> String {
    std::env::var("BENCH_BIN")
        .ok()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_ispo-board").to_owned())
}

/// `ispo-board` on `database_url`, quiet.
pub fn ispo(database_url: &str) -> Command {
    let mut command = Command::new(binary());
    command
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn");
    command
}

/// Runs a command-line action, feeding `input` on standard input; returns what it printed.
pub fn run(database_url: &str, args: &[&str], input: &str) -> String {
    let mut child = ispo(database_url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run ispo-board");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "ispo-board {args:?} failed");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Creates a member and returns an API token of theirs.
pub fn member_token(database_url: &str, email: &str, password: &str) -> String {
    run(
        database_url,
        &[
            "admin", "create", "--email", email, "--name", "Bench", "--role", "member",
        ],
        &format!("{password}\n"),
    );
    run(database_url, &["token", "create", "--email", email], "")
}

/// Starts `ispo-board serve` with `env` set and waits until `path` answers 200.
pub async fn start(database_url: &str, env: &[(&str, &str)], path: &str) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let spawned = Instant::now();
    let child = ispo(database_url)
        .arg("serve")
        .env("ISPO_ADDR", format!("127.0.0.1:{port}"))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ispo-board");
    let mut server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        started_in: Duration::ZERO,
    };
    let client = reqwest::Client::new();
    for _ in 0..2000 {
        if let Ok(res) = client.get(format!("{}{path}", server.base)).send().await
            && res.status() == 200
        {
            server.started_in = spawned.elapsed();
            return server;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("the server did not start");
}

/// A process's resident memory, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// The `p` quantile (0 to 1) of sorted latencies.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Milliseconds, for tables.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A number from the environment, or `default`.
pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
