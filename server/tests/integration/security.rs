//! Security over HTTP, on SQLite and PostgreSQL: every state-changing endpoint refuses
//! anonymous callers (401) and roles without the right (403) and lets the right role
//! through; cross-site browser requests are refused; sessions start and end; headers.

use app::domain::Role;
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

use crate::http::{start, token_for};
use crate::support::{TestDb, db_test};

/// Every state-changing JSON endpoint with the least role it needs. A route missing here
/// is caught by `every_route_is_listed` below.
const WRITES: &[(&str, &str, Role)] = &[
    ("POST", "/cards", Role::Member),
    ("PATCH", "/cards/{card}", Role::Member),
    ("POST", "/cards/{card}/move", Role::Member),
    ("POST", "/cards/{card}/solutions", Role::Member),
    ("POST", "/cards/{card}/comments", Role::Member),
    ("PATCH", "/solutions/{solution}", Role::Member),
    ("POST", "/solutions/{solution}/adoptions", Role::Member),
    ("PATCH", "/adoptions/{adoption}", Role::Member),
    ("POST", "/companies", Role::Admin),
    ("PATCH", "/companies/{company}", Role::Admin),
    ("PATCH", "/stages/{stage}", Role::Admin),
    ("POST", "/cards/{card}/park", Role::Member),
    ("POST", "/cards/{card}/unpark", Role::Member),
    ("PUT", "/workflow", Role::Admin),
    // Not a write, but no visitor or member may read it: every record, accounts included.
    ("GET", "/export", Role::Admin),
];

fn body_for(path: &str, company: &str) -> Value {
    match path {
        "/cards" => json!({ "title": "A new challenge?" }),
        "/cards/{card}" => json!({ "version": 0, "title": "Edited?" }),
        "/cards/{card}/move" => json!({ "to": "proposed", "version": 0 }),
        "/cards/{card}/comments" => json!({ "body": "A comment." }),
        "/cards/{card}/solutions" | "/solutions/{solution}" => {
            json!({ "title": "S", "kind": "article" })
        }
        "/solutions/{solution}/adoptions" | "/adoptions/{adoption}" => {
            json!({ "company_id": company, "status": "pilot" })
        }
        "/companies" => json!({ "name": format!("Company {}", uuid::Uuid::new_v4()) }),
        "/companies/{company}" => json!({ "name": "Initech Renamed", "public": true }),
        "/stages/{stage}" => json!({ "wip_limit": 9 }),
        "/cards/{card}/park" => json!({ "version": 0, "reason": "blocked" }),
        "/cards/{card}/unpark" => json!({ "version": 0 }),
        "/workflow" => json!({
            "version": 1,
            "stages": [{ "key": "challenge", "name": "Challenge" }],
            "note": "the role test"
        }),
        _ => json!({}),
    }
}

