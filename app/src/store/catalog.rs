//! The catalogue's search index and its queries. `catalog_entries` holds, per solution of
//! every open card, what the public catalogue shows and filters on; [`refresh_card`]
//! rewrites a card's rows and runs inside the transaction that changed the card (the
//! service layer's after-change step calls it), so the index is never behind. Full-text matching is FTS5 on
//! SQLite and a weighted `tsvector` on PostgreSQL; everything else is shared SQL.
//! Only names of companies that agreed to be named are indexed or returned; the others
//! are indexed and returned by their public descriptor.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, Statement, Value,
};
use uuid::Uuid;

use super::entities::{activity, adoption, card, catalog_entry, solution};
use super::{StoreError, load};
use crate::domain::catalog::{CatalogHit, CatalogQuery, CatalogResults, CatalogSort};
use crate::domain::{
    AdoptionStatus, PublicAdoption, SimilarChallenge, SolutionKind, StageKey, StageScope,
    company_label,
};

/// Rewrites the catalogue rows of one card from its current state: none when it is
/// archived or gone, otherwise one per solution (one bare row when it has none).
pub async fn refresh_card(db: &impl ConnectionTrait, card_id: Uuid) -> Result<(), StoreError> {
    catalog_entry::Entity::delete_many()
        .filter(catalog_entry::Column::CardId.eq(card_id))
        .exec(db)
        .await?;
    let Some(card) = card::Entity::find_by_id(card_id).one(db).await? else {
        return Ok(());
    };
    if card.archived {
        return Ok(());
    }
    let tags = format!(" {} ", load::tags_of_card(db, card_id).await?.join(" "));
    let solutions = load::solutions_of(db, &[card_id]).await?;
    let adoptions = load::adoptions_of(db, &solutions).await?;
    let companies = load::companies_by_ids(db, adoptions.iter().map(|a| a.company_id)).await?;
    let stage_since = activity::Entity::find()
        .filter(activity::Column::CardId.eq(card_id))
        .filter(activity::Column::ToStage.eq(card.stage_key.as_str()))
        .order_by_desc(activity::Column::CreatedAt)
        .one(db)
        .await?
        .map_or(card.created_at, |a| a.created_at);
    let base = catalog_entry::ActiveModel {
        card_id: Set(card.id),
        challenge_title: Set(card.title.clone()),
        challenge_description: Set(card.description.clone()),
        stage_key: Set(card.stage_key.clone()),
        tags: Set(tags),
        stage_since: Set(stage_since),
        solution_id: Set(None),
        slug: Set(None),
        solution_title: Set(None),
        summary: Set(None),
        kind: Set(None),
        url: Set(None),
        companies: Set(String::new()),
        adopters: Set(String::new()),
        adopter_count: Set(0),
        created_at: Set(card.created_at),
        ..Default::default()
    };
    let rows: Vec<catalog_entry::ActiveModel> = if solutions.is_empty() {
        vec![base]
    } else {
        solutions
            .iter()
            .map(|s| {
                // Distinct adopters, named ones first, each as the public may see it.
                let mut adopters: BTreeMap<(bool, String), ()> = BTreeMap::new();
                for a in adoptions.iter().filter(|a| a.solution_id == s.id) {
                    if let Some(c) = companies.get(&a.company_id) {
                        let label = company_label(c.public, &c.name, &c.descriptor);
                        adopters.insert((!c.public, label), ());
                    }
                }
                let mut adopter_ids: Vec<Uuid> = adoptions
                    .iter()
                    .filter(|a| a.solution_id == s.id)
                    .map(|a| a.company_id)
                    .collect();
                adopter_ids.sort();
                adopter_ids.dedup();
                // What the public sees of each adopter (a name, or a descriptor such as
                // "a large bank") is what a search finds; hidden names are never indexed.
                let labels: Vec<&str> = adopters.keys().map(|(_, l)| l.as_str()).collect();
                catalog_entry::ActiveModel {
                    solution_id: Set(Some(s.id)),
                    slug: Set(s.slug.clone()),
                    solution_title: Set(Some(s.title.clone())),
                    summary: Set(Some(s.summary.clone())),
                    kind: Set(Some(s.kind.clone())),
                    url: Set(s.url.clone()),
                    companies: Set(labels.join(" ")),
                    adopters: Set(labels.join("\n")),
                    adopter_count: Set(i32::try_from(adopter_ids.len()).unwrap_or(i32::MAX)),
                    created_at: Set(s.created_at),
                    ..base.clone()
                }
            })
            .collect()
    };
    catalog_entry::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The format of the index rows; a database indexed by an older format is re-indexed at
/// start-up. 2: adopting companies are indexed as the public sees them (names and
/// descriptors).
pub const INDEX_FORMAT: &str = "2";

/// How many rows the index holds and how many open cards there are: an empty index with
/// open cards is one from before the catalogue.
pub async fn index_state(db: &impl ConnectionTrait) -> Result<(u64, u64), StoreError> {
    let indexed = catalog_entry::Entity::find().count(db).await?;
    let open = card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .count(db)
        .await?;
    Ok((indexed, open))
}

/// Rewrites the whole index.
pub async fn rebuild(db: &impl ConnectionTrait) -> Result<(), StoreError> {
    catalog_entry::Entity::delete_many().exec(db).await?;
    let ids: Vec<Uuid> = card::Entity::find()
        .filter(card::Column::Archived.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    for id in ids {
        refresh_card(db, id).await?;
    }
    Ok(())
}

/// The catalogue entries `sql` selects, as results.
async fn hits(db: &impl ConnectionTrait, sql: Sql) -> Result<Vec<CatalogHit>, StoreError> {
    HitRow::find_by_statement(sql.statement())
        .all(db)
        .await?
        .into_iter()
        .map(HitRow::into_hit)
        .collect()
}

/// SQL text with its bound values, written for one backend's placeholders.
struct Sql {
    backend: DbBackend,
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                let n = self.values.len();
                self.text.push_str(&format!("${n}"));
            }
            _ => self.text.push('?'),
        }
        self
    }

    fn statement(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// How search terms are combined.
#[derive(Clone, Copy)]
enum Combine {
    /// Every term, anywhere.
    All,
    /// Any term, anywhere.
    Any,
    /// Any term, in the titles (the challenge's and the solution's).
    AnyInTitles,
}

/// The full-text query for the backend; terms are letters and digits only
/// (`domain::catalog::search_terms`), so nothing in them is syntax.
fn match_expression(backend: DbBackend, terms: &[String], combine: Combine) -> String {
    match backend {
        DbBackend::Postgres => {
            // Titles carry weight A.
            let (glue, weight) = match combine {
                Combine::All => (" & ", ""),
                Combine::Any => (" | ", ""),
                Combine::AnyInTitles => (" | ", "A"),
            };
            terms
                .iter()
                .map(|t| format!("{t}:*{weight}"))
                .collect::<Vec<_>>()
                .join(glue)
        }
        _ => {
            let glue = match combine {
                Combine::All => " ",
                Combine::Any | Combine::AnyInTitles => " OR ",
            };
            let any = terms
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(glue);
            match combine {
                Combine::AnyInTitles => format!("{{title challenge}} : ({any})"),
                _ => any,
            }
        }
    }
}

/// Adds the ranked full-text match of `terms` to a query over `catalog_entries e`: a join
/// on SQLite, a `FROM` item on PostgreSQL. Afterwards `score` is a number where higher is a
/// better match.
fn push_match(sql: &mut Sql, terms: &[String], combine: Combine) -> &'static str {
    let expression = match_expression(sql.backend, terms, combine);
    match sql.backend {
        DbBackend::Postgres => {
            sql.push(", to_tsquery('english', ")
                .bind(expression)
                .push(") AS query");
            "ts_rank(e.document, query)"
        }
        _ => {
            // bm25 is better when lower; weights: title, challenge, body, tags, companies.
            sql.push(
                " JOIN (SELECT rowid AS doc, -bm25(catalog_fts, 10.0, 8.0, 1.0, 4.0, 4.0) AS rank \
                 FROM catalog_fts WHERE catalog_fts MATCH ",
            )
            .bind(expression)
            // LIMIT keeps SQLite from flattening the subquery into an outer GROUP BY,
            // where bm25() cannot run.
            .push(" LIMIT -1) m ON m.doc = e.id");
            "m.rank"
        }
    }
}

