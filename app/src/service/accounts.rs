//! Account operations: sign-in and sign-out, the first admin, invitations, roles and
//! deactivation, password changes, API tokens.

use chrono::{Duration, Utc};

use crate::auth::throttle::AttemptKeys;
use crate::auth::{Actor, Via, password, secret, session};
use crate::contract::AppError;
use crate::domain::{Account, Email, Permission, Role, TokenId, UserId, check_password};
use crate::state::AppState;
use crate::store::accounts::{self, TokenInfo};
use crate::store::{StoreError, begin_write};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// The longest name of a person (the `users.name` column).
const NAME_MAX: usize = 200;
/// The longest name of an API token (the `api_tokens.name` column).
const TOKEN_NAME_MAX: usize = 100;

fn clean_name(raw: &str) -> Result<String, AppError> {
    bounded_name(raw, NAME_MAX)
}

/// `raw` with its spaces tidied; refused when empty or longer than `max` characters
/// (the size of the column it goes to).
fn bounded_name(raw: &str, max: usize) -> Result<String, AppError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(AppError::Validation("name must not be empty".into()));
    }
    if name.chars().count() > max {
        return Err(AppError::Validation(format!(
            "name must be at most {max} characters"
        )));
    }
    Ok(name)
}

/// Creates an account directly (the command line's `admin create`).
pub async fn create_account(
    state: &AppState,
    email: &str,
    name: &str,
    new_password: &str,
    role: Role,
) -> Result<Account, AppError> {
    let email = Email::parse(email)?;
    let name = clean_name(name)?;
    check_password(new_password)?;
    let hash = password::hash(new_password.to_owned()).await?;
    Ok(accounts::create_user(&state.db, &email, &name, &hash, role).await?)
}

/// Checks an email and password; on success starts a session and returns its secret.
/// Unknown emails, wrong passwords and deactivated accounts get the same answer in about
/// the same time; repeated failures per account and per client are throttled.
pub async fn login(
    state: &AppState,
    email: &str,
    given_password: &str,
    client: &str,
) -> Result<(Account, String), AppError> {
    // Counted before the password is checked, so parallel guesses are throttled too.
    let keys = AttemptKeys::new(email, client);
    if let Err(wait) = state.throttle.begin(&keys) {
        tracing::warn!(
            event = "sign_in_throttled",
            account = %secret::digest_email(email),
            client,
            wait_seconds = wait.as_secs().max(1),
            "security"
        );
        return Err(AppError::TooManyAttempts(wait.as_secs().max(1)));
    }
    let found = match Email::parse(email) {
        Ok(email) => accounts::by_email(&state.db, &email).await?,
        Err(_) => None,
    };
    let (account, stored) = match found {
        Some((account, hash)) => (Some(account), Some(hash)),
        None => (None, None),
    };
    let matches = password::verify(given_password.to_owned(), stored).await?;
    match account {
        Some(account) if matches && account.active => {
            state.throttle.succeeded(&keys);
            let secret = session::start(&state.db, &state.sessions, &account).await?;
            tracing::info!(event = "signed_in", account = %account.id, client, "security");
            Ok((account, secret))
        }
        _ => {
            tracing::warn!(
                event = "sign_in_failed",
                account = %secret::digest_email(email),
                client,
                "security"
            );
            Err(AppError::LoginFailed)
        }
    }
}

/// Ends the caller's session, if they have one.
pub async fn logout(state: &AppState, actor: &Actor) -> Result<(), AppError> {
    if let Via::Session(id_hash) = &actor.via {
        accounts::end_session(&state.db, id_hash).await?;
        if let Some(account) = &actor.account {
            tracing::info!(event = "signed_out", account = %account.id, "security");
        }
    }
    Ok(())
}

