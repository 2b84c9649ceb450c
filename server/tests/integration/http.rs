//! HTTP tests against the real server started on port 0.

use std::net::SocketAddr;

use crate::support::{TestDb, db_test};

pub fn config(db: &TestDb) -> server::Config {
    server::Config {
        database_url: db.url.clone(),
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        output_name: "ispo-board".into(),
        sessions: Default::default(),
        public_url: None,
        trusted_proxies: Default::default(),
        stream_lifetime: std::time::Duration::from_secs(600),
    }
}

/// Creates an account with `role` and returns an API token for it.
pub async fn token_for(db: &TestDb, email: &str, role: app::domain::Role) -> String {
    let state = server::cli_state(&config(db)).await.unwrap();
    app::service::accounts::create_account(
        &state,
        email,
        "Test User",
        "a long enough password",
        role,
    )
    .await
    .unwrap();
    app::service::accounts::create_token_for(&state, email, "tests")
        .await
        .unwrap()
}

pub async fn start(db: &TestDb) -> SocketAddr {
    start_with(config(db)).await
}

pub async fn start_with(config: server::Config) -> SocketAddr {
    let listener = server::bind(config.addr).await.unwrap();
    let server = server::launch(&config, listener).await.unwrap();
    let addr = server.local_addr().unwrap();
    tokio::spawn(server.run_until_stopped());
    addr
}

