//! Card operations: read the board and a card, create, edit, archive and move cards, add
//! and edit solutions, change a stage's WIP limit.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use uuid::Uuid;

use crate::api::AppError;
use crate::api::dto::{
    CardPage, CardPatchInput, CommentInput, MoveInput, NewCardInput, SolutionInput,
};
use crate::auth::Actor;
use crate::domain::{
    Board, CardDetail, CardTitle, Comment, Description, Permission, Solution, SolutionKind,
    TagName, WebLink, Workflow, bounded,
};
use crate::store::cards::{CardEdit, NewCard, NewSolution};
use crate::store::{self, begin_write, workflow};

/// The longest solution summary accepted, in characters.
pub const SUMMARY_MAX: usize = 5_000;

/// Parses an id from a path or form; anything else is "not found".
pub fn parse_id(raw: &str, what: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound(what.to_owned()))
}

fn parse_tags(raw: &[String]) -> Result<Vec<TagName>, AppError> {
    let mut tags = raw
        .iter()
        .map(|t| TagName::parse(t))
        .collect::<Result<Vec<_>, _>>()?;
    tags.sort();
    tags.dedup();
    if tags.len() > 20 {
        return Err(AppError::Validation(
            "a card may carry at most 20 tags".into(),
        ));
    }
    Ok(tags)
}

fn parse_solution(input: &SolutionInput) -> Result<NewSolution, AppError> {
    let landed_in = input
        .landed_in
        .as_deref()
        .map(|l| bounded("where it landed", l, 200))
        .transpose()?
        .filter(|l| !l.is_empty());
    Ok(NewSolution {
        title: CardTitle::parse(&input.title)?,
        kind: SolutionKind::parse(&input.kind)?,
        summary: Description::parse(&bounded("summary", &input.summary, SUMMARY_MAX)?)?,
        url: WebLink::parse_optional("url", input.url.as_deref())?.map(|l| l.as_str().to_owned()),
        landed_in,
    })
}

/// Serialises moves on PostgreSQL so that WIP limits hold under concurrency (SQLite's
/// `BEGIN IMMEDIATE` already serialises writers).
async fn lock_moves(db: &impl ConnectionTrait) -> Result<(), AppError> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("SELECT pg_advisory_xact_lock(7305)")
            .await
            .map_err(store::StoreError::from)?;
    }
    Ok(())
}

pub async fn board(db: &DatabaseConnection) -> Result<Board, AppError> {
    Ok(store::board::load(db).await?)
}

pub async fn workflow(db: &DatabaseConnection) -> Result<Workflow, AppError> {
    Ok(workflow::current(db).await?.workflow)
}

pub async fn card(db: &DatabaseConnection, id: Uuid) -> Result<CardDetail, AppError> {
    Ok(store::cards::detail(db, id).await?)
}

/// The card as `viewer` may see it: visitors who are not signed in get it with
/// anonymised companies ([`CardDetail::for_public`]).
pub async fn card_for(
    db: &DatabaseConnection,
    id: Uuid,
    viewer: &Actor,
) -> Result<CardDetail, AppError> {
    let card = store::cards::detail(db, id).await?;
    Ok(if viewer.account.is_some() {
        card
    } else {
        card.for_public()
    })
}

/// The card page as `viewer` may see it: the card, its rendered description, the workflow
/// and the companies that can be chosen for an adoption.
pub async fn card_page(
    db: &DatabaseConnection,
    id: Uuid,
    viewer: &Actor,
) -> Result<CardPage, AppError> {
    let card = card_for(db, id, viewer).await?;
    let description_html = super::markdown::render(&card.description);
    let comments_html = card
        .comments
        .iter()
        .map(|c| super::markdown::render(&c.body))
        .collect();
    Ok(CardPage {
        comments_html,
        card,
        description_html,
        workflow: workflow::current(db).await?.workflow,
        companies: super::companies::list(db, viewer).await?,
    })
}

pub async fn create_card(
    db: &DatabaseConnection,
    input: &NewCardInput,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let new = NewCard {
        title: CardTitle::parse(&input.title)?,
        description: Description::parse(&input.description)?,
        tags: parse_tags(&input.tags)?,
    };
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let id = store::cards::create(&txn, &current, &new, actor).await?;
    let detail = store::cards::detail(&txn, id).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(detail)
}

