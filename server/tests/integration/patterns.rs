//! The InnerSource Patterns import, on SQLite and PostgreSQL, from the trimmed checkout in
//! `../shared/data/innersource-patterns/` (commit 0cb3aa9, 2026-08-18): exact figures, the
//! companies after aliasing, the stages cards reach, a re-run that changes nothing, a dry
//! run, a newer checkout reported as changes, and a cross-check against the independent
//! hand extraction `../shared/data/patterns-sample.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use app::service::patterns::{self, Report};
use app::service::transfer;

use app::service::progress::Quiet;

use crate::support::{TestDb, db_test};

/// The shared data folder (`ISPO_SHARED_DATA`, else `../shared/data` beside the checkout),
/// or `None` (with a note) when this machine lacks it; in CI (`CI=true`) its absence
/// fails the test.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("ISPO_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let dir = root.join(name);
    if dir.exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{} is missing: CI must have ../shared/data",
        dir.display()
    );
    eprintln!("skipped: {} is missing on this machine", dir.display());
    None
}

/// Each pattern's adopters (by slug) as the database holds them.
fn adopters(doc: &transfer::Document) -> BTreeMap<String, BTreeSet<String>> {
    let company: BTreeMap<_, _> = doc
        .companies
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let slug: BTreeMap<_, _> = doc
        .solutions
        .iter()
        .filter_map(|s| {
            let url = s.url.as_deref()?;
            Some((s.id, url.rsplit("/p/").next()?.to_owned()))
        })
        .collect();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for adoption in &doc.adoptions {
        out.entry(slug[&adoption.solution_id].clone())
            .or_default()
            .insert(company[&adoption.company_id].clone());
    }
    out
}

fn stages(report: &Report) -> Vec<(&str, usize)> {
    report
        .by_stage
        .iter()
        .map(|(stage, n)| (stage.as_str(), *n))
        .collect()
}

db_test!(the_patterns_book_imports_with_known_figures);
async fn the_patterns_book_imports_with_known_figures(db: &TestDb) {
    let Some(dir) = shared_data("innersource-patterns") else {
        return;
    };
    let conn = server::prepare_database(&db.url).await.unwrap();
    let checkout = patterns::read_checkout(&dir).unwrap();
    assert_eq!(checkout.patterns.len(), 80, "54 initial + 26 structured");

    // A dry run reports and changes nothing.
    let dry = patterns::import(&conn, &checkout, true, &Quiet)
        .await
        .unwrap();
    assert_eq!(transfer::export(&conn).await.unwrap().cards.len(), 0);

    let report = patterns::import(&conn, &checkout, false, &Quiet)
        .await
        .unwrap();
    assert_eq!(dry, report);
    assert_eq!(report.patterns, 80);
    // Donuts: bad-weather-for-liftoff, defeat-hierarchical-constraints,
    // organizational-mindset-change, sustainable-innersource-program.
    assert_eq!(report.donuts, 4);
    assert_eq!(report.new_patterns.len(), 76);
    // 80 patterns answer 77 problem lines: the mind map files some patterns together.
    assert_eq!(report.challenges_created, 77);
    // 124 known instances, as the book has them after aliases (one per company and
    // pattern); 5 name an organisation only by a description.
    assert_eq!(report.instances, 124);
    assert_eq!(report.new_instances.len(), 124);
    assert_eq!(report.anonymised, 5);
    assert_eq!(report.new_companies.len(), 45);
    // Two bullets name no organisation one could tell with confidence.
    assert_eq!(report.review.len(), 2, "{:?}", report.review);
    assert!(
        report
            .review
            .iter()
            .any(|(file, _)| file.ends_with("gig-marketplace.md"))
    );
    assert!(
        report
            .review
            .iter()
            .any(|(file, _)| file.ends_with("circle-communities.md"))
    );
    // Donuts stay challenges; a pattern with no known instance is a proposed solution; one
    // company → external (the book link is public); two or more → validated.
    assert_eq!(
        stages(&report),
        vec![
            ("Challenge", 4),
            ("Proposed", 26),
            ("Internal", 0),
            ("External", 21),
            ("Validated", 26)
        ]
    );
    assert_eq!(report.moves, 26 + 21 * 3 + 26 * 4);

    let doc = transfer::export(&conn).await.unwrap();
    let by_pattern = adopters(&doc);
    let count = |name: &str| by_pattern.values().filter(|s| s.contains(name)).count();
    assert_eq!(count("SAP"), 11);
    assert_eq!(count("Siemens"), 11);
    // Spelled three ways in the book, one company here.
    assert_eq!(count("Robert Bosch GmbH"), 9);
    // "PayPal" twice, "Paypal Inc." twice, once in prose.
    assert_eq!(count("PayPal"), 5);
    assert!(
        doc.companies
            .iter()
            .all(|c| c.name != "Paypal Inc." && c.name != "Europace")
    );
    let hidden: BTreeSet<(&str, &str)> = doc
        .companies
        .iter()
        .filter(|c| !c.public)
        .map(|c| (c.name.as_str(), c.descriptor.as_str()))
        .collect();
    assert_eq!(
        hidden,
        BTreeSet::from([
            (
                "A large financial services organization",
                "a large financial services organization"
            ),
            (
                "A large, highly regulated, financial organization",
                "a large, highly regulated, financial organization"
            ),
            ("Large Company", "a large company"),
            (
                "Large telecommunications provider",
                "a large telecommunications provider"
            ),
        ])
    );
    let trusted = doc
        .solutions
        .iter()
        .find(|s| {
            s.url.as_deref() == Some("https://patterns.innersourcecommons.org/p/trusted-committer")
        })
        .unwrap();
    assert_eq!(trusted.kind, "pattern");
    assert_eq!(
        trusted.landed_in.as_deref(),
        Some("InnerSource Patterns \u{2014} Structured")
    );
    assert!(
        trusted
            .summary
            .starts_with("Many InnerSource projects will find themselves"),
        "{}",
        trusted.summary
    );
    let bosch = doc
        .adoptions
        .iter()
        .find(|a| a.solution_id == trusted.id && a.notes.contains("funded for 100 %"))
        .unwrap();
    assert_eq!(bosch.status, "in_use");
    assert_eq!(
        bosch.evidence_url.as_deref(),
        Some(
            "https://github.com/InnerSourceCommons/InnerSourcePatterns/blob/main/patterns/2-structured/trusted-committer.md"
        )
    );
    // Moves are recorded as the import's, with the workflow they were judged under.
    assert!(doc.activity.iter().any(|a| a.kind == "moved"
        && a.actor.as_deref() == Some(patterns::ACTOR)
        && a.to_stage.as_deref() == Some("validated")));

    // Running it again changes nothing and reports nothing new.
    let again = patterns::import(&conn, &checkout, false, &Quiet)
        .await
        .unwrap();
    assert!(again.new_patterns.is_empty() && again.new_instances.is_empty());
    assert!(again.new_companies.is_empty() && again.level_changes.is_empty());
    assert_eq!((again.challenges_created, again.moves), (0, 0));
    assert_eq!(again.instances, 124);
    let after = transfer::export(&conn).await.unwrap();
    assert_eq!(
        serde_json::to_value(&after).unwrap(),
        serde_json::to_value(&doc).unwrap()
    );
    conn.close().await.ok();
}