db_test!(every_write_checks_the_role);
async fn every_write_checks_the_role(db: &TestDb) {
    let addr = start(db).await;
    let member = token_for(db, "m@example.org", Role::Member).await;
    let admin = token_for(db, "a@example.org", Role::Admin).await;
    let client = crate::support::client();
    let base = format!("http://{addr}/api/v1");
    let call = |method: &str, path: String, token: Option<&str>, body: Value| {
        let mut req = client.request(
            Method::from_bytes(method.as_bytes()).unwrap(),
            format!("{base}{path}"),
        );
        if let Some(token) = token {
            req = req.bearer_auth(token);
        }
        req.json(&body).send()
    };
    // Something to act on.
    let card: Value = call(
        "POST",
        "/cards".into(),
        Some(&member),
        json!({ "title": "Target?" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let card_id = card["id"].as_str().unwrap().to_owned();
    let solution: Value = call(
        "POST",
        format!("/cards/{card_id}/solutions"),
        Some(&member),
        json!({ "title": "S", "kind": "talk" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let solution_id = solution["id"].as_str().unwrap().to_owned();
    let company: Value = call(
        "POST",
        "/companies".into(),
        Some(&admin),
        json!({ "name": "Initech" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let company_id = company["id"].as_str().unwrap().to_owned();
    let adoption: Value = call(
        "POST",
        format!("/solutions/{solution_id}/adoptions"),
        Some(&member),
        json!({ "company_id": company_id, "status": "pilot" }),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let adoption_id = adoption["id"].as_str().unwrap().to_owned();

    for (method, template, least) in WRITES {
        let path = template
            .replace("{card}", &card_id)
            .replace("{solution}", &solution_id)
            .replace("{adoption}", &adoption_id)
            .replace("{company}", &company_id)
            .replace("{stage}", "proposed");
        let body = body_for(template, &company_id);
        let anonymous = call(method, path.clone(), None, body.clone())
            .await
            .unwrap();
        assert_eq!(
            anonymous.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {template} as anonymous"
        );
        if *least == Role::Admin {
            let refused = call(method, path.clone(), Some(&member), body.clone())
                .await
                .unwrap();
            assert_eq!(
                refused.status(),
                StatusCode::FORBIDDEN,
                "{method} {template} as member"
            );
        }
        let token = if *least == Role::Admin {
            &admin
        } else {
            &member
        };
        let allowed = call(method, path.clone(), Some(token), body).await.unwrap();
        let status = allowed.status();
        // Past the role check: success, or a domain answer about the (deliberately stale or
        // duplicate) input, never 401/403.
        assert!(
            status.is_success()
                || status == StatusCode::CONFLICT
                || status == StatusCode::UNPROCESSABLE_ENTITY,
            "{method} {template} as {least:?}: {status}"
        );
    }

    // Reads stay open to anonymous visitors.
    for path in [
        "/board",
        &format!("/cards/{card_id}"),
        "/companies",
        "/session",
    ] {
        let res = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "GET {path}");
    }
    // A revoked or made-up token is refused outright.
    let res = call(
        "POST",
        "/cards".into(),
        Some("not-a-token"),
        json!({ "title": "x?" }),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[test]
fn every_route_is_listed() {
    // The JSON API's operations, as the OpenAPI document lists them (every route is
    // registered through it, see server/src/rest/mod.rs).
    let doc = serde_json::to_value(server::rest::openapi()).unwrap();
    let operations: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    // 21 paths: session (get, post, delete), board, stages, workflow (get, put),
    // workflow/versions, cards, cards/{id} (get, patch), move, park, unpark, solutions
    // (card), comments (card), solutions/{id}, adoptions (solution), adoptions/{id},
    // companies (get, post), companies/{id}, and the public reads search, events and
    // openapi.json; and the admins' export.
    assert_eq!(
        operations, 26,
        "a route was added or removed: list its writes in WRITES with the role they need"
    );
}

db_test!(server_functions_refuse_anonymous_changes);
async fn server_functions_refuse_anonymous_changes(db: &TestDb) {
    let addr = start(db).await;
    let client = crate::support::client();
    let html = client
        .get(format!("http://{addr}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !html.contains("Add a challenge"),
        "anonymous visitors get no edit controls"
    );
    assert!(
        !html.contains("class=\"move-menu\""),
        "anonymous visitors get no move controls"
    );
    // Every server function that is not open to anyone, called without a session.
    let mut checked = 0;
    for (path, method) in server_fn_paths() {
        if access_of(&path) == Access::Anyone {
            continue;
        }
        let res = client
            .request(method, format!("http://{addr}{path}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("id=00000000-0000-0000-0000-000000000000&version=1&to=proposed&name=x&title=x&kind=article&card_id=00000000-0000-0000-0000-000000000000&solution_id=00000000-0000-0000-0000-000000000000&adoption_id=00000000-0000-0000-0000-000000000000&company_id=00000000-0000-0000-0000-000000000000&status=pilot&user_id=00000000-0000-0000-0000-000000000000&role=member&active=false&email=x%40example.org&current=x&new_password=x&body=x&held_on=2026-11-25&facilitator=x&meeting_id=00000000-0000-0000-0000-000000000000&item_id=00000000-0000-0000-0000-000000000000&step_id=00000000-0000-0000-0000-000000000000&demo_id=00000000-0000-0000-0000-000000000000&text=x&owner=x&done=true&up=true&present=true&invitation=x&alias=x")
            .send()
            .await
            .unwrap();
        let status = res.status();
        let body = res.text().await.unwrap();
        assert!(
            body.contains("Unauthorized") || body.contains("NotFound"),
            "{path} answered {status} {body} to an anonymous caller"
        );
        checked += 1;
    }
    assert!(
        checked >= 15,
        "only {checked} server functions were checked"
    );
}

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Reads and signing in: anyone.
    Anyone,
    /// Changes to the board, or to one's own account: a signed-in user.
    SignedIn,
    /// Users, companies, the workflow: admins; running a meeting: facilitators and admins.
    /// Either way a member is refused.
    Admin,
}

/// Every server function and who may call it. A new server function must be listed here
/// (`every_server_function_is_classified` fails otherwise), and the walks above then
/// check it.
const SERVER_FNS: &[(&str, Access)] = &[
    ("get_board", Access::Anyone),
    ("get_card_page", Access::Anyone),
    ("search_catalog", Access::Anyone),
    ("get_solution_page", Access::Anyone),
    ("similar_challenges", Access::Anyone),
    ("get_me", Access::Anyone),
    ("get_invitation", Access::Anyone),
    ("login", Access::Anyone),
    ("logout", Access::Anyone),
    ("accept_invitation", Access::Anyone),
    ("create_card", Access::SignedIn),
    ("edit_card", Access::SignedIn),
    ("archive_card", Access::SignedIn),
    ("move_card", Access::SignedIn),
    ("park_card", Access::SignedIn),
    ("unpark_card", Access::SignedIn),
    ("workflow_versions", Access::Anyone),
    ("get_ready_report", Access::Anyone),
    ("workflow_editor", Access::Admin),
    ("save_workflow", Access::Admin),
    ("add_solution", Access::SignedIn),
    ("edit_solution", Access::SignedIn),
    ("add_adoption", Access::SignedIn),
    ("edit_adoption", Access::SignedIn),
    ("add_comment", Access::SignedIn),
    ("list_meetings", Access::Anyone),
    ("get_meeting", Access::Anyone),
    ("get_presentation", Access::Anyone),
    ("get_minutes", Access::Anyone),
    ("record_item", Access::SignedIn),
    ("add_next_step", Access::SignedIn),
    ("set_step_done", Access::SignedIn),
    ("add_demo", Access::SignedIn),
    ("create_meeting", Access::Admin),
    ("set_attendance", Access::Admin),
    ("move_demo", Access::Admin),
    ("change_password", Access::SignedIn),
    ("create_token", Access::SignedIn),
    ("revoke_token", Access::SignedIn),
    ("list_tokens", Access::SignedIn),
    ("add_company", Access::Admin),
    ("edit_company", Access::Admin),
    ("invite", Access::Admin),
    ("list_users", Access::Admin),
    ("list_invitations", Access::Admin),
    ("revoke_invitation", Access::Admin),
    ("list_companies", Access::Admin),
    ("set_role", Access::Admin),
    ("set_active", Access::Admin),
    ("list_aliases", Access::Admin),
    ("add_alias", Access::Admin),
    ("remove_alias", Access::Admin),
    ("import_review", Access::Admin),
];

/// The function's name in a server-function path (`/api/move_card1234…` → `move_card`).
fn server_fn_name(path: &str) -> &str {
    path.trim_start_matches("/api/")
        .trim_end_matches(|c: char| c.is_ascii_digit())
}

fn access_of(path: &str) -> Access {
    let name = server_fn_name(path);
    SERVER_FNS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
        .unwrap_or_else(|| panic!("server function {name} is not listed in SERVER_FNS"))
}

#[test]
fn every_server_function_is_classified() {
    let paths = server_fn_paths();
    for (path, _) in &paths {
        access_of(path);
    }
    assert_eq!(
        paths.len(),
        SERVER_FNS.len(),
        "SERVER_FNS lists a function that no longer exists"
    );
}

fn server_fn_paths() -> Vec<(String, Method)> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            (
                path.to_owned(),
                Method::from_bytes(method.as_str().as_bytes()).unwrap(),
            )
        })
        .collect()
}

db_test!(cross_site_requests_are_refused);
async fn cross_site_requests_are_refused(db: &TestDb) {
    let addr = start(db).await;
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    app::service::accounts::create_account(
        &state,
        "s@example.org",
        "Sam",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let client = crate::support::client_builder()
        .cookie_store(false)
        .build()
        .unwrap();
    let login = client
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "email": "s@example.org", "password": "a long enough password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::NO_CONTENT);
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();

    let forged = client
        .post(format!("http://{addr}/api/v1/cards"))
        .header("cookie", &session)
        .header("origin", "https://evil.example")
        .json(&json!({ "title": "Forged?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let own = client
        .post(format!("http://{addr}/api/v1/cards"))
        .header("cookie", &session)
        .header("origin", format!("http://{addr}"))
        .json(&json!({ "title": "Mine?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::CREATED);

    // Sign out ends the session at once.
    let out = client
        .delete(format!("http://{addr}/api/v1/session"))
        .header("cookie", &session)
        .header("origin", format!("http://{addr}"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let after = client
        .post(format!("http://{addr}/api/v1/cards"))
        .header("cookie", &session)
        .json(&json!({ "title": "After?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);

    // Wrong password and unknown email get the same answer.
    for email in ["s@example.org", "nobody@example.org"] {
        let res = client
            .post(format!("http://{addr}/api/v1/session"))
            .json(&json!({ "email": email, "password": "wrong password here" }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "login_failed");
    }

    // Pages carry security headers, with a per-page nonce in the CSP.
    let page = client.get(format!("http://{addr}/")).send().await.unwrap();
    let headers = page.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"),
        "{csp}"
    );
    assert!(headers.contains_key("referrer-policy"));
}

/// Signs in through the JSON API and returns the `name=value` of the session cookie.
pub(crate) async fn session_cookie(
    client: &Client,
    addr: std::net::SocketAddr,
    email: &str,
) -> String {
    let res = client
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "email": email, "password": "a long enough password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT, "sign-in of {email}");
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

db_test!(members_cannot_use_admin_server_functions);
async fn members_cannot_use_admin_server_functions(db: &TestDb) {
    let addr = start(db).await;
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    app::service::accounts::create_account(
        &state,
        "mo@example.org",
        "Mo",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let client = crate::support::client();
    let cookie = session_cookie(&client, addr, "mo@example.org").await;
    let admin_only = SERVER_FNS
        .iter()
        .filter(|(_, a)| *a == Access::Admin)
        .count();
    let mut checked = 0;
    for (path, method) in server_fn_paths() {
        assert_eq!(
            method,
            Method::POST,
            "{path}: a server function reachable by GET"
        );
        if access_of(&path) != Access::Admin {
            continue;
        }
        let body = client
            .post(format!("http://{addr}{path}"))
            .header("cookie", &cookie)
            .header("origin", format!("http://{addr}"))
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("name=Initech&email=x%40example.org&role=admin&user_id=00000000-0000-0000-0000-000000000000&company_id=00000000-0000-0000-0000-000000000000&active=false&held_on=2026-11-25&facilitator=x&meeting_id=00000000-0000-0000-0000-000000000000&demo_id=00000000-0000-0000-0000-000000000000&present=true&up=true&invitation=x&alias=x")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            body.contains("Forbidden"),
            "{path} let a member through: {body}"
        );
        checked += 1;
    }
    assert_eq!(checked, admin_only);
}

db_test!(sign_in_failures_are_throttled);
async fn sign_in_failures_are_throttled(db: &TestDb) {
    let mut config = crate::http::config(db);
    // A reverse proxy on this machine forwards the clients.
    config.trusted_proxies = app::auth::client::TrustedProxies::parse("127.0.0.1").unwrap();
    let addr = crate::http::start_with(config.clone()).await;
    let state = server::cli_state(&config).await.unwrap();
    for email in ["t@example.org", "u@example.org"] {
        app::service::accounts::create_account(
            &state,
            email,
            "T",
            "a long enough password",
            Role::Member,
        )
        .await
        .unwrap();
    }
    let client = crate::support::client();
    let attempt = |email: &'static str, password: &'static str, from: &'static str| {
        client
            .post(format!("http://{addr}/api/v1/session"))
            .header("x-forwarded-for", from)
            .json(&json!({ "email": email, "password": password }))
            .send()
    };
    // Forty wrong passwords sent at once: at most five are checked, the rest wait.
    let answers = futures::future::join_all(
        (0..40).map(|_| attempt("t@example.org", "not the password", "203.0.113.9")),
    )
    .await;
    let statuses: Vec<StatusCode> = answers.into_iter().map(|a| a.unwrap().status()).collect();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let waiting = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        refused <= 5,
        "{refused} wrong passwords were checked: {statuses:?}"
    );
    assert_eq!(refused + waiting, 40, "{statuses:?}");
    let blocked = attempt("t@example.org", "a long enough password", "203.0.113.9")
        .await
        .unwrap();
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = blocked.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_attempts");

    // The guesser does not lock the account's owner out: from another client the right
    // password works, and another account works from the guesser's own client.
    let owner = attempt("t@example.org", "a long enough password", "198.51.100.7")
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::NO_CONTENT);
    let neighbour = attempt("u@example.org", "a long enough password", "203.0.113.9")
        .await
        .unwrap();
    assert_eq!(neighbour.status(), StatusCode::NO_CONTENT);

    // One client spraying many accounts is throttled too.
    let mut sprayed = Vec::new();
    for n in 0..30 {
        let email: &'static str = Box::leak(format!("nobody{n}@example.org").into_boxed_str());
        sprayed.push(
            attempt(email, "whatever it is", "192.0.2.44")
                .await
                .unwrap()
                .status(),
        );
    }
    assert!(
        sprayed.contains(&StatusCode::TOO_MANY_REQUESTS),
        "{sprayed:?}"
    );
    assert!(
        sprayed
            .iter()
            .filter(|s| **s == StatusCode::UNAUTHORIZED)
            .count()
            <= app::auth::throttle::FREE_CLIENT_FAILURES as usize
    );
}

db_test!(sessions_expire_and_deactivation_ends_them);
async fn sessions_expire_and_deactivation_ends_them(db: &TestDb) {
    let mut config = crate::http::config(db);
    config.sessions.idle = chrono::Duration::seconds(1);
    let addr = crate::http::start_with(config.clone()).await;
    let state = server::cli_state(&config).await.unwrap();
    for email in ["idle@example.org", "gone@example.org"] {
        app::service::accounts::create_account(
            &state,
            email,
            "U",
            "a long enough password",
            Role::Member,
        )
        .await
        .unwrap();
    }
    let client = crate::support::client();
    let me = |cookie: String| {
        client
            .get(format!("http://{addr}/api/v1/session"))
            .header("cookie", cookie)
            .send()
    };
    let idle = session_cookie(&client, addr, "idle@example.org").await;
    let body: Value = me(idle.clone()).await.unwrap().json().await.unwrap();
    assert_eq!(body["signed_in"], true);
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    let body: Value = me(idle).await.unwrap().json().await.unwrap();
    assert_eq!(body["signed_in"], false, "an idle session must end");

    let gone = session_cookie(&client, addr, "gone@example.org").await;
    let account = app::store::accounts::by_email(
        &state.db,
        &app::domain::Email::parse("gone@example.org").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0;
    app::store::accounts::set_active(&state.db, account.id, false)
        .await
        .unwrap();
    let body: Value = me(gone).await.unwrap().json().await.unwrap();
    assert_eq!(
        body["signed_in"], false,
        "deactivation ends sessions at once"
    );
}

#[test]
fn secrets_never_reach_the_log() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("log.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let bin = env!("CARGO_BIN_EXE_ispo-board");
    let password = "log-secret-password-123";
    let mut create = Command::new(bin)
        .args([
            "admin",
            "create",
            "--email",
            "log@example.org",
            "--name",
            "Logan",
        ])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "trace")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{password}").unwrap();
    let created = create.wait_with_output().unwrap();
    assert!(created.status.success(), "{created:?}");
    let token_out = Command::new(bin)
        .args(["token", "create", "--email", "log@example.org"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "trace")
        .output()
        .unwrap();
    let token = String::from_utf8(token_out.stdout)
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(token.len(), 64);

    let mut server = Command::new(bin)
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("ISPO_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let cookie = runtime.block_on(async {
        let client = crate::support::client();
        for _ in 0..100 {
            if client
                .get(format!("http://127.0.0.1:{port}/healthz"))
                .send()
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let login = client
            .post(format!("http://127.0.0.1:{port}/api/v1/session"))
            .json(&json!({ "email": "log@example.org", "password": password }))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::NO_CONTENT);
        let cookie = login.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let with_cookie = client
            .get(format!("http://127.0.0.1:{port}/"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(with_cookie.status(), StatusCode::OK);
        let with_token = client
            .post(format!("http://127.0.0.1:{port}/api/v1/cards"))
            .bearer_auth(&token)
            .json(&json!({ "title": "Logged?" }))
            .send()
            .await
            .unwrap();
        assert_eq!(with_token.status(), StatusCode::CREATED);
        cookie
    });
    server.kill().unwrap();
    let output = server.wait_with_output().unwrap();
    let log = format!(
        "{}{}{}",
        String::from_utf8_lossy(&created.stderr),
        String::from_utf8_lossy(&token_out.stderr),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        log.len() > 200,
        "the server logged almost nothing at trace level: {log}"
    );
    let session_secret = cookie.split_once('=').unwrap().1;
    for (what, secret) in [
        ("password", password),
        ("API token", token.as_str()),
        ("session id", session_secret),
    ] {
        assert!(!log.contains(secret), "the {what} appears in the log");
    }
}

db_test!(passwords_change_and_tokens_revoke);
async fn passwords_change_and_tokens_revoke(db: &TestDb) {
    let addr = start(db).await;
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    app::service::accounts::create_account(
        &state,
        "p@example.org",
        "P",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let client = crate::support::client();
    let cookie = session_cookie(&client, addr, "p@example.org").await;
    let call = |name: &'static str, body: &'static str| {
        let path = server_fn_paths()
            .into_iter()
            .map(|(p, _)| p)
            .find(|p| p.trim_start_matches("/api/").starts_with(name))
            .unwrap();
        client
            .post(format!("http://{addr}{path}"))
            .header("cookie", &cookie)
            .header("origin", format!("http://{addr}"))
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let short = call(
        "change_password",
        "current=a+long+enough+password&new_password=short",
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(short.contains("at least 12"), "{short}");
    let wrong = call(
        "change_password",
        "current=not+it&new_password=a+brand+new+password",
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(wrong.contains("current password"), "{wrong}");
    let ok = call(
        "change_password",
        "current=a+long+enough+password&new_password=a+brand+new+password",
    )
    .await
    .unwrap();
    assert!(ok.status().is_success(), "{:?}", ok.text().await);
    let with_new = client
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "email": "p@example.org", "password": "a brand new password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(with_new.status(), StatusCode::NO_CONTENT);

    // A token works until its owner revokes it.
    let token: String = call("create_token", "name=script")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let post = |token: String| {
        client
            .post(format!("http://{addr}/api/v1/cards"))
            .bearer_auth(token)
            .json(&json!({ "title": "With a token?" }))
            .send()
    };
    assert_eq!(
        post(token.clone()).await.unwrap().status(),
        StatusCode::CREATED
    );
    let tokens = app::store::accounts::tokens_of(
        &state.db,
        app::store::accounts::by_email(
            &state.db,
            &app::domain::Email::parse("p@example.org").unwrap(),
        )
        .await
        .unwrap()
        .unwrap()
        .0
        .id,
    )
    .await
    .unwrap();
    assert_eq!(tokens.len(), 1);
    let revoke_body = format!("id={}", tokens[0].id);
    let path = server_fn_paths()
        .into_iter()
        .map(|(p, _)| p)
        .find(|p| p.trim_start_matches("/api/").starts_with("revoke_token"))
        .unwrap();
    let revoked = client
        .post(format!("http://{addr}{path}"))
        .header("cookie", &cookie)
        .header("origin", format!("http://{addr}"))
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(revoke_body)
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    assert_eq!(
        post(token).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
}

db_test!(pending_invitations_are_listed_and_revocable);
async fn pending_invitations_are_listed_and_revocable(db: &TestDb) {
    use app::auth::{Actor, Via};
    use app::service::accounts;
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    let admin = accounts::create_account(
        &state,
        "boss@example.org",
        "Boss",
        "a long enough password",
        Role::Admin,
    )
    .await
    .unwrap();
    let member = accounts::create_account(
        &state,
        "plain@example.org",
        "Plain",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let as_admin = Actor {
        account: Some(admin),
        via: Via::Bearer,
    };
    let as_member = Actor {
        account: Some(member),
        via: Via::Bearer,
    };
    let first = accounts::invite(&state, &as_admin, "one@example.org", "member")
        .await
        .unwrap();
    let second = accounts::invite(&state, &as_admin, "two@example.org", "facilitator")
        .await
        .unwrap();

    // Admins see every pending invitation with the secret of its link; others see none.
    let pending = accounts::pending_invitations(&state, &as_admin)
        .await
        .unwrap();
    assert_eq!(pending.len(), 2);
    let by_email = |email: &str| pending.iter().find(|i| i.email == email).cloned().unwrap();
    assert_eq!(
        by_email("one@example.org").token.as_deref(),
        Some(first.as_str())
    );
    assert_eq!(by_email("two@example.org").role, Role::Facilitator);
    assert!(by_email("one@example.org").expires_at > chrono::Utc::now());
    assert!(matches!(
        accounts::pending_invitations(&state, &as_member).await,
        Err(app::api::AppError::Forbidden(_))
    ));
    assert!(matches!(
        accounts::revoke_invitation(&state, &as_member, &by_email("one@example.org").token_hash)
            .await,
        Err(app::api::AppError::Forbidden(_))
    ));

    // A revoked link stops working at once; revoking twice says so.
    let hash = by_email("two@example.org").token_hash;
    accounts::revoke_invitation(&state, &as_admin, &hash)
        .await
        .unwrap();
    assert!(accounts::invitation(&state, &second).await.is_err());
    assert!(matches!(
        accounts::revoke_invitation(&state, &as_admin, &hash).await,
        Err(app::api::AppError::NotFound(_))
    ));

    // An accepted invitation leaves the list, and its secret is no longer kept.
    accounts::accept_invitation(&state, &first, "One", "a long enough password")
        .await
        .unwrap();
    assert!(
        accounts::pending_invitations(&state, &as_admin)
            .await
            .unwrap()
            .is_empty()
    );
    use sea_orm::EntityTrait;
    let rows = app::store::entities::invitation::Entity::find()
        .all(&state.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].used_at.is_some());
    assert_eq!(rows[0].token, None);
}

db_test!(a_new_password_ends_other_sessions_and_tokens);
async fn a_new_password_ends_other_sessions_and_tokens(db: &TestDb) {
    use app::auth::{Actor, Via, secret, session};
    use app::service::accounts;
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    let account = accounts::create_account(
        &state,
        "pw@example.org",
        "Pat",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let here = session::start(&state.db, &state.sessions, &account)
        .await
        .unwrap();
    let elsewhere = session::start(&state.db, &state.sessions, &account)
        .await
        .unwrap();
    let token = accounts::create_token_for(&state, "pw@example.org", "script")
        .await
        .unwrap();
    let by_token = Actor {
        account: Some(account.clone()),
        via: Via::Bearer,
    };
    // Names longer than their column are refused with a message, not a database error.
    let long_name = "n".repeat(150);
    let by_session = Actor {
        account: Some(account.clone()),
        via: Via::Session(secret::digest(&here)),
    };
    assert!(matches!(
        accounts::create_token(&state, &by_session, &long_name).await,
        Err(app::api::AppError::Validation(message)) if message.contains("at most 100")
    ));
    // A token cannot mint another token (which would outlive its own revocation).
    assert!(matches!(
        accounts::create_token(&state, &by_token, "sneaky").await,
        Err(app::api::AppError::Forbidden(_))
    ));

    let here_actor = Actor {
        account: Some(account.clone()),
        via: Via::Session(secret::digest(&here)),
    };
    accounts::change_password(
        &state,
        &here_actor,
        "a long enough password",
        "a brand new long password",
    )
    .await
    .unwrap();
    // The session that made the change stays; every other session and every token ends.
    assert!(
        session::resolve(&state.db, &state.sessions, &here)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        session::resolve(&state.db, &state.sessions, &elsewhere)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app::store::accounts::token_account(&state.db, &secret::digest(&token))
            .await
            .unwrap()
            .is_none()
    );
}

db_test!(https_sites_get_host_only_secure_cookies_and_hsts);
async fn https_sites_get_host_only_secure_cookies_and_hsts(db: &TestDb) {
    let mut config = crate::http::config(db);
    config.public_url = Some("https://board.example.org".into());
    config.sessions.secure_cookies = true;
    let addr = crate::http::start_with(config.clone()).await;
    let state = server::cli_state(&config).await.unwrap();
    app::service::accounts::create_account(
        &state,
        "h@example.org",
        "H",
        "a long enough password",
        Role::Member,
    )
    .await
    .unwrap();
    let client = crate::support::client_builder()
        .cookie_store(false)
        .build()
        .unwrap();
    let login = client
        .post(format!("http://{addr}/api/v1/session"))
        .json(&json!({ "email": "h@example.org", "password": "a long enough password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        login.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let cookie = login.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-ispo_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let me: Value = client
        .get(format!("http://{addr}/api/v1/session"))
        .header("cookie", &pair)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["signed_in"], true);
    // The plain cookie name is not accepted on an https site.
    let plain = pair.replace("__Host-ispo_session", "ispo_session");
    let me: Value = client
        .get(format!("http://{addr}/api/v1/session"))
        .header("cookie", &plain)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["signed_in"], false);
}

db_test!(what_only_grows_is_pruned);
async fn what_only_grows_is_pruned(db: &TestDb) {
    use app::auth::{Actor, Via, session};
    use app::service::{accounts, maintenance};
    use app::store::entities::{event, invitation, session as session_row};
    use sea_orm::{
        ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr,
    };
    let state = server::cli_state(&crate::http::config(db)).await.unwrap();
    let admin = accounts::create_account(
        &state,
        "prune@example.org",
        "Pru",
        "a long enough password",
        Role::Admin,
    )
    .await
    .unwrap();
    let live = session::start(&state.db, &state.sessions, &admin)
        .await
        .unwrap();
    let ended = session::start(&state.db, &state.sessions, &admin)
        .await
        .unwrap();
    let long_ago = chrono::Utc::now() - chrono::Duration::days(40);
    session_row::Entity::update_many()
        .col_expr(session_row::Column::ExpiresAt, Expr::value(long_ago))
        .filter(<session_row::Column as sea_orm::ColumnTrait>::eq(
            &session_row::Column::IdHash,
            app::auth::secret::digest(&ended),
        ))
        .exec(&state.db)
        .await
        .unwrap();
    let as_admin = Actor {
        account: Some(admin),
        via: Via::Bearer,
    };
    accounts::invite(&state, &as_admin, "old@example.org", "member")
        .await
        .unwrap();
    accounts::invite(&state, &as_admin, "new@example.org", "member")
        .await
        .unwrap();
    invitation::Entity::update_many()
        .col_expr(invitation::Column::ExpiresAt, Expr::value(long_ago))
        .filter(invitation::Column::Email.eq("old@example.org"))
        .exec(&state.db)
        .await
        .unwrap();

    let pruned = maintenance::prune(&state).await.unwrap();
    assert_eq!(pruned.sessions_and_invitations, 2);
    assert!(
        session::resolve(&state.db, &state.sessions, &live)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        session_row::Entity::find().count(&state.db).await.unwrap(),
        1
    );
    let left: Vec<String> = invitation::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.email)
        .collect();
    assert_eq!(left, ["new@example.org"]);

    // Old events go, but the newest are always kept.
    for n in 0..5 {
        event::Entity::insert(event::ActiveModel {
            kind: Set("moved".into()),
            card_id: Set(None),
            actor: Set(Some(format!("tester {n}"))),
            created_at: Set(long_ago),
            ..Default::default()
        })
        .exec(&state.db)
        .await
        .unwrap();
    }
    let newest = app::store::events::latest(&state.db).await.unwrap();
    let gone = app::store::events::prune(&state.db, chrono::Utc::now(), 2)
        .await
        .unwrap();
    assert!(gone >= 3, "{gone}");
    let kept: Vec<i64> = app::store::events::since(&state.db, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(kept.last().copied(), Some(newest));
    assert_eq!(kept.len(), 2);
    // Nothing recent is pruned by the schedule's own settings.
    assert_eq!(maintenance::prune(&state).await.unwrap().events, 0);
}
