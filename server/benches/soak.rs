//! Soak run (not a test): an optimised `ispo-board serve` on a fresh SQLite database with
//! the demo board, under a steady mix of page and API reads, writes (cards, solutions,
//! moves, comments), sign-ins and open live-update streams for `SOAK_SECONDS` (default
//! 600). It prints, per kind of request, how many were made, the errors and the p50/p99
//! latencies; the live events received; and the server's resident memory after warm-up
//! and at the end. It fails (exit status 1) on any error or when memory grew by more than
//! a quarter plus 16 MiB (SQLite's page caches, 2 MiB for each of the 8 pooled
//! connections, fill as the database grows); it says how much it grew either way.
//!
//! Run with `make soak` (or `cargo bench -p server --bench soak`). Environment:
//! `SOAK_SECONDS` (default 600), `SOAK_RATE` (requests a second in all, default 40),
//! `SOAK_STREAMS` (live-update clients, default 20).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::{env_u64, percentile, rss_kib, run, start};

const PASSWORD: &str = "a long soak password";

/// Latencies and errors per kind of request.
#[derive(Default)]
struct Tally {
    kinds: BTreeMap<&'static str, (Vec<Duration>, u64)>,
    first_errors: Vec<String>,
}

impl Tally {
    fn record(&mut self, kind: &'static str, took: Duration, error: Option<String>) {
        let entry = self.kinds.entry(kind).or_default();
        entry.0.push(took);
        if let Some(error) = error {
            entry.1 += 1;
            if self.first_errors.len() < 10 {
                self.first_errors.push(format!("{kind}: {error}"));
            }
        }
    }
}

/// A card's whole short life: created, given a solution, archived (the board keeps its
/// size over the run).
async fn card_life(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    n: u64,
) -> Result<(), String> {
    let expect = |res: reqwest::Response, status: u16| async move {
        if res.status().as_u16() == status {
            res.json::<Value>().await.map_err(|e| e.to_string())
        } else {
            Err(format!(
                "{}: {}",
                res.status(),
                res.text().await.unwrap_or_default()
            ))
        }
    };
    let send = |request: reqwest::RequestBuilder| async move {
        request
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| e.to_string())
    };
    let card = expect(
        send(
            client
                .post(format!("{base}/api/v1/cards"))
                .json(&json!({ "title": format!("Soak challenge {n}?"), "tags": ["soak"] })),
        )
        .await?,
        201,
    )
    .await?;
    let id = card["id"].as_str().unwrap_or_default().to_owned();
    expect(
        send(
            client
                .post(format!("{base}/api/v1/cards/{id}/solutions"))
                .json(&json!({ "title": format!("Soak answer {n}"), "kind": "article" })),
        )
        .await?,
        201,
    )
    .await?;
    expect(
        send(
            client
                .patch(format!("{base}/api/v1/cards/{id}"))
                .json(&json!({ "version": card["version"], "archived": true, "note": "soak" })),
        )
        .await?,
        200,
    )
    .await
    .map(|_| ())
}

