//! The group's own rules, on SQLite and PostgreSQL: the real working group's five rule
//! changes replayed through `PUT /api/v1/workflow` on a board with cards in every stage
//! (and a removal with relocation), checked after each; who may edit and override; a
//! stale edit; gate overrides; parked and stale cards; the ready report; the editor's
//! plain forms.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use app::domain::Role;
use server::rest::wire::{BoardWire, CardWire, WorkflowSavedWire, WorkflowVersionWire};

use crate::http::{start, token_for};
use crate::support::{TestDb, db_test};

struct Api {
    client: Client,
    base: String,
    admin: String,
    member: String,
}

impl Api {
    async fn new(db: &TestDb) -> Self {
        let addr = start(db).await;
        Self {
            client: crate::support::client(),
            base: format!("http://{addr}"),
            admin: token_for(db, "admin@example.org", Role::Admin).await,
            member: token_for(db, "member@example.org", Role::Member).await,
        }
    }

    async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let url = format!("{}{path}", self.base);
        let mut req = match method {
            "GET" => self.client.get(url),
            "POST" => self.client.post(url),
            "PUT" => self.client.put(url),
            _ => unreachable!(),
        };
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn admin(&self, method: &str, path: &str, body: Value) -> Value {
        let (status, value) = self.call(method, path, Some(&self.admin), Some(body)).await;
        assert!(status.is_success(), "{method} {path}: {status} {value}");
        value
    }

    async fn page(&self, path: &str, token: Option<&str>) -> (StatusCode, String) {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        let res = req.send().await.unwrap();
        (res.status(), res.text().await.unwrap())
    }

    async fn board(&self) -> BoardWire {
        let (status, value) = self.call("GET", "/api/v1/board", None, None).await;
        assert_eq!(status, StatusCode::OK);
        serde_json::from_value(value).unwrap()
    }

