//! Store tests: migrations, the default workflow, the demo board and gated moves, on
//! SQLite and PostgreSQL.

use app::contract::AppError;
use app::domain::{Gate, Workflow};
use app::service::changes::Write;
use app::service::demo::SeedOutcome;
use app::store;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::{TestDb, db_test};

db_test!(migrations_create_the_default_workflow);
async fn migrations_create_the_default_workflow(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    // Running start-up again changes nothing.
    let conn_again = server::prepare_database(&db.url).await.unwrap();
    conn_again.close().await.unwrap();

    let current = store::workflow::current(&conn).await.unwrap();
    assert_eq!(current.workflow, Workflow::charter());
    let names: Vec<&str> = current
        .workflow
        .stages()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Challenge", "Proposed", "Internal", "External", "Validated"]
    );
    assert_eq!(
        current.workflow.stage("validated").unwrap().gate,
        Some(Gate::CompaniesOnOneSolution { count: 2 })
    );
    let versions = store::entities::workflow_version::Entity::find()
        .count(&conn)
        .await
        .unwrap();
    assert_eq!(versions, 1);
    conn.close().await.unwrap();
}

db_test!(demo_board_is_consistent_with_the_gates);
async fn demo_board_is_consistent_with_the_gates(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    let outcome = app::service::demo::seed(&conn).await.unwrap();
    let SeedOutcome::Seeded { cards } = outcome else {
        panic!("expected the demo to be seeded, got {outcome:?}");
    };
    assert!(cards >= 12, "a dozen or more challenges, got {cards}");

    let board = app::service::cards::board(&conn).await.unwrap();
    assert_eq!(board.cards.len(), cards as usize);
    for stage in board.workflow.stages() {
        let in_stage = board
            .cards
            .iter()
            .filter(|c| c.stage == stage.key.as_str())
            .count();
        assert!(in_stage >= 2, "stage {} has {in_stage} cards", stage.name);
    }
    assert!(
        board
            .cards
            .iter()
            .any(|c| c.title == "How do I present InnerSource KPIs?")
    );

    // Every card meets the gate of its own stage and of every stage before it.
    let ids: Vec<_> = board.cards.iter().map(|c| c.id).collect();
    let evidence = store::load::evidence_of(&conn, &ids).await.unwrap();
    for card in &board.cards {
        let position = board.workflow.position(&card.stage).unwrap();
        for stage in &board.workflow.stages()[..=position] {
            let check = board.workflow.check_gate(stage, &evidence[&card.id]);
            assert!(
                check.is_met(),
                "{} fails {}: {check:?}",
                card.title,
                stage.name
            );
        }
    }
    let validated = board.cards.iter().find(|c| c.stage == "validated").unwrap();
    assert!(validated.companies >= 2);

    // Each stage reached was logged as a move judged under the stored workflow version.
    let moves = store::entities::activity::Entity::find()
        .all(&conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.kind == "moved")
        .count();
    let expected: usize = board
        .cards
        .iter()
        .map(|c| board.workflow.position(&c.stage).unwrap())
        .sum();
    assert_eq!(moves, expected);

    // A second seed leaves the board alone.
    assert_eq!(
        app::service::demo::seed(&conn).await.unwrap(),
        SeedOutcome::Skipped {
            existing_cards: cards as u64
        }
    );
    conn.close().await.unwrap();
}

db_test!(moves_respect_gates_and_versions);
async fn moves_respect_gates_and_versions(db: &TestDb) {
    use app::domain::{CardTitle, Description};
    use app::service::cards;
    use app::store::cards::NewCard;

    let conn = server::prepare_database(&db.url).await.unwrap();
    let w = Write::begin(&conn, None).await.unwrap();
    let new = NewCard {
        title: CardTitle::parse("How do we test the store?").unwrap(),
        description: Description::parse("").unwrap(),
        tags: vec![],
    };
    let id = cards::create_card_in(&w, &new).await.unwrap();
    w.commit().await.unwrap();

    let w = Write::begin(&conn, None).await.unwrap();
    match cards::move_card_in(&w, id, "proposed", 1, "").await {
        Err(AppError::GateNotMet { unmet, .. }) => {
            assert_eq!(unmet[0].missing[0].message, "needs a proposed solution");
        }
        other => panic!("expected the Proposed gate to refuse, got {other:?}"),
    }
    let stale = cards::move_card_in(&w, id, "proposed", 7, "").await;
    assert!(
        matches!(stale, Err(AppError::Conflict { current: Some(ref s), .. }) if s.version == 1),
        "{stale:?}"
    );
    drop(w);
    let card = store::cards::find(&conn, id.uuid()).await.unwrap();
    assert_eq!((card.stage_key.as_str(), card.version), ("challenge", 1));
    conn.close().await.unwrap();
}

