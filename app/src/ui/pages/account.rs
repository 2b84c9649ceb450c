//! Account pages: sign in, accept an invitation, one's own account (password, API
//! tokens), and for admins the users (`/admin/users`: roles, invitations) and companies
//! (`/admin/companies`). Sign-in and invitations are documents with plain forms; the
//! others are islands, since their forms show what they made (a token, a link).

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
use crate::ui::components::form_reset::reset_on_success;
use crate::ui::components::import_admin::{AliasAdmin, review_list};
use crate::ui::components::load_error::load_error;
use crate::ui::components::loaded::Loaded;
use crate::ui::island;
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
                        Ok(tokens) => view! { <AccountIsland account tokens /> }.into_any(),
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

/// One's account in the browser: the password form, and the API tokens, a new one shown
/// once as it is made.
#[island]
fn AccountIsland(account: Account, tokens: Vec<TokenView>) -> impl IntoView {
    island::start();
    let change = ServerAction::<ChangePassword>::new();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let tokens = island::kept_by(
        tokens,
        move || {
            create.version().track();
            revoke.version().track();
        },
        list_tokens,
    );
    let hydrated = island::hydrated();
    view! {
        <section class="narrow" data-hydrated=move || hydrated.get().to_string()>
            <h1>"Your account"</h1>
            <p>{format!("{} · {} · {}", account.name, account.email, account.role.label())}</p>
            <h2>"Change your password"</h2>
            <ActionForm action=change attr:class="stacked-form">
                <label>"Current password" <input type="password" name="current" required autocomplete="current-password" /></label>
                <label>"New password (at least 12 characters)" <input type="password" name="new_password" required minlength="12" maxlength="128" autocomplete="new-password" /></label>
                <button type="submit">"Change password"</button>
                {crate::action_error!(change)}
                {move || matches!(change.value().get(), Some(Ok(()))).then(|| view! { <p class="ok" role="status">"Your password has been changed."</p> })}
            </ActionForm>
            <h2>"API tokens"</h2>
            <p class="muted">"For scripts: send a token as " <code>"Authorization: Bearer …"</code> ". It acts with your role."</p>
            <ul class="tokens">
                {move || tokens.get().into_iter().map(|t| view! {
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
            {move || create.value().get().and_then(Result::ok).map(|secret| view! {
                <p class="ok" role="status">"Copy this token now; it will not be shown again: " <code class="secret">{secret}</code></p>
            })}
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

/// The accounts and invitations as they stand, for the island.
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
                            view! { <UsersIsland users=users.clone() invitations origin=public_origin() /> }
                        }
                    />
                }
            }
        />
    }
}

/// The users page in the browser: a new invitation's link shown as it is made, and the
/// lists read again after each form.
#[island]
fn UsersIsland(
    users: Vec<Account>,
    invitations: Vec<InvitationView>,
    origin: String,
) -> impl IntoView {
    island::start();
    let invite = ServerAction::<Invite>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let set_role = ServerAction::<SetRole>::new();
    let set_active = ServerAction::<SetActive>::new();
    let users = island::kept_by(
        users,
        move || {
            set_role.version().track();
            set_active.version().track();
        },
        list_users,
    );
    let invitations = island::kept_by(
        invitations,
        move || {
            invite.version().track();
            revoke.version().track();
        },
        list_invitations,
    );
    let invite_form = reset_on_success(invite);
    let hydrated = island::hydrated();
    let link_origin = origin.clone();
    view! {
        <section class="admin-forms" data-hydrated=move || hydrated.get().to_string()>
        <h2>"Invite someone"</h2>
        <ActionForm action=invite node_ref=invite_form attr:class="stacked-form">
            <label>"Email" <input type="email" name="email" required /></label>
            <label>"Role" <select name="role">
                {Role::ALL.iter().copied().map(|r| view! { <option value=r.key() selected=r == Role::Member>{r.label()}</option> }).collect_view()}
            </select></label>
            <button type="submit">"Create invitation link"</button>
            {crate::action_error!(invite)}
        </ActionForm>
        {move || invite.value().get().and_then(Result::ok).map(|path| view! {
            <p class="ok" role="status">
                "Send this single-use link (valid 7 days): "
                <a class="invitation-link" href=path.clone()>{format!("{link_origin}{path}")}</a>
            </p>
        })}
        <h2>"Pending invitations"</h2>
        {crate::action_error!(revoke)}
        {move || invitations_view(invitations.get(), revoke, origin.clone())}
        <h2>"Accounts"</h2>
        {crate::action_error!(set_role)}
        {crate::action_error!(set_active)}
        {move || users_table(users.get(), set_role, set_active)}
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
                            view! { <CompaniesIsland companies=companies.clone() aliases /> }
                        }
                    />
                }
            }
        />
        <h2>"Patterns import: left for review"</h2>
        <Loaded resource=review what="The review list" ready=|list, _| review_list(list) />
    }
}

/// The companies page in the browser: each form says what it did and the lists are read
/// again after it.
#[island]
fn CompaniesIsland(companies: Vec<Company>, aliases: Vec<AliasView>) -> impl IntoView {
    island::start();
    let add = ServerAction::<AddCompany>::new();
    let edit = ServerAction::<EditCompany>::new();
    let companies = island::kept_by(
        companies,
        move || {
            add.version().track();
            edit.version().track();
        },
        list_companies,
    );
    let hydrated = island::hydrated();
    view! {
        <section class="admin-forms" data-hydrated=move || hydrated.get().to_string()>
            <p class="lede">
                "Adoptions name the company that uses a solution. A company that may not be named "
                "in public appears to visitors by its descriptor (\u{201c}a large bank\u{201d}); members see its name."
            </p>
            <h2>"Add a company"</h2>
            <AddCompanyForm action=add />
            <h2>"Every company"</h2>
            {move || view! { <CompanyList companies=companies.get() action=edit /> }}
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