fn push_match_filter(sql: &mut Sql) {
    if sql.backend == DbBackend::Postgres {
        sql.push(" AND e.document @@ query");
    }
}

fn push_contains(sql: &mut Sql, column: &str, needle: String) {
    match sql.backend {
        DbBackend::Postgres => sql.push(&format!(" AND strpos({column}, ")),
        _ => sql.push(&format!(" AND instr({column}, ")),
    };
    sql.bind(needle).push(") > 0");
}

#[derive(Debug, FromQueryResult)]
struct HitRow {
    slug: Option<String>,
    solution_title: Option<String>,
    kind: Option<String>,
    summary: Option<String>,
    url: Option<String>,
    card_id: Uuid,
    challenge_title: String,
    stage_key: String,
    tags: String,
    adopters: String,
    adopter_count: i32,
    stage_since: DateTime<Utc>,
    /// Matches over all pages.
    total: i64,
}

const HIT_COLUMNS: &str = "e.slug, e.solution_title, e.kind, e.summary, e.url, e.card_id, \
     e.challenge_title, e.stage_key, e.tags, e.adopters, e.adopter_count, e.stage_since, \
     COUNT(*) OVER () AS total";

impl HitRow {
    fn into_hit(self) -> Result<CatalogHit, StoreError> {
        Ok(CatalogHit {
            slug: self.slug.unwrap_or_default(),
            title: self.solution_title.unwrap_or_default(),
            kind: SolutionKind::parse(self.kind.as_deref().unwrap_or("other"))?,
            summary: self.summary.unwrap_or_default(),
            url: self.url,
            card_id: self.card_id,
            challenge: self.challenge_title,
            stage: StageKey::stored(self.stage_key),
            tags: self.tags.split_whitespace().map(str::to_owned).collect(),
            adopters: self
                .adopters
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            adopter_count: u32::try_from(self.adopter_count).unwrap_or(0),
            stage_since: self.stage_since,
        })
    }
}

