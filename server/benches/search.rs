//! Catalogue search benchmark (not a test): loads 10,000 solutions into a fresh SQLite
//! database and a fresh PostgreSQL database, then times typical searches through the
//! same service the pages and the API use, and prints p50/p99 latencies. Texts mix a
//! vocabulary of 65 InnerSource words with 4,000 filler words.
//!
//! Run with `make bench` (or `cargo bench -p server --bench search`). Environment:
//! `BENCH_SOLUTIONS` (default 10000), `BENCH_ROUNDS` (default 200 per query),
//! `ISPO_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432`); PostgreSQL is
//! skipped with a note when it is not reachable.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, Database, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use app::domain::CatalogQuery;
use app::store::entities::{adoption, card, card_tag, company, solution, tag};

const WORDS: &[&str] = &[
    "kpi",
    "dashboard",
    "metrics",
    "leadership",
    "onboarding",
    "trusted",
    "committer",
    "funding",
    "budget",
    "portal",
    "discovery",
    "documentation",
    "contributing",
    "guide",
    "review",
    "mentoring",
    "culture",
    "recognition",
    "incentives",
    "governance",
    "licensing",
    "legal",
    "security",
    "pipeline",
    "reuse",
    "library",
    "platform",
    "community",
    "office",
    "hours",
    "maturity",
    "model",
    "pattern",
    "template",
    "training",
    "video",
    "talk",
    "article",
    "checklist",
    "workshop",
    "survey",
    "roadmap",
    "backlog",
    "ownership",
    "warranty",
    "contribution",
    "agreement",
    "charter",
    "program",
    "pilot",
    "adoption",
    "executives",
    "managers",
    "engineers",
    "architecture",
    "standards",
    "tooling",
    "search",
    "catalogue",
    "newsletter",
    "champions",
    "ambassadors",
    "hackathon",
    "sprint",
    "retrospective",
];
const TAGS: &[&str] = &[
    "metrics",
    "culture",
    "funding",
    "tooling",
    "onboarding",
    "documentation",
    "legal",
    "senior-leaders",
    "managers",
    "engineers",
    "ispo-staff",
    "leadership",
];
const KINDS: &[&str] = &[
    "article", "video", "tool", "training", "pattern", "talk", "template",
];
const STAGES: &[&str] = &["challenge", "proposed", "internal", "external", "validated"];

