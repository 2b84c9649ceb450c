//! The signed-in account, loaded once per page load and shared through context; the
//! header's sign-in and sign-out controls.

use leptos::prelude::*;
use server_fn::ServerFn;

use crate::api::auth::{Logout, get_me};
use crate::contract::AppError;
use crate::domain::{Account, Permission};

pub type Me = Resource<Result<Option<Account>, AppError>>;

/// Loads the signed-in account and shares it with every page.
pub fn provide_me() {
    let me: Me = Resource::new(|| (), |_| get_me());
    provide_context(me);
}

pub fn use_me() -> Me {
    use_context::<Me>().unwrap_or_else(|| Resource::new(|| (), |_| get_me()))
}

/// Whether the account may do `permission`.
pub fn may(me: &Result<Option<Account>, AppError>, permission: Permission) -> bool {
    matches!(me, Ok(Some(account)) if account.role.allows(permission))
}

/// "Sign in", or the account's name with links to its page and a sign-out button.
#[component]
pub fn SessionControls() -> impl IntoView {
    let me = use_me();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(account)) => {
                        let admin = account.role.allows(Permission::Administer);
                        view! {
                            <nav class="session" aria-label="Account">
                                {admin.then(|| view! { <a href="/admin/users">"Users"</a> <a href="/admin/companies">"Companies"</a> })}
                                <a href="/account" class="me">{format!("{} ({})", account.name, account.role.label())}</a>
                                <form method="post" action=Logout::url() class="inline-form">
                                    <button type="submit" class="link">"Sign out"</button>
                                </form>
                            </nav>
                        }
                        .into_any()
                    }
                    _ => view! {
                        <nav class="session" aria-label="Account">
                            <a href="/login">"Sign in"</a>
                        </nav>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