/// How the words of a search must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// Every word (the normal search).
    Every,
    /// At least one word; results that contain more of the words rank first.
    Most,
}

/// One page of solutions matching `query`. `last_stage` is the key of the workflow's
/// last stage, used when the query does not name a stage.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    last_stage: &str,
    words: WordMatch,
) -> Result<CatalogResults, StoreError> {
    let terms = query.terms();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT ")
        .push(HIT_COLUMNS)
        .push(" FROM catalog_entries e");
    let combine = match words {
        WordMatch::Every => Combine::All,
        WordMatch::Most => Combine::Any,
    };
    let score = if terms.is_empty() {
        None
    } else {
        Some(push_match(&mut sql, &terms, combine))
    };
    sql.push(" WHERE e.solution_id IS NOT NULL");
    if score.is_some() {
        push_match_filter(&mut sql);
    }
    match &query.stage {
        StageScope::Last => {
            sql.push(" AND e.stage_key = ").bind(last_stage.to_owned());
        }
        StageScope::Only(key) => {
            sql.push(" AND e.stage_key = ").bind(key.clone());
        }
        StageScope::Any => {}
    }
    push_filters(&mut sql, query);
    sql.push(" ORDER BY ");
    // When any word will do, the results holding more of the words come first.
    if words == WordMatch::Most && terms.len() > 1 {
        push_words_matched(&mut sql, &terms);
        sql.push(" DESC, ");
    }
    let order = match (query.effective_sort(), score) {
        (CatalogSort::Relevance, Some(score)) => format!("{score} DESC, e.stage_since DESC"),
        (CatalogSort::MostAdopted, _) => "e.adopter_count DESC, e.stage_since DESC".into(),
        _ => "e.stage_since DESC".into(),
    };
    sql.push(&order).push(", e.id ASC LIMIT ");
    sql.bind(i64::from(CatalogQuery::PER_PAGE)).push(" OFFSET ");
    sql.bind(i64::try_from(query.offset()).unwrap_or(i64::MAX));
    let rows = HitRow::find_by_statement(sql.statement()).all(db).await?;
    let total = rows
        .first()
        .map_or(0, |r| u64::try_from(r.total).unwrap_or(0));
    let hits = rows
        .into_iter()
        .map(HitRow::into_hit)
        .collect::<Result<Vec<_>, _>>()?;
    // A page past the end still reports how many matches there are.
    let total = if hits.is_empty() && query.page > 1 {
        count(db, query, last_stage, words).await?
    } else {
        total
    };
    Ok(CatalogResults {
        hits,
        total,
        page: query.page,
        per_page: CatalogQuery::PER_PAGE,
        terms,
        partial: words == WordMatch::Most,
        elsewhere: Vec::new(),
    })
}