/// One request of the mix; the status it must answer with.
async fn one(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    cards: &[String],
    n: u64,
) -> (&'static str, Result<(), String>) {
    let card = &cards[(n as usize * 7) % cards.len()];
    let sign_ins = env_u64("SOAK_SIGN_INS", 1) == 1;
    // `SOAK_WRITES=0`: reads only (each write and sign-in becomes a board page), to tell
    // what memory the reads need from what the growing database takes.
    let writes = env_u64("SOAK_WRITES", 1) == 1;
    let (kind, request, expected) = match n % 10 {
        9 if !sign_ins || !writes => ("GET / (board page)", client.get(format!("{base}/")), 200),
        5 | 7 | 8 if !writes => ("GET / (board page)", client.get(format!("{base}/")), 200),
        0 | 1 => ("GET / (board page)", client.get(format!("{base}/")), 200),
        2 => (
            "GET /api/v1/board",
            client.get(format!("{base}/api/v1/board")),
            200,
        ),
        3 => (
            "GET /cards/{id}",
            client.get(format!("{base}/cards/{card}")),
            200,
        ),
        4 => (
            "GET /catalog?q=…",
            client.get(format!("{base}/catalog?q=kpi+dashboard&stage=any")),
            200,
        ),
        5 => {
            return (
                "card: create, solution, archive",
                card_life(client, base, token, n).await,
            );
        }
        6 => (
            "GET /api/v1/search",
            client.get(format!("{base}/api/v1/search?q=onboarding&stage=any")),
            200,
        ),
        7 => (
            "POST …/comments",
            client
                .post(format!("{base}/api/v1/cards/{card}/comments"))
                .bearer_auth(token)
                .json(&json!({ "body": format!("Soak comment {n}") })),
            201,
        ),
        8 => {
            // A move there and back: read the version, move to Proposed (every soak card
            // has a solution), and back to Challenge with a note. (The demo workflow sets
            // no WIP limit.)
            let started = client
                .get(format!("{base}/api/v1/cards/{card}"))
                .send()
                .await
                .map_err(|e| e.to_string());
            let version = match started {
                Ok(res) => res.json::<Value>().await.ok().and_then(|c| {
                    let to = if c["stage"] == "challenge" {
                        "proposed"
                    } else {
                        "challenge"
                    };
                    c["version"].as_i64().map(|v| (v, to))
                }),
                Err(_) => None,
            };
            let Some((version, to)) = version else {
                return ("POST …/move", Err("cannot read the card".into()));
            };
            (
                "POST …/move",
                client
                    .post(format!("{base}/api/v1/cards/{card}/move"))
                    .bearer_auth(token)
                    .json(&json!({ "to": to, "version": version, "note": "soak" })),
                200,
            )
        }
        _ => (
            "POST /api/v1/session (sign-in)",
            client
                .post(format!("{base}/api/v1/session"))
                .json(&json!({ "email": "soak@example.org", "password": PASSWORD })),
            204,
        ),
    };
    let result = match request.send().await {
        Ok(res) if res.status().as_u16() == expected => {
            let _ = res.bytes().await;
            Ok(())
        }
        Ok(res) => {
            let status = res.status();
            Err(format!(
                "{status}: {}",
                res.text().await.unwrap_or_default()
            ))
        }
        Err(e) => Err(e.to_string()),
    };
    (kind, result)
}