db_test!(health_and_board_pages);
async fn health_and_board_pages(db: &TestDb) {
    let addr = start(db).await;
    let client = crate::support::client();

    let health = client
        .get(format!("http://{addr}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let body: serde_json::Value = health.json().await.unwrap();
    assert_eq!(body["database"], "reachable");

    let page = client.get(format!("http://{addr}/")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for stage in ["Challenge", "Proposed", "Internal", "External", "Validated"] {
        assert!(
            html.contains(&format!("<span class=\"column-name\">{stage}</span>")),
            "the board lacks the {stage} column"
        );
    }
    // The page loads the front end that hydrates it.
    assert!(html.contains("/pkg/ispo-board.js"));

    let missing = client
        .get(format!("http://{addr}/no-such-page"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

db_test!(the_board_shows_seeded_cards_and_filters_without_wasm);
async fn the_board_shows_seeded_cards_and_filters_without_wasm(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    conn.close().await.unwrap();
    let addr = start(db).await;
    let client = crate::support::client();

    let page = client.get(format!("http://{addr}/")).send().await.unwrap();
    let status = page.status();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("How do I present InnerSource KPIs?"),
        "{status}: {}",
        html.chars().take(3000).collect::<String>()
    );
    assert!(html.contains("How do I sell InnerSource to senior leadership?"));

    // The filter form works as a plain GET: the server renders only matching cards.
    let filtered = client
        .get(format!("http://{addr}/?q=KPIs"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // (The page also carries the whole board as data for hydration: look at the cards.)
    let card = |title: &str| format!("draggable=\"false\">{title}</a></h3>");
    assert!(html.contains(&card("How do I sell InnerSource to senior leadership?")));
    assert!(filtered.contains(&card("How do I present InnerSource KPIs?")));
    assert!(!filtered.contains(&card("How do I sell InnerSource to senior leadership?")));
    assert!(filtered.contains("Showing 1 of"));
}

db_test!(document_pages_are_served_without_the_front_end);
async fn document_pages_are_served_without_the_front_end(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    conn.close().await.unwrap();
    let addr = start(db).await;
    let client = crate::support::client();
    let get = |path: String| {
        let client = client.clone();
        async move {
            let page = client
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .unwrap();
            assert_eq!(page.status(), 200, "{path}");
            page.text().await.unwrap()
        }
    };
    let loads_front_end = |html: &str| {
        html.contains("/pkg/ispo-board.js") || html.contains("/pkg/ispo-board_bg.wasm")
    };

    let catalogue = get("/catalog?q=InnerSource&stage=any".into()).await;
    assert!(
        catalogue.contains("class=\"hit\""),
        "the catalogue shows its hits"
    );
    let slug = catalogue
        .split("data-slug=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let solution = get(format!("/solutions/{slug}")).await;
    assert!(solution.contains("The challenge it answers"));
    let meetings = get("/meetings".into()).await;
    let login = get("/login".into()).await;
    for (what, html) in [
        ("catalogue", &catalogue),
        ("solution", &solution),
        ("meetings", &meetings),
        ("sign-in", &login),
    ] {
        assert!(
            !loads_front_end(html),
            "the {what} page loads the front end"
        );
        // Only Leptos's two empty bookkeeping lines remain: no module, no data for hydration.
        assert!(
            !html.contains("<script type=\"module\""),
            "the {what} page loads code"
        );
        assert!(
            !html.contains("__RESOLVED_RESOURCES["),
            "the {what} page carries its data twice"
        );
        assert!(
            !html.contains("<leptos-island"),
            "the {what} page has an island"
        );
        assert!(
            html.contains("<html lang=\"en\" data-app=\"document\">"),
            "{what}"
        );
    }

    // A card's page is a followed document: no WebAssembly, only the script that keeps it
    // current from its card's changes.
    let card_id = board_card(&get("/".into()).await);
    let card = get(format!("/cards/{card_id}")).await;
    assert!(!loads_front_end(&card), "the card page loads the front end");
    assert!(
        !card.contains("<leptos-island"),
        "the card page has an island"
    );
    assert!(!card.contains("__RESOLVED_RESOURCES["));
    assert!(card.contains(&format!("data-follow=\"/api/v1/events?card={card_id}\"")));
    let script = app::ui::follow::script_path();
    assert!(
        card.contains(&format!(
            "<script type=\"module\" src=\"{script}\"></script>"
        )),
        "the card page loads the follow script"
    );
    assert!(!card.contains("data-app=\"document\""));
    let served = client
        .get(format!("http://{addr}{script}"))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert!(
        served.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        served.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(served.text().await.unwrap(), app::ui::follow::SCRIPT);
    let unversioned = client
        .get(format!("http://{addr}/follow.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(unversioned.headers()["cache-control"], "no-cache");

    // The board keeps it: one island around the server's columns; the cards travel once,
    // as HTML carrying what moves need, and the island's props are only the viewer's
    // rights.
    let board = get("/".into()).await;
    assert!(loads_front_end(&board), "the board lacks the front end");
    assert!(!board.contains("data-app=\"document\""));
    assert_eq!(
        board.matches("<leptos-island").count(),
        1,
        "one island on the board"
    );
    assert!(
        board.contains("data-component=\"BoardIsland_"),
        "the board's island"
    );
    let props = board
        .split("data-props=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(
        props.len() < 100 && !props.contains("cards") && !props.contains("evidence"),
        "the island's props carry the board again: {props}"
    );
    assert!(
        board.contains("<leptos-children"),
        "the board inside the island"
    );
    assert!(
        board.contains("data-evidence=\""),
        "each card's gate evidence"
    );
    assert!(board.contains("data-workflow=\""), "the workflow for moves");
    assert!(
        !board.contains("__RESOLVED_RESOURCES["),
        "the board page carries resources for hydration"
    );
}

/// The id of the first card on the board page.
fn board_card(board: &str) -> String {
    board
        .split("data-card-id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned()
}

db_test!(user_text_is_escaped_and_markdown_sanitised);
async fn user_text_is_escaped_and_markdown_sanitised(db: &TestDb) {
    let addr = start(db).await;
    let token = token_for(db, "writer@example.org", app::domain::Role::Member).await;
    let client = crate::support::client();
    let card: serde_json::Value = client
        .post(format!("http://{addr}/api/v1/cards"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "title": "<script>alert('title')</script>?",
            "description": "**bold** <script>alert('desc')</script> <img src=x onerror=alert(1)>",
            "tags": ["<b>tag</b>"]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = card["id"].as_str().unwrap();
    for path in ["/".to_owned(), format!("/cards/{id}")] {
        let html = client
            .get(format!("http://{addr}{path}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !html.contains("<script>alert"),
            "{path} lets a script through"
        );
        assert!(
            !html.contains("<img src=x onerror") && !html.contains("onerror=\"alert"),
            "{path} lets a handler through"
        );
        assert!(!html.contains("<b>tag</b>"), "{path} renders a tag as HTML");
        assert!(
            html.contains("&lt;script&gt;alert"),
            "{path} lost the escaped title"
        );
    }
    let page = client
        .get(format!("http://{addr}/cards/{id}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<strong>bold</strong>"),
        "Markdown was not rendered"
    );
}

db_test!(pages_work_without_webassembly_and_refuse_what_they_should);
async fn pages_work_without_webassembly_and_refuse_what_they_should(db: &TestDb) {
    let addr = start(db).await;
    let client = crate::support::client();
    let get = |path: &str, token: Option<&str>| {
        let mut request = client.get(format!("http://{addr}{path}"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };

    // Every page links an icon, and the icon is there.
    let ico = get("/favicon.ico", None).await.unwrap();
    assert_eq!(ico.status(), 200);
    assert_eq!(ico.headers()["content-type"], "image/x-icon");
    assert_eq!(&ico.bytes().await.unwrap()[..4], &[0, 0, 1, 0]);
    let svg = get("/favicon.svg", None).await.unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let board = get("/", None).await.unwrap().text().await.unwrap();
    assert!(board.contains("rel=\"icon\""), "no icon link");
    // The notice that the front end did not start is part of every page.
    assert!(board.contains("startup-notice"));

    // A member's board carries the form that adds a card, rendered by the server.
    let member = crate::http::token_for(db, "m@example.org", app::domain::Role::Member).await;
    let board = get("/", Some(&member)).await.unwrap().text().await.unwrap();
    assert!(board.contains("Add a challenge"), "no new-card form");
    assert!(board.contains("name=\"title\""));

    // The admin pages: 401 for visitors, 403 for members, and no admin form for either.
    for path in ["/admin/users", "/admin/companies"] {
        let anonymous = get(path, None).await.unwrap();
        assert_eq!(anonymous.status(), 401, "{path}");
        let body = anonymous.text().await.unwrap();
        assert!(body.contains("sign in"), "{path}");
        assert!(!body.contains("Create invitation link") && !body.contains("Add company"));
        let refused = get(path, Some(&member)).await.unwrap();
        assert_eq!(refused.status(), 403, "{path}");
        let body = refused.text().await.unwrap();
        assert!(body.contains("only admins"), "{path}");
        assert!(!body.contains("Create invitation link") && !body.contains("Add company"));
    }
    let admin = crate::http::token_for(db, "a@example.org", app::domain::Role::Admin).await;
    let users = get("/admin/users", Some(&admin)).await.unwrap();
    assert_eq!(users.status(), 200);
    assert!(users.text().await.unwrap().contains("Pending invitations"));
    let companies = get("/admin/companies", Some(&admin)).await.unwrap();
    assert_eq!(companies.status(), 200);
    assert!(companies.text().await.unwrap().contains("Add company"));

    // A meeting that does not exist, and its minutes: 404 with a title.
    let missing = get(
        "/meetings/00000000-0000-0000-0000-000000000000/demos/1",
        None,
    )
    .await
    .unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains("<title>"));
    let minutes = get(
        "/meetings/00000000-0000-0000-0000-000000000000/minutes",
        None,
    )
    .await
    .unwrap();
    assert_eq!(minutes.status(), 404);

    // A server function refusing bad input answers with the error's own status (not 500),
    // and an adoption needs a chosen company.
    let add_adoption = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .find(|p| p.trim_start_matches("/api/").starts_with("add_adoption"))
        .unwrap();
    let refused = client
        .post(format!("http://{addr}{add_adoption}"))
        .bearer_auth(&member)
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("solution_id=00000000-0000-0000-0000-000000000000&company_id=&status=pilot")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("choose the company"));
}

db_test!(front_end_files_are_served_precompressed_with_cache_headers);
async fn front_end_files_are_served_precompressed_with_cache_headers(db: &TestDb) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("ispo-board.js"), "plain javascript").unwrap();
    std::fs::write(pkg.join("ispo-board.js.br"), "brotli bytes").unwrap();
    std::fs::write(pkg.join("ispo-board.js.gz"), "gzip bytes").unwrap();
    std::fs::write(pkg.join("ispo-board.Xq3vLk9mP0aZ_-Tr4yUiOp.wasm"), "hashed").unwrap();
    let mut config = config(db);
    config.site_root = site.path().display().to_string();
    let addr = start_with(config).await;
    let client = crate::support::client();
    let get = |path: &'static str, accept: &'static str| {
        let client = client.clone();
        async move {
            let res = client
                .get(format!("http://{addr}{path}"))
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            let header = |name: &str| {
                res.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            let (encoding, cache) = (header("content-encoding"), header("cache-control"));
            (res.status(), encoding, cache, res.text().await.unwrap())
        }
    };

    let (status, encoding, cache, body) = get("/pkg/ispo-board.js", "gzip, br").await;
    assert_eq!(status, 200);
    assert_eq!((encoding.as_str(), body.as_str()), ("br", "brotli bytes"));
    assert_eq!(cache, "no-cache", "an unhashed name is revalidated");
    let (_, encoding, _, body) = get("/pkg/ispo-board.js", "gzip").await;
    assert_eq!((encoding.as_str(), body.as_str()), ("gzip", "gzip bytes"));
    let (_, encoding, _, body) = get("/pkg/ispo-board.js", "identity").await;
    assert_eq!((encoding.as_str(), body.as_str()), ("", "plain javascript"));

    // A browser whose copy is current is told so, without the file.
    let first = client
        .get(format!("http://{addr}/pkg/ispo-board.js"))
        .send()
        .await
        .unwrap();
    let modified = first.headers()["last-modified"].clone();
    let revalidated = client
        .get(format!("http://{addr}/pkg/ispo-board.js"))
        .header("if-modified-since", modified)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), 304);
    assert_eq!(revalidated.headers()["cache-control"], "no-cache");

    let (status, _, cache, _) = get("/pkg/ispo-board.Xq3vLk9mP0aZ_-Tr4yUiOp.wasm", "").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "public, max-age=31536000, immutable");
    let (status, _, cache, _) = get("/pkg/missing.js", "").await;
    assert_eq!(status, 404);
    assert_eq!(cache, "", "a missing file is not cached");
}

db_test!(the_board_page_is_rendered_once_per_change_and_viewer);
async fn the_board_page_is_rendered_once_per_change_and_viewer(db: &TestDb) {
    let addr = start(db).await;
    let token = token_for(db, "cached@example.org", app::domain::Role::Member).await;
    let client = crate::support::client();
    // The page with its nonce taken out, and the nonce (header and body agree).
    let page = |bearer: Option<String>| {
        let client = client.clone();
        async move {
            let mut request = client.get(format!("http://{addr}/"));
            if let Some(token) = bearer {
                request = request.bearer_auth(token);
            }
            let res = request.send().await.unwrap();
            let status = res.status();
            if status != 200 {
                let body = res.text().await.unwrap_or_default();
                panic!("GET / answered {status}: {body}");
            }
            let policy = res.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            let start = policy.find("'nonce-").unwrap() + "'nonce-".len();
            let nonce = policy[start..start + policy[start..].find('\'').unwrap()].to_owned();
            let html = res.text().await.unwrap();
            assert!(
                html.contains(&format!("nonce=\"{nonce}\"")),
                "the page's scripts carry the header's nonce"
            );
            (html.replace(&nonce, "NONCE"), nonce)
        }
    };
    let (first, first_nonce) = page(None).await;
    let (again, again_nonce) = page(None).await;
    assert_eq!(first, again, "an unchanged board is the same page");
    assert_ne!(
        first_nonce, again_nonce,
        "every answer has a nonce of its own"
    );
    let (member, _) = page(Some(token.clone())).await;
    assert_ne!(member, first, "a member is not served the visitor's page");
    assert!(
        !first.contains("Add a challenge"),
        "visitors get no member controls"
    );

    client
        .post(format!("http://{addr}/api/v1/cards"))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "title": "How does a change reach a kept page?" }))
        .send()
        .await
        .unwrap();
    let (after, _) = page(None).await;
    assert!(after.contains("How does a change reach a kept page?"));
    let (member_after, _) = page(Some(token)).await;
    assert!(member_after.contains("How does a change reach a kept page?"));
}

db_test!(pages_render_while_other_servers_start_in_the_process);
/// Starting a server works out the page routes by rendering the app with data loading
/// suppressed process-wide; a page whose data started loading meanwhile, in another
/// server of the process, used to wait for ever (one hang in about eight test runs).
/// Here routers are built one after another (as each server start builds its own) for as
/// long as 200 pages are asked for, eight at a time: every page answers, and promptly.
async fn pages_render_while_other_servers_start_in_the_process(db: &TestDb) {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    conn.close().await.unwrap();
    let addr = start(db).await;
    let client = crate::support::client_builder()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // Routers built one after another, as each server start builds its own.
    let state = server::cli_state(&config(db)).await.unwrap();
    let live = server::live::LiveHub::start(
        state.db.clone(),
        db.url.clone(),
        std::time::Duration::from_secs(600),
    );
    let starter = {
        let done = done.clone();
        tokio::spawn(async move {
            let mut started = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                drop(server::routes::router(state.clone(), live.clone()));
                started += 1;
                tokio::task::yield_now().await;
            }
            started
        })
    };
    let pages = ["/", "/?q=KPIs", "/catalog", "/meetings", "/admin/companies"];
    let mut work = tokio::task::JoinSet::new();
    for n in 0..200 {
        if work.len() >= 8 {
            check_page(work.join_next().await.unwrap().unwrap());
        }
        let (client, url) = (
            client.clone(),
            format!("http://{addr}{}", pages[n % pages.len()]),
        );
        work.spawn(async move {
            let answer = client.get(&url).send().await;
            (url, answer.map(|a| a.status()).map_err(|e| e.to_string()))
        });
    }
    while let Some(done) = work.join_next().await {
        check_page(done.unwrap());
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(starter.await.unwrap() > 0, "no server started meanwhile");
}

fn check_page((url, answer): (String, Result<reqwest::StatusCode, String>)) {
    let status = answer.unwrap_or_else(|e| panic!("{url}: {e}"));
    assert!(
        status.is_success() || status.is_redirection() || status == 401,
        "{url} answered {status}"
    );
}

db_test!(a_plain_form_says_what_it_made_once);
/// The account, users and companies pages are documents: what their plain forms made (a
/// new token's secret, an invitation's link, "… was added.") comes back once with the page
/// the form returns to, and the token works.
async fn a_plain_form_says_what_it_made_once(db: &TestDb) {
    token_for(db, "flash-admin@example.org", app::domain::Role::Admin).await;
    let addr = start(db).await;
    let client = crate::support::client_builder()
        .cookie_store(true)
        .build()
        .unwrap();
    // Signed in as in a browser (API tokens make no tokens).
    let signed_in = client
        .post(format!("http://{addr}/api/v1/session"))
        .json(&serde_json::json!({
            "email": "flash-admin@example.org",
            "password": "a long enough password"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 204);
    let page = |path: &str| client.get(format!("http://{addr}{path}")).send();
    let account = page("/account").await.unwrap().text().await.unwrap();
    assert!(
        !account.contains("<leptos-island"),
        "the account page has an island"
    );
    assert!(!account.contains("Copy this token now"));
    let action_of = |html: &str, prefix: &str| {
        html.split("action=\"")
            .filter_map(|rest| rest.split('"').next())
            .find(|url| url.starts_with(prefix))
            .unwrap()
            .to_owned()
    };
    let post = |path: String, from: &'static str, form: Vec<(&'static str, String)>| {
        client
            .post(format!("http://{addr}{path}"))
            .header("Referer", format!("http://{addr}{from}"))
            .header("Accept", "text/html")
            .form(&form)
            .send()
    };

    // A new token: its secret is on the page the form comes back to, then never again.
    let made = post(
        action_of(&account, "/api/create_token"),
        "/account",
        vec![("name", "flash script".into())],
    )
    .await
    .unwrap();
    assert_eq!(made.url().path(), "/account");
    let cookies: Vec<String> = made
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    let shown = made.text().await.unwrap();
    assert!(
        cookies.iter().any(|c| c.starts_with("ispo_flash=;")),
        "the page clears the flash: {cookies:?} {shown}"
    );
    assert!(shown.contains("Copy this token now"), "{shown}");
    let secret = shown
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_owned();
    assert!(shown.contains("flash script"), "the token is listed");
    let again = page("/account").await.unwrap().text().await.unwrap();
    assert!(!again.contains("Copy this token now"), "shown twice");
    let me = crate::support::client()
        .get(format!("http://{addr}/api/v1/session"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "the shown secret is the token");

    // An invitation: its link.
    let users = page("/admin/users").await.unwrap().text().await.unwrap();
    let invited = post(
        action_of(&users, "/api/invite"),
        "/admin/users",
        vec![
            ("email", "flash-invitee@example.org".into()),
            ("role", "member".into()),
        ],
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(invited.contains("Send this single-use link"), "{invited}");
    let link = invited
        .split("<a href=\"/invitations/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(invited.contains("class=\"invitation-link\">"), "{invited}");
    assert_eq!(link.len(), 64, "the invitation's secret: {link}");

    // A company: what was added; a refusal says why instead, and no flash.
    let companies = page("/admin/companies")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let add = action_of(&companies, "/api/add_company");
    let added = post(
        add.clone(),
        "/admin/companies",
        vec![
            ("name", "Flash Works".into()),
            ("descriptor", "a lab".into()),
        ],
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(added.contains("Flash Works was added."), "{added}");
    let refused = post(
        add,
        "/admin/companies",
        vec![
            ("name", "Flash Works".into()),
            ("descriptor", "a lab".into()),
        ],
    )
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(!refused.contains("was added."), "{refused}");
    assert!(refused.contains("role=\"alert\""), "{refused}");
}
