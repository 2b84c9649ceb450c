//! Moving a board out and in: export → import → export gives the same document on SQLite
//! and PostgreSQL and across them; every kind of bad file is refused with a message naming
//! what is wrong, and changes nothing; an import only loads into an empty database; the
//! command line's export, import and backup (a copy taken while writes continue passes
//! SQLite's integrity check).

use app::contract::AppError;
use app::contract::input::{CommentInput, NewCardInput};
use app::domain::{AgendaItemId, CardId, Role, SolutionId, UserId};
use app::service::transfer::{self, Document};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::meetings::actor;
use crate::support::{TestDb, db_test};

/// The demo board plus what it lacks: a second workflow version, accounts, a comment and
/// a meeting with attendance, key points, a next step and a demo.
async fn fill(db: &TestDb) -> DatabaseConnection {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    let ada = actor(db, &conn, "ada@example.org", "Ada Admin", Role::Admin).await;
    let bob = actor(db, &conn, "bob@example.org", "Bob Member", Role::Member).await;
    app::service::workflow::set_wip_limit(&conn, "proposed", Some(7), &ada)
        .await
        .unwrap();
    let board = app::service::cards::board(&conn).await.unwrap();
    let card = board.cards[0].id;
    app::service::cards::add_comment(
        &conn,
        CardId(card),
        &CommentInput {
            body: "Seen at *two* companies.".into(),
        },
        &bob,
    )
    .await
    .unwrap();
    let meeting = app::service::meetings::create(&conn, "2026-11-11", "", "Bob Member", &ada)
        .await
        .unwrap();
    let view = app::service::meetings::view(&conn, meeting, &ada)
        .await
        .unwrap();
    let bob_id = UserId(bob.account.as_ref().unwrap().id);
    app::service::meetings::set_attendance(&conn, meeting, bob_id, true, &ada)
        .await
        .unwrap();
    let item = AgendaItemId(view.agenda[0].id);
    app::service::meetings::record_item(&conn, item, "discussed", "Two models.", None, &bob)
        .await
        .unwrap();
    app::service::meetings::add_next_step(&conn, item, "Ask finance", "Bob", "2026-11-25", &bob)
        .await
        .unwrap();
    let solution = app::service::meetings::demo_options(&conn).await.unwrap()[0].0;
    app::service::meetings::add_demo(&conn, meeting, SolutionId(solution), &bob)
        .await
        .unwrap();
    conn
}

fn json(doc: &Document) -> serde_json::Value {
    serde_json::from_str(&transfer::to_json(doc)).unwrap()
}

async fn card_count(conn: &DatabaseConnection) -> u64 {
    app::store::entities::card::Entity::find()
        .count(conn)
        .await
        .unwrap()
}

