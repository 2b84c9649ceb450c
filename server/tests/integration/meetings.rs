//! Meeting mode on SQLite and PostgreSQL: the agenda of unfinished cards in board order,
//! attendance, key points and next steps (open ones carried to the next meeting), what
//! changed since the previous meeting, the demo queue and its order, the presenter view,
//! the minutes as Markdown, and who may do what.

use app::auth::{Actor, Via};
use app::contract::AppError;
use app::domain::meetings::AgendaStatus;
use app::domain::{Account, AgendaItemId, CardId, DemoId, NextStepId, Role, SolutionId, UserId};
use app::service::meetings as service;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::support::{TestDb, db_test};

pub(crate) async fn actor(
    db: &TestDb,
    conn: &DatabaseConnection,
    email: &str,
    name: &str,
    role: Role,
) -> Actor {
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    app::service::accounts::create_account(&state, email, name, "a long enough password", role)
        .await
        .unwrap();
    let id = app::store::entities::user::Entity::find()
        .filter(app::store::entities::user::Column::Email.eq(email))
        .one(conn)
        .await
        .unwrap()
        .unwrap()
        .id;
    Actor {
        account: Some(Account {
            id,
            email: email.to_owned(),
            name: name.to_owned(),
            role,
            active: true,
        }),
        via: Via::Bearer,
    }
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

db_test!(a_meeting_walks_the_board_and_keeps_minutes);
async fn a_meeting_walks_the_board_and_keeps_minutes(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    let ada = actor(
        db,
        &conn,
        "ada@example.org",
        "Ada Facilitator",
        Role::Facilitator,
    )
    .await;
    let bob = actor(db, &conn, "bob@example.org", "Bob Member", Role::Member).await;

    // Only facilitators (and admins) start meetings.
    assert!(matches!(
        service::create(&conn, "2026-11-11", "", "", &bob).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        service::create(&conn, "11/11/2026", "", "", &ada).await,
        Err(AppError::Validation(_))
    ));
    let first = service::create(&conn, "2026-11-11", "", "Bob Member", &ada)
        .await
        .unwrap();
    let view = service::view(&conn, first, &bob).await.unwrap();
    assert_eq!(view.facilitator, "Ada Facilitator");
    assert_eq!(view.scribe, "Bob Member");
    assert_eq!(view.previous, None);
    // The agenda: every unfinished card (12 of the demo's 15; 3 are validated), stage by
    // stage in board order.
    assert_eq!(view.agenda.len(), 12);
    let stages: Vec<&str> = view.agenda.iter().map(|i| i.stage_name.as_str()).collect();
    let mut sorted = stages.clone();
    let order = ["Challenge", "Proposed", "Internal", "External"];
    sorted.sort_by_key(|s| order.iter().position(|o| o == s));
    assert_eq!(stages, sorted);
    assert!(
        view.agenda
            .iter()
            .all(|i| i.status == AgendaStatus::Pending)
    );
    assert!(view.agenda[0].next_gate.is_some());

    // Attendance, key points, a next step.
    let bob_id = UserId(bob.account.as_ref().unwrap().id);
    service::set_attendance(&conn, first, bob_id, true, &ada)
        .await
        .unwrap();
    assert!(matches!(
        service::set_attendance(&conn, first, bob_id, true, &bob).await,
        Err(AppError::Forbidden(_))
    ));
    let item = AgendaItemId(view.agenda[0].id);
    service::record_item(
        &conn,
        item,
        "discussed",
        "Two funding models seen.",
        None,
        &bob,
    )
    .await
    .unwrap();
    assert!(matches!(
        service::record_item(&conn, item, "finished", "", None, &bob).await,
        Err(AppError::Validation(_))
    ));
    service::record_item(
        &conn,
        AgendaItemId(view.agenda[1].id),
        "parked",
        "",
        None,
        &bob,
    )
    .await
    .unwrap();
    let step = service::add_next_step(&conn, item, "Ask finance", "Bob Member", "2026-11-25", &bob)
        .await
        .unwrap();
    assert!(matches!(
        service::add_next_step(&conn, item, " ", "Bob", "", &bob).await,
        Err(AppError::Validation(_))
    ));
    assert!(matches!(
        service::add_next_step(&conn, item, "x", "Bob", "soon", &bob).await,
        Err(AppError::Validation(_))
    ));
    let view = service::view(&conn, first, &bob).await.unwrap();
    assert_eq!(view.agenda[0].status, AgendaStatus::Discussed);
    assert_eq!(view.agenda[0].key_points, "Two funding models seen.");
    assert_eq!(view.agenda[0].next_steps[0].text, "Ask finance");
    assert_eq!(view.agenda[1].status, AgendaStatus::Parked);
    assert!(
        view.attendees
            .iter()
            .any(|a| a.name == "Bob Member" && a.present)
    );
    assert!(
        view.attendees
            .iter()
            .any(|a| a.name == "Ada Facilitator" && !a.present)
    );
    // Visitors see who attended, by name only: no absentees, no account ids.
    let public = service::view(&conn, first, &app::auth::Actor::anonymous())
        .await
        .unwrap();
    assert!(!public.attendees.is_empty());
    assert!(
        public
            .attendees
            .iter()
            .all(|a| a.present && a.user_id.is_none())
    );
    assert!(!public.attendees.iter().any(|a| a.name == "Ada Facilitator"));

    // The demo queue: members add, facilitators reorder, anyone presents.
    let solutions = service::demo_options(&conn).await.unwrap();
    let picks: Vec<Uuid> = solutions.iter().take(3).map(|(id, _)| *id).collect();
    for id in &picks {
        service::add_demo(&conn, first, SolutionId(*id), &bob)
            .await
            .unwrap();
    }
    assert!(matches!(
        service::add_demo(&conn, first, SolutionId(picks[0]), &bob).await,
        Err(AppError::Conflict { .. })
    ));
    let demos = service::view(&conn, first, &bob).await.unwrap().demos;
    assert_eq!(
        demos.iter().map(|d| d.solution_id).collect::<Vec<_>>(),
        picks
    );
    assert!(matches!(
        service::move_demo(&conn, DemoId(demos[2].id), true, &bob).await,
        Err(AppError::Forbidden(_))
    ));
    service::move_demo(&conn, DemoId(demos[2].id), true, &ada)
        .await
        .unwrap();
    let reordered: Vec<Uuid> = service::view(&conn, first, &bob)
        .await
        .unwrap()
        .demos
        .iter()
        .map(|d| d.solution_id)
        .collect();
    assert_eq!(reordered, [picks[0], picks[2], picks[1]]);
    let shown = service::presentation(&conn, first, 2).await.unwrap();
    assert_eq!(shown.demo.solution_id, picks[2]);
    assert_eq!(shown.total, 3);
    assert!(matches!(
        service::presentation(&conn, first, 4).await,
        Err(AppError::NotFound(_))
    ));

    // The minutes.
    let minutes = service::minutes(&conn, first).await.unwrap();
    assert!(minutes.starts_with("# ISPO working group meeting, 2026-11-11"));
    assert!(minutes.contains("- Attendance: Bob Member"));
    assert!(minutes.contains("Two funding models seen."));
    assert!(minutes.contains("Ask finance (owner: Bob Member, due 2026-11-25)"));
    assert!(minutes.contains("## Demos"));

    // The next meeting: what changed since, and the open next step carried over.
    let card = view.agenda[2].card_id;
    app::service::cards::add_comment(
        &conn,
        CardId(card),
        &app::contract::input::CommentInput {
            body: "Discussed offline.".into(),
        },
        &bob,
    )
    .await
    .unwrap();
    let second = service::create(&conn, "2026-11-25", "Cy Guest", "", &ada)
        .await
        .unwrap();
    let next = service::view(&conn, second, &bob).await.unwrap();
    assert_eq!(
        next.previous.map(|d| d.to_string()).as_deref(),
        Some("2026-11-11")
    );
    assert_eq!(next.scribe, "Ada Facilitator");
    assert_eq!(next.facilitator, "Cy Guest");
    assert_eq!(next.since_previous.len(), 1);
    assert_eq!(next.since_previous[0].card_id, card);
    assert_eq!(next.since_previous[0].changes, ["Bob Member commented"]);
    assert_eq!(next.open_steps.len(), 1);
    assert_eq!(NextStepId(next.open_steps[0].id), step);
    service::set_step_done(&conn, step, true, &bob)
        .await
        .unwrap();
    assert!(
        service::view(&conn, second, &bob)
            .await
            .unwrap()
            .open_steps
            .is_empty()
    );
    let list = service::list(&conn).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, second.uuid());
    assert_eq!((list[1].items, list[1].walked), (12, 2));

    // Anonymous visitors read but change nothing.
    let anonymous = Actor::anonymous();
    assert!(matches!(
        service::record_item(&conn, item, "skipped", "", None, &anonymous).await,
        Err(AppError::Unauthorized)
    ));
    assert!(matches!(
        service::add_demo(&conn, second, SolutionId(picks[0]), &anonymous).await,
        Err(AppError::Unauthorized)
    ));
    conn.close().await.unwrap();
}

