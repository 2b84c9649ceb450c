//! `make bench` (not a test; it asserts nothing): the figures of an optimised build in one
//! table. On a fresh SQLite database it times, through `ispo-board serve` started as its
//! own process:
//!
//! - the time from starting the server to its first served page, and its idle memory;
//! - the board page at 100, 1,000 and 10,000 open cards (added through the JSON API,
//!   each with two tags), at 32 connections, next to the same bytes served as a file by
//!   the same server (the static ceiling), and their ratio; `GET /api/v1/board` at 8
//!   connections and on one; memory under the board load;
//! - card create and card move under 50 concurrent clients, on SQLite and PostgreSQL
//!   (each move client owns a card with a solution and moves it to Proposed and back);
//! - the WebAssembly, JavaScript and CSS each kind of page loads (raw, gzip -9, brotli
//!   11), read from the pages' own references to `/pkg/` and to `/follow.js`, as built by
//!   `cargo leptos build --release` (`make bench` builds it first);
//! - catalogue search at 10,000 solutions (the search benchmark, `benches/search.rs`).
//!
//! Environment: `BENCH_SECONDS` (each load's length, default 5), `BENCH_SIZES` (board
//! sizes, default `100,1000,10000`), `BENCH_SOLUTIONS` and `BENCH_ROUNDS` (the search
//! benchmark's), `ISPO_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432`;
//! PostgreSQL rows are skipped with a note when it is not reachable).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

mod common;
#[allow(dead_code)]
mod search;

use common::{env_u64, ms, percentile, rss_kib, run, start};

const PASSWORD: &str = "a long bench password";

/// One line of the final table.
struct Row {
    what: String,
    figures: String,
}

/// What a load produced.
struct Load {
    requests: u64,
    errors: u64,
    first_error: Option<String>,
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Load {
    fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    fn summary(&self) -> String {
        format!(
            "{:>7.0} req/s  p50 {:>7.2} ms  p99 {:>8.2} ms  errors {}",
            self.rate(),
            ms(percentile(&self.latencies, 0.5)),
            ms(percentile(&self.latencies, 0.99)),
            self.errors
        )
    }
}

/// What one client does once; `Ok` when the answer was the expected one.
type Step = Arc<
    dyn Fn(reqwest::Client, usize) -> futures::future::BoxFuture<'static, Result<(), String>>
        + Send
        + Sync,
>;

/// Runs `step` in `clients` concurrent loops (each with its own connection) for
/// `duration`.
async fn load(clients: usize, duration: Duration, step: Step) -> Load {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for n in 0..clients {
        let step = step.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .pool_max_idle_per_host(1)
                .build()
                .unwrap();
            let mut latencies = Vec::new();
            let (mut errors, mut first_error) = (0, None);
            while Instant::now() < deadline {
                let begun = Instant::now();
                let result = step(client.clone(), n).await;
                latencies.push(begun.elapsed());
                if let Err(e) = result {
                    errors += 1;
                    first_error.get_or_insert(e);
                }
            }
            (latencies, errors, first_error)
        }));
    }
    let mut all = Load {
        requests: 0,
        errors: 0,
        first_error: None,
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        let (latencies, errors, first_error) = task.await.unwrap();
        all.requests += latencies.len() as u64;
        all.latencies.extend(latencies);
        all.errors += errors;
        if all.first_error.is_none() {
            all.first_error = first_error;
        }
    }
    all.elapsed = started.elapsed();
    all.latencies.sort();
    if let Some(e) = &all.first_error {
        eprintln!("  first error: {e}");
    }
    all
}

/// A GET of `url` that must answer 200; the body is read whole.
fn get(url: String) -> Step {
    Arc::new(move |client, _| {
        let url = url.clone();
        Box::pin(async move {
            let res = client.get(&url).send().await.map_err(|e| e.to_string())?;
            let status = res.status();
            let body = res.bytes().await.map_err(|e| e.to_string())?;
            if status == 200 && !body.is_empty() {
                Ok(())
            } else {
                Err(format!("{status}"))
            }
        })
    })
}

async fn post_json(
    client: &reqwest::Client,
    url: String,
    token: &str,
    body: Value,
    expected: u16,
) -> Result<Value, String> {
    let res = client
        .post(url)
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let text = res.text().await.map_err(|e| e.to_string())?;
    if status == expected {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        Err(format!("{status}: {text}"))
    }
}

