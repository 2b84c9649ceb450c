//! Repository of card sources: which card an item of another tool became.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::StoreError;
use super::entities::card_source;

/// The cards made from `source`'s items, by item key.
pub async fn of(
    db: &impl ConnectionTrait,
    source: &str,
) -> Result<Vec<card_source::Model>, StoreError> {
    Ok(card_source::Entity::find()
        .filter(card_source::Column::Source.eq(source))
        .all(db)
        .await?)
}

/// Records that the item `key` of `source` became `card_id`.
pub async fn record(
    db: &impl ConnectionTrait,
    source: &str,
    key: &str,
    card_id: Uuid,
    url: Option<&str>,
) -> Result<(), StoreError> {
    card_source::Entity::insert(card_source::ActiveModel {
        source: Set(source.to_owned()),
        key: Set(key.to_owned()),
        card_id: Set(card_id),
        url: Set(url.map(str::to_owned)),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
