//! Losing the database (PostgreSQL): a PostgreSQL of the test's own (`initdb` and `pg_ctl`
//! in a temporary folder, never the machine's service that other tests use) is stopped
//! while clients read and write; every request gets an answer within the server's time
//! limit, those that need the database a clear 503 (`busy`), none hangs, and once the
//! database is back the server serves again by itself.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::durability::serve_logging;
use crate::support::TestDb;

/// A PostgreSQL cluster in a temporary folder, on its own port.
struct OwnPostgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
}

impl OwnPostgres {
    /// The machine's PostgreSQL programs, if installed.
    fn bin() -> Option<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|bin| bin.join("pg_ctl").exists() && bin.join("initdb").exists())
            .collect();
        found.sort();
        found.pop()
    }

    /// Runs a PostgreSQL program as the `postgres` user when this is root (PostgreSQL
    /// refuses to run as root).
    fn run(&self, program: &str, args: &[&str]) -> std::process::Output {
        let exe = self.bin.join(program);
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        command
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()))
    }

    fn start() -> Option<Self> {
        let bin = Self::bin()?;
        let dir = tempfile::tempdir().expect("temporary folder");
        if is_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(status.success());
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Self { bin, dir, port };
        let data = cluster.data();
        let out = cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        cluster.up();
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn up(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("log").display().to_string();
        let out = self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data(),
                "-o",
                &options,
                "-l",
                &log,
                "-w",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(Path::new(&log)).unwrap_or_default()
        );
    }

    /// Stops the cluster at once, as a crash or an outage would.
    fn down(&self) {
        let out = self.run(
            "pg_ctl",
            &["-D", &self.data(), "-m", "immediate", "-w", "stop"],
        );
        assert!(
            out.status.success(),
            "pg_ctl stop failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "stop"]);
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// What one request got, and how long it took.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    code: String,
    took: Duration,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_database_is_a_clear_503_and_comes_back() {
    crate::support::bounded("a_lost_database_is_a_clear_503_and_comes_back", async {
        let Some(pg) = OwnPostgres::start() else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PostgreSQL's programs (initdb, pg_ctl) are required in CI"
            );
            eprintln!("!! no PostgreSQL programs under /usr/lib/postgresql: test NOT RUN");
            return;
        };
        let db = TestDb::at(pg.url());
        let token = crate::http::token_for(&db, "loss@example.org", app::domain::Role::Member).await;
        let log = pg.dir.path().join("server.log");
        let mut running = serve_logging(&db, Some(&log)).await;
        let base = running.base.clone();

        // Clients read the board and add cards without pause, recording every answer.
        let answers: Arc<Mutex<Vec<(Instant, Answer)>>> = Arc::default();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut clients = Vec::new();
        for n in 0..3 {
            let (base, token, answers, stop) =
                (base.clone(), token.clone(), answers.clone(), stop.clone());
            clients.push(tokio::spawn(async move {
                let client = crate::support::client();
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    i += 1;
                    let started = Instant::now();
                    let request = if (n + i) % 2 == 0 {
                        client.get(format!("{base}/api/v1/board"))
                    } else {
                        client
                            .post(format!("{base}/api/v1/cards"))
                            .bearer_auth(&token)
                            .json(&json!({ "title": format!("Lost and found {n}-{i}?") }))
                    };
                    let res = request.send().await.expect("an answer, not a hang");
                    let status = res.status().as_u16();
                    let body: Value = res.json().await.unwrap_or(Value::Null);
                    let answer = Answer {
                        status,
                        code: body["error"]["code"].as_str().unwrap_or("").to_owned(),
                        took: started.elapsed(),
                    };
                    answers.lock().unwrap().push((started, answer));
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(800)).await;
        let lost_at = Instant::now();
        pg.down();
        // Longer than the server's wait for a database connection (5 s), so that requests
        // begin and end while the database is away.
        tokio::time::sleep(Duration::from_secs(8)).await;
        let back_at = Instant::now();
        pg.up();

        // The server serves again by itself: a write succeeds within a few seconds.
        let client = crate::support::client();
        let mut recovered = None;
        while back_at.elapsed() < Duration::from_secs(30) {
            let res = client
                .post(format!("{base}/api/v1/cards"))
                .bearer_auth(&token)
                .json(&json!({ "title": "Back again?" }))
                .send()
                .await
                .unwrap();
            if res.status() == 201 {
                recovered = Some(back_at.elapsed());
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for c in clients {
            c.await.unwrap();
        }
        let recovered = recovered.expect("the server did not serve again after the database came back");

        let answers = answers.lock().unwrap().clone();
        if std::env::var("LOSS_DEBUG").is_ok() {
            for (at, a) in &answers {
                let rel = at.saturating_duration_since(lost_at).as_secs_f64()
                    - lost_at.saturating_duration_since(*at).as_secs_f64();
                eprintln!("{rel:+.2}s {a:?}");
            }
            eprintln!("back at {:+.2}s", back_at.duration_since(lost_at).as_secs_f64());
        }
        let before: Vec<&Answer> = answers
            .iter()
            .filter(|(at, _)| *at < lost_at)
            .map(|(_, a)| a)
            .collect();
        let during: Vec<&Answer> = answers
            .iter()
            .filter(|(at, _)| *at >= lost_at && *at < back_at)
            .map(|(_, a)| a)
            .collect();
        assert!(before.iter().any(|a| a.status == 200 || a.status == 201), "{before:?}");
        assert!(!during.is_empty(), "no request was made while the database was down");
        // Every request during the outage got its answer within the server's wait for a
        // database connection (5 s), and each that failed said the server is busy (503),
        // never a bare 500; those still waiting when the database returned succeeded.
        for a in &during {
            assert!(a.took < Duration::from_secs(31), "{a:?}");
            assert!(
                a.status < 500 || (a.status == 503 && a.code == "busy"),
                "not a clear 503: {a:?}; the server said:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        assert!(during.iter().any(|a| a.status == 503), "{during:?}");
        let slowest = during.iter().map(|a| a.took).max().unwrap_or_default();
        assert!(slowest < Duration::from_secs(10), "{during:?}");
        eprintln!(
            "database loss: {} requests during the outage, slowest {slowest:?}, serving again {recovered:?} after the database returned",
            during.len()
        );
        running.child.kill().ok();
        running.child.wait().ok();
    })
    .await;
}
