//! Malformed input over every JSON endpoint (every operation with a body that the OpenAPI
//! document lists) and every server function, on SQLite and PostgreSQL: random bytes, invalid UTF-8, random JSON of any shape, deeply nested and
//! huge documents, known fields with wrong types, unknown fields, and ids that are not ids.
//! Every JSON answer is a 4xx with the API's error shape, no server function answers with
//! a 5xx, nothing panics, and the data reads the same before and after. Deterministic: the
//! generator is seeded.

use serde_json::{Map, Value, json};

use app::domain::Role;

use crate::http::{start, token_for};
use crate::support::{TestDb, db_test};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn string(&mut self) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "0",
            " ",
            "\u{0}",
            "\u{1F}",
            "\u{FFFF}",
            "\u{200B}",
            "é",
            "漢",
            "🚀",
            "\"",
            "\\",
            "<script>",
            "'; DROP TABLE cards; --",
            "%00",
            "../",
            "\n",
            "javascript:",
        ];
        let len = self.below(12);
        (0..len)
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }

    /// Any JSON value, nested up to `depth`.
    fn value(&mut self, depth: u32) -> Value {
        match self.below(if depth == 0 { 5 } else { 7 }) {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => json!(self.next() as i64),
            3 => json!(f64::from(self.below(1000) as u32) / 7.0),
            4 => Value::String(self.string()),
            5 => Value::Array((0..self.below(4)).map(|_| self.value(depth - 1)).collect()),
            _ => {
                let mut object = Map::new();
                for _ in 0..self.below(4) {
                    let key = self.string();
                    object.insert(key, self.value(depth - 1));
                }
                Value::Object(object)
            }
        }
    }

    /// A value of the wrong type for a field that wants a string (or a number).
    fn wrong_type(&mut self, wants_number: bool) -> Value {
        match self.below(4) {
            0 if wants_number => Value::String(self.string()),
            0 => json!(self.next() as i64),
            1 => Value::Bool(true),
            2 => json!([self.value(1)]),
            _ => json!({ "nested": self.value(1) }),
        }
    }
}

/// Known fields of the API's bodies, and whether each wants a number.
const FIELDS: &[(&str, bool)] = &[
    ("title", false),
    ("description", false),
    ("tags", false),
    ("version", true),
    ("to", false),
    ("note", false),
    ("kind", false),
    ("summary", false),
    ("url", false),
    ("landed_in", false),
    ("body", false),
    ("company_id", false),
    ("status", false),
    ("since", false),
    ("evidence_url", false),
    ("name", false),
    ("public", false),
    ("descriptor", false),
    ("wip_limit", true),
    ("email", false),
    ("password", false),
];