/// A small deterministic generator, so every run loads the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// `n` words: one in six from the domain vocabulary, the rest from 4,000 other words,
    /// so a domain word appears in a few percent of texts, as in real writing.
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                if self.below(6) == 0 {
                    WORDS[self.below(WORDS.len())].to_owned()
                } else {
                    format!("w{}", self.below(4_000))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Writes `solutions` solutions (five per card) with tags, companies and adoptions straight
/// into the tables, then builds the catalogue index the way start-up does.
async fn load(db: &DatabaseConnection, solutions: usize) -> Duration {
    let started = Instant::now();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let now = Utc::now();
    let tag_ids: Vec<Uuid> = TAGS.iter().map(|_| Uuid::new_v4()).collect();
    tag::Entity::insert_many(
        TAGS.iter()
            .zip(&tag_ids)
            .map(|(name, id)| tag::ActiveModel {
                id: Set(*id),
                name: Set((*name).to_owned()),
            }),
    )
    .exec_without_returning(db)
    .await
    .unwrap();
    let company_ids: Vec<Uuid> = (0..40).map(|_| Uuid::new_v4()).collect();
    company::Entity::insert_many(company_ids.iter().enumerate().map(|(i, id)| {
        company::ActiveModel {
            id: Set(*id),
            name: Set(format!("Company {i}")),
            name_key: Set(format!("company {i}")),
            public: Set(i % 3 != 0),
            descriptor: Set(format!("a company in sector {}", i % 7)),
            created_at: Set(now),
            version: Set(1),
        }
    }))
    .exec_without_returning(db)
    .await
    .unwrap();
    let cards = solutions.div_ceil(5);
    for chunk_start in (0..cards).step_by(200) {
        let txn = app::store::begin_write(db).await.unwrap();
        let mut card_rows = Vec::new();
        let mut tag_rows = Vec::new();
        let mut solution_rows = Vec::new();
        let mut adoption_rows = Vec::new();
        for c in chunk_start..(chunk_start + 200).min(cards) {
            let card_id = Uuid::new_v4();
            let created = now - Span::minutes((cards - c) as i64);
            card_rows.push(card::ActiveModel {
                id: Set(card_id),
                title: Set(format!("How do we {}?", rng.words(6))),
                description: Set(rng.words(40)),
                stage_key: Set(STAGES[rng.below(STAGES.len())].to_owned()),
                position: Set(c as i64),
                version: Set(1),
                archived: Set(false),
                created_at: Set(created),
                updated_at: Set(created),
                parked_reason: Set(None),
                parked_note: Set(None),
                parked_at: Set(None),
            });
            let first = rng.below(TAGS.len());
            let second = (first + 1 + rng.below(TAGS.len() - 1)) % TAGS.len();
            for t in [first, second] {
                tag_rows.push(card_tag::ActiveModel {
                    card_id: Set(card_id),
                    tag_id: Set(tag_ids[t]),
                });
            }
            for s in 0..5 {
                if c * 5 + s >= solutions {
                    break;
                }
                let solution_id = Uuid::new_v4();
                solution_rows.push(solution::ActiveModel {
                    id: Set(solution_id),
                    card_id: Set(card_id),
                    title: Set(rng.words(4)),
                    kind: Set(KINDS[rng.below(KINDS.len())].to_owned()),
                    summary: Set(rng.words(30)),
                    url: Set(Some(format!("https://example.org/{solution_id}"))),
                    landed_in: Set(None),
                    slug: Set(Some(format!("solution-{}", c * 5 + s))),
                    created_at: Set(created),
                    updated_at: Set(created),
                    version: Set(1),
                });
                let mut adopters: Vec<usize> = (0..rng.below(4))
                    .map(|_| rng.below(company_ids.len()))
                    .collect();
                adopters.sort();
                adopters.dedup();
                for a in adopters {
                    adoption_rows.push(adoption::ActiveModel {
                        id: Set(Uuid::new_v4()),
                        solution_id: Set(solution_id),
                        company_id: Set(company_ids[a]),
                        status: Set("in_use".to_owned()),
                        since: Set(None),
                        evidence_url: Set(None),
                        notes: Set(String::new()),
                        created_at: Set(created),
                        version: Set(1),
                    });
                }
            }
        }
        card::Entity::insert_many(card_rows)
            .exec_without_returning(&*txn)
            .await
            .unwrap();
        card_tag::Entity::insert_many(tag_rows)
            .exec_without_returning(&*txn)
            .await
            .unwrap();
        solution::Entity::insert_many(solution_rows)
            .exec_without_returning(&*txn)
            .await
            .unwrap();
        if !adoption_rows.is_empty() {
            adoption::Entity::insert_many(adoption_rows)
                .exec_without_returning(&*txn)
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
    }
    let txn = app::store::begin_write(db).await.unwrap();
    app::store::catalog::rebuild(&*txn).await.unwrap();
    txn.commit().await.unwrap();
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    started.elapsed()
}

/// Typical searches: (label, URL query string). `similar:` searches similar challenges.
const QUERIES: &[(&str, &str)] = &[
    ("default list (validated, newest)", ""),
    ("one word", "q=dashboard"),
    (
        "question",
        "q=How+do+I+present+KPI+dashboards+to+leadership%3F",
    ),
    ("two words, every stage", "q=trusted+committer&stage=any"),
    ("word + min companies", "q=funding&min_companies=2"),
    (
        "word + kind + tag",
        "q=guide&kind=article&tag=documentation&stage=any",
    ),
    (
        "audience, most adopted",
        "audience=senior-leaders&sort=adopted&stage=any",
    ),
    ("page 5 of a broad word", "q=program&stage=any&page=5"),
    (
        "similar challenges",
        "similar:How do we measure InnerSource adoption in our program?",
    ),
];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64) * p).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Loads, then times every query; returns the p50 and p99 over all queries.
async fn run(
    name: &str,
    db: &DatabaseConnection,
    solutions: usize,
    rounds: usize,
) -> (Duration, Duration) {
    let loaded = load(db, solutions).await;
    println!(
        "\n{name}: loaded {solutions} solutions and built the index in {:.1} s",
        loaded.as_secs_f64()
    );
    println!(
        "{:<36} {:>9} {:>10} {:>10} {:>10}",
        "query", "matches", "p50", "p99", "max"
    );
    let mut all = Vec::new();
    for (label, raw) in QUERIES {
        let mut times = Vec::with_capacity(rounds);
        let mut matches = 0u64;
        for round in 0..rounds + 10 {
            let started = Instant::now();
            if let Some(text) = raw.strip_prefix("similar:") {
                matches = app::service::catalog::similar(db, text)
                    .await
                    .unwrap()
                    .len() as u64;
            } else {
                let (query, errors) = CatalogQuery::from_query_string(raw);
                assert!(errors.is_empty());
                let (results, _) = app::service::catalog::search(db, &query).await.unwrap();
                matches = results.total;
            }
            // The first rounds warm caches and are not counted.
            if round >= 10 {
                times.push(started.elapsed());
            }
        }
        times.sort();
        println!(
            "{label:<36} {matches:>9} {:>10} {:>10} {:>10}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap())
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "{:<36} {:>9} {:>10} {:>10} {:>10}",
        "ALL QUERIES",
        all.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap())
    );
    (percentile(&all, 0.5), percentile(&all, 0.99))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let solutions = env_number("BENCH_SOLUTIONS", 10_000);
    let rounds = env_number("BENCH_ROUNDS", 200);
    measure(solutions, rounds).await;
}

/// Runs the searches on SQLite and on PostgreSQL (when reachable); returns, per database,
/// the p50 and p99 over all queries.
pub async fn measure(solutions: usize, rounds: usize) -> Vec<(&'static str, Duration, Duration)> {
    println!(
        "catalogue search: {solutions} solutions, {rounds} timed rounds per query, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut figures = Vec::new();
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("bench.db").display()
    );
    let db = server::prepare_database(&url).await.unwrap();
    let (p50, p99) = run("SQLite", &db, solutions, rounds).await;
    figures.push(("SQLite", p50, p99));
    db.close().await.unwrap();

    let admin_url = std::env::var("ISPO_TEST_POSTGRES_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432".to_owned());
    let Ok(admin) = Database::connect(format!("{admin_url}/postgres")).await else {
        println!("\nPostgreSQL: not reachable at {admin_url}; skipped");
        return figures;
    };
    let name = format!("ispo_bench_{}", Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .unwrap();
    let db = server::prepare_database(&format!("{admin_url}/{name}"))
        .await
        .unwrap();
    let (p50, p99) = run("PostgreSQL", &db, solutions, rounds).await;
    figures.push(("PostgreSQL", p50, p99));
    db.close().await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
    figures
}