/// Adds `count` cards through the API, 8 at a time.
async fn add_cards(base: &str, token: &str, from: usize, count: usize) {
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(from));
    let end = from + count;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (base, token, next) = (base.to_owned(), token.to_owned(), next.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if n >= end {
                    break;
                }
                let tags = [
                    ["kpi", "metrics"],
                    ["onboarding", "culture"],
                    ["funding", "legal"],
                ][n % 3];
                post_json(
                    &client,
                    format!("{base}/api/v1/cards"),
                    &token,
                    json!({
                        "title": format!("How do we measure InnerSource challenge number {n}?"),
                        "description": "A challenge added by the benchmark.",
                        "tags": tags,
                    }),
                    201,
                )
                .await
                .unwrap();
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}

/// The board at each size, next to its bytes served as a file.
async fn board_rows(rows: &mut Vec<Row>, seconds: Duration) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("board.db").display()
    );
    let token = common::member_token(&url, "bench@example.org", PASSWORD);
    let site_root = site.display().to_string();
    let server = start(&url, &[("LEPTOS_SITE_ROOT", &site_root)], "/").await;
    let pid = server.child.id();
    rows.push(Row {
        what: "start to first served page (empty board)".into(),
        figures: format!("{:.0} ms", ms(server.started_in)),
    });
    rows.push(Row {
        what: "memory, idle after start".into(),
        figures: format!("{:.1} MiB resident", rss_kib(pid) as f64 / 1024.0),
    });
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![100, 1_000, 10_000]);
    let mut have = 0;
    let mut peak = 0;
    for size in sizes {
        if size > have {
            eprintln!("bench: adding cards up to {size}…");
            add_cards(&server.base, &token, have, size - have).await;
            have = size;
        }
        let page = reqwest::get(format!("{}/", server.base))
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        std::fs::write(site.join("board-copy.html"), &page).unwrap();
        eprintln!(
            "bench: board page at {size} cards ({} KB)…",
            page.len() / 1024
        );
        let board = load(32, seconds, get(format!("{}/", server.base))).await;
        peak = peak.max(rss_kib(pid));
        let file = load(32, seconds, get(format!("{}/board-copy.html", server.base))).await;
        rows.push(Row {
            what: format!(
                "board page, {size} cards ({} KB), 32 conn.",
                page.len() / 1024
            ),
            figures: board.summary(),
        });
        rows.push(Row {
            what: "  the same bytes as a file (ceiling)".into(),
            figures: file.summary(),
        });
        rows.push(Row {
            what: "  ratio board / ceiling".into(),
            figures: format!("{:.3}", board.rate() / file.rate()),
        });
        let api = load(8, seconds, get(format!("{}/api/v1/board", server.base))).await;
        peak = peak.max(rss_kib(pid));
        rows.push(Row {
            what: format!("GET /api/v1/board, {size} cards, 8 conn."),
            figures: api.summary(),
        });
        let single = load(1, seconds, get(format!("{}/api/v1/board", server.base))).await;
        rows.push(Row {
            what: format!("GET /api/v1/board, {size} cards, 1 conn."),
            figures: single.summary(),
        });
    }
    rows.push(Row {
        what: "memory, peak under the board loads".into(),
        figures: format!("{:.1} MiB resident", peak as f64 / 1024.0),
    });
}

