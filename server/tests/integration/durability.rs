//! Durability under a crash, on SQLite and PostgreSQL: the server process is killed with
//! SIGKILL while clients create cards and add solutions, several times over; every write
//! that got a success answer is there afterwards, each with the change-feed event pages
//! resume from, and (SQLite) the database passes `PRAGMA integrity_check`.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{TestDb, db_test};

/// A running `ispo-board serve` on a free port.
struct Running {
    child: Child,
    base: String,
}

async fn serve(db: &TestDb) -> Running {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ispo-board"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("ISPO_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
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

db_test!(acknowledged_writes_survive_a_killed_server);
async fn acknowledged_writes_survive_a_killed_server(db: &TestDb) {
    // An account and its token, made before any server runs.
    let token = crate::http::token_for(db, "crash@example.org", app::domain::Role::Member).await;
    let acknowledged: Arc<Mutex<Vec<(String, &'static str)>>> = Arc::default();
    for round in 0..3 {
        let mut running = serve(db).await;
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
    }

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
        let detail = app::store::cards::detail(&conn, id)
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
    // Event numbers only go up.
    assert!(events.windows(2).all(|w| w[0].id < w[1].id));
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
