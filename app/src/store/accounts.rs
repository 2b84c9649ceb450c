//! Repository of users, sessions, invitations and API tokens. Secrets arrive here already
//! hashed (SHA-256 for tokens and session ids, argon2id for passwords); the one exception
//! is a pending invitation's link, kept for admins to copy until it is used or revoked.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, PaginatorTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use super::StoreError;
use super::entities::{api_token, invitation, session, user};
use crate::domain::{Account, Email, Role};

fn account(row: user::Model) -> Result<Account, StoreError> {
    Ok(Account {
        id: row.id,
        email: row.email,
        name: row.name,
        role: Role::parse(&row.role)?,
        active: row.active,
    })
}

/// Creates an account; an email already registered is a conflict.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<Account, StoreError> {
    if user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(StoreError::Conflict(format!(
            "an account for {} already exists",
            email.as_str()
        )));
    }
    let id = Uuid::new_v4();
    user::Entity::insert(user::ActiveModel {
        id: Set(id),
        email: Set(email.as_str().to_owned()),
        name: Set(name.trim().to_owned()),
        password_hash: Set(password_hash.to_owned()),
        role: Set(role.key().to_owned()),
        active: Set(true),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    get(db, id).await
}

pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Account, StoreError> {
    let row = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| StoreError::NotFound("user".into()))?;
    account(row)
}

/// The account and password hash for an email, if registered.
pub async fn by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<(Account, String)>, StoreError> {
    match user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    {
        Some(row) => {
            let hash = row.password_hash.clone();
            Ok(Some((account(row)?, hash)))
        }
        None => Ok(None),
    }
}

