//! The OpenAPI document: served at `/api/v1/openapi.json`, OpenAPI 3.1, the same as
//! `ispo-board openapi` prints, and listing every route of the API — each documented
//! route answers (no 404 from the API's fallback, no 405), any other method gets 405 in
//! the JSON error shape with an `Allow` header, and no route is added beside the
//! documented router. Its validity against the OpenAPI schema is checked by `make test`
//! (`openapi-spec-validator`).

use reqwest::StatusCode;
use serde_json::Value;

use crate::http::start;
use crate::support::{TestDb, db_test};

db_test!(the_openapi_document_lists_every_route);
async fn the_openapi_document_lists_every_route(db: &TestDb) {
    let addr = start(db).await;
    let client = crate::support::client();
    let res = client
        .get(format!("http://{addr}/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let served: Value = res.json().await.unwrap();
    let generated: Value =
        serde_json::from_str(&server::rest::openapi().to_json().unwrap()).unwrap();
    assert_eq!(served, generated);
    assert_eq!(served["openapi"], "3.1.0");

    let paths = served["paths"].as_object().unwrap();
    for expected in [
        "/api/v1/session",
        "/api/v1/board",
        "/api/v1/stages/{key}",
        "/api/v1/cards",
        "/api/v1/cards/{id}",
        "/api/v1/cards/{id}/move",
        "/api/v1/cards/{id}/solutions",
        "/api/v1/cards/{id}/comments",
        "/api/v1/solutions/{id}",
        "/api/v1/solutions/{id}/adoptions",
        "/api/v1/adoptions/{id}",
        "/api/v1/companies",
        "/api/v1/companies/{id}",
        "/api/v1/search",
        "/api/v1/events",
        "/api/v1/openapi.json",
        "/api/v1/export",
    ] {
        assert!(paths.contains_key(expected), "{expected} is not documented");
    }

    // Every documented operation exists: it answers something other than the API's
    // "endpoint not found" and "method not allowed".
    let mut operations = 0;
    for (path, item) in paths {
        let url = format!(
            "http://{addr}{}",
            path.replace("{id}", &uuid::Uuid::new_v4().to_string())
                .replace("{key}", "proposed")
        );
        let answered: Vec<String> = ["get", "post", "put", "patch", "delete"]
            .into_iter()
            .filter(|m| item.get(*m).is_some())
            .map(str::to_uppercase)
            .collect();
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_none() {
                // A method the address does not answer: 405, said in JSON, with `Allow`.
                let res = client
                    .request(method.to_uppercase().parse().unwrap(), &url)
                    .json(&serde_json::json!({}))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    res.status(),
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path}"
                );
                let allow = res.headers()["allow"].to_str().unwrap().to_owned();
                for m in &answered {
                    assert!(allow.contains(m.as_str()), "{method} {path}: Allow {allow}");
                }
                let body: Value = res.json().await.unwrap();
                assert_eq!(
                    body["error"]["code"], "method_not_allowed",
                    "{method} {path}"
                );
                assert!(
                    body["error"]["message"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("{} is not allowed", method.to_uppercase())),
                    "{body}"
                );
                continue;
            }
            operations += 1;
            let request = match method {
                "get" => client.get(&url),
                "post" => client.post(&url).json(&serde_json::json!({})),
                "patch" => client.patch(&url).json(&serde_json::json!({})),
                "put" => client.put(&url).json(&serde_json::json!({})),
                _ => client.delete(&url),
            };
            let res = request.send().await.unwrap();
            let status = res.status();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            if path == "/api/v1/events" {
                // A stream that does not end: that it opened is enough.
                assert_eq!(status, StatusCode::OK);
                continue;
            }
            let body: Value = res.json().await.unwrap_or(Value::Null);
            assert_ne!(
                body["error"]["message"], "API endpoint not found",
                "{method} {path} is documented but not routed"
            );
        }
    }
    assert_eq!(operations, 26);
}

/// Routes are registered only through the documented router (`routes!` in
/// `rest/mod.rs`): a plain `.route(` under `server/src/rest` would be missing from the
/// document.
#[test]
fn no_route_bypasses_the_document() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rest");
    let mut files = vec![dir.clone()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                files.push(entry.unwrap().path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(".route("),
                "{} adds a route outside the documented router",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} files read");
}