/// The filters of `query` other than words and stage.
fn push_filters(sql: &mut Sql, query: &CatalogQuery) {
    if let Some(kind) = query.kind {
        sql.push(" AND e.kind = ").bind(kind.key().to_owned());
    }
    if let Some(tag) = &query.tag {
        push_contains(sql, "e.tags", format!(" {tag} "));
    }
    if let Some(audience) = query.audience {
        push_contains(sql, "e.tags", format!(" {} ", audience.tag()));
    }
    if query.min_companies > 0 {
        sql.push(" AND e.adopter_count >= ")
            .bind(i32::try_from(query.min_companies).unwrap_or(i32::MAX));
    }
}

/// How many of `terms` an entry `e` contains, as an SQL expression.
fn push_words_matched(sql: &mut Sql, terms: &[String]) {
    sql.push("(");
    for (n, term) in terms.iter().enumerate() {
        if n > 0 {
            sql.push(" + ");
        }
        let expression = match_expression(sql.backend, std::slice::from_ref(term), Combine::All);
        match sql.backend {
            DbBackend::Postgres => {
                sql.push("(CASE WHEN e.document @@ to_tsquery('english', ")
                    .bind(expression)
                    .push(") THEN 1 ELSE 0 END)");
            }
            _ => {
                sql.push(
                    "(CASE WHEN e.id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ",
                )
                .bind(expression)
                .push(") THEN 1 ELSE 0 END)");
            }
        }
    }
    sql.push(")");
}

/// How many solutions match `query`'s words and filters in each stage, whatever stage
/// the query names: (stage key, count), stages without a match left out.
pub async fn matches_by_stage(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    words: WordMatch,
) -> Result<Vec<(String, u64)>, StoreError> {
    #[derive(FromQueryResult)]
    struct Row {
        stage_key: String,
        matches: i64,
    }
    let terms = query.terms();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT e.stage_key, COUNT(*) AS matches FROM catalog_entries e");
    if !terms.is_empty() {
        let combine = match words {
            WordMatch::Every => Combine::All,
            WordMatch::Most => Combine::Any,
        };
        push_match(&mut sql, &terms, combine);
    }
    sql.push(" WHERE e.solution_id IS NOT NULL");
    if !terms.is_empty() {
        push_match_filter(&mut sql);
    }
    push_filters(&mut sql, query);
    sql.push(" GROUP BY e.stage_key");
    Ok(Row::find_by_statement(sql.statement())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.stage_key, u64::try_from(r.matches).unwrap_or(0)))
        .collect())
}

async fn count(
    db: &impl ConnectionTrait,
    query: &CatalogQuery,
    last_stage: &str,
    words: WordMatch,
) -> Result<u64, StoreError> {
    let first = Box::pin(search(db, &query.with_page(1), last_stage, words)).await?;
    Ok(first.total)
}

/// Open challenges whose titles (or their solutions' titles) share words with `text` (a
/// title being written), best first.
pub async fn similar(
    db: &impl ConnectionTrait,
    text: &str,
    limit: u32,
) -> Result<Vec<SimilarChallenge>, StoreError> {
    let terms = crate::domain::catalog::search_terms(text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(FromQueryResult)]
    struct Row {
        card_id: Uuid,
        challenge_title: String,
        stage_key: String,
    }
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT e.card_id, e.challenge_title, e.stage_key FROM catalog_entries e");
    let score = push_match(&mut sql, &terms, Combine::AnyInTitles);
    sql.push(" WHERE 1 = 1");
    push_match_filter(&mut sql);
    sql.push(&format!(
        " GROUP BY e.card_id, e.challenge_title, e.stage_key ORDER BY MAX({score}) DESC LIMIT "
    ))
    .bind(i64::from(limit));
    Ok(Row::find_by_statement(sql.statement())
        .all(db)
        .await?
        .into_iter()
        .map(|r| SimilarChallenge {
            card_id: r.card_id,
            title: r.challenge_title,
            stage: r.stage_key,
        })
        .collect())
}