/// Creates a single-use invitation and returns its secret (for the link).
pub async fn invite(
    state: &AppState,
    actor: &Actor,
    email: &str,
    role: &str,
) -> Result<String, AppError> {
    let admin = actor.require(Permission::Administer)?;
    let email = Email::parse(email)?;
    let role = Role::parse(role)?;
    if accounts::by_email(&state.db, &email).await?.is_some() {
        return Err(AppError::conflict(format!(
            "{} already has an account",
            email.as_str()
        )));
    }
    let token = secret::random_secret().map_err(|_| AppError::Internal)?;
    let expires = Utc::now() + Duration::days(INVITATION_DAYS);
    accounts::create_invitation(
        &state.db,
        &token,
        &secret::digest(&token),
        &email,
        role,
        admin.id,
        expires,
    )
    .await?;
    tracing::info!(
        event = "invited",
        invitee = %secret::digest_email(email.as_str()),
        role = role.key(),
        by = %admin.id,
        "security"
    );
    Ok(token)
}

/// Every pending invitation (admins only).
pub async fn pending_invitations(
    state: &AppState,
    actor: &Actor,
) -> Result<Vec<accounts::PendingInvitation>, AppError> {
    actor.require(Permission::Administer)?;
    Ok(accounts::pending_invitations(&state.db).await?)
}

/// Withdraws a pending invitation (admins only): its link stops working at once.
pub async fn revoke_invitation(
    state: &AppState,
    actor: &Actor,
    token_hash: &str,
) -> Result<(), AppError> {
    let admin = actor.require(Permission::Administer)?;
    if accounts::revoke_invitation(&state.db, token_hash).await? {
        tracing::info!(event = "invitation_revoked", by = %admin.id, "security");
        Ok(())
    } else {
        Err(AppError::NotFound(
            "invitation (it may have been used or revoked already)".into(),
        ))
    }
}

/// The email and role an invitation is for, if it is still open.
pub async fn invitation(state: &AppState, token: &str) -> Result<(Email, Role), AppError> {
    accounts::open_invitation(&state.db, &secret::digest(token))
        .await?
        .ok_or_else(|| AppError::NotFound("invitation (it may have expired or been used)".into()))
}

/// Accepts an invitation: creates the account and signs it in.
pub async fn accept_invitation(
    state: &AppState,
    token: &str,
    name: &str,
    new_password: &str,
) -> Result<(Account, String), AppError> {
    let name = clean_name(name)?;
    check_password(new_password)?;
    let token_hash = secret::digest(token);
    // Only a real invitation is worth 19 MiB of hashing: look it up first.
    if accounts::open_invitation(&state.db, &token_hash)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound(
            "invitation (it may have expired or been used)".into(),
        ));
    }
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = begin_write(&state.db).await?;
    let (email, role) = accounts::open_invitation(&*txn, &token_hash)
        .await?
        .ok_or_else(|| {
            AppError::NotFound("invitation (it may have expired or been used)".into())
        })?;
    if !accounts::use_invitation(&*txn, &token_hash).await? {
        return Err(AppError::NotFound(
            "invitation (it has just been used)".into(),
        ));
    }
    let account = accounts::create_user(&*txn, &email, &name, &hash, role).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(
        event = "invitation_accepted",
        account = %account.id,
        role = role.key(),
        "security"
    );
    let secret = session::start(&state.db, &state.sessions, &account).await?;
    Ok((account, secret))
}

pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let account = actor.account.as_ref().ok_or(AppError::Unauthorized)?;
    check_password(new_password)?;
    let stored = accounts::password_hash(&state.db, account.id).await?;
    if !password::verify(current.to_owned(), Some(stored)).await? {
        return Err(AppError::Validation(
            "the current password is not right".into(),
        ));
    }
    let hash = password::hash(new_password.to_owned()).await?;
    // Whoever knew the old password may hold a session or a token made with it: end every
    // other session and revoke every token; the session making the change stays.
    let keep = match &actor.via {
        Via::Session(id_hash) => Some(id_hash.as_str()),
        Via::Bearer | Via::Anonymous | Via::CommandLine => None,
    };
    let txn = begin_write(&state.db).await?;
    accounts::set_password_hash(&*txn, account.id, &hash).await?;
    accounts::end_other_sessions(&*txn, account.id, keep).await?;
    accounts::revoke_tokens_of(&*txn, account.id).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(event = "password_changed", account = %account.id, "security");
    Ok(())
}

pub async fn list_users(state: &AppState, actor: &Actor) -> Result<Vec<Account>, AppError> {
    actor.require(Permission::Administer)?;
    Ok(accounts::list(&state.db).await?)
}