pub async fn password_hash(db: &impl ConnectionTrait, id: Uuid) -> Result<String, StoreError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|u| u.password_hash)
        .ok_or_else(|| StoreError::NotFound("user".into()))
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Account>, StoreError> {
    user::Entity::find()
        .order_by_asc(user::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(account)
        .collect()
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, StoreError> {
    Ok(user::Entity::find().count(db).await?)
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: Uuid,
    hash: &str,
) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_role(db: &impl ConnectionTrait, id: Uuid, role: Role) -> Result<(), StoreError> {
    get(db, id).await?;
    user::Entity::update_many()
        .col_expr(user::Column::Role, Expr::value(role.key()))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Activates or deactivates an account; deactivation ends its sessions and revokes its
/// tokens at once.
pub async fn set_active(
    db: &impl ConnectionTrait,
    id: Uuid,
    active: bool,
) -> Result<(), StoreError> {
    get(db, id).await?;
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(active))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    if !active {
        end_sessions_of(db, id).await?;
        revoke_tokens_of(db, id).await?;
    }
    Ok(())
}

/// Revokes every API token of the user.
pub async fn revoke_tokens_of(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), StoreError> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of the user but `keep` (the hash of the session to keep, if any).
pub async fn end_other_sessions(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    keep: Option<&str>,
) -> Result<(), StoreError> {
    let mut delete = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        delete = delete.filter(session::Column::IdHash.ne(keep));
    }
    delete.exec(db).await?;
    Ok(())
}

pub async fn create_session(
    db: &impl ConnectionTrait,
    id_hash: &str,
    user_id: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let now = Utc::now();
    session::Entity::insert(session::ActiveModel {
        id_hash: Set(id_hash.to_owned()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The active account behind a session that has neither expired nor been idle longer
/// than `idle`; refreshes its last-seen time. An expired session is deleted.
pub async fn session_account(
    db: &impl ConnectionTrait,
    id_hash: &str,
    idle: chrono::Duration,
) -> Result<Option<Account>, StoreError> {
    let Some(found) = session::Entity::find_by_id(id_hash.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if found.expires_at <= now || found.last_seen_at + idle <= now {
        end_session(db, id_hash).await?;
        return Ok(None);
    }
    let account = get(db, found.user_id).await?;
    if !account.active {
        return Ok(None);
    }
    // Touch at most once a minute: reads stay reads.
    if now - found.last_seen_at > chrono::Duration::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::IdHash.eq(id_hash))
            .exec(db)
            .await?;
    }
    Ok(Some(account))
}

pub async fn end_session(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), StoreError> {
    session::Entity::delete_many()
        .filter(session::Column::IdHash.eq(id_hash))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_sessions_of(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), StoreError> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn create_invitation(
    db: &impl ConnectionTrait,
    token: &str,
    token_hash: &str,
    email: &Email,
    role: Role,
    invited_by: Uuid,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    invitation::Entity::insert(invitation::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        email: Set(email.as_str().to_owned()),
        role: Set(role.key().to_owned()),
        invited_by: Set(invited_by),
        created_at: Set(Utc::now()),
        expires_at: Set(expires_at),
        used_at: Set(None),
        token: Set(Some(token.to_owned())),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// An unused, unexpired invitation: its email and role.
pub async fn open_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(Email, Role)>, StoreError> {
    let found = invitation::Entity::find_by_id(token_hash.to_owned())
        .one(db)
        .await?
        .filter(|i| i.used_at.is_none() && i.expires_at > Utc::now());
    match found {
        Some(i) => Ok(Some((Email::parse(&i.email)?, Role::parse(&i.role)?))),
        None => Ok(None),
    }
}

/// Marks an invitation used; false if someone used it first.
pub async fn use_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<bool, StoreError> {
    let result = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(Utc::now()))
        .col_expr(invitation::Column::Token, Expr::value(None::<String>))
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Deletes sessions that have ended (past their expiry, or unused since `idle_before`)
/// and invitations that expired or were used before `settled_before`. Returns how many
/// rows went.
pub async fn prune(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    idle_before: DateTime<Utc>,
    settled_before: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let sessions = session::Entity::delete_many()
        .filter(
            session::Column::ExpiresAt
                .lt(now)
                .or(session::Column::LastSeenAt.lt(idle_before)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let expired = invitation::Entity::delete_many()
        .filter(invitation::Column::ExpiresAt.lt(settled_before))
        .exec(db)
        .await?
        .rows_affected;
    let used = invitation::Entity::delete_many()
        .filter(invitation::Column::UsedAt.lt(settled_before))
        .exec(db)
        .await?
        .rows_affected;
    Ok(sessions + expired + used)
}

/// An invitation not used yet and not expired, as admins see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingInvitation {
    pub token_hash: String,
    /// The secret of the link; `None` for invitations made before links were kept.
    pub token: Option<String>,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Every pending invitation, newest first.
pub async fn pending_invitations(
    db: &impl ConnectionTrait,
) -> Result<Vec<PendingInvitation>, StoreError> {
    invitation::Entity::find()
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|i| {
            Ok(PendingInvitation {
                role: Role::parse(&i.role)?,
                token_hash: i.token_hash,
                token: i.token,
                email: i.email,
                created_at: i.created_at,
                expires_at: i.expires_at,
            })
        })
        .collect()
}

/// Withdraws an unused invitation; false if there is no such pending invitation.
pub async fn revoke_invitation(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<bool, StoreError> {
    let result = invitation::Entity::delete_many()
        .filter(invitation::Column::TokenHash.eq(token_hash))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A named API token of a user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub async fn create_token(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    name: &str,
    token_hash: &str,
) -> Result<Uuid, StoreError> {
    let id = Uuid::new_v4();
    api_token::Entity::insert(api_token::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        name: Set(name.trim().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

pub async fn tokens_of(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<TokenInfo>, StoreError> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_asc(api_token::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.id,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        })
        .collect())
}

/// Revokes one of a user's tokens.
pub async fn revoke_token(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    token_id: Uuid,
) -> Result<(), StoreError> {
    let result = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound("token".into()))
    }
}

/// The active account behind a token that has not been revoked.
pub async fn token_account(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<Account>, StoreError> {
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = get(db, token.user_id).await?;
    if !account.active {
        return Ok(None);
    }
    let now = Utc::now();
    if token
        .last_used_at
        .is_none_or(|t| now - t > chrono::Duration::minutes(1))
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(Some(account))
}
