//! The public catalogue on SQLite and PostgreSQL: ranking, filters, pagination, the index
//! kept current by every change, anonymised companies never shown in public, similar
//! challenges; over HTTP the search API, the pages, the Atom feed and the sitemap.

use app::domain::catalog::StageMatches;
use app::domain::{
    AdoptionStatus, CardId, CardTitle, CatalogQuery, CatalogResults, CompanyName, Description,
    SolutionId, SolutionKind, TagName,
};
use app::service::changes::Write;
use app::service::{cards, companies};
use app::store;
use app::store::adoptions::NewAdoption;
use app::store::cards::{CardEdit, NewCard};
use app::store::companies::NewCompany;
use app::store::solutions::NewSolution;
use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::http::start;
use crate::support::{TestDb, db_test};

/// The one company of the demo board that may not be named.
const HIDDEN: &str = "Northwind Bank";

async fn seeded(db: &TestDb) -> DatabaseConnection {
    let conn = server::prepare_database(&db.url).await.unwrap();
    app::service::demo::seed(&conn).await.unwrap();
    conn
}

async fn search(conn: &DatabaseConnection, query: &str) -> CatalogResults {
    let (query, errors) = CatalogQuery::from_query_string(query);
    assert!(errors.is_empty(), "{errors:?}");
    app::service::catalog::search(conn, &query).await.unwrap().0
}

fn titles(results: &CatalogResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.title.as_str()).collect()
}

/// Adds a card in the first stage with one solution; returns the card's and solution's ids.
async fn add_card(
    conn: &DatabaseConnection,
    title: &str,
    description: &str,
    tags: &[&str],
    solution: Option<(&str, &str)>,
) -> (CardId, Option<SolutionId>) {
    let w = Write::begin(conn, Some("tester")).await.unwrap();
    let new = NewCard {
        title: CardTitle::parse(title).unwrap(),
        description: Description::parse(description).unwrap(),
        tags: tags.iter().map(|t| TagName::parse(t).unwrap()).collect(),
    };
    let card = cards::create_card_in(&w, &new).await.unwrap();
    let solution_id = match solution {
        Some((title, summary)) => Some(
            cards::add_solution_in(
                &w,
                card,
                &NewSolution {
                    title: CardTitle::parse(title).unwrap(),
                    kind: SolutionKind::Article,
                    summary: Description::parse(summary).unwrap(),
                    url: None,
                    landed_in: None,
                },
            )
            .await
            .unwrap(),
        ),
        None => None,
    };
    w.commit().await.unwrap();
    (card, solution_id)
}

