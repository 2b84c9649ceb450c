//! Every record of the board (company aliases included), table by table, as stored: read whole for an export, written
//! whole by an import into an empty database. Sessions, API tokens, invitations, the change
//! feed and the catalogue index are not part of it (the index is rebuilt from the rest).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};

use super::StoreError;
use super::entities::{
    activity, adoption, agenda_item, card, card_source, card_tag, comment, company, company_alias,
    demo, meeting, meeting_attendee, next_step, solution, stage, tag, user, workflow_version,
};

/// The rows of every table an export holds.
#[derive(Debug, Default, Clone)]
pub struct Tables {
    pub workflow_versions: Vec<workflow_version::Model>,
    pub stages: Vec<stage::Model>,
    pub users: Vec<user::Model>,
    pub tags: Vec<tag::Model>,
    pub cards: Vec<card::Model>,
    pub card_tags: Vec<card_tag::Model>,
    pub card_sources: Vec<card_source::Model>,
    pub companies: Vec<company::Model>,
    pub company_aliases: Vec<company_alias::Model>,
    pub solutions: Vec<solution::Model>,
    pub adoptions: Vec<adoption::Model>,
    pub activity: Vec<activity::Model>,
    pub comments: Vec<comment::Model>,
    pub meetings: Vec<meeting::Model>,
    pub attendees: Vec<meeting_attendee::Model>,
    pub agenda_items: Vec<agenda_item::Model>,
    pub next_steps: Vec<next_step::Model>,
    pub demos: Vec<demo::Model>,
}

/// Reads every table (inside one transaction, for a consistent copy).
pub async fn read(db: &impl ConnectionTrait) -> Result<Tables, StoreError> {
    Ok(Tables {
        workflow_versions: workflow_version::Entity::find().all(db).await?,
        stages: stage::Entity::find().all(db).await?,
        users: user::Entity::find().all(db).await?,
        tags: tag::Entity::find().all(db).await?,
        cards: card::Entity::find().all(db).await?,
        card_tags: card_tag::Entity::find().all(db).await?,
        card_sources: card_source::Entity::find().all(db).await?,
        companies: company::Entity::find().all(db).await?,
        company_aliases: company_alias::Entity::find().all(db).await?,
        solutions: solution::Entity::find().all(db).await?,
        adoptions: adoption::Entity::find().all(db).await?,
        activity: activity::Entity::find().all(db).await?,
        comments: comment::Entity::find().all(db).await?,
        meetings: meeting::Entity::find().all(db).await?,
        attendees: meeting_attendee::Entity::find().all(db).await?,
        agenda_items: agenda_item::Entity::find().all(db).await?,
        next_steps: next_step::Entity::find().all(db).await?,
        demos: demo::Entity::find().all(db).await?,
    })
}

/// What a database holds besides the workflow, by table, when it holds anything: an import
/// only loads into a database without it.
pub async fn contents(db: &impl ConnectionTrait) -> Result<Vec<(&'static str, u64)>, StoreError> {
    let counts = [
        ("cards", card::Entity::find().count(db).await?),
        ("accounts", user::Entity::find().count(db).await?),
        ("companies", company::Entity::find().count(db).await?),
        ("tags", tag::Entity::find().count(db).await?),
        ("meetings", meeting::Entity::find().count(db).await?),
        (
            "activity entries",
            activity::Entity::find().count(db).await?,
        ),
    ];
    Ok(counts.into_iter().filter(|(_, n)| *n > 0).collect())
}

/// Removes the stored workflow versions and company aliases (before an import brings its
/// own); only for a database whose [`contents`] are empty, where nothing refers to them.
pub async fn clear_workflow(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    company_alias::Entity::delete_many().exec(db).await?;
    stage::Entity::delete_many()
        .filter(stage::Column::WorkflowVersionId.is_not_null())
        .exec(db)
        .await?;
    workflow_version::Entity::delete_many().exec(db).await?;
    Ok(())
}

/// Rows per insert statement: well under every database's limit on bound values.
const BATCH: usize = 50;

async fn insert_all<M, A>(db: &impl ConnectionTrait, rows: &[M]) -> Result<(), StoreError>
where
    M: IntoActiveModel<A> + Clone,
    A: ActiveModelTrait + Send,
{
    for chunk in rows.chunks(BATCH) {
        let models = chunk
            .iter()
            .cloned()
            .map(|row| row.into_active_model().reset_all());
        <A::Entity as EntityTrait>::insert_many(models)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Writes every table, parents before children.
pub async fn write(db: &impl ConnectionTrait, tables: &Tables) -> Result<(), StoreError> {
    insert_all(db, &tables.workflow_versions).await?;
    insert_all(db, &tables.stages).await?;
    insert_all(db, &tables.users).await?;
    insert_all(db, &tables.tags).await?;
    insert_all(db, &tables.cards).await?;
    insert_all(db, &tables.card_tags).await?;
    insert_all(db, &tables.card_sources).await?;
    insert_all(db, &tables.companies).await?;
    insert_all(db, &tables.company_aliases).await?;
    insert_all(db, &tables.solutions).await?;
    insert_all(db, &tables.adoptions).await?;
    insert_all(db, &tables.activity).await?;
    insert_all(db, &tables.comments).await?;
    insert_all(db, &tables.meetings).await?;
    insert_all(db, &tables.attendees).await?;
    insert_all(db, &tables.agenda_items).await?;
    insert_all(db, &tables.next_steps).await?;
    insert_all(db, &tables.demos).await?;
    Ok(())
}
