//! Durability under a crash, on SQLite and PostgreSQL: the server process is killed with
//! SIGKILL while clients create cards and add solutions, several times over; every write
//! that got a success answer is there afterwards, each with the change-feed event pages
//! resume from, and (SQLite) the database passes `PRAGMA integrity_check`. A live client
//! follows the change feed through every crash, resuming with `Last-Event-ID` as a browser
//! does: it misses no event the database holds.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{TestDb, db_test};

/// A running `ispo-board serve` on a free port.
pub struct Running {
    pub child: Child,
    pub base: String,
}

/// A test that fails half-way must not leave its server running.
impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn serve(db: &TestDb) -> Running {
    serve_logging(db, None).await
}

/// [`serve`], writing the server's errors to `log` when given.
pub async fn serve_logging(db: &TestDb, log: Option<&std::path::Path>) -> Running {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ispo-board"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("ISPO_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", if log.is_some() { "error" } else { "off" })
        .stdout(Stdio::null())
        .stderr(match log {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("log file")),
            None => Stdio::null(),
        })
        .spawn()
        .expect("start ispo-board");
    let base = format!("http://127.0.0.1:{port}");
    let client = crate::support::client();
    for _ in 0..200 {
        if let Ok(res) = client.get(format!("{base}/healthz")).send().await
            && res.status() == 200
        {
            return Running { child, base };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().ok();
    child.wait().ok();
    panic!("the server did not start");
}

/// What a page following the change feed has seen: event numbers, and whether it was ever
/// told to resync.
#[derive(Default)]
struct Followed {
    ids: Vec<i64>,
    resyncs: usize,
}

/// Follows `/api/v1/events` of `base` from event `after` (as `Last-Event-ID`) until the
/// stream ends (the server died) or it has been quiet for `quiet`.
async fn follow(base: String, followed: Arc<Mutex<Followed>>, quiet: Duration) {
    let after = followed.lock().unwrap().ids.last().copied().unwrap_or(0);
    let Ok(mut res) = reqwest::Client::new()
        .get(format!("{base}/api/v1/events"))
        .header("last-event-id", after.to_string())
        .send()
        .await
    else {
        return;
    };
    let mut text = String::new();
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout(quiet, res.chunk()).await {
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let mut seen = followed.lock().unwrap();
            if block.lines().any(|l| l == "event: resync") {
                seen.resyncs += 1;
            } else if let Some(id) = block
                .lines()
                .find_map(|l| l.strip_prefix("id: ").or_else(|| l.strip_prefix("id:")))
                .and_then(|id| id.trim().parse::<i64>().ok())
            {
                seen.ids.push(id);
            }
        }
    }
}

db_test!(acknowledged_writes_survive_a_killed_server);
async fn acknowledged_writes_survive_a_killed_server(db: &TestDb) {
    // An account and its token, made before any server runs.
    let token = crate::http::token_for(db, "crash@example.org", app::domain::Role::Member).await;
    let acknowledged: Arc<Mutex<Vec<(String, &'static str)>>> = Arc::default();
    let followed: Arc<Mutex<Followed>> = Arc::default();
    for round in 0..3 {
        let mut running = serve(db).await;
        let follower = tokio::spawn(follow(
            running.base.clone(),
            followed.clone(),
            Duration::from_secs(30),
        ));
        let mut writers = Vec::new();
        for writer in 0..4 {
            let (base, token, acknowledged) =
                (running.base.clone(), token.clone(), acknowledged.clone());
            writers.push(tokio::spawn(async move {
                let client = crate::support::client();
                for n in 0.. {
                    let created = client
                        .post(format!("{base}/api/v1/cards"))
                        .bearer_auth(&token)
                        .json(&json!({ "title": format!("Crash round {round} writer {writer} card {n}?") }))
                        .send()
                        .await;
                    let Ok(created) = created else { return };
                    if created.status() != 201 {
                        return;
                    }
                    let Ok(card) = created.json::<Value>().await else { return };
                    let id = card["id"].as_str().unwrap().to_owned();
                    acknowledged.lock().unwrap().push((id.clone(), "card"));
                    let solution = client
                        .post(format!("{base}/api/v1/cards/{id}/solutions"))
                        .bearer_auth(&token)
                        .json(&json!({ "title": "Survives a crash", "kind": "article" }))
                        .send()
                        .await;
                    match solution {
                        Ok(res) if res.status() == 201 => {
                            acknowledged.lock().unwrap().push((id, "solution"));
                        }
                        _ => return,
                    }
                }
            }));
        }
        // Let the writers get going, then pull the plug.
        tokio::time::sleep(Duration::from_millis(400 + 150 * round)).await;
        running.child.kill().unwrap();
        running.child.wait().unwrap();
        for writer in writers {
            writer.await.unwrap();
        }
        follower.await.unwrap();
    }
    // After the last crash the page reconnects once more and catches up.
    let mut running = serve(db).await;
    follow(
        running.base.clone(),
        followed.clone(),
        Duration::from_millis(1500),
    )
    .await;
    running.child.kill().unwrap();
    running.child.wait().unwrap();

    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 6,
        "too few writes got through to prove anything: {}",
        acknowledged.len()
    );
    let conn = server::prepare_database(&db.url).await.unwrap();
    let events = app::store::events::since(&conn, 0, 100_000).await.unwrap();
    for (card, what) in &acknowledged {
        let id: uuid::Uuid = card.parse().unwrap();
        let detail = app::store::cards::detail(&conn, id, app::domain::History::Full)
            .await
            .unwrap_or_else(|e| panic!("acknowledged card {card} is missing: {e}"));
        if *what == "solution" {
            assert_eq!(
                detail.solutions.len(),
                1,
                "the solution of {card} is missing"
            );
        }
        // Every acknowledged change is in the feed pages resume from.
        assert!(
            events.iter().any(|e| e.card_id == Some(id)),
            "no event for {card}"
        );
    }
    // Event numbers only go up, and the page that followed the feed through every crash
    // saw each event the database holds, in order, without being told to start over.
    assert!(events.windows(2).all(|w| w[0].id < w[1].id));
    let (seen, resyncs) = {
        let followed = followed.lock().unwrap();
        (followed.ids.clone(), followed.resyncs)
    };
    assert_eq!(resyncs, 0);
    let stored: Vec<i64> = events.iter().map(|e| e.id).collect();
    assert_eq!(seen, stored, "a page following the feed missed events");
    if db.url.starts_with("sqlite:") {
        use sea_orm::{ConnectionTrait, Statement};
        let row = conn
            .query_one_raw(Statement::from_string(
                conn.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .unwrap()
            .unwrap();
        let verdict: String = row.try_get_by_index(0).unwrap();
        assert_eq!(verdict, "ok");
    }
    conn.close().await.unwrap();
}
