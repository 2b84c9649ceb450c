//! Server functions for accounts: who am I, sign in and out, invitations, the account page
//! (password, API tokens) and user administration.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::AppError;
use crate::domain::{Account, Role};

/// An API token as its owner sees it (never the secret, after creation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: Uuid,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

#[cfg(feature = "ssr")]
mod server {
    use axum::http::{HeaderValue, header};

    use crate::contract::AppError;
    use crate::state::AppState;

    pub fn state() -> Result<AppState, AppError> {
        crate::state::app_state()
    }

    pub fn set_cookie(value: &str) {
        if let (Some(response), Ok(value)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            response.append_header(header::SET_COOKIE, value);
        }
    }

    /// Who the request comes from, for login throttling.
    pub fn client(state: &AppState) -> String {
        match leptos::prelude::use_context::<axum::http::request::Parts>() {
            Some(parts) => state.client_of(
                parts
                    .extensions
                    .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                    .map(|info| info.0.ip()),
                &parts.headers,
            ),
            None => "unknown".into(),
        }
    }
}

/// The signed-in account, if any.
#[server]
pub async fn get_me() -> Result<Option<Account>, AppError> {
    Ok(crate::auth::current_actor().account)
}

/// Signs in with email and password and goes to the board.
#[server]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    let state = server::state()?;
    let (_, secret) =
        crate::service::accounts::login(&state, &email, &password, &server::client(&state)).await?;
    server::set_cookie(&crate::auth::session::set_cookie(&state.sessions, &secret));
    leptos_axum::redirect("/");
    Ok(())
}

/// Signs out and goes to the board.
#[server]
pub async fn logout() -> Result<(), AppError> {
    let state = server::state()?;
    crate::service::accounts::logout(&state, &crate::auth::current_actor()).await?;
    server::set_cookie(&crate::auth::session::clear_cookie(&state.sessions));
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn change_password(current: String, new_password: String) -> Result<(), AppError> {
    let state = server::state()?;
    crate::service::accounts::change_password(
        &state,
        &crate::auth::current_actor(),
        &current,
        &new_password,
    )
    .await?;
    super::flash::leave(&super::flash::Flash::Done(
        "Your password has been changed.".into(),
    ));
    Ok(())
}

/// Creates an API token; returns its secret, shown once.
#[server]
pub async fn create_token(name: String) -> Result<String, AppError> {
    let state = server::state()?;
    let secret =
        crate::service::accounts::create_token(&state, &crate::auth::current_actor(), &name)
            .await?;
    super::flash::leave(&super::flash::Flash::NewToken(secret.clone()));
    Ok(secret)
}

#[server]
pub async fn revoke_token(id: String) -> Result<(), AppError> {
    let state = server::state()?;
    let id = crate::domain::TokenId::parse(&id)?;
    crate::service::accounts::revoke_token(&state, &crate::auth::current_actor(), id).await
}

#[server]
pub async fn list_tokens() -> Result<Vec<TokenView>, AppError> {
    let state = server::state()?;
    let tokens =
        crate::service::accounts::list_tokens(&state, &crate::auth::current_actor()).await?;
    Ok(tokens
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created_at: t.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            last_used_at: t
                .last_used_at
                .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
        })
        .collect())
}

/// Invites someone by email with a role; returns the invitation link's path.
#[server]
pub async fn invite(email: String, role: String) -> Result<String, AppError> {
    let state = server::state()?;
    let token =
        crate::service::accounts::invite(&state, &crate::auth::current_actor(), &email, &role)
            .await?;
    let path = format!("/invitations/{token}");
    super::flash::leave(&super::flash::Flash::Invitation(path.clone()));
    Ok(path)
}

/// A pending invitation as the admins' page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    /// Identifies the invitation for revoking (the hash of its secret, not the secret).
    pub id: String,
    pub email: String,
    pub role: Role,
    /// The link's path (`/invitations/…`), when it was kept.
    pub path: Option<String>,
    pub expires_at: String,
}

/// Every pending invitation with its link (admins only).
#[server]
pub async fn list_invitations() -> Result<Vec<InvitationView>, AppError> {
    let state = server::state()?;
    let pending =
        crate::service::accounts::pending_invitations(&state, &crate::auth::current_actor())
            .await?;
    Ok(pending
        .into_iter()
        .map(|i| InvitationView {
            id: i.token_hash,
            email: i.email,
            role: i.role,
            path: i.token.map(|t| format!("/invitations/{t}")),
            expires_at: i.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        })
        .collect())
}

/// Withdraws a pending invitation (admins only).
#[server]
pub async fn revoke_invitation(invitation: String) -> Result<(), AppError> {
    let state = server::state()?;
    crate::service::accounts::revoke_invitation(&state, &crate::auth::current_actor(), &invitation)
        .await
}

/// The email and role an open invitation is for.
#[server]
pub async fn get_invitation(token: String) -> Result<(String, Role), AppError> {
    let state = server::state()?;
    let (email, role) = crate::service::accounts::invitation(&state, &token).await?;
    Ok((email.as_str().to_owned(), role))
}

/// Accepts an invitation: creates the account, signs in, goes to the board.
#[server]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<(), AppError> {
    let state = server::state()?;
    let (_, secret) =
        crate::service::accounts::accept_invitation(&state, &token, &name, &password).await?;
    server::set_cookie(&crate::auth::session::set_cookie(&state.sessions, &secret));
    leptos_axum::redirect("/");
    Ok(())
}

#[server]
pub async fn list_users() -> Result<Vec<Account>, AppError> {
    let state = server::state()?;
    crate::service::accounts::list_users(&state, &crate::auth::current_actor()).await
}

#[server]
pub async fn set_role(user_id: String, role: String) -> Result<(), AppError> {
    let state = server::state()?;
    let id = crate::domain::UserId::parse(&user_id)?;
    crate::service::accounts::set_role(&state, &crate::auth::current_actor(), id, &role).await
}

/// Activates (`active` = "true") or deactivates an account.
#[server]
pub async fn set_active(user_id: String, active: String) -> Result<(), AppError> {
    let state = server::state()?;
    let id = crate::domain::UserId::parse(&user_id)?;
    crate::service::accounts::set_active(
        &state,
        &crate::auth::current_actor(),
        id,
        active == "true",
    )
    .await
}
