//! The GitHub Projects import on SQLite and PostgreSQL, from a sample of what
//! `gh project item-list … --format json` prints (every field form: an issue, a draft
//! issue, a pull request, no status, an unknown status, a mapped status, labels,
//! assignees): cards in the stages their statuses and their evidence allow, a link to
//! their issue, and a re-import that updates instead of duplicating.

use app::service::{github, transfer};

use app::service::progress::Quiet;

use crate::support::{TestDb, db_test};

const BOARD: &str = r#"{"items": [
  {"id": "PVTI_a", "title": "How do we fund shared code?", "status": "Challenge",
   "labels": ["funding"], "assignees": ["ada", "bob"],
   "content": {"type": "Issue", "title": "How do we fund shared code?", "body": "We need a *model*.",
               "number": 12, "url": "https://github.com/ispo/board/issues/12", "repository": "ispo/board"}},
  {"id": "PVTI_b", "title": "How do we run office hours?", "status": "In Progress", "labels": [],
   "content": {"type": "Issue", "title": "How do we run office hours?", "body": "",
               "number": 13, "url": "https://github.com/ispo/board/issues/13", "repository": "ispo/board"}},
  {"id": "PVTI_c", "title": "How do we measure reuse?", "status": "validated", "labels": ["kpi"],
   "content": {"type": "Issue", "title": "How do we measure reuse?", "body": "Counting forks?",
               "number": 14, "url": "https://github.com/ispo/board/issues/14", "repository": "ispo/board"}},
  {"id": "PVTI_d", "title": "A draft idea", "labels": [],
   "content": {"type": "DraftIssue", "title": "A draft idea", "body": "Nothing yet."}},
  {"id": "PVTI_e", "title": "How do we onboard mentors?", "status": "Someday", "labels": [],
   "content": {"type": "PullRequest", "title": "How do we onboard mentors?", "body": "",
               "number": 15, "url": "https://github.com/ispo/board/pull/15", "repository": "ispo/board"}}
], "totalCount": 5}"#;

db_test!(a_github_project_board_imports_and_reimports);
async fn a_github_project_board_imports_and_reimports(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    let items = github::parse(BOARD).unwrap();
    let map = github::parse_map(&["In Progress=proposed".to_owned()]).unwrap();
    let bad = github::parse_map(&["Done=shipped".to_owned()]).unwrap();
    assert!(
        github::import(&conn, &items, &bad, false, &Quiet)
            .await
            .is_err()
    );

    let report = github::import(&conn, &items, &map, false, &Quiet)
        .await
        .unwrap();
    assert_eq!(report.imported.len(), 5);
    assert_eq!(
        report.unmapped,
        vec![
            ("A draft idea".to_owned(), None),
            (
                "How do we onboard mentors?".to_owned(),
                Some("Someday".to_owned())
            ),
        ]
    );
    // "In Progress" means Proposed, whose gate needs a solution; "validated" needs
    // evidence too: both stay in Challenge, listed.
    assert_eq!(
        report.held_back,
        vec![
            (
                "How do we run office hours?".to_owned(),
                "Proposed".to_owned(),
                "Challenge".to_owned()
            ),
            (
                "How do we measure reuse?".to_owned(),
                "Validated".to_owned(),
                "Challenge".to_owned()
            ),
        ]
    );
    let doc = transfer::export(&conn).await.unwrap();
    assert_eq!(doc.cards.len(), 5);
    assert_eq!(doc.card_sources.len(), 5);
    let fund = doc
        .cards
        .iter()
        .find(|c| c.title == "How do we fund shared code?")
        .unwrap();
    assert!(
        fund.description
            .contains("<https://github.com/ispo/board/issues/12>"),
        "{}",
        fund.description
    );
    assert!(fund.description.contains("Assignees on GitHub: ada, bob."));
    assert_eq!(fund.tags, vec!["funding".to_owned()]);
    assert!(
        doc.card_sources
            .iter()
            .any(|s| s.key == "PVTI_d" && s.url.is_none())
    );

    // The same file again: nothing new. A changed title and label update the card.
    let again = github::import(&conn, &items, &map, false, &Quiet)
        .await
        .unwrap();
    assert!(again.imported.is_empty() && again.updated.is_empty());
    assert_eq!(again.unchanged.len(), 5);
    let edited = BOARD
        .replace("We need a *model*.", "We need a funding model.")
        .replace(r#"["kpi"]"#, r#"["kpi", "reuse"]"#);
    let changed = github::import(&conn, &github::parse(&edited).unwrap(), &map, false, &Quiet)
        .await
        .unwrap();
    assert_eq!(
        changed.updated,
        vec![
            "How do we fund shared code?".to_owned(),
            "How do we measure reuse?".to_owned()
        ]
    );
    assert_eq!(transfer::export(&conn).await.unwrap().cards.len(), 5);

    // Once a card has its evidence, a re-import takes it to its status's stage.
    let reuse = doc
        .cards
        .iter()
        .find(|c| c.title == "How do we measure reuse?")
        .unwrap();
    let office = doc
        .cards
        .iter()
        .find(|c| c.title == "How do we run office hours?")
        .unwrap();
    let admin = crate::meetings::actor(
        db,
        &conn,
        "ada@example.org",
        "Ada",
        app::domain::Role::Admin,
    )
    .await;
    app::service::cards::add_solution(
        &conn,
        app::domain::CardId(office.id),
        &app::contract::input::SolutionInput {
            title: "Weekly office hours".into(),
            kind: "article".into(),
            ..Default::default()
        },
        &admin,
    )
    .await
    .unwrap();
    let last = github::import(&conn, &github::parse(&edited).unwrap(), &map, false, &Quiet)
        .await
        .unwrap();
    assert_eq!(last.held_back.len(), 1, "{:?}", last.held_back);
    let doc = transfer::export(&conn).await.unwrap();
    let stage = |id| doc.cards.iter().find(|c| c.id == id).unwrap().stage.clone();
    assert_eq!(stage(office.id), "proposed");
    assert_eq!(stage(reuse.id), "challenge");
    conn.close().await.ok();
}

#[test]
fn a_file_that_is_not_a_project_listing_is_refused() {
    for text in [
        "[]",
        "{\"items\": [{\"id\": 5}]}",
        "{\"items\": [{\"id\": \"x\"}]}",
        "{",
    ] {
        assert!(github::parse(text).is_err(), "{text}");
    }
}
