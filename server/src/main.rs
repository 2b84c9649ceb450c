//! The `ispo-board` command: serve the board (default), apply migrations, or load the
//! demo board.

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
        Command::SeedDemo => {
            let db = server::prepare_database(&config.database_url).await?;
            match app::store::demo::seed(&db).await? {
                app::store::demo::SeedOutcome::Seeded { cards } => {
                    println!("Loaded the demo board: {cards} cards.");
                }
                app::store::demo::SeedOutcome::Skipped { existing_cards } => {
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
