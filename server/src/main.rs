//! The `ispo-board` command: serve the board (default), apply migrations, load the demo
//! board, manage accounts and tokens, print the API's OpenAPI document, export and import
//! the whole board, or back up a SQLite database.

// Leptos view types nest deeply; the server renders them all.
#![recursion_limit = "512"]

use clap::{Parser, Subcommand};
use server::{Config, config::redact_url};

#[derive(Parser)]
#[command(
    name = "ispo-board",
    version,
    about = "The ISPO working group's Kanban board"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Fill an empty database with a demo board (does nothing if cards exist).
    SeedDemo,
    /// Manage accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Manage API tokens for scripts.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Print the JSON API's OpenAPI 3.1 document (also served at /api/v1/openapi.json).
    Openapi,
    /// Write every record of the board as one JSON document (see the README's export
    /// format) to standard output, or to a file.
    Export {
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
    },
    /// Load an export into an empty database, in one transaction: a file that is not
    /// right is refused, naming the record, and nothing changes.
    Import {
        /// The export file (`-` for standard input).
        file: std::path::PathBuf,
        /// Check that the file would load, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import the InnerSource Patterns book from a checkout of its repository: patterns
    /// as solutions, their known instances as adoptions; a re-run updates in place.
    ImportPatterns {
        /// The checkout (holding `patterns/` and `pattern-categorization/`).
        dir: std::path::PathBuf,
        /// Also list what could not be read with confidence (left out, not guessed).
        #[arg(long)]
        review: bool,
        /// Show what the import would do, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import the group's GitHub Projects board from what `gh project item-list NUMBER
    /// --owner ORG --format json --limit 1000` prints; importing it again updates cards.
    ImportGithub {
        /// The JSON file (`-` for standard input).
        file: std::path::PathBuf,
        /// A status and the stage it means, e.g. --map "In Progress=proposed" (repeatable).
        #[arg(long = "map", value_name = "STATUS=STAGE")]
        map: Vec<String>,
        /// Show what the import would do, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import the InnerSource Learning Path's videos from a checkout of its repository:
    /// one challenge per section, one video solution per segment; a re-run updates in place.
    ImportLearningPath {
        /// The checkout (holding `config/urls.yaml` and the section folders).
        dir: std::path::PathBuf,
        /// Show what the import would do, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Copy the live SQLite database to a new file while the server keeps serving.
    Backup {
        /// Where the copy goes; must not exist yet.
        file: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an account (by default an admin). The password is read from standard input
    /// (one line), or asked for on a terminal; never from the command line.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "admin")]
        role: String,
    },
    /// Set an account's password (an imported account has none), read like `create`'s.
    /// Its sessions and API tokens end.
    SetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for an account and print it (shown only once).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "automation")]
        name: String,
    },
}

/// Accounts `seed-demo` creates in an empty database, so the demo can be tried at once.
const DEMO_ACCOUNTS: &[(&str, &str, &str, app::domain::Role)] = &[
    (
        "admin@demo.invalid",
        "Demo Admin",
        "demo admin password",
        app::domain::Role::Admin,
    ),
    (
        "member@demo.invalid",
        "Demo Member",
        "demo member password",
        app::domain::Role::Member,
    ),
];

/// Reads a password: a prompt on a terminal, one line from a pipe.
fn read_password() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (at least 12 characters): ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(
        !password.is_empty(),
        "no password was given on standard input"
    );
    Ok(password)
}

/// The text of an input file, or of standard input for `-`.
fn read_input(file: &std::path::Path) -> anyhow::Result<String> {
    if file.as_os_str() == "-" {
        Ok(std::io::read_to_string(std::io::stdin())?)
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))
    }
}

