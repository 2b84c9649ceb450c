//! Repository of comments on cards. A comment is logged on its card like any change, so it
//! reaches open pages at once.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::StoreError;
use super::cards::{ActivityEntry, find, record};
use super::entities::comment;
use super::workflow::CurrentWorkflow;
use crate::domain::{Comment, Description};

/// Adds `author`'s comment to an open card; returns its id.
pub async fn add(
    db: &impl ConnectionTrait,
    workflow: &CurrentWorkflow,
    card_id: Uuid,
    author: &str,
    body: &Description,
) -> Result<Uuid, StoreError> {
    let card = find(db, card_id).await?;
    let id = Uuid::new_v4();
    comment::Entity::insert(comment::ActiveModel {
        id: Set(id),
        card_id: Set(card.id),
        author: Set(author.to_owned()),
        body: Set(body.as_str().to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    record(
        db,
        workflow.id,
        ActivityEntry {
            card_id,
            actor: Some(author),
            kind: "commented",
            from_stage: None,
            to_stage: None,
            note: "",
        },
    )
    .await?;
    Ok(id)
}

/// The comments of a card, oldest first.
pub async fn of_card(db: &impl ConnectionTrait, card_id: Uuid) -> Result<Vec<Comment>, StoreError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::CardId.eq(card_id))
        .order_by_asc(comment::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| Comment {
            id: c.id,
            author: c.author,
            body: c.body,
            at: c.created_at,
        })
        .collect())
}