/// One malformed body: bytes and a content type.
fn body(rng: &mut Rng) -> (Vec<u8>, &'static str) {
    match rng.below(7) {
        // Invalid UTF-8 and random bytes.
        0 => (
            (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            "application/json",
        ),
        // Truncated JSON.
        1 => (b"{\"title\": \"How do we".to_vec(), "application/json"),
        // Random JSON of any shape.
        2 => (rng.value(4).to_string().into_bytes(), "application/json"),
        // Deeply nested.
        3 => {
            let depth = 2_000;
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            (text.into_bytes(), "application/json")
        }
        // Known fields, every one of the wrong type, plus an unknown one.
        4 => {
            let mut object = Map::new();
            for _ in 0..=rng.below(4) {
                let (name, number) = FIELDS[rng.below(FIELDS.len() as u64) as usize];
                object.insert(name.to_owned(), rng.wrong_type(number));
            }
            object.insert("unexpected_field".into(), rng.value(2));
            (
                Value::Object(object).to_string().into_bytes(),
                "application/json",
            )
        }
        // Bigger than the API reads.
        5 => {
            let huge = json!({ "title": "x".repeat(300 * 1024) });
            (huge.to_string().into_bytes(), "application/json")
        }
        // Not JSON at all.
        _ => (rng.string().into_bytes(), "text/plain"),
    }
}

/// What the data looks like to a member: the board, every card, the companies.
async fn snapshot(client: &reqwest::Client, base: &str, token: &str) -> Vec<Value> {
    let get = |path: String| {
        let request = client.get(format!("{base}{path}")).bearer_auth(token);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let board = get("/api/v1/board".into()).await;
    let mut all = vec![board.clone(), get("/api/v1/companies".into()).await];
    for card in board["cards"].as_array().unwrap() {
        let mut detail = get(format!("/api/v1/cards/{}", card["id"].as_str().unwrap())).await;
        // Activity times are rendered from the clock; the entries themselves must match.
        if let Some(object) = detail.as_object_mut() {
            object.remove("updated_at");
        }
        all.push(detail);
    }
    all
}

db_test!(malformed_input_gets_clear_errors_and_changes_nothing);
async fn malformed_input_gets_clear_errors_and_changes_nothing(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    conn.close().await.unwrap();
    let addr = start(db).await;
    let base = format!("http://{addr}");
    let member = token_for(db, "fuzz@example.org", Role::Member).await;
    let client = crate::support::client();
    let before = snapshot(&client, &base, &member).await;

    // Real ids, so requests reach the handlers, and ids that are not ids.
    let board = &before[0];
    let card = board["cards"][0]["id"].as_str().unwrap().to_owned();
    let detail = before
        .iter()
        .find(|d| d["solutions"].as_array().is_some_and(|s| !s.is_empty()))
        .unwrap();
    let solution = detail["solutions"][0]["id"].as_str().unwrap().to_owned();
    let company = before[1][0]["id"].as_str().unwrap().to_owned();
    let adoption = before
        .iter()
        .find_map(|d| d["adoptions"].as_array().and_then(|a| a.first()))
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .unwrap();
    // Every operation of the OpenAPI document that takes a body, with real ids in its
    // address so that requests reach the handlers; then addresses whose ids are not ids.
    let document = serde_json::to_value(server::rest::openapi()).unwrap();
    let mut endpoints: Vec<(&str, String)> = Vec::new();
    for (template, item) in document["paths"].as_object().unwrap() {
        let id = if template.starts_with("/api/v1/cards/") {
            &card
        } else if template.starts_with("/api/v1/solutions/") {
            &solution
        } else if template.starts_with("/api/v1/adoptions/") {
            &adoption
        } else {
            &company
        };
        let path = template.replace("{id}", id).replace("{key}", "proposed");
        for (key, method) in [("post", "POST"), ("put", "PUT"), ("patch", "PATCH")] {
            if item.get(key).is_some() {
                endpoints.push((method, path.clone()));
            }
        }
    }
    assert_eq!(endpoints.len(), 15, "{endpoints:?}");
    endpoints.extend([
        ("PATCH", "/api/v1/cards/not-an-id".into()),
        ("POST", "/api/v1/cards/%00%FF/move".into()),
        (
            "PATCH",
            "/api/v1/solutions/00000000-0000-0000-0000-000000000000".into(),
        ),
    ]);
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    let mut checked = 0;
    for (method, path) in &endpoints {
        for _ in 0..30 {
            let (bytes, content_type) = body(&mut rng);
            // An address that cannot be read is refused before the body is read; a huge
            // body then meets a closed connection rather than an answer.
            if path.contains("%00") && bytes.len() > 64 * 1024 {
                continue;
            }
            let response = client
                .request(method.parse().unwrap(), format!("{base}{path}"))
                .bearer_auth(&member)
                .header("content-type", content_type)
                .body(bytes.clone())
                .send()
                .await
                .unwrap();
            let status = response.status();
            let text = response.text().await.unwrap();
            let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).into_owned();
            assert!(
                status.is_client_error(),
                "{method} {path} answered {status} to {shown:?}: {text}"
            );
            let error: Value = serde_json::from_str(&text).unwrap_or_else(|_| {
                panic!("{method} {path} answered {status} without JSON: {text}")
            });
            assert!(
                error["error"]["code"].is_string() && error["error"]["message"].is_string(),
                "{method} {path}: {text}"
            );
            checked += 1;
        }
    }

    // Server functions: random and malformed form bodies never cause a 5xx.
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        for _ in 0..8 {
            let (bytes, _) = body(&mut rng);
            let response = client
                .post(format!("{base}{path}"))
                .bearer_auth(&member)
                .header("accept", "application/json")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(bytes.clone())
                .send()
                .await
                .unwrap();
            let status = response.status();
            assert!(
                !status.is_server_error(),
                "{path} answered {status} to {:?}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(120)])
            );
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");

    // The server still answers, and nothing changed.
    assert_eq!(snapshot(&client, &base, &member).await, before);
}