pub async fn set_role(
    state: &AppState,
    actor: &Actor,
    user_id: UserId,
    role: &str,
) -> Result<(), AppError> {
    let user_id = user_id.uuid();
    let admin = actor.require(Permission::Administer)?;
    let role = Role::parse(role)?;
    if admin.id == user_id && role != Role::Admin {
        return Err(AppError::Validation(
            "you cannot take away your own admin role".into(),
        ));
    }
    accounts::set_role(&state.db, user_id, role).await?;
    tracing::info!(
        event = "role_changed",
        account = %user_id,
        role = role.key(),
        by = %admin.id,
        "security"
    );
    Ok(())
}

pub async fn set_active(
    state: &AppState,
    actor: &Actor,
    user_id: UserId,
    active: bool,
) -> Result<(), AppError> {
    let user_id = user_id.uuid();
    let admin = actor.require(Permission::Administer)?;
    if admin.id == user_id && !active {
        return Err(AppError::Validation(
            "you cannot deactivate yourself".into(),
        ));
    }
    accounts::set_active(&state.db, user_id, active).await?;
    tracing::info!(
        event = if active { "reactivated" } else { "deactivated" },
        account = %user_id,
        by = %admin.id,
        "security"
    );
    Ok(())
}

/// Creates a named API token for the caller; the secret is shown once.
pub async fn create_token(state: &AppState, actor: &Actor, name: &str) -> Result<String, AppError> {
    let account = actor.account.as_ref().ok_or(AppError::Unauthorized)?;
    // A token that could mint tokens would outlive its own revocation.
    if actor.via == Via::Bearer {
        return Err(AppError::Forbidden(
            "API tokens cannot create tokens: sign in to create one".into(),
        ));
    }
    let name = bounded_name(name, TOKEN_NAME_MAX)?;
    let token = secret::random_secret().map_err(|_| AppError::Internal)?;
    accounts::create_token(&state.db, account.id, &name, &secret::digest(&token)).await?;
    tracing::info!(event = "token_created", account = %account.id, "security");
    Ok(token)
}

pub async fn list_tokens(state: &AppState, actor: &Actor) -> Result<Vec<TokenInfo>, AppError> {
    let account = actor.account.as_ref().ok_or(AppError::Unauthorized)?;
    Ok(accounts::tokens_of(&state.db, account.id).await?)
}

pub async fn revoke_token(
    state: &AppState,
    actor: &Actor,
    token_id: TokenId,
) -> Result<(), AppError> {
    let account = actor.account.as_ref().ok_or(AppError::Unauthorized)?;
    Ok(accounts::revoke_token(&state.db, account.id, token_id.uuid()).await?)
}

/// Creates an API token for the account with this email (the command line's
/// `token create`).
pub async fn create_token_for(
    state: &AppState,
    email: &str,
    name: &str,
) -> Result<String, AppError> {
    let email = Email::parse(email)?;
    let (account, _) = accounts::by_email(&state.db, &email)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("account {}", email.as_str())))?;
    if !account.active {
        return Err(AppError::Validation("that account is deactivated".into()));
    }
    let actor = Actor {
        account: Some(account),
        via: Via::CommandLine,
    };
    create_token(state, &actor, name).await
}

/// Sets the password of the account with this email (the command line's `admin
/// set-password`: how an imported account, which has none, or a locked-out admin gets in).
/// Every session and token of the account ends.
pub async fn set_password_for(
    state: &AppState,
    email: &str,
    new_password: &str,
) -> Result<Account, AppError> {
    let email = Email::parse(email)?;
    check_password(new_password)?;
    let (account, _) = accounts::by_email(&state.db, &email)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("account {}", email.as_str())))?;
    let hash = password::hash(new_password.to_owned()).await?;
    let txn = begin_write(&state.db).await?;
    accounts::set_password_hash(&*txn, account.id, &hash).await?;
    accounts::end_other_sessions(&*txn, account.id, None).await?;
    accounts::revoke_tokens_of(&*txn, account.id).await?;
    txn.commit().await.map_err(StoreError::from)?;
    tracing::info!(event = "password_set", account = %account.id, via = "command line", "security");
    Ok(account)
}