db_test!(export_then_import_gives_the_same_document);
async fn export_then_import_gives_the_same_document(db: &TestDb) {
    let conn = fill(db).await;
    let first = transfer::export(&conn).await.unwrap();
    assert_eq!(first.workflow_versions.len(), 2);
    assert_eq!(first.cards.len(), 15);
    assert_eq!(first.users.len(), 2);
    assert_eq!(first.comments.len(), 1);
    let meeting = &first.meetings[0];
    assert_eq!(meeting.attendees.len(), 1);
    assert_eq!(meeting.agenda[0].key_points, "Two models.");
    assert_eq!(meeting.next_steps.len(), 1);
    assert_eq!(meeting.demos.len(), 1);
    assert!(!first.adoptions.is_empty() && !first.activity.is_empty());
    let text = transfer::to_json(&first);
    assert!(!text.contains("password"), "no password hash is exported");
    assert!(!text.contains("$argon2"), "no password hash is exported");

    // Into a second, empty database of the same kind.
    let other = if db.url.starts_with("sqlite") {
        TestDb::sqlite().await
    } else {
        TestDb::postgres().await
    };
    let target = server::prepare_database(&other.url).await.unwrap();
    let imported = transfer::import(&target, transfer::parse(&text).unwrap(), false)
        .await
        .unwrap();
    assert_eq!(imported.cards, 15);
    let second = transfer::export(&target).await.unwrap();
    assert_eq!(json(&second), json(&first));

    // The imported board works: its catalogue is searchable, its board loads, and its
    // accounts have no password until one is set.
    let (results, _) = app::service::catalog::search(
        &target,
        &app::domain::catalog::CatalogQuery::from_query_string("q=InnerSource&stage=any").0,
    )
    .await
    .unwrap();
    assert!(!results.hits.is_empty(), "the catalogue is rebuilt");
    let board = app::service::cards::board(&target).await.unwrap();
    assert_eq!(board.cards.len(), 15);
    let state = server::cli_state(&crate::http::config(&other))
        .await
        .unwrap();
    assert!(matches!(
        app::service::accounts::login(&state, "ada@example.org", "a long enough password", "test")
            .await,
        Err(AppError::LoginFailed)
    ));
    app::service::accounts::set_password_for(&state, "ada@example.org", "a new long password")
        .await
        .unwrap();
    assert!(
        app::service::accounts::login(&state, "ada@example.org", "a new long password", "test")
            .await
            .is_ok()
    );
    target.close().await.ok();
    other.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_board_moves_from_sqlite_to_postgresql_and_back() {
    crate::support::bounded("a_board_moves_from_sqlite_to_postgresql_and_back", async {
        let lite = TestDb::sqlite().await;
        let first = transfer::export(&fill(&lite).await).await.unwrap();

        let pg = TestDb::postgres().await;
        let on_pg = server::prepare_database(&pg.url).await.unwrap();
        transfer::import(
            &on_pg,
            transfer::parse(&transfer::to_json(&first)).unwrap(),
            false,
        )
        .await
        .unwrap();
        let second = transfer::export(&on_pg).await.unwrap();
        assert_eq!(json(&second), json(&first), "SQLite → PostgreSQL");

        let back = TestDb::sqlite().await;
        let on_lite = server::prepare_database(&back.url).await.unwrap();
        transfer::import(
            &on_lite,
            transfer::parse(&transfer::to_json(&second)).unwrap(),
            false,
        )
        .await
        .unwrap();
        let third = transfer::export(&on_lite).await.unwrap();
        assert_eq!(json(&third), json(&first), "PostgreSQL → SQLite");
        on_pg.close().await.ok();
        pg.finish().await;
        lite.finish().await;
        back.finish().await;
    })
    .await;
}

/// `text` is refused by `parse` or by `import` with a message containing `expected`.
async fn refused(target: &DatabaseConnection, text: &str, expected: &str) {
    let result = match transfer::parse(text) {
        Ok(doc) => transfer::import(target, doc, false).await.map(|_| ()),
        Err(e) => Err(e),
    };
    let message = result.expect_err(expected).to_string();
    assert!(
        message.contains(expected),
        "expected \u{201c}{expected}\u{201d} in \u{201c}{message}\u{201d}"
    );
}

db_test!(bad_files_are_refused_and_change_nothing);
async fn bad_files_are_refused_and_change_nothing(db: &TestDb) {
    let source = TestDb::sqlite().await;
    let good = transfer::export(&fill(&source).await).await.unwrap();
    let good_text = transfer::to_json(&good);
    let target = server::prepare_database(&db.url).await.unwrap();
    let empty = json(&transfer::export(&target).await.unwrap());

    let edit = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut value = json(&good);
        change(&mut value);
        serde_json::to_string(&value).unwrap()
    };
    let card = good.cards[3].id;
    let adoption = good.adoptions[0].id;
    let cases: Vec<(String, String)> = vec![
        (
            good_text[..good_text.len() / 2].to_owned(),
            "the file ends too early".into(),
        ),
        ("{\"format\": ".into(), "the file ends too early".into()),
        (
            "not json at all".into(),
            "the file is not valid JSON".into(),
        ),
        (
            "{\"format\": \"trello\", \"version\": 1}".into(),
            "this is not an ispo-board export".into(),
        ),
        (
            edit(&|v| v["version"] = 3.into()),
            "the file is format version 3, newer than this ispo-board reads".into(),
        ),
        (
            edit(&|v| v["cards"][3]["stage"] = "doing".into()),
            format!("card {card}"),
        ),
        (
            edit(&|v| v["cards"][3]["stage"] = "doing".into()),
            "\u{201c}doing\u{201d} is not a stage of the workflow in force".into(),
        ),
        (
            edit(&|v| {
                v["adoptions"][0]["solution_id"] = "00000000-0000-0000-0000-000000000001".into()
            }),
            format!(
                "adoption {adoption} refers to solution 00000000-0000-0000-0000-000000000001, \
                 which is not in the file"
            ),
        ),
        (
            edit(&|v| {
                v["cards"][2].as_object_mut().unwrap().remove("title");
            }),
            "the record at cards[2] is not right: missing field `title`".into(),
        ),
        (
            edit(&|v| v["solutions"][0]["colour"] = "red".into()),
            "the record at solutions[0]".into(),
        ),
        (
            edit(&|v| v["adoptions"][0]["status"] = "rumoured".into()),
            format!("adoption {adoption}: "),
        ),
    ];
    for (text, expected) in &cases {
        refused(&target, text, expected).await;
        assert_eq!(
            json(&transfer::export(&target).await.unwrap()),
            empty,
            "a refused file ({expected}) changed the database"
        );
    }

    // A database that holds a board takes no import, and keeps what it holds.
    transfer::import(&target, transfer::parse(&good_text).unwrap(), false)
        .await
        .unwrap();
    let full = json(&transfer::export(&target).await.unwrap());
    refused(
        &target,
        &good_text,
        "the database is not empty (it holds 15 cards",
    )
    .await;
    assert_eq!(json(&transfer::export(&target).await.unwrap()), full);
    target.close().await.ok();
    source.finish().await;
}