/// What a Patterns import did, for people.
fn print_patterns_report(report: &app::service::patterns::Report, review: bool, dry_run: bool) {
    if dry_run {
        println!("Dry run, nothing changed. The import would do this:");
    }
    println!(
        "{} patterns ({} donuts); {} known instances ({} anonymised); {} to review.",
        report.patterns,
        report.donuts,
        report.instances,
        report.anonymised,
        report.review.len()
    );
    println!(
        "New: {} patterns, {} challenges, {} companies, {} known instances; {} level \
         changes; {} moves.",
        report.new_patterns.len(),
        report.challenges_created,
        report.new_companies.len(),
        report.new_instances.len(),
        report.level_changes.len(),
        report.moves
    );
    for (title, from, to) in &report.level_changes {
        println!("  level: {title}: {from} \u{2192} {to}");
    }
    if report.new_instances.len() <= 40 {
        for (pattern, company) in &report.new_instances {
            println!("  known instance: {company} \u{2014} {pattern}");
        }
    }
    let stages: Vec<String> = report
        .by_stage
        .iter()
        .map(|(stage, n)| format!("{stage} {n}"))
        .collect();
    println!("Imported challenges by stage: {}.", stages.join(", "));
    if review {
        println!("To review (not imported):");
        for (file, what) in &report.review {
            println!("  {file}: {what}");
        }
    }
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    server::telemetry::init();
    if let Err(err) = run(cli).await {
        eprintln!("ispo-board: {err:#}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let listener = server::bind(config.addr).await?;
            let server = server::launch(&config, listener).await?;
            tracing::info!(
                database = %redact_url(&config.database_url),
                "ispo-board listening on http://{}",
                config.addr
            );
            server.run_until_stopped().await?;
        }
        Command::Migrate => {
            server::prepare_database(&config.database_url).await?;
            println!(
                "The database at {} is up to date.",
                redact_url(&config.database_url)
            );
        }
        Command::Admin {
            command: AdminCommand::Create { email, name, role },
        } => {
            let role = app::domain::Role::parse(&role)?;
            let password = read_password()?;
            let state = server::cli_state(&config).await?;
            let account =
                app::service::accounts::create_account(&state, &email, &name, &password, role)
                    .await?;
            println!(
                "Created {} ({}) as {}.",
                account.name,
                account.email,
                account.role.key()
            );
        }
        Command::Admin {
            command: AdminCommand::SetPassword { email },
        } => {
            let password = read_password()?;
            let state = server::cli_state(&config).await?;
            let account =
                app::service::accounts::set_password_for(&state, &email, &password).await?;
            println!("Set the password of {} ({}).", account.name, account.email);
        }
        Command::Export { output } => {
            let state = server::cli_state(&config).await?;
            let doc = app::service::transfer::export(&state.db).await?;
            let text = app::service::transfer::to_json(&doc);
            match output {
                Some(path) => {
                    std::fs::write(&path, text)
                        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                    eprintln!("Exported {} cards to {}.", doc.cards.len(), path.display());
                }
                None => {
                    use std::io::Write;
                    std::io::stdout().lock().write_all(text.as_bytes())?;
                }
            }
        }
        Command::Import { file, dry_run } => {
            let text = read_input(&file)?;
            let doc = app::service::transfer::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} was not imported: {e}", file.display()))?;
            let state = server::cli_state(&config).await?;
            let imported = app::service::transfer::import(&state.db, doc, dry_run)
                .await
                .map_err(|e| anyhow::anyhow!("{} was not imported: {e}", file.display()))?;
            if dry_run {
                println!("Dry run, nothing changed. The file would load: {imported}.");
            } else {
                println!("Imported {imported}.");
                if imported.accounts > 0 {
                    println!(
                        "Accounts have no password after an import: set one with \
                         `ispo-board admin set-password --email …`."
                    );
                }
            }
        }
        Command::ImportPatterns {
            dir,
            review,
            dry_run,
        } => {
            let checkout = app::service::patterns::read_checkout(&dir)?;
            let state = server::cli_state(&config).await?;
            let report = app::service::patterns::import(
                &state.db,
                &checkout,
                dry_run,
                &server::progress::Terminal::new(),
            )
            .await?;
            print_patterns_report(&report, review, dry_run);
        }
        Command::ImportGithub { file, map, dry_run } => {
            let text = read_input(&file)?;
            let items = app::service::github::parse(&text)
                .map_err(|e| anyhow::anyhow!("{} was not imported: {e}", file.display()))?;
            let map = app::service::github::parse_map(&map)?;
            let state = server::cli_state(&config).await?;
            let report = app::service::github::import(
                &state.db,
                &items,
                &map,
                dry_run,
                &server::progress::Terminal::new(),
            )
            .await?;
            if dry_run {
                println!("Dry run, nothing changed. The import would do this:");
            }
            println!(
                "{} items: {} imported, {} updated, {} unchanged.",
                items.len(),
                report.imported.len(),
                report.updated.len(),
                report.unchanged.len()
            );
            for (title, status) in &report.unmapped {
                match status {
                    Some(status) => println!(
                        "  skipped its status: \u{201c}{title}\u{201d} has status \u{201c}{status}\u{201d}, which names no stage (it stays in the first stage; use --map)"
                    ),
                    None => {
                        println!("  no status: \u{201c}{title}\u{201d} stays in the first stage")
                    }
                }
            }
            for (title, wanted, reached) in &report.held_back {
                println!(
                    "  held back: \u{201c}{title}\u{201d} is in {reached}, not {wanted}: its evidence does not meet the gate"
                );
            }
        }
        Command::ImportLearningPath { dir, dry_run } => {
            let sections = app::service::learning_path::read_checkout(&dir)?;
            let state = server::cli_state(&config).await?;
            let report = app::service::learning_path::import(
                &state.db,
                &sections,
                dry_run,
                &server::progress::Terminal::new(),
            )
            .await?;
            if dry_run {
                println!("Dry run, nothing changed. The import would do this:");
            }
            println!(
                "{} sections, {} segments, {} with a video; new: {} videos, {} challenges; \
                 updated: {} videos; {} moves.",
                report.sections,
                report.segments,
                report.videos,
                report.new_videos.len(),
                report.challenges_created,
                report.updated_videos.len(),
                report.moves
            );
            if !report.without_video.is_empty() {
                println!(
                    "Sections without any video (not imported): {}.",
                    report.without_video.join(", ")
                );
            }
        }
        Command::Backup { file } => {
            let state = server::cli_state(&config).await?;
            app::service::maintenance::backup(&state.db, &file).await?;
            println!("Copied the database to {}.", file.display());
        }
        Command::Token {
            command: TokenCommand::Create { email, name },
        } => {
            let state = server::cli_state(&config).await?;
            let token = app::service::accounts::create_token_for(&state, &email, &name).await?;
            println!("{token}");
        }
        Command::Openapi => {
            println!("{}", server::rest::openapi().to_pretty_json()?);
        }
        Command::SeedDemo => {
            let state = server::cli_state(&config).await?;
            match app::service::demo::seed(&state.db).await? {
                app::service::demo::SeedOutcome::Seeded { cards } => {
                    println!("Loaded the demo board: {cards} cards.");
                    if app::store::accounts::count(&state.db).await? == 0 {
                        println!(
                            "Demo accounts (for trying the board out; change or remove them before real use):"
                        );
                        for (email, name, password, role) in DEMO_ACCOUNTS {
                            app::service::accounts::create_account(
                                &state, email, name, password, *role,
                            )
                            .await?;
                            println!("  {email} / {password} ({})", role.key());
                        }
                    }
                }
                app::service::demo::SeedOutcome::Skipped { existing_cards } => {
                    println!(
                        "The database already has {existing_cards} cards; the demo board is \
                         only loaded into an empty database."
                    );
                }
            }
        }
    }
    Ok(())
}
