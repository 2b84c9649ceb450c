//! The command line: start-up failures end with one clear line, and the demo seed is
//! idempotent.

use std::process::Command;

use crate::support::{TestDb, db_test};

pub(crate) fn ispo_board(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ispo-board"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "off")
        .output()
        .expect("run ispo-board")
}

pub(crate) fn single_line_error(output: &std::process::Output) -> String {
    assert!(!output.status.success(), "expected failure");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line expected, got:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_bad_database_url_is_one_clear_line() {
    let output = ispo_board("mysql://localhost/ispo", &["migrate"]);
    let line = single_line_error(&output);
    assert!(
        line.contains("DATABASE_URL must start with sqlite:"),
        "{line}"
    );
}

#[test]
fn an_unreachable_database_is_one_clear_line() {
    let output = ispo_board("postgres://postgres:hunter2@127.0.0.1:1/ispo", &["migrate"]);
    let line = single_line_error(&output);
    assert!(line.contains("cannot connect to the database"), "{line}");
    assert!(!line.contains("hunter2"), "the password leaked: {line}");
}

db_test!(seed_demo_fills_once);
async fn seed_demo_fills_once(db: &TestDb) {
    let url = db.url.clone();
    let (first, second) = tokio::task::spawn_blocking(move || {
        (
            ispo_board(&url, &["seed-demo"]),
            ispo_board(&url, &["seed-demo"]),
        )
    })
    .await
    .unwrap();
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stdout).contains("Loaded the demo board"));
    assert!(second.status.success(), "{second:?}");
    assert!(String::from_utf8_lossy(&second.stdout).contains("only loaded into an empty database"));
}
