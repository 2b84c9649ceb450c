//! Store tests: migrations, the default workflow, the demo board and gated moves, on
//! SQLite and PostgreSQL.

use app::domain::{Gate, Workflow};
use app::store::{self, StoreError, demo::SeedOutcome};
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
    let outcome = store::demo::seed(&conn).await.unwrap();
    let SeedOutcome::Seeded { cards } = outcome else {
        panic!("expected the demo to be seeded, got {outcome:?}");
    };
    assert!(cards >= 12, "a dozen or more challenges, got {cards}");

    let board = store::board::load(&conn).await.unwrap();
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
    let evidence = store::cards::evidence_of(&conn, &ids).await.unwrap();
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
        store::demo::seed(&conn).await.unwrap(),
        SeedOutcome::Skipped {
            existing_cards: cards as u64
        }
    );
    conn.close().await.unwrap();
}

db_test!(moves_respect_gates_and_versions);
async fn moves_respect_gates_and_versions(db: &TestDb) {
    use app::domain::{CardTitle, Description, MoveRefusal};
    use app::store::cards::NewCard;

    let conn = server::prepare_database(&db.url).await.unwrap();
    let current = store::workflow::current(&conn).await.unwrap();
    let new = NewCard {
        title: CardTitle::parse("How do we test the store?").unwrap(),
        description: Description::parse("").unwrap(),
        tags: vec![],
    };
    let id = store::cards::create(&conn, &current, &new, None)
        .await
        .unwrap();

    let refused = store::cards::move_card(&conn, &current, id, "proposed", 1, "", None).await;
    match refused {
        Err(StoreError::Move(MoveRefusal::GatesNotMet(checks))) => {
            assert_eq!(checks[0].missing[0].message, "needs a proposed solution");
        }
        other => panic!("expected the Proposed gate to refuse, got {other:?}"),
    }
    let stale = store::cards::move_card(&conn, &current, id, "proposed", 7, "", None).await;
    assert!(
        matches!(stale, Err(StoreError::Stale(ref s)) if s.version == 1),
        "{stale:?}"
    );
    let card = store::cards::find(&conn, id).await.unwrap();
    assert_eq!((card.stage_key.as_str(), card.version), ("challenge", 1));
    conn.close().await.unwrap();
}