db_test!(the_catalogue_ranks_filters_and_pages);
async fn the_catalogue_ranks_filters_and_pages(db: &TestDb) {
    let conn = seeded(db).await;

    // By default: the validated solutions only, newest first.
    let all = search(&conn, "").await;
    assert_eq!(all.total, 3, "{:?}", titles(&all));
    assert!(all.hits.iter().all(|h| h.stage == "validated"));
    assert!(
        all.hits
            .windows(2)
            .all(|w| w[0].stage_since >= w[1].stage_since)
    );

    // Words: stemmed and prefixed, every word must match, common words ignored.
    let found = search(&conn, "q=How+do+we+start+an+ISPO").await;
    assert_eq!(titles(&found), ["ISPO starter kit"]);
    assert_eq!(found.terms, ["start", "ispo"]);
    let found = search(&conn, "q=agreements+sharing").await;
    assert_eq!(
        titles(&found),
        ["Inter-company code sharing agreement template"]
    );
    // No solution holds both words: those holding one of them are offered, marked so.
    let loose = search(&conn, "q=ispo+dashboard").await;
    assert!(loose.partial, "{:?}", titles(&loose));
    assert!(titles(&loose).contains(&"ISPO starter kit"));
    assert!(!search(&conn, "q=ispo").await.partial);
    // Tags and the names of companies that may be named are searched too.
    assert_eq!(titles(&search(&conn, "q=legal").await).len(), 1);
    assert_eq!(
        titles(&search(&conn, "q=Globex").await),
        ["Maturity model checklist"]
    );
    // Query syntax of either database is just text.
    let tricky = search(&conn, "q=%22ispo%22+OR+*+%26+!+NEAR(").await;
    assert_eq!(tricky.terms, ["ispo", "near"]);
    let plain = search(&conn, "q=ispo").await;
    assert!(plain.total >= 1);
    assert_eq!(
        search(&conn, "q=%22ispo%22+OR+*+%26+!").await.total,
        plain.total
    );

    // Relevance: a match in a title ranks above a match in a summary.
    let stage_any = "stage=any&q=zebra";
    add_card(
        &conn,
        "How do we keep reviews moving?",
        "Reviews stall.",
        &[],
        Some((
            "Review rota",
            "A rota, first tried by the zebra team, that keeps reviews moving.",
        )),
    )
    .await;
    add_card(
        &conn,
        "How do we name things?",
        "Naming is hard.",
        &[],
        Some(("Zebra naming guide", "A guide to naming.")),
    )
    .await;
    let ranked = search(&conn, stage_any).await;
    assert_eq!(titles(&ranked), ["Zebra naming guide", "Review rota"]);
    // ...unless another order is asked for.
    let newest = search(&conn, &format!("{stage_any}&sort=newest")).await;
    assert_eq!(titles(&newest), ["Zebra naming guide", "Review rota"]);
    let adopted = search(&conn, "stage=any&sort=adopted").await;
    let counts: Vec<u32> = adopted.hits.iter().map(|h| h.adopter_count).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(counts[0], 3);

    // Filters.
    let at_least_two = search(&conn, "min_companies=2").await;
    assert_eq!(at_least_two.total, 3);
    let three = search(&conn, "min_companies=3").await;
    assert_eq!(titles(&three), ["ISPO starter kit"]);
    let senior = search(&conn, "audience=senior-leaders&stage=any").await;
    assert!(!senior.hits.is_empty());
    assert!(
        senior
            .hits
            .iter()
            .all(|h| h.tags.contains(&"senior-leaders".to_owned()))
    );
    let metrics = search(&conn, "tag=metrics").await;
    assert_eq!(titles(&metrics), ["Maturity model checklist"]);
    let videos = search(&conn, "kind=video&stage=any").await;
    assert_eq!(titles(&videos), ["Introduction to InnerSource video"]);
    let external = search(&conn, "stage=external").await;
    assert_eq!(external.total, 3);
    assert!(external.hits.iter().all(|h| h.stage == "external"));
    assert_eq!(search(&conn, "stage=nowhere").await.total, 0);

    // Pages of 20, with the total over all pages.
    for i in 0..25 {
        add_card(
            &conn,
            &format!("Paging challenge number {i}?"),
            "",
            &["paging"],
            Some((&format!("Paging answer {i}"), "One of many.")),
        )
        .await;
    }
    let first = search(&conn, "stage=any&tag=paging").await;
    assert_eq!((first.total, first.hits.len(), first.pages()), (25, 20, 2));
    let second = search(&conn, "stage=any&tag=paging&page=2").await;
    assert_eq!((second.total, second.hits.len()), (25, 5));
    let beyond = search(&conn, "stage=any&tag=paging&page=9").await;
    assert_eq!((beyond.total, beyond.hits.len()), (25, 0));
    let mut seen: Vec<&str> = titles(&first);
    seen.extend(titles(&second));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25, "pages overlap");
    conn.close().await.unwrap();
}

