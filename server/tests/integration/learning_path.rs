//! The InnerSource Learning Path import, on SQLite and PostgreSQL, from the trimmed
//! checkout in `../shared/data/innersource-learning-path/` (commit 8fc38b7, 2026-06-23),
//! checked against the independent extraction `learning-path-sample.json`; a re-run
//! changes nothing.

use std::collections::BTreeSet;

use app::service::{learning_path, transfer};

use crate::patterns::shared_data;
use app::service::progress::Quiet;

use crate::support::{TestDb, db_test};

db_test!(the_learning_path_imports_its_videos);
async fn the_learning_path_imports_its_videos(db: &TestDb) {
    let (Some(dir), Some(sample)) = (
        shared_data("innersource-learning-path"),
        shared_data("learning-path-sample.json"),
    ) else {
        return;
    };
    let conn = server::prepare_database(&db.url).await.unwrap();
    let sections = learning_path::read_checkout(&dir).unwrap();
    let report = learning_path::import(&conn, &sections, false, &Quiet)
        .await
        .unwrap();
    // Introduction 9 segments (7 with a video), Trusted Committer 8, Product Owner 6,
    // Contributor 6, Project Leader 6 (no video yet).
    assert_eq!(report.sections, 5);
    assert_eq!(report.segments, 35);
    assert_eq!(report.videos, 27);
    assert_eq!(report.new_videos.len(), 27);
    assert_eq!(report.challenges_created, 4);
    assert_eq!(report.without_video, vec!["project-leader".to_owned()]);
    // Each card has solutions and no adoption: proposed.
    assert_eq!(report.moves, 4);

    // The same videos, titles and links as the independent extraction.
    let hand: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    let theirs: BTreeSet<(String, String)> = hand
        .iter()
        .filter_map(|s| {
            Some((
                s["title"].as_str()?.to_owned(),
                s["youtube"].as_str()?.to_owned(),
            ))
        })
        .collect();
    let doc = transfer::export(&conn).await.unwrap();
    let ours: BTreeSet<(String, String)> = doc
        .solutions
        .iter()
        .map(|s| (s.title.clone(), s.url.clone().unwrap_or_default()))
        .collect();
    assert_eq!(ours, theirs);
    assert!(doc.solutions.iter().all(|s| s.kind == "video"
        && s.landed_in.as_deref() == Some(learning_path::LANDED_IN)
        && !s.summary.is_empty()));
    let owners = doc
        .cards
        .iter()
        .find(|c| c.title.contains("product owners"))
        .unwrap();
    assert_eq!(owners.stage, "proposed");
    assert!(owners.tags.contains(&"managers".to_owned()));
    assert!(!owners.tags.contains(&"engineers".to_owned()));
    let intro = doc
        .cards
        .iter()
        .find(|c| c.title.contains("new to it"))
        .unwrap();
    assert!(
        ["engineers", "managers", "senior-leaders", "ispo-staff"]
            .iter()
            .all(|t| intro.tags.contains(&(*t).to_owned()))
    );

    // Again: nothing new, nothing changed.
    let again = learning_path::import(&conn, &sections, false, &Quiet)
        .await
        .unwrap();
    assert!(again.new_videos.is_empty() && again.updated_videos.is_empty());
    assert_eq!((again.challenges_created, again.moves), (0, 0));
    assert_eq!(
        serde_json::to_value(transfer::export(&conn).await.unwrap()).unwrap(),
        serde_json::to_value(&doc).unwrap()
    );
    conn.close().await.ok();
}