/// Card create and card move under 50 clients on the database at `url`.
async fn write_rows(rows: &mut Vec<Row>, name: &str, url: &str, seconds: Duration) {
    let token = common::member_token(url, "writer@example.org", PASSWORD);
    let server = start(url, &[], "/healthz").await;
    let base = server.base.clone();
    let clients = 50;

    let create: Step = {
        let (base, token) = (base.clone(), token.clone());
        Arc::new(move |client, n| {
            let (base, token) = (base.clone(), token.clone());
            Box::pin(async move {
                post_json(
                    &client,
                    format!("{base}/api/v1/cards"),
                    &token,
                    json!({ "title": format!("Written by client {n}?") }),
                    201,
                )
                .await
                .map(|_| ())
            })
        })
    };
    eprintln!("bench: {name}: card create, {clients} clients…");
    let created = load(clients, seconds, create).await;
    rows.push(Row {
        what: format!("{name}: card create, {clients} clients"),
        figures: created.summary(),
    });

    // Each client moves its own card (which has a solution) to Proposed and back.
    let client = reqwest::Client::new();
    let mut cards = Vec::new();
    for n in 0..clients {
        let card = post_json(
            &client,
            format!("{base}/api/v1/cards"),
            &token,
            json!({ "title": format!("Moved by client {n}?") }),
            201,
        )
        .await
        .unwrap();
        let id = card["id"].as_str().unwrap().to_owned();
        post_json(
            &client,
            format!("{base}/api/v1/cards/{id}/solutions"),
            &token,
            json!({ "title": "A solution", "kind": "tool" }),
            201,
        )
        .await
        .unwrap();
        let version = reqwest::get(format!("{base}/api/v1/cards/{id}"))
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()["version"]
            .as_i64()
            .unwrap();
        cards.push(Arc::new(std::sync::Mutex::new((id, version, "proposed"))));
    }
    let cards = Arc::new(cards);
    let mover: Step = {
        let (base, token) = (base.clone(), token.clone());
        Arc::new(move |client, n| {
            let (base, token, card) = (base.clone(), token.clone(), cards[n].clone());
            Box::pin(async move {
                let (id, version, to) = card.lock().unwrap().clone();
                let moved = post_json(
                    &client,
                    format!("{base}/api/v1/cards/{id}/move"),
                    &token,
                    json!({ "to": to, "version": version, "note": "benchmark" }),
                    200,
                )
                .await?;
                let version = moved["version"].as_i64().ok_or("no version")?;
                let next = if to == "proposed" {
                    "challenge"
                } else {
                    "proposed"
                };
                *card.lock().unwrap() = (id, version, next);
                Ok(())
            })
        })
    };
    eprintln!("bench: {name}: card move, {clients} clients…");
    let moved = load(clients, seconds, mover).await;
    rows.push(Row {
        what: format!("{name}: card move, {clients} clients"),
        figures: moved.summary(),
    });
    drop(server);
}

/// Every front-end file a page refers to: those under `/pkg/`, and the script of
/// followed documents (with its version).
fn pkg_references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (prefix, ends) in [
        ("/pkg/", &['"', '\'', ')', ' ', '>', '?', '#'][..]),
        ("\"/follow.js", &['"'][..]),
    ] {
        for (at, _) in html.match_indices(prefix) {
            let rest = html[at..].trim_start_matches('"');
            let end = rest.find(ends).unwrap_or(rest.len());
            let path = rest[..end].to_owned();
            if !found.contains(&path) {
                found.push(path);
            }
        }
    }
    found
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out.len()
}