db_test!(a_dry_run_changes_nothing);
async fn a_dry_run_changes_nothing(db: &TestDb) {
    let source = TestDb::sqlite().await;
    let good = transfer::export(&fill(&source).await).await.unwrap();
    let target = server::prepare_database(&db.url).await.unwrap();
    let imported = transfer::import(&target, good, true).await.unwrap();
    assert_eq!(imported.cards, 15);
    assert_eq!(card_count(&target).await, 0);
    target.close().await.ok();
    source.finish().await;
}

#[test]
fn the_command_line_exports_imports_and_backs_up() {
    use crate::cli::ispo_board;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let source = runtime.block_on(TestDb::sqlite());
    runtime.block_on(async { fill(&source).await.close().await.ok() });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board.json");
    let file_arg = file.to_str().unwrap();

    let out = ispo_board(&source.url, &["export", "--output", file_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = ispo_board(&source.url, &["export"]);
    assert!(stdout.status.success());
    assert_eq!(
        String::from_utf8(stdout.stdout).unwrap(),
        std::fs::read_to_string(&file).unwrap(),
        "export to standard output and to a file write the same"
    );

    let target = runtime.block_on(TestDb::sqlite());
    let dry = ispo_board(&target.url, &["import", file_arg, "--dry-run"]);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("Dry run, nothing changed"));
    let done = ispo_board(&target.url, &["import", file_arg]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let said = String::from_utf8_lossy(&done.stdout).into_owned();
    assert!(said.contains("15 cards"), "{said}");
    assert!(said.contains("admin set-password"), "{said}");
    let again = ispo_board(&target.url, &["import", file_arg]);
    let line = crate::cli::single_line_error(&again);
    assert!(
        line.contains("was not imported: the database is not empty"),
        "{line}"
    );

    let broken = dir.path().join("broken.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&broken, &text[..text.len() / 3]).unwrap();
    let fresh = runtime.block_on(TestDb::sqlite());
    let out = ispo_board(&fresh.url, &["import", broken.to_str().unwrap()]);
    let line = crate::cli::single_line_error(&out);
    assert!(line.contains("the file ends too early"), "{line}");

    // A backup is a new file; an existing one is never overwritten.
    let copy = dir.path().join("copy.db");
    let out = ispo_board(&target.url, &["backup", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = ispo_board(&target.url, &["backup", copy.to_str().unwrap()]);
    let line = crate::cli::single_line_error(&out);
    assert!(line.contains("exists already"), "{line}");
    let copy_url = format!("sqlite://{}?mode=rw", copy.display());
    let out = ispo_board(&copy_url, &["export"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writes_continue_is_consistent() {
    crate::support::bounded(
        "a_backup_taken_while_writes_continue_is_consistent",
        async {
            let db = TestDb::sqlite().await;
            let conn = fill(&db).await;
            let carol = actor(&db, &conn, "carol@example.org", "Carol", Role::Member).await;
            let writer = {
                let conn = conn.clone();
                tokio::spawn(async move {
                    for n in 0..200 {
                        let input = NewCardInput {
                            title: format!("How do we keep writing while backing up? ({n})"),
                            ..Default::default()
                        };
                        app::service::cards::create_card(&conn, &input, &carol)
                            .await
                            .unwrap();
                    }
                })
            };
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("live-copy.db");
            app::service::maintenance::backup(&conn, &copy)
                .await
                .unwrap();
            writer.await.unwrap();

            let copy_conn = app::store::connect(&format!("sqlite://{}?mode=rw", copy.display()))
                .await
                .unwrap();
            assert_eq!(
                app::store::backup::sqlite_integrity(&copy_conn)
                    .await
                    .unwrap(),
                "ok"
            );
            let copied = card_count(&copy_conn).await;
            let live = card_count(&conn).await;
            assert!(copied >= 15 && copied <= live, "{copied} of {live}");
            // The copy is a whole board: it exports like any database.
            let doc = transfer::export(&copy_conn).await.unwrap();
            assert_eq!(doc.cards.len() as u64, copied);
            copy_conn.close().await.ok();
            db.finish().await;
        },
    )
    .await;
}
