//! Account pages: sign in, accept an invitation, one's own account (password, API
//! tokens), and for admins the users (`/admin/users`: roles, invitations) and companies
//! (`/admin/companies`). All are documents with plain forms: what a form made (a new
//! token's secret, an invitation's link, "… was added.") comes back with the page it
//! returns to, as a flash (`api/flash.rs`, shown by the shell's `FlashNotice`); on the
//! account and admin pages `follow.js` fills a refused form in again.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use server_fn::ServerFn;

use crate::api::auth::{
    AcceptInvitation, ChangePassword, CreateToken, InvitationView, Invite, Login, RevokeInvitation,
    RevokeToken, SetActive, SetRole, TokenView, get_invitation, list_invitations, list_tokens,
    list_users,
};
use crate::api::cards::{AddCompany, EditCompany, list_companies};
use crate::api::imports::{import_review, list_aliases};
use crate::contract::imports::AliasView;
use crate::domain::{Account, Company, Permission, Role};
use crate::ui::components::company_forms::{AddCompanyForm, CompanyList};
use crate::ui::components::import_admin::{AliasAdmin, review_list};
use crate::ui::components::load_error::load_error;
use crate::ui::components::loaded::Loaded;
use crate::ui::session::use_me;

#[component]
pub fn LoginPage() -> impl IntoView {
    // Without WebAssembly a failed sign-in comes back as a redirect carrying the error.
    let login = ServerAction::<Login>::new();
    view! {
        <Title text="Sign in" />
        <section class="narrow">
            <h1>"Sign in"</h1>
            <form method="post" action=Login::url() class="stacked-form">
                <label>"Email" <input type="email" name="email" required autocomplete="username" /></label>
                <label>
                    "Password"
                    <input type="password" name="password" required autocomplete="current-password" />
                </label>
                <button type="submit">"Sign in"</button>
                {crate::action_error!(login)}
            </form>
            <p class="muted">"Accounts are made by invitation from an admin of the working group."</p>
        </section>
    }
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let invitation = Resource::new(token, get_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    view! {
        <Title text="Accept an invitation" />
        <section class="narrow">
            <h1>"Join the ISPO working group board"</h1>
            <Loaded
                resource=invitation
                what="The invitation"
                ready=move |(email, role): (String, Role), _| {
                    view! {
                        <p>{format!("This invitation is for {email}, as {}.", role.label())}</p>
                        <form method="post" action=AcceptInvitation::url() class="stacked-form">
                            <input type="hidden" name="token" value=token() />
                            <label>"Your name" <input type="text" name="name" required /></label>
                            <label>
                                "Choose a password (at least 12 characters)"
                                <input type="password" name="password" required minlength="12" maxlength="128" autocomplete="new-password" />
                            </label>
                            <button type="submit">"Create my account"</button>
                            {crate::action_error!(accept)}
                        </form>
                    }
                }
            />
        </section>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = use_me();
    let tokens = Resource::new(|| (), |_| list_tokens());
    view! {
        <Title text="Your account" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(account)) => match tokens.await {
                        Ok(tokens) => view! { <AccountView account tokens /> }.into_any(),
                        Err(err) => load_error("Your API tokens", &err),
                    },
                    _ => view! {
                        <section class="narrow">
                            <h1>"Your account"</h1>
                            <p>"Please " <a href="/login">"sign in"</a> "."</p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// One's account: the password form, and the API tokens (a new one's secret is shown
/// once, by the flash of the page the form returns to).
#[component]
fn AccountView(account: Account, tokens: Vec<TokenView>) -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    view! {
        <section class="narrow">
            <h1>"Your account"</h1>
            <p>{format!("{} · {} · {}", account.name, account.email, account.role.label())}</p>
            <h2>"Change your password"</h2>
            <ActionForm action=change attr:class="stacked-form">
                <label>"Current password" <input type="password" name="current" required autocomplete="current-password" /></label>
                <label>"New password (at least 12 characters)" <input type="password" name="new_password" required minlength="12" maxlength="128" autocomplete="new-password" /></label>
                <button type="submit">"Change password"</button>
                {crate::action_error!(change)}
            </ActionForm>
            <h2>"API tokens"</h2>
            <p class="muted">"For scripts: send a token as " <code>"Authorization: Bearer …"</code> ". It acts with your role."</p>
            <ul class="tokens">
                {tokens.into_iter().map(|t| view! {
                    <li>
                        <strong>{t.name}</strong>
                        {format!(" · created {} · last used {}", t.created_at, t.last_used_at.unwrap_or_else(|| "never".into()))}
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="id" value=t.id.to_string() />
                            <button type="submit" class="danger">"Revoke"</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            <ActionForm action=create attr:class="stacked-form">
                <label>"Token name" <input type="text" name="name" required placeholder="board export script" /></label>
                <button type="submit">"Create token"</button>
                {crate::action_error!(create)}
            </ActionForm>
        </section>
    }
}

/// `/admin/users`: accounts, roles, invitations. Only admins see any of it.
#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Title text="Users" />
        <section class="narrow wide">
            <h1>"Users"</h1>
            <AdminOnly>
                <UsersAdmin />
            </AdminOnly>
        </section>
    }
}

/// The accounts and invitations as they stand.
#[component]
fn UsersAdmin() -> impl IntoView {
    let users = Resource::new(|| (), |_| list_users());
    let invitations = Resource::new(|| (), |_| list_invitations());
    view! {
        <Loaded
            resource=users
            what="The accounts"
            ready=move |users, _| {
                view! {
                    <Loaded
                        resource=invitations
                        what="The invitations"
                        ready=move |invitations, _| {
                            view! { <UsersView users=users.clone() invitations origin=public_origin() /> }
                        }
                    />
                }
            }
        />
    }
}

/// The users page: invitations (a new one's link is shown by the flash of the page the
/// form returns to) and accounts.
#[component]
fn UsersView(
    users: Vec<Account>,
    invitations: Vec<InvitationView>,
    origin: String,
) -> impl IntoView {
    let invite = ServerAction::<Invite>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let set_role = ServerAction::<SetRole>::new();
    let set_active = ServerAction::<SetActive>::new();
    view! {
        <section class="admin-forms">
        <h2>"Invite someone"</h2>
        <ActionForm action=invite attr:class="stacked-form">
            <label>"Email" <input type="email" name="email" required /></label>
            <label>"Role" <select name="role">
                {Role::ALL.iter().copied().map(|r| view! { <option value=r.key() selected=r == Role::Member>{r.label()}</option> }).collect_view()}
            </select></label>
            <button type="submit">"Create invitation link"</button>
            {crate::action_error!(invite)}
        </ActionForm>
        <h2>"Pending invitations"</h2>
        {crate::action_error!(revoke)}
        {invitations_view(invitations, revoke, origin)}
        <h2>"Accounts"</h2>
        {crate::action_error!(set_role)}
        {crate::action_error!(set_active)}
        {users_table(users, set_role, set_active)}
        <h2>"Export the board"</h2>
        <p>
            "Every record of the board in one JSON file, to keep or to load into another "
            "ispo-board with " <code>"ispo-board import"</code> " (accounts without passwords). "
            <a class="button-link export-link" href="/api/v1/export" download="" rel="external">
                "Download the export"
            </a>
        </p>
        </section>
    }
}

/// The pending invitations, or a line saying there are none.
fn invitations_view(
    list: Vec<InvitationView>,
    revoke: ServerAction<RevokeInvitation>,
    origin: String,
) -> AnyView {
    if list.is_empty() {
        view! { <p class="muted">"No invitation is waiting to be accepted."</p> }.into_any()
    } else {
        view! { <PendingInvitations list revoke origin /> }.into_any()
    }
}

/// Every account with its role and status forms.
fn users_table(
    list: Vec<Account>,
    set_role: ServerAction<SetRole>,
    set_active: ServerAction<SetActive>,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
        <table class="users">
            <thead><tr><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Status"</th></tr></thead>
            <tbody>
                {list.into_iter().map(|u| {
                    let id = u.id.to_string();
                    let id2 = id.clone();
                    let role_label = format!("Role of {}", u.name);
                    view! {
                        <tr data-email=u.email.clone()>
                            <td data-label="Name">{u.name.clone()}</td>
                            <td data-label="Email" class="email">{u.email.clone()}</td>
                            <td data-label="Role">
                                <ActionForm action=set_role attr:class="inline-form">
                                    <input type="hidden" name="user_id" value=id />
                                    <select name="role" aria-label=role_label>
                                        {Role::ALL.iter().copied().map(|r| view! { <option value=r.key() selected=r == u.role>{r.label()}</option> }).collect_view()}
                                    </select>
                                    <button type="submit">"Save"</button>
                                </ActionForm>
                            </td>
                            <td data-label="Status">
                                <ActionForm action=set_active attr:class="inline-form">
                                    <input type="hidden" name="user_id" value=id2 />
                                    <input type="hidden" name="active" value=(!u.active).to_string() />
                                    {if u.active { "Active " } else { "Deactivated " }}
                                    <button type="submit" class=if u.active { "danger" } else { "" }>
                                        {if u.active { "Deactivate" } else { "Reactivate" }}
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

/// Pending invitations with their full links to copy, expiry and a Revoke button.
#[component]
fn PendingInvitations(
    list: Vec<InvitationView>,
    revoke: ServerAction<RevokeInvitation>,
    origin: String,
) -> impl IntoView {
    view! {
        <ul class="invitations">
            {list.into_iter().map(|i| {
                let link = i.path.map(|path| format!("{origin}{path}"));
                let label = format!("Invitation link for {}", i.email);
                view! {
                    <li class="invitation" data-email=i.email.clone()>
                        <p>
                            <strong>{i.email.clone()}</strong>
                            {format!(" \u{00b7} {} \u{00b7} expires {}", i.role.label(), i.expires_at)}
                        </p>
                        {match link {
                            Some(link) => view! {
                                <input type="text" class="invitation-url" readonly value=link aria-label=label />
                            }.into_any(),
                            None => view! { <p class="muted small">"Made before links were kept: revoke it and invite again to get a link."</p> }.into_any(),
                        }}
                        <ActionForm action=revoke attr:class="inline-form">
                            <input type="hidden" name="invitation" value=i.id />
                            <button type="submit" class="danger">"Revoke"</button>
                        </ActionForm>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The site's base URL, for links to copy.
fn public_origin() -> String {
    crate::ui::components::page_meta::site_base().unwrap_or_default()
}

/// `/admin/companies`: every company with its real name, to add and correct them.
#[component]
pub fn CompaniesPage() -> impl IntoView {
    view! {
        <Title text="Companies" />
        <section class="narrow wide">
            <h1>"Companies"</h1>
            <AdminOnly>
                <CompaniesAdmin />
            </AdminOnly>
        </section>
    }
}

/// The companies, the aliases and the review list as they stand.
#[component]
fn CompaniesAdmin() -> impl IntoView {
    let companies = Resource::new(|| (), |_| list_companies());
    let aliases = Resource::new(|| (), |_| list_aliases());
    let review = Resource::new(|| (), |_| import_review());
    view! {
        <Loaded
            resource=companies
            what="The companies"
            ready=move |companies, _| {
                view! {
                    <Loaded
                        resource=aliases
                        what="The aliases"
                        ready=move |aliases, _| {
                            view! { <CompaniesView companies=companies.clone() aliases /> }
                        }
                    />
                }
            }
        />
        <h2>"Patterns import: left for review"</h2>
        <Loaded resource=review what="The review list" ready=|list, _| review_list(list) />
    }
}

/// The companies page: the companies with their forms, and the alias table.
#[component]
fn CompaniesView(companies: Vec<Company>, aliases: Vec<AliasView>) -> impl IntoView {
    let add = ServerAction::<AddCompany>::new();
    let edit = ServerAction::<EditCompany>::new();
    view! {
        <section class="admin-forms">
            <p class="lede">
                "Adoptions name the company that uses a solution. A company that may not be named "
                "in public appears to visitors by its descriptor (\u{201c}a large bank\u{201d}); members see its name."
            </p>
            <h2>"Add a company"</h2>
            <AddCompanyForm action=add />
            <h2>"Every company"</h2>
            <CompanyList companies action=edit />
            <AliasAdmin aliases />
        </section>
    }
}

/// Shows its children to admins only: members get a refusal (403), visitors a request to
/// sign in (401), and neither sees any admin form.
#[component]
pub(crate) fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let me = use_me();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(account)) if account.role.allows(Permission::Administer) => children().into_any(),
                        Ok(Some(_)) => {
                            set_status(403);
                            view! { <p class="error" role="alert">"Your account cannot open this page: only admins of the working group manage it."</p> }.into_any()
                        }
                        _ => {
                            set_status(401);
                            view! { <p>"Please " <a href="/login">"sign in"</a> " with an admin account."</p> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The HTTP status of the page being rendered on the server; nothing in the browser.
fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