db_test!(the_index_follows_every_change);
async fn the_index_follows_every_change(db: &TestDb) {
    let conn = seeded(db).await;
    let (card, solution) = add_card(
        &conn,
        "How do we plan quarterly?",
        "",
        &[],
        Some(("Planning poker deck", "Cards for estimating.")),
    )
    .await;
    let solution = solution.unwrap();
    assert_eq!(search(&conn, "stage=any&q=poker").await.total, 1);

    // An edit of the card: new words are found, old ones are not.
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    let version = store::cards::find(w.txn(), card.uuid())
        .await
        .unwrap()
        .version;
    cards::edit_card_in(
        &w,
        card,
        version,
        &CardEdit {
            title: Some(CardTitle::parse("How do we forecast capacity?").unwrap()),
            description: None,
            tags: Some(vec![TagName::parse("planning").unwrap()]),
        },
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    assert_eq!(search(&conn, "stage=any&q=forecast").await.total, 1);
    assert_eq!(search(&conn, "stage=any&q=quarterly").await.total, 0);
    assert_eq!(search(&conn, "stage=any&tag=planning").await.total, 1);

    // An edit of the solution.
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    cards::update_solution_in(
        &w,
        solution,
        &NewSolution {
            title: CardTitle::parse("Capacity forecasting spreadsheet").unwrap(),
            kind: SolutionKind::Template,
            summary: Description::parse("Rows per team.").unwrap(),
            url: None,
            landed_in: None,
        },
        None,
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    assert_eq!(search(&conn, "stage=any&q=poker").await.total, 0);
    let found = search(&conn, "stage=any&q=spreadsheet&kind=template").await;
    assert_eq!(titles(&found), ["Capacity forecasting spreadsheet"]);
    // The address stays the same when the title changes.
    let slug = found.hits[0].slug.clone();
    assert_eq!(slug, "planning-poker-deck");

    // Adoptions, and renaming a company, show up at once.
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    let company = companies::create_in(
        &w,
        &NewCompany {
            name: CompanyName::parse("Hooli").unwrap(),
            public: true,
            descriptor: "a search company".into(),
        },
    )
    .await
    .unwrap();
    companies::add_adoption_in(
        &w,
        solution,
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
    w.commit().await.unwrap();
    let found = search(&conn, "stage=any&q=hooli").await;
    assert_eq!(found.hits[0].adopters, ["Hooli"]);
    assert_eq!(found.hits[0].adopter_count, 1);
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    companies::update_in(
        &w,
        company,
        &NewCompany {
            name: CompanyName::parse("Hooli XYZ").unwrap(),
            public: false,
            descriptor: "a search company".into(),
        },
        None,
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    // No longer named: its name is not searchable and not shown.
    assert_eq!(search(&conn, "stage=any&q=hooli").await.total, 0);
    let found = search(&conn, "stage=any&q=spreadsheet").await;
    assert_eq!(found.hits[0].adopters, ["a search company"]);

    // A move out of the last stage leaves the default list; archiving leaves every list.
    let starter = search(&conn, "q=starter+kit").await.hits[0].clone();
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    let version = store::cards::find(w.txn(), starter.card_id)
        .await
        .unwrap()
        .version;
    cards::move_card_in(
        &w,
        CardId(starter.card_id),
        "external",
        version,
        "needs another look",
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
    let moved = search(&conn, "q=starter+kit").await;
    assert!(!titles(&moved).contains(&"ISPO starter kit"));
    assert!(moved.total == 0 || moved.partial);
    assert_eq!(
        moved.elsewhere,
        [StageMatches {
            stage: app::domain::StageKey::parse("external").unwrap(),
            count: 1,
            every_word: true
        }]
    );
    assert_eq!(search(&conn, "q=starter+kit&stage=external").await.total, 1);
    let w = Write::begin(&conn, Some("tester")).await.unwrap();
    let version = store::cards::find(w.txn(), card.uuid())
        .await
        .unwrap()
        .version;
    cards::archive_card_in(&w, card, version, "").await.unwrap();
    w.commit().await.unwrap();
    assert_eq!(search(&conn, "stage=any&q=spreadsheet").await.total, 0);
    assert!(
        app::service::catalog::solution_page(&conn, &slug)
            .await
            .is_err()
    );
    conn.close().await.unwrap();
}

db_test!(questions_and_other_stages_still_find_answers);
async fn questions_and_other_stages_still_find_answers(db: &TestDb) {
    let conn = seeded(db).await;

    // One word that only an earlier stage holds: nothing in Validated, and the count of
    // each stage that has it.
    let kpi = search(&conn, "q=kpi").await;
    assert_eq!(kpi.total, 0);
    assert!(!kpi.partial);
    assert_eq!(
        kpi.elsewhere,
        [StageMatches {
            stage: app::domain::StageKey::parse("proposed").unwrap(),
            count: 1,
            every_word: true
        }]
    );
    let there = search(&conn, "q=kpi&stage=proposed").await;
    assert_eq!(titles(&there), ["InnerSource KPI one-page dashboard"]);
    assert!(there.elsewhere.is_empty());

    // A question typed in full: no solution holds every word; those holding the most of
    // them come first, and the results say they are partial.
    let question = search(&conn, "q=How+do+I+present+KPIs+to+my+CEO%3F&stage=any").await;
    assert_eq!(question.terms, ["present", "kpis", "ceo"]);
    assert!(question.partial);
    assert_eq!(question.hits[0].title, "InnerSource KPI one-page dashboard");
    // In the default stage the other stages are counted too, by the words they hold.
    let default_stage = search(&conn, "q=How+do+I+present+KPIs+to+my+CEO%3F").await;
    assert!(
        default_stage
            .elsewhere
            .iter()
            .any(|m| m.stage == "proposed" && !m.every_word),
        "{:?}",
        default_stage.elsewhere
    );
    // Results that hold more of the words rank above those that hold fewer.
    let (_, _) = add_card(
        &conn,
        "How do we present to a CEO and report KPIs?",
        "",
        &[],
        Some(("CEO briefing on KPIs", "Present the KPIs in five minutes.")),
    )
    .await;
    let ranked = search(&conn, "q=present+kpis+ceo+budget&stage=any").await;
    assert!(ranked.partial);
    assert_eq!(ranked.hits[0].title, "CEO briefing on KPIs");
    assert_eq!(ranked.hits[1].title, "InnerSource KPI one-page dashboard");
    // Filters still apply to partial results.
    let videos = search(&conn, "q=present+kpis+ceo+budget&stage=any&kind=video").await;
    assert!(videos.hits.iter().all(|h| h.kind == SolutionKind::Video));

    // The descriptor of a company that may not be named is searchable; its name is not.
    let described = search(&conn, "q=financial+services&stage=any").await;
    assert!(!described.partial);
    assert!(described.total >= 1);
    assert!(described.hits.iter().all(|h| {
        h.adopters
            .contains(&"a large financial services company".to_owned())
    }));
    assert_eq!(search(&conn, "q=northwind&stage=any").await.total, 0);
    conn.close().await.unwrap();
}

db_test!(solution_pages_and_similar_challenges);
async fn solution_pages_and_similar_challenges(db: &TestDb) {
    let conn = seeded(db).await;
    let page = app::service::catalog::solution_page(&conn, "ispo-starter-kit")
        .await
        .unwrap();
    assert_eq!(page.hit.challenge, "How do we start an ISPO from scratch?");
    assert_eq!(page.stage_name, "Validated");
    assert!(page.validated_at.is_some());
    let companies: Vec<&str> = page.adoptions.iter().map(|a| a.company.as_str()).collect();
    assert_eq!(
        companies,
        [
            "Contoso Retail",
            "Initech Software",
            "a large financial services company"
        ]
    );
    assert!(page.adoptions[2].evidence_url.is_none());
    assert!(!page.related.is_empty());
    assert!(page.related.iter().all(|r| r.slug != "ispo-starter-kit"));
    let missing = app::service::catalog::solution_page(&conn, "no-such-solution").await;
    assert!(matches!(missing, Err(app::api::AppError::NotFound(_))));

    // A second solution with the same title gets its own address.
    let (_, _) = add_card(
        &conn,
        "How do we bootstrap a program office?",
        "",
        &[],
        Some(("ISPO starter kit", "Another kit.")),
    )
    .await;
    let found = search(&conn, "stage=any&q=another+kit").await;
    assert_eq!(found.hits[0].slug, "ispo-starter-kit-2");

    // Similar challenges for a title being written.
    let similar = app::service::catalog::similar(&conn, "How can we present our KPIs to leaders")
        .await
        .unwrap();
    assert!(!similar.is_empty());
    assert_eq!(similar[0].title, "How do I present InnerSource KPIs?");
    assert!(similar.len() <= 5);
    let ids: Vec<Uuid> = similar.iter().map(|s| s.card_id).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "one hint per card");
    assert!(
        app::service::catalog::similar(&conn, "how do we")
            .await
            .unwrap()
            .is_empty()
    );
    conn.close().await.unwrap();
}

// Everything a visitor who is not signed in can read: none of it names the hidden company.
db_test!(anonymised_companies_never_appear_in_public);
async fn anonymised_companies_never_appear_in_public(db: &TestDb) {
    let conn = seeded(db).await;
    let addr = start(db).await;
    let client = crate::support::client();
    let validated = search(&conn, "").await;
    let hidden_cards: Vec<Uuid> = validated.hits.iter().map(|h| h.card_id).collect();
    assert!(
        validated.hits.iter().any(|h| h
            .adopters
            .contains(&"a large financial services company".to_owned())),
        "the demo's hidden company adopts a validated solution"
    );
    let mut urls = vec![
        "/".to_owned(),
        "/catalog".to_owned(),
        "/catalog?stage=any&min_companies=1".to_owned(),
        "/catalog?q=northwind".to_owned(),
        "/feed.atom".to_owned(),
        "/sitemap.xml".to_owned(),
        "/api/v1/search?stage=any".to_owned(),
        "/api/v1/search?q=northwind+bank&stage=any".to_owned(),
        "/api/v1/board".to_owned(),
        "/api/v1/companies".to_owned(),
    ];
    for hit in &validated.hits {
        urls.push(format!("/solutions/{}", hit.slug));
    }
    for card in &hidden_cards {
        urls.push(format!("/cards/{card}"));
        urls.push(format!("/api/v1/cards/{card}"));
    }
    let hidden_id = store::companies::list(&conn)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.name == HIDDEN)
        .unwrap()
        .id
        .to_string();
    let mut described = false;
    for url in &urls {
        let res = client
            .get(format!("http://{addr}{url}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{url}");
        let body = res.text().await.unwrap();
        assert!(!body.contains(HIDDEN), "{url} names {HIDDEN}");
        // Nor its id, which would tie its adoptions together across cards.
        assert!(!body.contains(&hidden_id), "{url} shows the id of {HIDDEN}");
        assert!(!body.contains("Northwind"), "{url} names Northwind");
        if url.starts_with("/cards/") {
            described |= body.contains("a large financial services company");
        }
    }
    // The public card pages still show its adoptions, by its descriptor.
    assert!(described);
    // Signed-in members do see the name.
    let token = crate::http::token_for(db, "member@example.org", app::domain::Role::Member).await;
    let mut named = false;
    for card in &hidden_cards {
        let body = client
            .get(format!("http://{addr}/api/v1/cards/{card}"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        named |= body.contains(HIDDEN);
    }
    assert!(named, "members see the names of anonymised companies");
    conn.close().await.unwrap();
}

db_test!(search_api_feed_and_sitemap);
async fn search_api_feed_and_sitemap(db: &TestDb) {
    let conn = seeded(db).await;
    let addr = start(db).await;
    let client = crate::support::client();

    let res = client
        .get(format!(
            "http://{addr}/api/v1/search?q=maturity&kind=pattern&stage=validated&min_companies=2"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    let direct = search(
        &conn,
        "q=maturity&kind=pattern&stage=validated&min_companies=2",
    )
    .await;
    assert_eq!(body["total"], direct.total);
    assert_eq!(body["results"].as_array().unwrap().len(), direct.hits.len());
    let res = client
        .get(format!("http://{addr}/api/v1/search?q=maturity"))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["total"], 1);
    let hit = &body["results"][0];
    assert_eq!(hit["title"], "Maturity model checklist");
    assert_eq!(hit["url"], "/solutions/maturity-model-checklist");
    assert_eq!(hit["stage"], "validated");
    assert_eq!(hit["adopter_count"], 2);

    let bad = client
        .get(format!(
            "http://{addr}/api/v1/search?min_companies=many&kind=poem"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let body: serde_json::Value = bad.json().await.unwrap();
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("min_companies must be a whole number"),
        "{message}"
    );
    assert!(message.contains("kind must be one of"), "{message}");

    // The search form sends its empty fields too: the page answers with the short
    // address of the same search; a clean address is served as it is.
    let no_follow = crate::support::client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let res = no_follow
        .get(format!(
            "http://{addr}/catalog?q=maturity+model&kind=&audience=&tag=&stage=any&min_companies=&sort="
        ))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(
        res.headers()["location"],
        "/catalog?q=maturity+model&stage=any"
    );
    for clean in [
        "/catalog",
        "/catalog?q=maturity+model&stage=any",
        "/catalog?min_companies=x",
    ] {
        let res = no_follow
            .get(format!("http://{addr}{clean}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{clean}");
    }
    let page = no_follow
        .get(format!("http://{addr}/catalog?q=maturity+model&stage=any"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("<mark>Maturity</mark> <mark>model</mark> checklist"),
        "matched words are highlighted"
    );
    assert!(page.contains("<meta property=\"og:title\""));
    let missing = no_follow
        .get(format!("http://{addr}/solutions/no-such-solution"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // The feed: Atom, newest validated first, absolute links to solution pages.
    let res = client
        .get(format!("http://{addr}/feed.atom"))
        .header("host", "board.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let feed = res.text().await.unwrap();
    assert!(feed.starts_with("<?xml"));
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert_eq!(feed.matches("<entry>").count(), 3);
    for hit in &search(&conn, "").await.hits {
        assert!(
            feed.contains(&format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"http://board.example.org/solutions/{}\"/>",
                hit.slug
            )),
            "{}",
            hit.slug
        );
    }
    assert!(
        !feed.contains("Office hours playbook"),
        "only validated solutions"
    );
    // A title with markup gets a clean address, listed in the sitemap.
    add_card(
        &conn,
        "How do we <b>escape</b>?",
        "",
        &[],
        Some(("Tom & <Jerry>", "x")),
    )
    .await;
    let sitemap = client
        .get(format!("http://{addr}/sitemap.xml"))
        .header("host", "board.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(sitemap.status(), 200);
    assert!(
        sitemap.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let sitemap = sitemap.text().await.unwrap();
    assert!(sitemap.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert!(sitemap.contains("<loc>http://board.example.org/catalog</loc>"));
    assert!(sitemap.contains("<loc>http://board.example.org/solutions/tom-jerry</loc>"));
    let solutions = store::entities::solution::Entity::find()
        .all(&conn)
        .await
        .unwrap();
    for s in &solutions {
        let slug = s.slug.clone().unwrap();
        assert!(
            sitemap.contains(&format!("/solutions/{slug}</loc>")),
            "{slug}"
        );
    }
    let robots = client
        .get(format!("http://{addr}/robots.txt"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(robots.contains("Sitemap: http://"));
    conn.close().await.unwrap();
}

db_test!(start_up_indexes_a_database_from_before_the_catalogue);
async fn start_up_indexes_a_database_from_before_the_catalogue(db: &TestDb) {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let conn = seeded(db).await;
    // As a database migrated from before the catalogue looks: no entries, no slugs.
    store::entities::catalog_entry::Entity::delete_many()
        .exec(&conn)
        .await
        .unwrap();
    store::entities::solution::Entity::update_many()
        .col_expr(
            store::entities::solution::Column::Slug,
            Expr::value(Option::<String>::None),
        )
        .filter(store::entities::solution::Column::Title.eq("ISPO starter kit"))
        .exec(&conn)
        .await
        .unwrap();
    assert_eq!(search(&conn, "").await.total, 0);
    conn.close().await.unwrap();

    let conn = server::prepare_database(&db.url).await.unwrap();
    let all = search(&conn, "").await;
    assert_eq!(all.total, 3);
    assert!(titles(&all).contains(&"ISPO starter kit"));
    assert!(all.hits.iter().all(|h| !h.slug.is_empty()));
    assert!(
        app::service::catalog::solution_page(&conn, "ispo-starter-kit")
            .await
            .is_ok()
    );
    conn.close().await.unwrap();
}

db_test!(start_up_reindexes_an_index_of_an_older_format);
async fn start_up_reindexes_an_index_of_an_older_format(db: &TestDb) {
    use sea_orm::{ConnectionTrait, sea_query::Expr};
    let conn = seeded(db).await;
    assert!(search(&conn, "q=financial&stage=any").await.total >= 1);
    // As the index of the previous format looks: hidden companies' descriptors were not
    // indexed, and no format was recorded.
    store::entities::catalog_entry::Entity::update_many()
        .col_expr(
            store::entities::catalog_entry::Column::Companies,
            Expr::value(""),
        )
        .exec(&conn)
        .await
        .unwrap();
    conn.execute_unprepared("DELETE FROM app_settings")
        .await
        .unwrap();
    assert_eq!(search(&conn, "q=financial&stage=any").await.total, 0);
    conn.close().await.unwrap();

    let conn = server::prepare_database(&db.url).await.unwrap();
    let found = search(&conn, "q=financial&stage=any").await;
    assert!(found.total >= 1 && !found.partial);
    assert_eq!(
        store::settings::get(&conn, "catalog_index_format")
            .await
            .unwrap()
            .as_deref(),
        Some("2")
    );
    conn.close().await.unwrap();
}