db_test!(a_newer_checkout_is_reported_as_changes);
async fn a_newer_checkout_is_reported_as_changes(db: &TestDb) {
    let Some(dir) = shared_data("innersource-patterns") else {
        return;
    };
    let conn = server::prepare_database(&db.url).await.unwrap();
    patterns::import(
        &conn,
        &patterns::read_checkout(&dir).unwrap(),
        false,
        &Quiet,
    )
    .await
    .unwrap();

    // The newer checkout: a pattern promoted to Structured with a new known instance.
    let newer = tempfile::tempdir().unwrap();
    copy_tree(&dir, newer.path());
    let from = newer
        .path()
        .join("patterns/1-initial/cross-team-retrospectives.md");
    let text = std::fs::read_to_string(&from).unwrap();
    let text = text.replace(
        "## Known Instances\n",
        "## Known Instances\n\n* **Fabrikam Motors** - runs them every quarter.\n",
    );
    std::fs::remove_file(&from).unwrap();
    std::fs::write(
        newer
            .path()
            .join("patterns/2-structured/cross-team-retrospectives.md"),
        text,
    )
    .unwrap();
    let report = patterns::import(
        &conn,
        &patterns::read_checkout(newer.path()).unwrap(),
        false,
        &Quiet,
    )
    .await
    .unwrap();
    assert!(report.new_patterns.is_empty());
    assert_eq!(report.level_changes.len(), 1, "{:?}", report.level_changes);
    let (title, was, now) = &report.level_changes[0];
    assert_eq!(
        (was.as_str(), now.as_str()),
        ("Initial", "Structured"),
        "{title}"
    );
    assert_eq!(report.new_companies, vec!["Fabrikam Motors".to_owned()]);
    assert_eq!(report.new_instances.len(), 1);
    // Europace AG and now Fabrikam Motors: two companies, so the card is validated.
    assert_eq!(report.moves, 1);
    conn.close().await.ok();
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The importer agrees with the independent hand extraction on every pattern's known
/// instances, once the alias table is applied to the extraction's names too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_import_agrees_with_the_hand_extraction() {
    let (Some(dir), Some(sample)) = (
        shared_data("innersource-patterns"),
        shared_data("patterns-sample.json"),
    ) else {
        return;
    };
    let db = TestDb::sqlite().await;
    let conn = server::prepare_database(&db.url).await.unwrap();
    patterns::import(
        &conn,
        &patterns::read_checkout(&dir).unwrap(),
        false,
        &Quiet,
    )
    .await
    .unwrap();
    let doc = transfer::export(&conn).await.unwrap();
    let alias: BTreeMap<String, String> = doc
        .company_aliases
        .iter()
        .map(|a| (a.alias.to_lowercase(), a.name.clone()))
        .collect();
    let mine = adopters(&doc);
    let hand: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    assert_eq!(hand.len(), 80);
    let mut differences = Vec::new();
    for pattern in &hand {
        let path = pattern["path"].as_str().unwrap();
        let slug = path.rsplit('/').next().unwrap().trim_end_matches(".md");
        let theirs: BTreeSet<String> = pattern["known_instances"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .map(|n| {
                alias
                    .get(&n.to_lowercase())
                    .cloned()
                    .unwrap_or_else(|| n.to_owned())
            })
            .collect();
        let ours = mine.get(slug).cloned().unwrap_or_default();
        if ours != theirs {
            differences.push(format!("{slug}: ours {ours:?}, theirs {theirs:?}"));
        }
        // Donuts agree too: a donut brings a challenge but no solution.
        let has_solution = doc
            .solutions
            .iter()
            .any(|s| s.url.as_deref() == Some(&patterns::book_link(slug)));
        assert_eq!(
            has_solution,
            pattern["donut"].as_bool() != Some(true),
            "{slug}: donut or not"
        );
    }
    assert!(differences.is_empty(), "{differences:#?}");
    conn.close().await.ok();
    db.finish().await;
}

db_test!(admins_see_the_review_list_and_edit_aliases);
async fn admins_see_the_review_list_and_edit_aliases(db: &TestDb) {
    use app::contract::AppError;
    use app::service::patterns::aliases;
    let Some(dir) = shared_data("innersource-patterns") else {
        return;
    };
    let conn = server::prepare_database(&db.url).await.unwrap();
    patterns::import(
        &conn,
        &patterns::read_checkout(&dir).unwrap(),
        false,
        &Quiet,
    )
    .await
    .unwrap();
    let ada = crate::meetings::actor(
        db,
        &conn,
        "ada@example.org",
        "Ada",
        app::domain::Role::Admin,
    )
    .await;
    let mo =
        crate::meetings::actor(db, &conn, "mo@example.org", "Mo", app::domain::Role::Member).await;

    // The alias table: admins add and remove; members may not; an alias must differ.
    assert!(matches!(
        aliases::add(&conn, &mo, "Fabrikam Inc.", "Fabrikam").await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        aliases::add(&conn, &ada, "PAYPAL", "PayPal").await,
        Err(AppError::Validation(_))
    ));
    aliases::add(&conn, &ada, "Fabrikam Inc.", "Fabrikam")
        .await
        .unwrap();
    let listed = aliases::list(&conn, &ada).await.unwrap();
    assert!(
        listed
            .iter()
            .any(|a| a.alias == "Fabrikam Inc." && a.name == "Fabrikam")
    );
    aliases::remove(&conn, &ada, "fabrikam inc.").await.unwrap();
    assert!(matches!(
        aliases::remove(&conn, &ada, "Fabrikam Inc.").await,
        Err(AppError::NotFound(_))
    ));

    // The companies page shows both to admins, in the HTML the server renders.
    let addr = crate::http::start(db).await;
    let client = crate::support::client();
    let cookie = crate::security::session_cookie(&client, addr, "ada@example.org").await;
    let page = client
        .get(format!("http://{addr}/admin/companies"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Patterns import: left for review"));
    assert!(html.contains("patterns/2-structured/gig-marketplace.md"));
    assert!(html.contains("\u{201c}Robert Bosch\u{201d} \u{2192} Robert Bosch GmbH"));
    let cookie = crate::security::session_cookie(&client, addr, "mo@example.org").await;
    let page = client
        .get(format!("http://{addr}/admin/companies"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    assert!(!page.text().await.unwrap().contains("gig-marketplace"));
    conn.close().await.ok();
}

/// The command: plain progress lines when not on a terminal, the report, the review list.
#[test]
fn the_command_reports_progress_and_what_to_review() {
    let Some(dir) = shared_data("innersource-patterns") else {
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let db = runtime.block_on(TestDb::sqlite());
    let out = crate::cli::ispo_board(
        &db.url,
        &[
            "import-patterns",
            dir.to_str().unwrap(),
            "--review",
            "--dry-run",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("Importing 80 patterns\u{2026}\n"),
        "{stderr}"
    );
    assert!(stderr.contains("  8/80 patterns ("), "{stderr}");
    assert!(stderr.contains("  80/80 patterns read."), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "no control codes off a terminal"
    );
    assert!(stdout.starts_with("Dry run, nothing changed."), "{stdout}");
    assert!(
        stdout.contains("80 patterns (4 donuts); 124 known instances (5 anonymised); 2 to review."),
        "{stdout}"
    );
    assert!(stdout.contains("Imported challenges by stage: Challenge 4, Proposed 26, Internal 0, External 21, Validated 26."), "{stdout}");
    assert!(
        stdout.contains("patterns/2-structured/gig-marketplace.md: cannot tell which organisation"),
        "{stdout}"
    );
}