db_test!(a_gate_is_never_judged_on_evidence_being_taken_away);
async fn a_gate_is_never_judged_on_evidence_being_taken_away(db: &TestDb) {
    use app::domain::{AdoptionStatus, CardTitle, CompanyName, Description, SolutionKind};
    use app::service::{cards, companies};
    use app::store::adoptions::NewAdoption;
    use app::store::cards::NewCard;
    use app::store::companies::NewCompany;
    use app::store::solutions::NewSolution;
    use std::time::Duration;

    let conn = server::prepare_database(&db.url).await.unwrap();
    // A card in Internal whose one solution has a public link: ready for External.
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    let card = cards::create_card_in(
        &w,
        &NewCard {
            title: CardTitle::parse("How do we race a gate?").unwrap(),
            description: Description::parse("").unwrap(),
            tags: vec![],
        },
    )
    .await
    .unwrap();
    let solution = NewSolution {
        title: CardTitle::parse("Race guide").unwrap(),
        kind: SolutionKind::Article,
        summary: Description::parse("").unwrap(),
        url: Some("https://example.org/race".into()),
        landed_in: None,
    };
    let solution_id = cards::add_solution_in(&w, card, &solution).await.unwrap();
    let company = companies::create_in(
        &w,
        &NewCompany {
            name: CompanyName::parse("Racer Corp").unwrap(),
            public: true,
            descriptor: "a company".into(),
        },
    )
    .await
    .unwrap();
    companies::add_adoption_in(
        &w,
        solution_id,
        &NewAdoption {
            company_id: company.uuid(),
            status: AdoptionStatus::InUse,
            since: None,
            evidence_url: None,
            notes: String::new(),
        },
    )
    .await
    .unwrap();
    let mut version = 1;
    for to in ["proposed", "internal"] {
        version = cards::move_card_in(&w, card, to, version, "")
            .await
            .unwrap();
    }
    w.commit().await.unwrap();

    // One editor takes the public link away and has not committed yet…
    let editor = Write::begin(&conn, Some("editor")).await.unwrap();
    cards::update_solution_in(
        &editor,
        solution_id,
        &NewSolution {
            url: None,
            ..solution
        },
        None,
    )
    .await
    .unwrap();
    // …while someone moves the card to External.
    let mover = {
        let conn = conn.clone();
        tokio::spawn(async move {
            let w = Write::begin(&conn, Some("mover")).await?;
            cards::move_card_in(&w, card, "external", version, "").await?;
            w.commit().await
        })
    };
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!mover.is_finished(), "the move did not wait for the edit");
    editor.commit().await.unwrap();
    let outcome = mover.await.unwrap();
    assert!(
        matches!(outcome, Err(AppError::GateNotMet { .. })),
        "the move was judged on evidence being taken away: {outcome:?}"
    );
    assert_eq!(
        store::cards::find(&conn, card.uuid())
            .await
            .unwrap()
            .stage_key,
        "internal"
    );
    conn.close().await.unwrap();
}

/// A card titled `title`, created in its own write.
async fn add_card(conn: &sea_orm::DatabaseConnection, title: &str) -> app::domain::CardId {
    use app::domain::{CardTitle, Description};
    use app::store::cards::NewCard;

    let w = Write::begin(conn, None).await.unwrap();
    let new = NewCard {
        title: CardTitle::parse(title).unwrap(),
        description: Description::parse("").unwrap(),
        tags: vec![],
    };
    let id = app::service::cards::create_card_in(&w, &new).await.unwrap();
    w.commit().await.unwrap();
    id
}

db_test!(the_board_cache_follows_every_change_from_any_process);
async fn the_board_cache_follows_every_change_from_any_process(db: &TestDb) {
    use app::service::board_cache::{self, BoardCache};

    let conn = server::prepare_database(&db.url).await.unwrap();
    // A second pool stands for another server process on the same database.
    let other = server::prepare_database(&db.url).await.unwrap();
    let cache = BoardCache::default();
    add_card(&conn, "How do we cache the board?").await;

    let first = board_cache::board(&conn, &cache).await.unwrap();
    assert_eq!(first.cards.len(), 1);
    let again = board_cache::board(&conn, &cache).await.unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&first, &again),
        "no change came: the held board is used"
    );

    let id = add_card(&other, "How does another process reach the cache?").await;
    let after = board_cache::board(&conn, &cache).await.unwrap();
    assert_eq!(
        after.cards.len(),
        2,
        "a change from elsewhere is seen at once"
    );
    assert!(after.cards.iter().any(|c| c.id == id.uuid()));
    assert!(after.last_event > first.last_event);

    // An older board never replaces a newer one.
    let stale = board_cache::board(&conn, &BoardCache::default())
        .await
        .unwrap();
    assert_eq!(stale.last_event, after.last_event);
    conn.close().await.unwrap();
    other.close().await.unwrap();
}

db_test!(concurrent_writers_all_succeed_in_turn);
async fn concurrent_writers_all_succeed_in_turn(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    let mut tasks = Vec::new();
    for n in 0..40 {
        let conn = conn.clone();
        tasks.push(tokio::spawn(async move {
            add_card(
                &conn,
                &format!("How do forty writers share the database, {n}?"),
            )
            .await
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let board = app::service::cards::board(&conn).await.unwrap();
    assert_eq!(board.cards.len(), 40, "no write was lost or refused");
    conn.close().await.unwrap();
}