/// Solutions whose words resemble the given solution's, excluding it, best first.
async fn related(
    db: &impl ConnectionTrait,
    entry: &catalog_entry::Model,
    limit: u32,
) -> Result<Vec<CatalogHit>, StoreError> {
    let text = format!(
        "{} {} {}",
        entry.solution_title.as_deref().unwrap_or(""),
        entry.challenge_title,
        entry.tags
    );
    let terms = crate::domain::catalog::search_terms(&text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT ")
        .push(HIT_COLUMNS)
        .push(" FROM catalog_entries e");
    let score = push_match(&mut sql, &terms, Combine::Any);
    sql.push(" WHERE e.solution_id IS NOT NULL AND e.id <> ")
        .bind(entry.id);
    push_match_filter(&mut sql);
    sql.push(&format!(" ORDER BY {score} DESC, e.id ASC LIMIT "))
        .bind(i64::from(limit));
    hits(db, sql).await
}

/// What the public page of a solution needs, apart from rendering.
pub struct SolutionRecord {
    pub hit: CatalogHit,
    pub challenge_description: String,
    pub landed_in: Option<String>,
    pub adoptions: Vec<PublicAdoption>,
    pub related: Vec<CatalogHit>,
}

/// The solution with this slug, on an open card.
pub async fn solution_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<SolutionRecord, StoreError> {
    let not_found = || StoreError::NotFound(format!("solution \"{slug}\""));
    let entry = catalog_entry::Entity::find()
        .filter(catalog_entry::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let solution_id = entry.solution_id.ok_or_else(not_found)?;
    let solution = solution::Entity::find_by_id(solution_id)
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let rows = adoption::Entity::find()
        .filter(adoption::Column::SolutionId.eq(solution_id))
        .order_by_asc(adoption::Column::CreatedAt)
        .all(db)
        .await?;
    let companies = load::companies_by_ids(db, rows.iter().map(|a| a.company_id)).await?;
    let mut adoptions = Vec::new();
    for a in rows {
        let Some(c) = companies.get(&a.company_id) else {
            continue;
        };
        adoptions.push(PublicAdoption {
            company: company_label(c.public, &c.name, &c.descriptor),
            named: c.public,
            status: AdoptionStatus::parse(&a.status)?,
            since: a.since,
            evidence_url: if c.public { a.evidence_url } else { None },
        });
    }
    adoptions.sort_by(|a, b| b.named.cmp(&a.named).then(a.company.cmp(&b.company)));
    let related = related(db, &entry, 4).await?;
    let challenge_description = entry.challenge_description.clone();
    let hit = HitRow {
        slug: entry.slug.clone(),
        solution_title: entry.solution_title.clone(),
        kind: entry.kind.clone(),
        summary: entry.summary.clone(),
        url: entry.url.clone(),
        card_id: entry.card_id,
        challenge_title: entry.challenge_title.clone(),
        stage_key: entry.stage_key.clone(),
        tags: entry.tags.clone(),
        adopters: entry.adopters.clone(),
        adopter_count: entry.adopter_count,
        stage_since: entry.stage_since,
        total: 1,
    }
    .into_hit()?;
    Ok(SolutionRecord {
        hit,
        challenge_description,
        landed_in: solution.landed_in,
        adoptions,
        related,
    })
}

/// Solutions in `stage`, most recently arrived first (the feed of newly validated ones).
pub async fn newest_in_stage(
    db: &impl ConnectionTrait,
    stage: &str,
    limit: u64,
) -> Result<Vec<CatalogHit>, StoreError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT ")
        .push(HIT_COLUMNS)
        .push(" FROM catalog_entries e WHERE e.solution_id IS NOT NULL AND e.stage_key = ")
        .bind(stage.to_owned())
        .push(" ORDER BY e.stage_since DESC, e.id ASC LIMIT ")
        .bind(i64::try_from(limit).unwrap_or(i64::MAX));
    hits(db, sql).await
}

/// Every solution page's slug with when its entry last changed, for the sitemap.
pub async fn slugs(db: &impl ConnectionTrait) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
    Ok(catalog_entry::Entity::find()
        .filter(catalog_entry::Column::Slug.is_not_null())
        .order_by_asc(catalog_entry::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|e| e.slug.map(|slug| (slug, e.stage_since.max(e.created_at))))
        .collect())
}
