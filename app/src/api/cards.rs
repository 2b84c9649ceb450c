//! Server functions for cards, solutions, companies and adoptions. Each takes form-shaped
//! arguments (so the same function serves an `ActionForm` before WebAssembly loads) and
//! calls [`crate::service`].

use leptos::prelude::*;

use super::AppError;
use crate::contract::input::CardPage;
#[cfg(feature = "ssr")]
use crate::contract::input::{AdoptionInput, CompanyInput, SolutionInput};
use crate::domain::{CardState, Company};

#[cfg(feature = "ssr")]
fn db() -> Result<sea_orm::DatabaseConnection, AppError> {
    Ok(crate::state::app_state()?.db)
}

#[cfg(feature = "ssr")]
fn blank_to_none(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A solution's form fields as the service's input.
#[cfg(feature = "ssr")]
fn solution_input(
    title: String,
    kind: String,
    summary: Option<String>,
    url: Option<String>,
    landed_in: Option<String>,
) -> SolutionInput {
    SolutionInput {
        title,
        kind,
        summary: summary.unwrap_or_default(),
        url: blank_to_none(url),
        landed_in: blank_to_none(landed_in),
        version: None,
    }
}

/// A company's form fields as the service's input; `public` is a checkbox.
#[cfg(feature = "ssr")]
fn company_input(name: String, public: Option<String>, descriptor: Option<String>) -> CompanyInput {
    CompanyInput {
        name,
        public: public.is_some_and(|v| v == "on" || v == "true" || v == "1"),
        descriptor: descriptor.unwrap_or_default(),
        version: None,
    }
}

/// An adoption's form fields as the service's input.
#[cfg(feature = "ssr")]
fn adoption_input(
    company_id: &str,
    status: String,
    since: Option<String>,
    evidence_url: Option<String>,
    notes: Option<String>,
) -> Result<AdoptionInput, AppError> {
    if company_id.trim().is_empty() {
        return Err(AppError::Validation(
            "choose the company that adopted the solution (an admin adds missing companies at /admin/companies)".into(),
        ));
    }
    Ok(AdoptionInput {
        company_id: crate::domain::CompanyId::parse(company_id)?.uuid(),
        status,
        since: blank_to_none(since),
        evidence_url: blank_to_none(evidence_url),
        notes: notes.unwrap_or_default(),
        version: None,
    })
}

/// Everything the card page shows; `history` `all` asks for the whole activity log and
/// every comment, not only the newest.
#[server]
pub async fn get_card_page(id: String, history: Option<String>) -> Result<CardPage, AppError> {
    use crate::service::cards;
    let id = crate::domain::CardId::parse(&id)?;
    let history = crate::domain::History::parse(history.as_deref());
    cards::card_page(&db()?, id, &crate::auth::current_actor(), history).await
}

/// Creates a challenge card and opens its page.
#[server]
pub async fn create_card(
    title: String,
    description: Option<String>,
    tags: Option<String>,
) -> Result<String, AppError> {
    use crate::contract::input::{NewCardInput, split_tags};
    let input = NewCardInput {
        title,
        description: description.unwrap_or_default(),
        tags: split_tags(&tags.unwrap_or_default()),
    };
    let card =
        crate::service::cards::create_card(&db()?, &input, &crate::auth::current_actor()).await?;
    let id = card.id.to_string();
    leptos_axum::redirect(&format!("/cards/{id}"));
    Ok(id)
}

/// Edits a card's title, description and tags, based on the version the editor read.
#[server]
pub async fn edit_card(
    id: String,
    version: i64,
    title: String,
    description: Option<String>,
    tags: Option<String>,
) -> Result<(), AppError> {
    use crate::contract::input::{CardPatchInput, split_tags};
    use crate::service::cards;
    let input = CardPatchInput {
        version,
        title: Some(title),
        description: Some(description.unwrap_or_default()),
        tags: Some(split_tags(&tags.unwrap_or_default())),
        archived: None,
        note: None,
    };
    cards::patch_card(
        &db()?,
        crate::domain::CardId::parse(&id)?,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Archives a card (it leaves the board, its history stays) and returns to the board.
#[server]
pub async fn archive_card(id: String, version: i64, note: Option<String>) -> Result<(), AppError> {
    use crate::contract::input::CardPatchInput;
    use crate::service::cards;
    let input = CardPatchInput {
        version,
        archived: Some(true),
        note,
        ..CardPatchInput::default()
    };
    cards::patch_card(
        &db()?,
        crate::domain::CardId::parse(&id)?,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Moves a card to another stage; the server checks the gates again. With
/// `override_gates` ticked, an admin moves it forward past gates it does not meet, giving
/// `reason`.
#[server]
pub async fn move_card(
    id: String,
    to: String,
    version: i64,
    note: Option<String>,
    override_gates: Option<String>,
    reason: Option<String>,
) -> Result<CardState, AppError> {
    use crate::contract::input::MoveInput;
    use crate::service::cards;
    let input = MoveInput {
        to,
        version,
        note: note.unwrap_or_default(),
        override_gates: override_gates.is_some_and(|v| !v.is_empty()),
        reason: reason.unwrap_or_default(),
    };
    let card = cards::move_card(
        &db()?,
        crate::domain::CardId::parse(&id)?,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(CardState {
        id: card.id,
        title: card.title,
        stage: card.stage,
        version: card.version,
    })
}

/// Parks a card (`reason`: blocked, waiting or out_of_scope) with a note.
#[server]
pub async fn park_card(
    id: String,
    version: i64,
    #[server(default)] reason: String,
    note: Option<String>,
) -> Result<(), AppError> {
    use crate::contract::input::ParkInput;
    let input = ParkInput {
        version,
        reason,
        note: note.unwrap_or_default(),
    };
    crate::service::cards::park_card(
        &db()?,
        crate::domain::CardId::parse(&id)?,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Takes a parked card up again.
#[server]
pub async fn unpark_card(id: String, version: i64) -> Result<(), AppError> {
    crate::service::cards::unpark_card(
        &db()?,
        crate::domain::CardId::parse(&id)?,
        version,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Adds a solution to a card.
#[server]
pub async fn add_solution(
    card_id: String,
    title: String,
    kind: String,
    summary: Option<String>,
    url: Option<String>,
    landed_in: Option<String>,
) -> Result<(), AppError> {
    use crate::service::cards;
    let input = solution_input(title, kind, summary, url, landed_in);
    cards::add_solution(
        &db()?,
        crate::domain::CardId::parse(&card_id)?,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Changes a solution.
#[server]
pub async fn edit_solution(
    solution_id: String,
    title: String,
    kind: String,
    summary: Option<String>,
    url: Option<String>,
    landed_in: Option<String>,
    version: Option<i64>,
) -> Result<(), AppError> {
    use crate::service::cards;
    let input = SolutionInput {
        version,
        ..solution_input(title, kind, summary, url, landed_in)
    };
    let id = crate::domain::SolutionId::parse(&solution_id)?;
    cards::update_solution(&db()?, id, &input, &crate::auth::current_actor()).await?;
    Ok(())
}

/// Every company with its real name (admins only).
#[server]
pub async fn list_companies() -> Result<Vec<Company>, AppError> {
    crate::service::companies::list_for_admin(&db()?, &crate::auth::current_actor()).await
}

/// Records a company. `public` is a checkbox: present means it may be named publicly.
#[server]
pub async fn add_company(
    name: String,
    public: Option<String>,
    descriptor: Option<String>,
) -> Result<Company, AppError> {
    let input = company_input(name, public, descriptor);
    let company =
        crate::service::companies::create(&db()?, &input, &crate::auth::current_actor()).await?;
    super::flash::leave(&super::flash::Flash::Done(format!(
        "{} was added.",
        company.name
    )));
    Ok(company)
}

/// Changes a company's name, public naming and descriptor (admins only).
#[server]
pub async fn edit_company(
    company_id: String,
    name: String,
    public: Option<String>,
    descriptor: Option<String>,
    version: Option<i64>,
) -> Result<Company, AppError> {
    let id = crate::domain::CompanyId::parse(&company_id)?;
    let input = CompanyInput {
        version,
        ..company_input(name, public, descriptor)
    };
    crate::service::companies::update(&db()?, id, &input, &crate::auth::current_actor()).await
}

/// Records that a company uses a solution.
#[server]
pub async fn add_adoption(
    solution_id: String,
    company_id: String,
    status: String,
    since: Option<String>,
    evidence_url: Option<String>,
    notes: Option<String>,
) -> Result<(), AppError> {
    let input = adoption_input(&company_id, status, since, evidence_url, notes)?;
    let solution_id = crate::domain::SolutionId::parse(&solution_id)?;
    crate::service::companies::add_adoption(
        &db()?,
        solution_id,
        &input,
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}

/// Changes an adoption's status, date, evidence and notes.
#[server]
pub async fn edit_adoption(
    adoption_id: String,
    company_id: String,
    status: String,
    since: Option<String>,
    evidence_url: Option<String>,
    notes: Option<String>,
    version: Option<i64>,
) -> Result<(), AppError> {
    let input = AdoptionInput {
        version,
        ..adoption_input(&company_id, status, since, evidence_url, notes)?
    };
    let id = crate::domain::AdoptionId::parse(&adoption_id)?;
    crate::service::companies::update_adoption(&db()?, id, &input, &crate::auth::current_actor())
        .await?;
    Ok(())
}

/// Adds a comment (Markdown) to a card.
#[server]
pub async fn add_comment(card_id: String, body: String) -> Result<(), AppError> {
    use crate::contract::input::CommentInput;
    use crate::service::cards;
    cards::add_comment(
        &db()?,
        crate::domain::CardId::parse(&card_id)?,
        &CommentInput { body },
        &crate::auth::current_actor(),
    )
    .await?;
    Ok(())
}
