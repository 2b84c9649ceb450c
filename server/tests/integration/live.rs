//! Live updates: server-sent events at `/api/v1/events` on SQLite and PostgreSQL, resuming
//! from `Last-Event-ID`; two server processes on one PostgreSQL database sharing events
//! through LISTEN/NOTIFY; comments on cards.

use std::time::Duration;

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

use app::domain::Role;

use crate::http::{config, start, start_with, token_for};
use crate::support::{TestDb, db_test};

/// One server-sent event.
#[derive(Debug)]
struct Sse {
    id: Option<String>,
    event: Option<String>,
    data: String,
}

/// Reads a server-sent-event stream.
struct Stream {
    response: Response,
    buffer: String,
}

impl Stream {
    async fn open(client: &Client, url: &str, last_event_id: Option<&str>) -> Self {
        let mut request = client.get(url).header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/event-stream")
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next event (keep-alive comments skipped), or `None` after `wait`.
    async fn next(&mut self, wait: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = Sse {
                    id: None,
                    event: None,
                    data: String::new(),
                };
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        event.id = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("event:") {
                        event.event = Some(v.trim().to_owned());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        event.data.push_str(v.trim_start());
                    }
                }
                if event.id.is_some() || event.event.is_some() || !event.data.is_empty() {
                    return Some(event);
                }
                continue;
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .unwrap()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next change event, parsed.
    async fn next_change(&mut self, wait: Duration) -> Option<(String, Value)> {
        loop {
            let event = self.next(wait).await?;
            if event.event.is_none() {
                return Some((
                    event.id.unwrap(),
                    serde_json::from_str(&event.data).unwrap(),
                ));
            }
        }
    }
}

async fn create_card(client: &Client, base: &str, token: &str, title: &str) -> Value {
    let res = client
        .post(format!("{base}/api/v1/cards"))
        .bearer_auth(token)
        .json(&json!({ "title": title }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    res.json().await.unwrap()
}

const WAIT: Duration = Duration::from_secs(5);

db_test!(changes_stream_to_open_pages_and_resume);
async fn changes_stream_to_open_pages_and_resume(db: &TestDb) {
    let addr = start(db).await;
    let base = format!("http://{addr}");
    let token = token_for(db, "member@example.org", Role::Member).await;
    let client = crate::support::client();
    // Anyone may follow the board.
    let mut stream = Stream::open(&client, &format!("{base}/api/v1/events"), None).await;

    let card = create_card(&client, &base, &token, "How do we stream changes?").await;
    let card_id = card["id"].as_str().unwrap().to_owned();
    let (created_id, created) = stream.next_change(WAIT).await.expect("a created event");
    assert_eq!(created["kind"], "created");
    assert_eq!(created["card_id"], card_id.as_str());
    assert_eq!(created["id"].to_string(), created_id);

    let res = client
        .post(format!("{base}/api/v1/cards/{card_id}/comments"))
        .bearer_auth(&token)
        .json(&json!({ "body": "Looks **important**. <script>alert(1)</script>" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let (commented_id, commented) = stream.next_change(WAIT).await.expect("a comment event");
    assert_eq!(commented["kind"], "commented");
    assert!(commented_id.parse::<i64>().unwrap() > created_id.parse::<i64>().unwrap());

    // A client that lost the connection after the first event gets the rest on resuming.
    let mut resumed = Stream::open(
        &client,
        &format!("{base}/api/v1/events"),
        Some(created_id.as_str()),
    )
    .await;
    let (id, again) = resumed.next_change(WAIT).await.expect("the missed event");
    assert_eq!(
        (id.as_str(), &again["kind"]),
        (commented_id.as_str(), &json!("commented"))
    );
    // `?after=` does the same for clients that cannot set the header.
    let mut after = Stream::open(
        &client,
        &format!("{base}/api/v1/events?after={created_id}"),
        None,
    )
    .await;
    assert_eq!(after.next_change(WAIT).await.unwrap().0, commented_id);
    // Nothing else is pending.
    assert!(
        resumed
            .next_change(Duration::from_millis(300))
            .await
            .is_none()
    );

    // Comments: members see them;
    // visitors who are not signed in do not.
    let card: Value = client
        .get(format!("{base}/api/v1/cards/{card_id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(card["comments"][0]["author"], "Test User");
    let public: Value = client
        .get(format!("{base}/api/v1/cards/{card_id}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["comments"], json!([]));
    let empty = client
        .post(format!("{base}/api/v1/cards/{card_id}/comments"))
        .bearer_auth(&token)
        .json(&json!({ "body": "   " }))
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let anonymous = client
        .post(format!("{base}/api/v1/cards/{card_id}/comments"))
        .json(&json!({ "body": "hello" }))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

db_test!(a_page_follows_only_what_concerns_it);
async fn a_page_follows_only_what_concerns_it(db: &TestDb) {
    let addr = start(db).await;
    let base = format!("http://{addr}");
    let token = token_for(db, "member@example.org", Role::Member).await;
    let client = crate::support::client();
    let mine = create_card(&client, &base, &token, "How do we follow one card?").await;
    let mine_id = mine["id"].as_str().unwrap().to_owned();
    let other = create_card(&client, &base, &token, "How do we ignore the others?").await;
    let other_id = other["id"].as_str().unwrap().to_owned();
    // A card's page follows its card; an unknown address is refused, not followed.
    let mut card_feed = Stream::open(
        &client,
        &format!("{base}/api/v1/events?card={mine_id}"),
        None,
    )
    .await;
    let bad = client
        .get(format!("{base}/api/v1/events?card=not-a-card"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    let comment = |id: String| {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        async move {
            let res = client
                .post(format!("{base}/api/v1/cards/{id}/comments"))
                .bearer_auth(&token)
                .json(&json!({ "body": "Noted." }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::CREATED);
        }
    };
    comment(other_id.clone()).await;
    comment(mine_id.clone()).await;
    let (first_id, first) = card_feed.next_change(WAIT).await.expect("my card's change");
    assert_eq!(
        (&first["kind"], &first["card_id"]),
        (&json!("commented"), &json!(mine_id))
    );
    assert!(
        card_feed
            .next_change(Duration::from_millis(300))
            .await
            .is_none(),
        "another card's change reached this card's page"
    );

    // Resuming replays only what concerns the card too.
    comment(other_id.clone()).await;
    comment(mine_id.clone()).await;
    let mut resumed = Stream::open(
        &client,
        &format!("{base}/api/v1/events?card={mine_id}"),
        Some(first_id.as_str()),
    )
    .await;
    let (_, again) = resumed.next_change(WAIT).await.expect("the missed change");
    assert_eq!(again["card_id"], json!(mine_id));
    assert!(
        resumed
            .next_change(Duration::from_millis(300))
            .await
            .is_none()
    );

    // A meeting's page hears card changes too: its agenda shows cards.
    let meeting = uuid::Uuid::new_v4();
    let mut meeting_feed = Stream::open(
        &client,
        &format!("{base}/api/v1/events?meeting={meeting}"),
        None,
    )
    .await;
    comment(other_id).await;
    let (_, heard) = meeting_feed.next_change(WAIT).await.expect("a card change");
    assert_eq!(heard["kind"], "commented");
}

db_test!(a_long_history_shows_its_newest_part_and_all_on_request);
async fn a_long_history_shows_its_newest_part_and_all_on_request(db: &TestDb) {
    let addr = start(db).await;
    let base = format!("http://{addr}");
    let token = token_for(db, "member@example.org", Role::Member).await;
    let client = crate::support::client();
    let card = create_card(&client, &base, &token, "Which discussion never ends?").await;
    let card_id = card["id"].as_str().unwrap().to_owned();
    for n in 1..=55 {
        let res = client
            .post(format!("{base}/api/v1/cards/{card_id}/comments"))
            .bearer_auth(&token)
            .json(&json!({ "body": format!("Comment number {n}.") }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let comment: Value = res.json().await.unwrap();
        assert_eq!(comment["body"], format!("Comment number {n}."));
    }
    let get = |path: String, member: bool| {
        let mut request = client.get(format!("{base}{path}"));
        if member {
            request = request.bearer_auth(&token);
        }
        async move {
            let res = request.send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res
        }
    };
    let bodies = |card: &Value| -> Vec<String> {
        card["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["body"].as_str().unwrap().to_owned())
            .collect()
    };

    // By default: the newest 50 comments (oldest of them first) and activity entries
    // (newest first), with how many there are in all.
    let recent: Value = get(format!("/api/v1/cards/{card_id}"), true)
        .await
        .json()
        .await
        .unwrap();
    let shown = bodies(&recent);
    assert_eq!(shown.len(), 50);
    assert_eq!(shown[0], "Comment number 6.");
    assert_eq!(shown[49], "Comment number 55.");
    assert_eq!(recent["comments_total"], 55);
    // Created, then 55 comments.
    assert_eq!(recent["activity"].as_array().unwrap().len(), 50);
    assert_eq!(recent["activity_total"], 56);
    assert_eq!(recent["activity"][0]["kind"], "commented");

    // `?history=all`: every one.
    let full: Value = get(format!("/api/v1/cards/{card_id}?history=all"), true)
        .await
        .json()
        .await
        .unwrap();
    let all = bodies(&full);
    assert_eq!(all.len(), 55);
    assert_eq!(all[0], "Comment number 1.");
    assert_eq!(full["comments_total"], 55);
    let activity = full["activity"].as_array().unwrap();
    assert_eq!(activity.len(), 56);
    assert_eq!(activity[55]["kind"], "created");

    // Visitors get no comments, nor their number.
    let public: Value = get(format!("/api/v1/cards/{card_id}"), false)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["comments"], json!([]));
    assert_eq!(public["comments_total"], 0);
    assert_eq!(public["activity_total"], 56);

    // The page: the newest 50 entries, a note that says so with the link to all of them,
    // and the line on how the card entered its stage, older than the entries shown.
    let page = get(format!("/cards/{card_id}"), false)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        page.matches("class=\"activity-item\"").count(),
        50,
        "{page}"
    );
    assert!(
        page.contains("Showing the newest 50 of 56 entries."),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "href=\"/cards/{card_id}?history=all#activity-heading\""
        )),
        "{page}"
    );
    assert!(page.contains("judged under workflow version 1"), "{page}");
    let whole = get(format!("/cards/{card_id}?history=all"), false)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(whole.matches("class=\"activity-item\"").count(), 56);
    assert!(!whole.contains("Showing the newest"));
}

/// Two `ispo-board` servers on one PostgreSQL database, as behind a load balancer: a change
/// made through one reaches a page following the other.
mod two_processes {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        let db = TestDb::postgres().await;
        let first = start_with(config(&db)).await;
        let second = start_with(config(&db)).await;
        assert_ne!(first, second);
        let token = token_for(&db, "member@example.org", Role::Member).await;
        let client = crate::support::client();
        let mut on_second =
            Stream::open(&client, &format!("http://{second}/api/v1/events"), None).await;
        // Let the second server's listener settle.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let started = std::time::Instant::now();
        let card = create_card(
            &client,
            &format!("http://{first}"),
            &token,
            "How do two servers agree?",
        )
        .await;
        let (_, event) = on_second
            .next_change(WAIT)
            .await
            .expect("the change made through the first server");
        assert_eq!(event["card_id"], card["id"]);
        assert_eq!(event["kind"], "created");
        let elapsed = started.elapsed();
        assert!(elapsed < WAIT, "took {elapsed:?}");
        db.finish().await;
    }
}

db_test!(streams_are_bounded_and_end_in_time);
async fn streams_are_bounded_and_end_in_time(db: &TestDb) {
    let mut settings = config(db);
    settings.stream_lifetime = Duration::from_secs(1);
    let listener = server::bind(settings.addr).await.unwrap();
    let server = server::launch(&settings, listener).await.unwrap();
    let addr = server.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run_until(async {
        let _ = stopped.await;
    }));
    let base = format!("http://{addr}");
    let token = token_for(db, "member@example.org", Role::Member).await;
    let client = crate::support::client();

    // A `Last-Event-ID` from the future (a restored database): the page is told to reload.
    let mut future = Stream::open(&client, &format!("{base}/api/v1/events"), Some("999999")).await;
    let first = future.next(WAIT).await.expect("an event");
    assert_eq!(first.event.as_deref(), Some("resync"));
    // …and then hears new changes.
    create_card(&client, &base, &token, "Heard after a resync?").await;
    let (_, change) = future.next_change(WAIT).await.expect("a change");
    assert_eq!(change["kind"], "created");

    // A stream lives its lifetime, then ends (the browser reconnects and resumes).
    let started = tokio::time::Instant::now();
    let mut short = Stream::open(&client, &format!("{base}/api/v1/events"), None).await;
    assert!(short.next(Duration::from_secs(10)).await.is_none());
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "the stream did not end: {:?}",
        started.elapsed()
    );
    drop(future);
    drop(short);

    // One client holds at most its share of streams; beyond, 503 with the JSON error.
    let mut held = Vec::new();
    for _ in 0..server::live::MAX_STREAMS_PER_CLIENT {
        held.push(Stream::open(&client, &format!("{base}/api/v1/events?after=0"), None).await);
    }
    let refused = client
        .get(format!("{base}/api/v1/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "busy");

    // Shutting down with streams open takes no more than two seconds.
    let asked = tokio::time::Instant::now();
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(2), running)
        .await
        .expect("the server stopped within 2 s")
        .unwrap()
        .unwrap();
    assert!(asked.elapsed() <= Duration::from_secs(2));
    drop(held);
}