#[tokio::main]
async fn main() {
    let seconds = env_u64("SOAK_SECONDS", 600);
    let rate = env_u64("SOAK_RATE", 40).max(1);
    let streams = env_u64("SOAK_STREAMS", 20);
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}?mode=rwc", dir.path().join("soak.db").display());

    run(&database_url, &["seed-demo"], "");
    let token = common::member_token(&database_url, "soak@example.org", PASSWORD);
    let server = start(&database_url, &[], "/healthz").await;
    let base = server.base.clone();
    let pid = server.child.id();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();

    // Cards the mix works on: each with a solution, so it may move to Proposed and back.
    let mut cards = Vec::new();
    for i in 0..20 {
        let card: Value = client
            .post(format!("{base}/api/v1/cards"))
            .bearer_auth(&token)
            .json(&json!({ "title": format!("Soak card {i}?") }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = card["id"].as_str().unwrap().to_owned();
        client
            .post(format!("{base}/api/v1/cards/{id}/solutions"))
            .bearer_auth(&token)
            .json(&json!({ "title": "Soak solution", "kind": "tool" }))
            .send()
            .await
            .unwrap();
        cards.push(id);
    }
    let cards = Arc::new(cards);

    // Live-update clients, each reconnecting whenever its stream ends.
    let events = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut stream_tasks = Vec::new();
    for _ in 0..streams {
        let (base, events) = (base.clone(), events.clone());
        stream_tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            while Instant::now() < deadline {
                let Ok(mut res) = client.get(format!("{base}/api/v1/events")).send().await else {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                };
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match tokio::time::timeout(left, res.chunk()).await {
                        Ok(Ok(Some(chunk))) => {
                            let text = String::from_utf8_lossy(&chunk);
                            let n = text.matches("\ndata: {").count()
                                + usize::from(text.starts_with("data: {"));
                            events.fetch_add(n as u64, Ordering::Relaxed);
                        }
                        _ => break,
                    }
                }
            }
        }));
    }

    // Warm up, then take the memory baseline.
    let tally: Arc<Mutex<Tally>> = Arc::default();
    let warm_up = Duration::from_secs((seconds / 20).clamp(1, 30));
    eprintln!(
        "soak: {seconds} s at {rate} requests/s with {streams} live streams; warming up for {warm_up:?}…"
    );
    let started = Instant::now();
    let mut rss_start = 0;
    // Resident memory once a minute, to see whether it levels off.
    let mut by_minute: Vec<u64> = Vec::new();
    let interval = Duration::from_secs_f64(1.0 / rate as f64);
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut n = 0u64;
    let mut requests = Vec::new();
    while Instant::now() < deadline {
        ticker.tick().await;
        if rss_start == 0 && started.elapsed() >= warm_up {
            rss_start = rss_kib(pid);
        }
        if started.elapsed() >= Duration::from_secs(60 * (by_minute.len() as u64 + 1)) {
            by_minute.push(rss_kib(pid));
            eprintln!(
                "soak: minute {}: {:.1} MiB resident",
                by_minute.len(),
                *by_minute.last().unwrap_or(&0) as f64 / 1024.0
            );
        }
        n += 1;
        let (client, base, token, cards, tally) = (
            client.clone(),
            base.clone(),
            token.clone(),
            cards.clone(),
            tally.clone(),
        );
        requests.push(tokio::spawn(async move {
            let begun = Instant::now();
            let (kind, result) = one(&client, &base, &token, &cards, n).await;
            tally
                .lock()
                .unwrap()
                .record(kind, begun.elapsed(), result.err());
        }));
        if requests.len() > 1000 {
            for r in requests.drain(..) {
                r.await.unwrap();
            }
        }
    }
    for r in requests {
        r.await.unwrap();
    }
    let rss_end = rss_kib(pid);
    for s in stream_tasks {
        s.await.unwrap();
    }
    // Stopped before the verdict: `exit` would leave it running.
    drop(server);

    let tally = tally.lock().unwrap();
    let total_errors: u64 = tally.kinds.values().map(|(_, e)| *e).sum();
    println!(
        "\nsoak: {} s, {n} requests ({:.1}/s), {streams} live streams, {} live events received",
        seconds,
        n as f64 / seconds as f64,
        events.load(Ordering::Relaxed)
    );
    println!(
        "{:<34} {:>8} {:>7} {:>9} {:>9} {:>9}",
        "request", "count", "errors", "p50 ms", "p99 ms", "max ms"
    );
    for (kind, (latencies, errors)) in &tally.kinds {
        let mut sorted = latencies.clone();
        sorted.sort();
        println!(
            "{:<34} {:>8} {:>7} {:>9.1} {:>9.1} {:>9.1}",
            kind,
            sorted.len(),
            errors,
            percentile(&sorted, 0.5).as_secs_f64() * 1000.0,
            percentile(&sorted, 0.99).as_secs_f64() * 1000.0,
            sorted.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
        );
    }
    let grew = rss_end as f64 / rss_start.max(1) as f64;
    println!(
        "memory (resident): {:.1} MiB after warm-up, {:.1} MiB at the end ({:+.0} %)",
        rss_start as f64 / 1024.0,
        rss_end as f64 / 1024.0,
        (grew - 1.0) * 100.0
    );
    for e in &tally.first_errors {
        println!("error: {e}");
    }
    let within = rss_end <= rss_start + rss_start / 4 + 16 * 1024;
    let growth = format!(
        "memory grew {:.1} MiB (the limit is a quarter plus 16 MiB)",
        (rss_end as f64 - rss_start as f64) / 1024.0
    );
    if total_errors > 0 || !within {
        println!("SOAK FAILED: {total_errors} errors; {growth}");
        std::process::exit(1);
    }
    println!("soak passed: no errors; {growth}");
}
