//! Repository of comments on cards. Reading them is [`super::load::comments_of`].

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::StoreError;
use super::entities::comment;
use crate::domain::Description;

/// Adds `author`'s comment to a card; returns its id.
pub async fn add(
    db: &impl ConnectionTrait,
    card_id: Uuid,
    author: &str,
    body: &Description,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    comment::Entity::insert(comment::ActiveModel {
        id: Set(id),
        card_id: Set(card_id),
        author: Set(author.to_owned()),
        body: Set(body.as_str().to_owned()),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}