/// The one new event since `after`: there must be exactly one.
async fn one_event_after(conn: &DatabaseConnection, after: i64) -> app::domain::BoardEvent {
    let mut events = app::service::live::since(conn, after, 10).await.unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    events.remove(0)
}

db_test!(meeting_and_workflow_changes_reach_open_pages);
async fn meeting_and_workflow_changes_reach_open_pages(db: &TestDb) {
    use app::domain::ChangeKind;

    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    let ria = actor(db, &conn, "ria@example.org", "Ria Admin", Role::Admin).await;
    let latest = || app::service::live::latest(&conn);

    // A WIP limit: a new workflow version, announced to every page.
    let before = latest().await.unwrap();
    app::service::workflow::set_wip_limit(&conn, "proposed", Some(9), &ria)
        .await
        .unwrap();
    let event = one_event_after(&conn, before).await;
    assert_eq!(event.kind, ChangeKind::WorkflowChanged);
    assert_eq!((event.card_id, event.meeting_id), (None, None));
    assert_eq!(event.actor.as_deref(), Some("Ria Admin"));
    assert!(event.touches(Uuid::new_v4()));

    // Every change in a meeting names the meeting, and only card pages of no card hear it.
    let before = latest().await.unwrap();
    let meeting = service::create(&conn, "2026-11-27", "", "", &ria)
        .await
        .unwrap();
    let in_meeting = |event: &app::domain::BoardEvent| {
        event.kind == ChangeKind::MeetingChanged && event.meeting_id == Some(meeting.uuid())
    };
    assert!(in_meeting(&one_event_after(&conn, before).await));
    let view = service::view(&conn, meeting, &ria).await.unwrap();
    let item = AgendaItemId(view.agenda[0].id);

    let before = latest().await.unwrap();
    service::record_item(&conn, item, "discussed", "A key point.", None, &ria)
        .await
        .unwrap();
    let event = one_event_after(&conn, before).await;
    assert!(in_meeting(&event), "{event:?}");
    assert!(event.touches_meeting(meeting.uuid()));
    assert!(!event.touches(view.agenda[0].card_id));

    let before = latest().await.unwrap();
    let step = service::add_next_step(&conn, item, "Write it up", "Ria", "", &ria)
        .await
        .unwrap();
    assert!(in_meeting(&one_event_after(&conn, before).await));

    let before = latest().await.unwrap();
    service::set_step_done(&conn, step, true, &ria)
        .await
        .unwrap();
    assert!(in_meeting(&one_event_after(&conn, before).await));

    let before = latest().await.unwrap();
    let ria_id = UserId(ria.account.as_ref().unwrap().id);
    service::set_attendance(&conn, meeting, ria_id, true, &ria)
        .await
        .unwrap();
    assert!(in_meeting(&one_event_after(&conn, before).await));

    let before = latest().await.unwrap();
    let (solution, _) = service::demo_options(&conn).await.unwrap()[0].clone();
    let demo = service::add_demo(&conn, meeting, SolutionId(solution), &ria)
        .await
        .unwrap();
    assert!(in_meeting(&one_event_after(&conn, before).await));

    let before = latest().await.unwrap();
    service::move_demo(&conn, demo, false, &ria).await.unwrap();
    assert!(in_meeting(&one_event_after(&conn, before).await));

    // A refused change announces nothing.
    let before = latest().await.unwrap();
    assert!(
        service::record_item(&conn, item, "finished", "", None, &ria)
            .await
            .is_err()
    );
    assert_eq!(latest().await.unwrap(), before);
    conn.close().await.unwrap();
}