    async fn card(&self, id: &str) -> CardWire {
        let (status, value) = self
            .call(
                "GET",
                &format!("/api/v1/cards/{id}"),
                Some(&self.member),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{value}");
        serde_json::from_value(value).unwrap()
    }

    async fn create_card(&self, title: &str) -> String {
        let card = self
            .admin("POST", "/api/v1/cards", json!({ "title": title }))
            .await;
        card["id"].as_str().unwrap().to_owned()
    }

    async fn add_solution(&self, card: &str, title: &str, url: Option<&str>) -> String {
        let solution = self
            .admin(
                "POST",
                &format!("/api/v1/cards/{card}/solutions"),
                json!({ "title": title, "kind": "article", "url": url }),
            )
            .await;
        solution["id"].as_str().unwrap().to_owned()
    }

    async fn adopt(&self, solution: &str, company: &str, status: &str) {
        self.admin(
            "POST",
            &format!("/api/v1/solutions/{solution}/adoptions"),
            json!({ "company_id": company, "status": status }),
        )
        .await;
    }

    async fn move_to(&self, card: &str, to: &str) {
        let version = self.card(card).await.version;
        self.admin(
            "POST",
            &format!("/api/v1/cards/{card}/move"),
            json!({ "to": to, "version": version }),
        )
        .await;
    }

    /// The workflow in force, as `GET /api/v1/workflow` sends it.
    async fn workflow(&self) -> Value {
        let (status, value) = self.call("GET", "/api/v1/workflow", None, None).await;
        assert_eq!(status, StatusCode::OK);
        value
    }

    /// Applies `edit` to the workflow document in force and saves it with `note`.
    async fn change(&self, note: &str, edit: impl FnOnce(&mut Vec<Value>)) -> WorkflowSavedWire {
        let mut doc = self.workflow().await;
        let mut stages = doc["stages"].as_array().unwrap().clone();
        edit(&mut stages);
        doc["stages"] = Value::Array(stages);
        doc["note"] = json!(note);
        let saved = self.admin("PUT", "/api/v1/workflow", doc).await;
        serde_json::from_value(saved).unwrap()
    }

    /// Each card's stage on the board, by title.
    async fn stages(&self) -> Vec<(String, String)> {
        let mut stages: Vec<(String, String)> = self
            .board()
            .await
            .cards
            .into_iter()
            .map(|c| (c.title, c.stage))
            .collect();
        stages.sort();
        stages
    }

    /// The titles of the cards marked as no longer meeting their stage's gate.
    async fn below_gate(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .board()
            .await
            .cards
            .into_iter()
            .filter(|c| !c.meets_stage_gate)
            .map(|c| c.title)
            .collect();
        titles.sort();
        titles
    }
}

fn keys(board: &BoardWire) -> Vec<String> {
    board
        .workflow
        .stages
        .iter()
        .map(|s| s.key.clone())
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = list
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    v.sort();
    v
}

db_test!(the_groups_five_rule_changes_replay_with_history_kept);
async fn the_groups_five_rule_changes_replay_with_history_kept(db: &TestDb) {
    let api = Api::new(db).await;
    let mut companies = Vec::new();
    for name in ["Acme", "Globex", "Initech"] {
        let company = api
            .admin(
                "POST",
                "/api/v1/companies",
                json!({ "name": name, "public": true }),
            )
            .await;
        companies.push(company["id"].as_str().unwrap().to_owned());
    }
    // The charter's board: a card in every stage.
    let challenge = api.create_card("Where do we start?").await;
    let proposed = api.create_card("Who owns shared code?").await;
    let s = api
        .add_solution(&proposed, "Trusted committers", None)
        .await;
    let _ = s;
    api.move_to(&proposed, "proposed").await;
    let internal = api.create_card("How do we measure?").await;
    let s = api.add_solution(&internal, "KPI sheet", None).await;
    api.adopt(&s, &companies[0], "in_use").await;
    api.move_to(&internal, "internal").await;
    let external = api.create_card("How do we onboard?").await;
    let s = api
        .add_solution(
            &external,
            "Onboarding guide",
            Some("https://example.org/guide"),
        )
        .await;
    api.adopt(&s, &companies[0], "pilot").await;
    api.move_to(&external, "external").await;
    let validated = api.create_card("How do we sell it?").await;
    let s = api
        .add_solution(&validated, "Pitch deck", Some("https://example.org/deck"))
        .await;
    api.adopt(&s, &companies[0], "in_use").await;
    api.adopt(&s, &companies[1], "in_use").await;
    api.move_to(&validated, "validated").await;
    let charter_stages = pairs(&[
        ("Where do we start?", "challenge"),
        ("Who owns shared code?", "proposed"),
        ("How do we measure?", "internal"),
        ("How do we onboard?", "external"),
        ("How do we sell it?", "validated"),
    ]);
    assert_eq!(api.stages().await, charter_stages);
    let validated_entry = |card: &CardWire| {
        card.activity
            .iter()
            .find(|a| a.to.as_deref() == Some("validated"))
            .map(|a| a.workflow_version)
    };
    assert_eq!(validated_entry(&api.card(&validated).await), Some(1));

    // 2023-03: "In Progress" between Challenge and Proposed.
    let saved = api
        .change("2023-03: work in progress gets its own column", |stages| {
            stages.insert(
                1,
                json!({ "key": "in_progress", "name": "In Progress", "wip_limit": 5 }),
            );
        })
        .await;
    assert_eq!(saved.workflow.version, 2);
    assert_eq!(saved.changes.len(), 1);
    assert_eq!(saved.changes[0].change, "added");
    assert!(saved.unmet.is_empty() && saved.relocated.is_empty());
    let board = api.board().await;
    assert_eq!(
        keys(&board),
        [
            "challenge",
            "in_progress",
            "proposed",
            "internal",
            "external",
            "validated"
        ]
    );
    assert_eq!(api.stages().await, charter_stages);
    assert!(api.below_gate().await.is_empty());
    api.move_to(&challenge, "in_progress").await;

    // 2023-11: Validated needs one company, not two.
    let saved = api
        .change("2023-11: one adopting company is proof enough", |stages| {
            stages[5]["gate"] = json!({ "kind": "companies_on_one_solution", "count": 1 });
        })
        .await;
    assert_eq!(saved.workflow.version, 3);
    assert_eq!(saved.changes[0].change, "gate_changed");
    assert!(api.below_gate().await.is_empty());
    // External's card has one adopting company on its public solution: ready to move.
    let board = api.board().await;
    let onboard = board
        .cards
        .iter()
        .find(|c| c.title == "How do we onboard?")
        .unwrap();
    assert_eq!(onboard.ready_for.as_deref(), Some("validated"));
    api.move_to(&external, "validated").await;
    assert_eq!(validated_entry(&api.card(&external).await), Some(3));

    // 2023-12: Validated is called Adopted; the key stays.
    let saved = api
        .change("2023-12: we say adopted", |stages| {
            stages[5]["name"] = json!("Adopted");
        })
        .await;
    assert_eq!(saved.workflow.version, 4);
    assert_eq!(
        saved.changes[0].summary,
        "Renamed \"Validated\" to \"Adopted\""
    );
    let board = api.board().await;
    assert_eq!(board.workflow.stages[5].name, "Adopted");
    assert_eq!(board.workflow.stages[5].key, "validated");

    // 2025-03: External before Internal.
    let saved = api
        .change("2025-03: publish first, then adopt", |stages| {
            stages.swap(3, 4);
        })
        .await;
    assert_eq!(saved.workflow.version, 5);
    assert_eq!(
        saved.changes.iter().filter(|c| c.change == "moved").count(),
        2
    );
    assert_eq!(
        keys(&api.board().await),
        [
            "challenge",
            "in_progress",
            "proposed",
            "external",
            "internal",
            "validated"
        ]
    );
    assert!(api.below_gate().await.is_empty());
    // Under this version a public link alone takes a card from Proposed to External.
    let published = api.create_card("Where do we publish?").await;
    api.add_solution(&published, "Public page", Some("https://example.org/page"))
        .await;
    api.move_to(&published, "proposed").await;
    api.move_to(&published, "external").await;

    // 2025-05: External means a known instance was shared publicly.
    let saved = api
        .change(
            "2025-05: external means a known instance shared in public",
            |stages| {
                stages[3]["gate"] = json!({ "kind": "all", "gates": [
                    { "kind": "min_adoptions", "count": 1 },
                    { "kind": "public_solution" }
                ]});
            },
        )
        .await;
    assert_eq!(saved.workflow.version, 6);
    let unmet: Vec<&str> = saved.unmet.iter().map(|u| u.title.as_str()).collect();
    assert_eq!(unmet, ["Where do we publish?"]);
    assert_eq!(api.below_gate().await, ["Where do we publish?"]);
    assert_eq!(
        api.stages().await,
        pairs(&[
            ("Where do we start?", "in_progress"),
            ("Who owns shared code?", "proposed"),
            ("How do we measure?", "internal"),
            ("How do we onboard?", "validated"),
            ("How do we sell it?", "validated"),
            ("Where do we publish?", "external"),
        ])
    );

    // A removal: In Progress goes; its card must be given a place.
    let mut doc = api.workflow().await;
    doc["stages"].as_array_mut().unwrap().remove(1);
    doc["note"] = json!("no more in progress");
    let (status, refused) = api
        .call(
            "PUT",
            "/api/v1/workflow",
            Some(&api.admin),
            Some(doc.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("In Progress"),
        "{refused}"
    );
    doc["relocate"] = json!({ "in_progress": "challenge" });
    let saved: WorkflowSavedWire =
        serde_json::from_value(api.admin("PUT", "/api/v1/workflow", doc).await).unwrap();
    assert_eq!(saved.workflow.version, 7);
    assert_eq!(saved.relocated.len(), 1);
    let start = api.card(&challenge).await;
    assert_eq!(start.stage, "challenge");
    let forced = &start.activity[0];
    assert_eq!(forced.kind, "moved");
    assert_eq!(forced.workflow_version, 7);
    assert_eq!(
        forced.note,
        "Stage \"In Progress\" was removed in workflow version 7"
    );
    // Earlier entries still name the version they were judged under.
    assert_eq!(start.activity[1].to.as_deref(), Some("in_progress"));
    assert_eq!(start.activity[1].workflow_version, 2);
    assert_eq!(validated_entry(&api.card(&validated).await), Some(1));
    assert_eq!(validated_entry(&api.card(&external).await), Some(3));

    // Every version is kept, readable by anyone, with its differences.
    let (status, versions) = api
        .call("GET", "/api/v1/workflow/versions", None, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let versions: Vec<WorkflowVersionWire> = serde_json::from_value(versions).unwrap();
    let numbers: Vec<i32> = versions.iter().map(|v| v.version).collect();
    assert_eq!(numbers, [7, 6, 5, 4, 3, 2, 1]);
    assert_eq!(versions[6].stages[4].name, "Validated");
    assert_eq!(versions[3].note, "2023-12: we say adopted");
    assert_eq!(versions[0].author.as_deref(), Some("Test User"));
    assert_eq!(versions[6].author, None);
    let (status, page) = api.page("/workflow", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Version 7 (in force)"), "{page}");
    assert!(
        page.contains("Renamed \"Validated\" to \"Adopted\"")
            || page.contains("Renamed &quot;Validated&quot; to &quot;Adopted&quot;")
    );
    // A card page says under which version the card entered its stage.
    let (_, card_page) = api.page(&format!("/cards/{validated}"), None).await;
    assert!(
        card_page.contains("judged under workflow version 1 (its gate then: one solution adopted by at least two distinct companies)"),
        "{card_page}"
    );
}

db_test!(only_admins_edit_the_workflow_and_a_stale_edit_is_refused);
async fn only_admins_edit_the_workflow_and_a_stale_edit_is_refused(db: &TestDb) {
    let api = Api::new(db).await;
    let mut doc = api.workflow().await;
    doc["stages"][1]["name"] = json!("Proposed solution");
    let (status, _) = api
        .call("PUT", "/api/v1/workflow", None, Some(doc.clone()))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = api
        .call(
            "PUT",
            "/api/v1/workflow",
            Some(&api.member),
            Some(doc.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(api.workflow().await["version"], 1);
    // Two admins edit version 1; the second save is refused with the version in force.
    let first = api.admin("PUT", "/api/v1/workflow", doc.clone()).await;
    assert_eq!(first["workflow"]["version"], 2);
    doc["stages"][2]["wip_limit"] = json!(3);
    let (status, conflict) = api
        .call("PUT", "/api/v1/workflow", Some(&api.admin), Some(doc))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{conflict}");
    assert_eq!(conflict["error"]["code"], "conflict");
    assert_eq!(conflict["error"]["current_workflow"]["version"], 2);
    assert_eq!(
        conflict["error"]["current_workflow"]["stages"][1]["name"],
        "Proposed solution"
    );
    // Two admins saving at the same moment from the same version: one wins, the other
    // gets 409 with the version the winner saved.
    let mut left = api.workflow().await;
    left["stages"][3]["wip_limit"] = json!(7);
    let mut right = left.clone();
    right["stages"][4]["wip_limit"] = json!(8);
    let (a, b) = tokio::join!(
        api.call("PUT", "/api/v1/workflow", Some(&api.admin), Some(left)),
        api.call("PUT", "/api/v1/workflow", Some(&api.admin), Some(right)),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
    let loser = if a.0 == StatusCode::CONFLICT {
        &a.1
    } else {
        &b.1
    };
    assert_eq!(loser["error"]["current_workflow"]["version"], 3);
    // A document that changes nothing adds no version.
    let unchanged = api.workflow().await;
    let same = api.admin("PUT", "/api/v1/workflow", unchanged).await;
    assert_eq!(same["workflow"]["version"], 3);
    assert_eq!(same["changes"], json!([]));
    // Two stages may not share a name.
    let mut twice = api.workflow().await;
    twice["stages"][2]["name"] = json!("Validated");
    let (status, body) = api
        .call("PUT", "/api/v1/workflow", Some(&api.admin), Some(twice))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Bad documents say what is wrong and change nothing.
    let mut bad = api.workflow().await;
    bad["stages"][1]["key"] = json!("Not A Key");
    let (status, body) = api
        .call("PUT", "/api/v1/workflow", Some(&api.admin), Some(bad))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let mut zero = api.workflow().await;
    zero["stages"][1]["gate"] = json!({ "kind": "min_solutions", "count": 0 });
    let (status, body) = api
        .call("PUT", "/api/v1/workflow", Some(&api.admin), Some(zero))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("count of at least 1")
    );
    assert_eq!(api.workflow().await["version"], 3);
}

db_test!(admins_override_a_gate_with_a_reason_members_cannot);
async fn admins_override_a_gate_with_a_reason_members_cannot(db: &TestDb) {
    let api = Api::new(db).await;
    let card = api.create_card("Can we skip ahead?").await;
    let body = |reason: &str| json!({ "to": "internal", "version": 1, "override": true, "reason": reason });
    let path = format!("/api/v1/cards/{card}/move");
    let (status, _) = api
        .call("POST", &path, Some(&api.member), Some(body("we agreed")))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, refused) = api
        .call("POST", &path, Some(&api.admin), Some(body("  ")))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("reason")
    );
    let moved: CardWire = serde_json::from_value(
        api.admin("POST", &path, body("agreed in the May meeting"))
            .await,
    )
    .unwrap();
    assert_eq!(moved.stage, "internal");
    let entry = &moved.activity[0];
    assert_eq!(entry.kind, "gate_overridden");
    assert_eq!(entry.note, "agreed in the May meeting");
    assert_eq!(entry.actor.as_deref(), Some("Test User"));
    let missing = entry.missing.as_deref().unwrap();
    assert!(
        missing.contains("Proposed: needs a proposed solution"),
        "{missing}"
    );
    assert!(missing.contains("Internal:"), "{missing}");
    let (_, page) = api.page(&format!("/cards/{card}"), None).await;
    assert!(page.contains("past its gates (override)"), "{page}");
    assert!(page.contains("moved past the gate by an admin"), "{page}");
    assert!(page.contains("agreed in the May meeting"));
}

db_test!(parked_and_stale_cards_and_the_ready_report);
async fn parked_and_stale_cards_and_the_ready_report(db: &TestDb) {
    let api = Api::new(db).await;
    let quiet = api.create_card("Quiet card").await;
    let ready = api.create_card("Ready card").await;
    api.add_solution(&ready, "A way", None).await;
    let blocked = api.create_card("Blocked card").await;
    api.create_card("Fresh card").await;

    // Parking: members may; it is recorded; the filter can hide it.
    let (status, parked) = api
        .call(
            "POST",
            &format!("/api/v1/cards/{blocked}/park"),
            Some(&api.member),
            Some(json!({ "version": 1, "reason": "waiting", "note": "for legal" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{parked}");
    let parked: CardWire = serde_json::from_value(parked).unwrap();
    assert_eq!(parked.parked.as_ref().unwrap().reason, "waiting");
    assert_eq!(parked.activity[0].kind, "parked");
    assert_eq!(parked.activity[0].note, "Waiting: for legal");
    let (status, _) = api
        .call(
            "POST",
            &format!("/api/v1/cards/{blocked}/park"),
            Some(&api.member),
            Some(json!({ "version": parked.version, "reason": "bored" })),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A card quiet for longer than the workflow's days is stale (made so before the
    // board is first read: nothing announces a change of the past).
    let conn = server::prepare_database(&db.url).await.unwrap();
    let long_ago = chrono::Utc::now() - chrono::Duration::days(45);
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    app::store::entities::activity::Entity::update_many()
        .col_expr(
            app::store::entities::activity::Column::CreatedAt,
            Expr::value(long_ago),
        )
        .filter(
            app::store::entities::activity::Column::CardId
                .eq(uuid::Uuid::parse_str(&quiet).unwrap()),
        )
        .exec(&conn)
        .await
        .unwrap();
    app::store::entities::card::Entity::update_many()
        .col_expr(
            app::store::entities::card::Column::UpdatedAt,
            Expr::value(long_ago),
        )
        .filter(app::store::entities::card::Column::Id.eq(uuid::Uuid::parse_str(&quiet).unwrap()))
        .exec(&conn)
        .await
        .unwrap();
    // The same age on the parked card: parked cards are never stale.
    app::store::entities::activity::Entity::update_many()
        .col_expr(
            app::store::entities::activity::Column::CreatedAt,
            Expr::value(long_ago),
        )
        .filter(
            app::store::entities::activity::Column::CardId
                .eq(uuid::Uuid::parse_str(&blocked).unwrap()),
        )
        .exec(&conn)
        .await
        .unwrap();
    let (_, all) = api.page("/", None).await;
    let (_, without) = api.page("/?parked=hide", None).await;
    assert!(all.contains("Blocked card") && all.contains("Parked: Waiting: for legal"));
    assert!(!without.contains(">Blocked card</a>"), "{without}");

    let board = api.board().await;
    let by_title = |t: &str| board.cards.iter().find(|c| c.title == t).unwrap().clone();
    assert!(by_title("Quiet card").stale);
    assert!(!by_title("Blocked card").stale);
    assert!(!by_title("Fresh card").stale);
    assert_eq!(by_title("Blocked card").parked.as_deref(), Some("waiting"));
    assert_eq!(
        by_title("Ready card").ready_for.as_deref(),
        Some("proposed")
    );
    assert_eq!(by_title("Quiet card").ready_for, None);

    // The next meeting walks the quiet card last and leaves the parked one out.
    let facilitator =
        crate::meetings::actor(db, &conn, "fac@example.org", "Fay", Role::Facilitator).await;
    let meeting = app::service::meetings::create(&conn, "2026-12-01", "", "", &facilitator)
        .await
        .unwrap();
    let view = app::service::meetings::view(&conn, meeting, &facilitator)
        .await
        .unwrap();
    let walked: Vec<&str> = view.agenda.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(walked, ["Ready card", "Fresh card", "Quiet card"]);

    // With 60 days before a card is stale, the quiet card is not.
    let mut doc = api.workflow().await;
    doc["stale_after_days"] = json!(60);
    let saved = api.admin("PUT", "/api/v1/workflow", doc).await;
    assert_eq!(saved["workflow"]["stale_after_days"], 60);
    assert!(!api.board().await.cards.iter().any(|c| c.stale));

    // The ready report, for anyone.
    let (status, report) = api.page("/reports/ready", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(report.contains("Ready card"), "{report}");
    assert!(!report.contains("Quiet card"));

    // Taking it up again is recorded too.
    let version = api.card(&blocked).await.version;
    let (status, back) = api
        .call(
            "POST",
            &format!("/api/v1/cards/{blocked}/unpark"),
            Some(&api.member),
            Some(json!({ "version": version })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{back}");
    let back: CardWire = serde_json::from_value(back).unwrap();
    assert!(back.parked.is_none());
    assert_eq!(back.activity[0].kind, "unparked");
    conn.close().await.unwrap();
}

db_test!(the_editor_previews_and_saves_with_plain_forms);
async fn the_editor_previews_and_saves_with_plain_forms(db: &TestDb) {
    let api = Api::new(db).await;
    let card = api.create_card("Which column?").await;
    api.add_solution(&card, "A way", None).await;
    api.move_to(&card, "proposed").await;

    // Visitors are asked to sign in, members refused.
    let (status, _) = api.page("/admin/workflow", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = api.page("/admin/workflow", Some(&api.member)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, editor) = api.page("/admin/workflow", Some(&api.admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(editor.contains("Save as version 2"), "{editor}");
    assert!(
        editor.contains("name=\"stages[5][name]\""),
        "the empty row to add a stage"
    );

    // Preview (a GET of the same page): In Progress added second, Proposed removed with
    // its card sent to Challenge.
    let mut query: Vec<(String, String)> = vec![
        ("version".into(), "1".into()),
        ("stale_after_days".into(), "30".into()),
        ("note".into(), "try it".into()),
        ("preview".into(), "1".into()),
    ];
    let charter = ["challenge", "proposed", "internal", "external", "validated"];
    let names = ["Challenge", "Proposed", "Internal", "External", "Validated"];
    for (i, key) in charter.iter().enumerate() {
        let place = if i == 0 { 1 } else { i + 2 };
        query.push((format!("stages[{i}][key]"), (*key).into()));
        query.push((format!("stages[{i}][name]"), names[i].into()));
        query.push((format!("stages[{i}][position]"), place.to_string()));
    }
    query.push(("stages[1][remove]".into(), "on".into()));
    query.push(("stages[1][move_to]".into(), "challenge".into()));
    query.push(("stages[2][min_adoptions]".into(), "1".into()));
    query.push(("stages[3][public_link]".into(), "on".into()));
    query.push(("stages[4][companies]".into(), "2".into()));
    query.push(("stages[5][name]".into(), "In Progress".into()));
    query.push(("stages[5][position]".into(), "2".into()));
    let qs: String = query
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let (status, preview) = api
        .page(&format!("/admin/workflow?{qs}"), Some(&api.admin))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.contains("Preview of version 2"), "{preview}");
    assert!(preview.contains("Which column?"));
    assert!(preview.contains("Proposed \u{2192} Challenge"), "{preview}");
    assert_eq!(
        api.workflow().await["version"],
        1,
        "a preview saves nothing"
    );

    // Save: the same fields posted to the server function, as the form does.
    let save_url = editor
        .split("action=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|url| url.starts_with("/api/save_workflow"))
        .unwrap()
        .to_owned();
    let form: Vec<(String, String)> = query.into_iter().filter(|(k, _)| k != "preview").collect();
    // A refused save comes back to the editor with everything as typed, and why.
    let mut wrong = form.clone();
    wrong.push(("stages[3][wip_limit]".into(), "0".into()));
    let res = api
        .client
        .post(format!("{}{save_url}", api.base))
        .bearer_auth(&api.admin)
        .header("Referer", format!("{}/admin/workflow", api.base))
        .header("Accept", "text/html")
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(res.url().path(), "/admin/workflow");
    let again = res.text().await.unwrap();
    assert!(
        again.contains("the WIP limit must be a whole number"),
        "{again}"
    );
    assert!(
        again.contains("value=\"In Progress\""),
        "the new stage is still typed"
    );
    assert!(again.contains("try it"), "the note is still typed");
    assert_eq!(api.workflow().await["version"], 1, "nothing was saved");
    let res = api
        .client
        .post(format!("{}{save_url}", api.base))
        .bearer_auth(&api.admin)
        .header("Referer", format!("{}/admin/workflow", api.base))
        .header("Accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    let (status, landed) = (res.status(), res.url().clone());
    let body = res.text().await.unwrap();
    assert!(status.is_success() || status.is_redirection(), "{status}");
    // Saved, the form leads to the versions.
    assert_eq!(landed.path(), "/workflow", "{landed}: {body}");
    let now = api.workflow().await;
    assert_eq!(now["version"], 2);
    let stage_keys: Vec<&str> = now["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        stage_keys,
        [
            "challenge",
            "in_progress",
            "internal",
            "external",
            "validated"
        ]
    );
    assert_eq!(api.card(&card).await.stage, "challenge");
}

fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
