//! The JSON API under `/api/v1`, on SQLite and PostgreSQL: a card's whole path from
//! Challenge to Validated with each refusal on the way, stale versions, concurrent moves,
//! WIP limits and bad input.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use app::domain::Role;
use server::rest::wire::{AdoptionWire, CardWire};

use crate::http::{start, token_for};
use crate::support::{TestDb, db_test};

struct Api {
    client: Client,
    base: String,
    /// A member's token, used by default.
    token: String,
    /// An admin's token, for companies and the workflow.
    admin: String,
}

impl Api {
    async fn new(db: &TestDb) -> Self {
        let addr = start(db).await;
        Self {
            client: crate::support::client(),
            base: format!("http://{addr}/api/v1"),
            token: token_for(db, "member@example.org", Role::Member).await,
            admin: token_for(db, "admin@example.org", Role::Admin).await,
        }
    }

    /// The same API, acting as the admin.
    fn as_admin(&self) -> Self {
        Self {
            client: self.client.clone(),
            base: self.base.clone(),
            token: self.admin.clone(),
            admin: self.admin.clone(),
        }
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn send(&self, method: &str, path: &str, body: Value) -> (StatusCode, Value) {
        let url = format!("{}{path}", self.base);
        let req = match method {
            "POST" => self.client.post(url),
            "PATCH" => self.client.patch(url),
            _ => unreachable!(),
        };
        let res = req
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send("POST", path, body).await
    }

    async fn move_to(&self, id: &str, to: &str, version: i64) -> (StatusCode, Value) {
        self.post(
            &format!("/cards/{id}/move"),
            json!({ "to": to, "version": version }),
        )
        .await
    }
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

db_test!(a_card_travels_from_challenge_to_validated);
async fn a_card_travels_from_challenge_to_validated(db: &TestDb) {
    let api = Api::new(db).await;
    let (status, card) = api
        .post(
            "/cards",
            json!({
                "title": "How do I present InnerSource KPIs?",
                "description": "Leadership wants *numbers*.",
                "tags": ["Metrics", "senior leaders"]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{card}");
    assert_eq!(card["stage"], "challenge");
    assert_eq!(card["version"], 1);
    assert_eq!(card["tags"], json!(["metrics", "senior-leaders"]));
    let id = card["id"].as_str().unwrap().to_owned();

    // Proposed needs a solution.
    let (status, body) = api.move_to(&id, "proposed", 1).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_code(&body), "gate_not_met");
    assert_eq!(body["error"]["missing"][0]["stage"], "proposed");
    assert_eq!(body["error"]["missing"][0]["code"], "min_solutions");
    assert_eq!(
        body["error"]["missing"][0]["message"],
        "needs a proposed solution"
    );

    let (status, solution) = api
        .post(
            &format!("/cards/{id}/solutions"),
            json!({ "title": "KPI one-pager", "kind": "template", "summary": "Five indicators" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{solution}");
    let solution_id = solution["id"].as_str().unwrap().to_owned();
    let (status, card) = api.move_to(&id, "proposed", 1).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert_eq!(
        (card["stage"].as_str(), card["version"].as_i64()),
        (Some("proposed"), Some(2))
    );

    // Internal needs an adoption.
    let (status, body) = api.move_to(&id, "internal", 2).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["missing"][0]["code"], "min_adoptions");

    let admin = api.as_admin();
    let (status, body) = api.post("/companies", json!({ "name": "Acme Bank" })).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only admins add companies: {body}"
    );
    let (status, acme) = admin
        .post(
            "/companies",
            json!({ "name": "Acme Bank", "public": false, "descriptor": "a bank" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{acme}");
    let (status, dup) = admin
        .post("/companies", json!({ "name": "ACME bank" }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{dup}");
    let (_, globex) = admin
        .post("/companies", json!({ "name": "Globex", "public": true }))
        .await;
    let (status, companies) = api.get("/companies").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(companies.as_array().unwrap().len(), 2);

    let (status, adoption) = api
        .post(
            &format!("/solutions/{solution_id}/adoptions"),
            json!({ "company_id": acme["id"], "status": "pilot", "since": "2026-03-01" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{adoption}");
    assert_eq!(adoption["status"], "pilot");
    // The answers read back as the typed wire structs, and the adoption answered is the
    // one a following GET shows; members see the evidence and the public flag…
    let adoption: AdoptionWire = serde_json::from_value(adoption).unwrap();
    let (_, card) = api.get(&format!("/cards/{id}")).await;
    let card: CardWire = serde_json::from_value(card).unwrap();
    assert_eq!(card.adoptions, std::slice::from_ref(&adoption));
    assert_eq!(adoption.company_public, Some(false));
    assert_eq!(
        adoption.since.map(|d| d.to_string()).as_deref(),
        Some("2026-03-01")
    );
    let evidence = card.evidence.expect("members see the gate evidence");
    assert_eq!(evidence.solutions[0].adopting_companies.len(), 1);
    // …visitors see neither, and the company only by its descriptor.
    let visitor = crate::support::client()
        .get(format!("{}/cards/{id}", api.base))
        .send()
        .await
        .unwrap();
    let seen: CardWire = visitor.json().await.unwrap();
    assert_eq!(seen.evidence, None);
    assert_eq!(seen.adoptions[0].company_public, None);
    assert_eq!(seen.adoptions[0].company_name, "a bank");
    assert_ne!(seen.adoptions[0].company_id, adoption.company_id);
    let (status, _) = api.move_to(&id, "internal", 2).await;
    assert_eq!(status, StatusCode::OK);

    // External needs a public link; Validated a second company on one solution.
    let (status, body) = api.move_to(&id, "validated", 3).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let codes: Vec<&str> = body["error"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["public_solution", "companies_on_one_solution"]);
    assert_eq!(
        body["error"]["missing"][1]["message"],
        "needs a second company adopting one solution"
    );

    let (status, _) = api
        .send(
            "PATCH",
            &format!("/solutions/{solution_id}"),
            json!({
                "title": "KPI one-pager",
                "kind": "template",
                "summary": "Five indicators",
                "url": "https://example.org/kpis"
            }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api.move_to(&id, "external", 3).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.move_to(&id, "validated", 4).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let (status, _) = api
        .post(
            &format!("/solutions/{solution_id}/adoptions"),
            json!({ "company_id": globex["id"], "status": "in_use" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, card) = api.move_to(&id, "validated", 4).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert_eq!(card["stage"], "validated");
    assert_eq!(card["adoptions"].as_array().unwrap().len(), 2);

    // The activity log tells the whole story, newest first, with workflow versions.
    let (_, card) = api.get(&format!("/cards/{id}")).await;
    let kinds: Vec<&str> = card["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "moved").count(), 4);
    assert_eq!(kinds.last(), Some(&"created"));
    assert_eq!(kinds.first(), Some(&"moved"));
    assert_eq!(card["activity"][0]["workflow_version"], 1);

    // Backwards needs a note.
    let (status, body) = api.move_to(&id, "proposed", 5).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, card) = api
        .post(
            &format!("/cards/{id}/move"),
            json!({ "to": "proposed", "version": 5, "note": "the link went dead" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert_eq!(card["activity"][0]["note"], "the link went dead");

    // The board counts solutions, adoptions and companies.
    let (status, board) = api.get("/board").await;
    assert_eq!(status, StatusCode::OK);
    let keys: Vec<&str> = board["workflow"]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["challenge", "proposed", "internal", "external", "validated"]
    );
    assert_eq!(
        board["workflow"]["stages"][1]["gate"]["kind"],
        "min_solutions"
    );
    let listed = &board["cards"][0];
    assert_eq!(listed["id"].as_str(), Some(id.as_str()));
    assert_eq!(
        (
            listed["solutions"].as_u64(),
            listed["adoptions"].as_u64(),
            listed["companies"].as_u64()
        ),
        (Some(1), Some(2), Some(2))
    );
}

db_test!(stale_versions_are_refused_and_change_nothing);
async fn stale_versions_are_refused_and_change_nothing(db: &TestDb) {
    let api = Api::new(db).await;
    let (_, card) = api
        .post("/cards", json!({ "title": "How do we test?" }))
        .await;
    let id = card["id"].as_str().unwrap().to_owned();
    let (status, edited) = api
        .send(
            "PATCH",
            &format!("/cards/{id}"),
            json!({ "version": 1, "title": "How do we test well?" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["version"], 2);

    let (status, body) = api
        .send(
            "PATCH",
            &format!("/cards/{id}"),
            json!({ "version": 1, "title": "Overwrite!" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["current_version"], 2);
    let (status, body) = api.move_to(&id, "challenge", 1).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["current"]["stage"], "challenge");

    let (_, now) = api.get(&format!("/cards/{id}")).await;
    assert_eq!(now["title"], "How do we test well?");
    assert_eq!(now["version"], 2);
}

db_test!(twenty_concurrent_moves_one_winner);
async fn twenty_concurrent_moves_one_winner(db: &TestDb) {
    let api = Api::new(db).await;
    let (_, card) = api
        .post("/cards", json!({ "title": "Who moves first?" }))
        .await;
    let id = card["id"].as_str().unwrap().to_owned();
    api.post(
        &format!("/cards/{id}/solutions"),
        json!({ "title": "A solution", "kind": "article" }),
    )
    .await;

    let api = std::sync::Arc::new(api);
    let moves = (0..20).map(|_| {
        let api = api.clone();
        let id = id.clone();
        tokio::spawn(async move { api.move_to(&id, "proposed", 1).await })
    });
    let results = futures::future::join_all(moves).await;
    let statuses: Vec<StatusCode> = results.into_iter().map(|r| r.unwrap().0).collect();
    let won = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, conflicts), (1, 19), "{statuses:?}");

    let (_, card) = api.get(&format!("/cards/{id}")).await;
    assert_eq!(card["version"], 2);
    let moved = card["activity"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "moved")
        .count();
    assert_eq!(moved, 1);
}

db_test!(wip_limits_refuse_moves_into_full_stages);
async fn wip_limits_refuse_moves_into_full_stages(db: &TestDb) {
    let api = Api::new(db).await;
    let (status, body) = api
        .send("PATCH", "/stages/proposed", json!({ "wip_limit": 1 }))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "members may not change the workflow: {body}"
    );
    let (status, wf) = api
        .as_admin()
        .send("PATCH", "/stages/proposed", json!({ "wip_limit": 1 }))
        .await;
    assert_eq!(status, StatusCode::OK, "{wf}");
    assert_eq!(wf["version"], 2);
    assert_eq!(wf["stages"][1]["wip_limit"], 1);

    let mut ids = Vec::new();
    for title in ["First?", "Second?"] {
        let (_, card) = api.post("/cards", json!({ "title": title })).await;
        let id = card["id"].as_str().unwrap().to_owned();
        api.post(
            &format!("/cards/{id}/solutions"),
            json!({ "title": "S", "kind": "talk" }),
        )
        .await;
        ids.push(id);
    }
    let (status, _) = api.move_to(&ids[0], "proposed", 1).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.move_to(&ids[1], "proposed", 1).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error_code(&body), "wip_limit_reached");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Proposed is full")
    );

    // The move that happened was judged under workflow version 2.
    let (_, card) = api.get(&format!("/cards/{}", ids[0])).await;
    assert_eq!(card["activity"][0]["workflow_version"], 2);
}

db_test!(bad_input_gets_clear_errors);
async fn bad_input_gets_clear_errors(db: &TestDb) {
    let api = Api::new(db).await;
    let raw = api
        .client
        .post(format!("{}/cards", api.base))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"title\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    let body: Value = raw.json().await.unwrap();
    assert_eq!(error_code(&body), "bad_request");

    let (status, body) = api
        .post("/cards", json!({ "title": "x".repeat(201) }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 200"),
        "{body}"
    );
    let (status, _) = api
        .post(
            "/cards",
            json!({ "title": "Long?", "description": "d".repeat(20_001) }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = api.post("/cards", json!({ "title": "   " })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = api
        .post("/cards", json!({ "description": "no title" }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    let (status, body) = api
        .post("/cards", json!({ "title": "x".repeat(300_000) }))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(error_code(&body), "too_large");

    let (_, card) = api.post("/cards", json!({ "title": "Valid?" })).await;
    let id = card["id"].as_str().unwrap().to_owned();
    let (status, body) = api
        .post(
            &format!("/cards/{id}/solutions"),
            json!({ "title": "S", "kind": "article", "url": "javascript:alert(1)" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["message"].as_str().unwrap().contains("http"),
        "{body}"
    );
    let (status, _) = api
        .post(
            &format!("/cards/{id}/solutions"),
            json!({ "title": "S", "kind": "podcast" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, body) = api.get("/cards/00000000-0000-0000-0000-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "not_found");
    let (status, _) = api.get("/cards/not-a-uuid").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = api.move_to(&id, "done", 1).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = api.get("/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Nothing was half-written by the refusals.
    let (_, board) = api.get("/board").await;
    assert_eq!(board["cards"].as_array().unwrap().len(), 1);
}

db_test!(stale_edits_of_solutions_adoptions_companies_and_agenda_items_are_refused);
async fn stale_edits_of_solutions_adoptions_companies_and_agenda_items_are_refused(db: &TestDb) {
    let addr = start(db).await;
    let base = format!("http://{addr}/api/v1");
    let member = token_for(db, "v-member@example.org", Role::Member).await;
    let admin = token_for(db, "v-admin@example.org", Role::Admin).await;
    let client = crate::support::client();
    let send = |method: &str, path: String, token: &str, body: Value| {
        client
            .request(method.parse().unwrap(), format!("{base}{path}"))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    let card: Value = send(
        "POST",
        "/cards".into(),
        &member,
        json!({ "title": "How do versions work?" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let card_id = card["id"].as_str().unwrap().to_owned();
    let solution: Value = send(
        "POST",
        format!("/cards/{card_id}/solutions"),
        &member,
        json!({ "title": "Version guide", "kind": "article" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(solution["version"], 1);
    let solution_id = solution["id"].as_str().unwrap().to_owned();

    // Two people edit the same solution from version 1: the first wins, the second is
    // refused and changes nothing.
    let first = send(
        "PATCH",
        format!("/solutions/{solution_id}"),
        &member,
        json!({ "title": "Version guide, first edit", "kind": "article", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.json::<Value>().await.unwrap()["version"], 2);
    let second = send(
        "PATCH",
        format!("/solutions/{solution_id}"),
        &member,
        json!({ "title": "Version guide, second edit", "kind": "article", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let body: Value = second.json().await.unwrap();
    assert_eq!(body["error"]["code"], "conflict");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("version 2")
    );
    let stored: Value = client
        .get(format!("{base}/cards/{card_id}"))
        .bearer_auth(&member)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["solutions"][0]["title"], "Version guide, first edit");
    assert_eq!(stored["solutions"][0]["version"], 2);

    // Companies (admins) and adoptions the same way.
    let company: Value = send(
        "POST",
        "/companies".into(),
        &admin,
        json!({ "name": "Versioned Inc" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(company["version"], 1);
    let company_id = company["id"].as_str().unwrap().to_owned();
    let renamed = send(
        "PATCH",
        format!("/companies/{company_id}"),
        &admin,
        json!({ "name": "Versioned Ltd", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(renamed.json::<Value>().await.unwrap()["version"], 2);
    let stale = send(
        "PATCH",
        format!("/companies/{company_id}"),
        &admin,
        json!({ "name": "Versioned GmbH", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(stale.status(), StatusCode::CONFLICT);

    let adoption: Value = send(
        "POST",
        format!("/solutions/{solution_id}/adoptions"),
        &member,
        json!({ "company_id": company_id, "status": "pilot" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let adoption_id = adoption["id"].as_str().unwrap().to_owned();
    let edited = send(
        "PATCH",
        format!("/adoptions/{adoption_id}"),
        &member,
        json!({ "company_id": company_id, "status": "in_use", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(edited.status(), StatusCode::OK);
    assert_eq!(edited.json::<Value>().await.unwrap()["version"], 2);
    let stale = send(
        "PATCH",
        format!("/adoptions/{adoption_id}"),
        &member,
        json!({ "company_id": company_id, "status": "pilot", "version": 1 }),
    )
    .await
    .unwrap();
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let stored: Value = client
        .get(format!("{base}/cards/{card_id}"))
        .bearer_auth(&member)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["adoptions"][0]["status"], "in_use");

    // An edit that names no version applies to whatever is current (older scripts).
    let unversioned = send(
        "PATCH",
        format!("/solutions/{solution_id}"),
        &member,
        json!({ "title": "Version guide, third edit", "kind": "article" }),
    )
    .await
    .unwrap();
    assert_eq!(unversioned.json::<Value>().await.unwrap()["version"], 3);

    // Agenda items: two scribes recording the same item from the same version.
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    let facilitator = app::auth::Actor {
        account: Some(
            app::service::accounts::create_account(
                &state,
                "v-facilitator@example.org",
                "Vera",
                "a long enough password",
                Role::Facilitator,
            )
            .await
            .unwrap(),
        ),
        via: app::auth::Via::Bearer,
    };
    let meeting = app::service::meetings::create(&state.db, "2026-11-27", "", "", &facilitator)
        .await
        .unwrap();
    let view = app::service::meetings::view(&state.db, meeting, &facilitator)
        .await
        .unwrap();
    let item = &view.agenda[0];
    app::service::meetings::record_item(
        &state.db,
        app::domain::AgendaItemId(item.id),
        "discussed",
        "First scribe's points.",
        Some(item.version),
        &facilitator,
    )
    .await
    .unwrap();
    let late = app::service::meetings::record_item(
        &state.db,
        app::domain::AgendaItemId(item.id),
        "discussed",
        "Second scribe's points.",
        Some(item.version),
        &facilitator,
    )
    .await;
    assert!(
        matches!(late, Err(app::api::AppError::Conflict { .. })),
        "{late:?}"
    );
    let view = app::service::meetings::view(&state.db, meeting, &facilitator)
        .await
        .unwrap();
    assert_eq!(view.agenda[0].key_points, "First scribe's points.");
}