/// The first link in `html` that starts with `prefix`.
fn first_link(html: &str, prefix: &str) -> Option<String> {
    let at = html.find(&format!("href=\"{prefix}"))? + "href=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

/// Holds a meeting on the demo board through the meetings page's own form (as a browser
/// without WebAssembly would), so that its pages can be measured.
async fn hold_a_meeting(base: &str) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "email": "scribe@example.org", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 204);
    let page = client
        .get(format!("{base}/meetings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let Some(action) = page
        .split("<form")
        .find(|form| form.contains("name=\"held_on\""))
        .and_then(|form| {
            let at = form.find("action=\"")? + "action=\"".len();
            Some(form[at..at + form[at..].find('"')?].to_owned())
        })
    else {
        eprintln!("bench: no form to hold a meeting with; meeting pages are not measured");
        return;
    };
    let held = client
        .post(format!("{base}{action}"))
        .form(&[
            ("held_on", "2026-11-20"),
            ("facilitator", ""),
            ("scribe", ""),
        ])
        .send()
        .await
        .unwrap();
    if !held.status().is_success() || held.url().query().is_some_and(|q| q.contains("__err")) {
        eprintln!(
            "bench: holding a meeting failed ({}); meeting pages are not measured",
            held.url()
        );
    }
}

/// The front-end bytes each kind of page loads, on the demo board.
async fn byte_rows(rows: &mut Vec<Row>, site_root: &Path) {
    if !site_root.join("pkg").is_dir() {
        rows.push(Row {
            what: "front-end bytes per page".into(),
            figures: format!(
                "skipped: no front end at {} (run `cargo leptos build --release`)",
                site_root.display()
            ),
        });
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    run(&url, &["seed-demo"], "");
    // Meetings are held by admins (the group's facilitators).
    run(
        &url,
        &[
            "admin",
            "create",
            "--email",
            "scribe@example.org",
            "--name",
            "Scribe",
        ],
        &format!("{PASSWORD}\n"),
    );
    let root = site_root.display().to_string();
    let server = start(&url, &[("LEPTOS_SITE_ROOT", &root)], "/").await;
    hold_a_meeting(&server.base).await;
    let fetch = |path: String| {
        let base = server.base.clone();
        async move {
            reqwest::get(format!("{base}{path}"))
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
        }
    };
    let board = String::from_utf8_lossy(&fetch("/".into()).await).into_owned();
    let catalog = String::from_utf8_lossy(&fetch("/catalog?stage=any".into()).await).into_owned();
    let meetings = String::from_utf8_lossy(&fetch("/meetings".into()).await).into_owned();
    let mut pages = vec![("board".to_owned(), "/".to_owned())];
    pages.push(("catalogue".into(), "/catalog".into()));
    if let Some(link) = first_link(&catalog, "/solutions/") {
        pages.push(("solution".into(), link));
    }
    if let Some(link) = first_link(&board, "/cards/") {
        pages.push(("card".into(), link));
    }
    pages.push(("meetings".into(), "/meetings".into()));
    if let Some(link) = first_link(&meetings, "/meetings/") {
        pages.push(("meeting".into(), link.clone()));
        pages.push(("agenda card".into(), format!("{link}/agenda/1")));
        pages.push(("meeting minutes".into(), format!("{link}/minutes")));
    }
    pages.push(("sign-in".into(), "/login".into()));
    for (kind, path) in pages {
        let html = String::from_utf8_lossy(&fetch(path.clone()).await).into_owned();
        let (mut raw, mut gz, mut br) = (0, 0, 0);
        let mut files = Vec::new();
        for reference in pkg_references(&html) {
            let bytes = fetch(reference.clone()).await;
            raw += bytes.len();
            gz += gzip_len(&bytes);
            br += brotli_len(&bytes);
            files.push(
                reference
                    .trim_start_matches("/pkg/")
                    .trim_start_matches('/')
                    .to_owned(),
            );
        }
        rows.push(Row {
            what: format!("front end of the {kind} page ({path})"),
            figures: format!(
                "raw {:>5} KB  gzip {:>4} KB  brotli {:>4} KB  ({})",
                raw / 1024,
                gz / 1024,
                br / 1024,
                if files.is_empty() {
                    "no files".to_owned()
                } else {
                    files.join(", ")
                }
            ),
        });
    }
}

/// A fresh PostgreSQL database for a run: its URL, the server's administration
/// connection and its name (to drop it afterwards).
async fn postgres_database() -> Option<(String, sea_orm::DatabaseConnection, String)> {
    let admin_url = std::env::var("ISPO_TEST_POSTGRES_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432".to_owned());
    let admin = Database::connect(format!("{admin_url}/postgres"))
        .await
        .ok()?;
    let name = format!("ispo_perf_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .ok()?;
    Some((format!("{admin_url}/{name}"), admin, name))
}

#[tokio::main]
async fn main() {
    let seconds = Duration::from_secs(env_u64("BENCH_SECONDS", 5));
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let site_root = std::env::var("LEPTOS_SITE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| workspace.join("target/site"));
    let mut rows = Vec::new();

    board_rows(&mut rows, seconds).await;

    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("writes.db").display()
    );
    write_rows(&mut rows, "SQLite", &sqlite, seconds).await;
    match postgres_database().await {
        Some((url, admin, name)) => {
            write_rows(&mut rows, "PostgreSQL", &url, seconds).await;
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
        }
        None => rows.push(Row {
            what: "PostgreSQL writes".into(),
            figures: "skipped: PostgreSQL not reachable".into(),
        }),
    }

    byte_rows(&mut rows, &site_root).await;

    let solutions = env_u64("BENCH_SOLUTIONS", 10_000) as usize;
    let rounds = env_u64("BENCH_ROUNDS", 200) as usize;
    for (database, p50, p99) in search::measure(solutions, rounds).await {
        rows.push(Row {
            what: format!("{database}: catalogue search, {solutions} solutions, all queries"),
            figures: format!("p50 {:.2} ms  p99 {:.2} ms", ms(p50), ms(p99)),
        });
    }

    println!(
        "\nispo-board benchmark ({} cores, load generator on the same machine; server {})",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        common::binary()
    );
    println!("{:<58} figures", "measure");
    println!("{}", "-".repeat(120));
    for row in rows {
        println!("{:<58} {}", row.what, row.figures);
    }
}