/// Edits and/or archives a card, based on the version the caller read.
pub async fn patch_card(
    db: &DatabaseConnection,
    id: Uuid,
    input: &CardPatchInput,
    actor: &Actor,
) -> Result<Option<CardDetail>, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let edit = CardEdit {
        title: input.title.as_deref().map(CardTitle::parse).transpose()?,
        description: input
            .description
            .as_deref()
            .map(Description::parse)
            .transpose()?,
        tags: input.tags.as_deref().map(parse_tags).transpose()?,
    };
    let note = bounded("note", input.note.as_deref().unwrap_or(""), 2_000)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let mut version = input.version;
    if edit.title.is_some() || edit.description.is_some() || edit.tags.is_some() {
        version = store::cards::update(&txn, &current, id, version, &edit, actor)
            .await?
            .version;
    }
    let result = if input.archived == Some(true) {
        store::cards::archive(&txn, &current, id, version, &note, actor).await?;
        None
    } else {
        Some(store::cards::detail(&txn, id).await?)
    };
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(result)
}

/// Moves a card if the workflow allows it and nobody changed the card since `version`.
pub async fn move_card(
    db: &DatabaseConnection,
    id: Uuid,
    input: &MoveInput,
    actor: &Actor,
) -> Result<CardDetail, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let note = bounded("note", &input.note, 2_000)?;
    let to = input.to.trim();
    let txn = begin_write(db).await?;
    lock_moves(&txn).await?;
    let current = workflow::current(&txn).await?;
    if current.workflow.stage(to).is_none() {
        return Err(AppError::NotFound(format!("stage \"{to}\"")));
    }
    store::cards::move_card(&txn, &current, id, to, input.version, &note, actor).await?;
    let detail = store::cards::detail(&txn, id).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(detail)
}

pub async fn add_solution(
    db: &DatabaseConnection,
    card_id: Uuid,
    input: &SolutionInput,
    actor: &Actor,
) -> Result<Solution, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let new = parse_solution(input)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let id = store::cards::add_solution(&txn, &current, card_id, &new, actor).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(Solution {
        id,
        title: new.title.as_str().to_owned(),
        kind: new.kind,
        summary: new.summary.as_str().to_owned(),
        url: new.url,
        landed_in: new.landed_in,
        version: 1,
    })
}

pub async fn update_solution(
    db: &DatabaseConnection,
    solution_id: Uuid,
    input: &SolutionInput,
    actor: &Actor,
) -> Result<Solution, AppError> {
    let actor = Some(actor.require(Permission::EditBoard)?.name.as_str());
    let edit = parse_solution(input)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let (_, version) =
        store::cards::update_solution(&txn, &current, solution_id, &edit, input.version, actor)
            .await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(Solution {
        id: solution_id,
        title: edit.title.as_str().to_owned(),
        kind: edit.kind,
        summary: edit.summary.as_str().to_owned(),
        url: edit.url,
        landed_in: edit.landed_in,
        version,
    })
}

/// Adds the actor's comment (Markdown) to a card.
pub async fn add_comment(
    db: &DatabaseConnection,
    card_id: Uuid,
    input: &CommentInput,
    actor: &Actor,
) -> Result<Comment, AppError> {
    let account = actor.require(Permission::EditBoard)?;
    let body = Description::parse(&input.body)?;
    if body.as_str().trim().is_empty() {
        return Err(AppError::Validation("comment must not be empty".into()));
    }
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    let id = store::comments::add(&txn, &current, card_id, &account.name, &body).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(Comment {
        id,
        author: account.name.clone(),
        body: body.as_str().to_owned(),
        at: chrono::Utc::now(),
    })
}

/// Sets or clears a stage's WIP limit (a new workflow version).
pub async fn set_wip_limit(
    db: &DatabaseConnection,
    stage: &str,
    limit: Option<u32>,
    actor: &Actor,
) -> Result<Workflow, AppError> {
    actor.require(Permission::Administer)?;
    let txn = begin_write(db).await?;
    let current = workflow::current(&txn).await?;
    if current.workflow.stage(stage).is_none() {
        return Err(AppError::NotFound(format!("stage \"{stage}\"")));
    }
    if limit == Some(0) {
        return Err(AppError::Validation(
            "a WIP limit must be at least 1 (or null for none)".into(),
        ));
    }
    let next = workflow::set_wip_limit(&txn, stage, limit).await?;
    txn.commit().await.map_err(store::StoreError::from)?;
    Ok(next.workflow)
}
