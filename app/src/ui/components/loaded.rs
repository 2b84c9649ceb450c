//! The one way a page shows what it loads: a loading line until its resource and the
//! signed-in account are there, then the page's content for that viewer, or the error
//! that stopped it ([`load_error`], with the matching status on the server).

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::load_error::explained_load_error;
use crate::contract::AppError;
use crate::domain::{Account, Permission};
use crate::ui::session::use_me;

/// Who is looking at the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Viewer(pub Option<Account>);

impl Viewer {
    /// Whether the viewer may do `permission` (visitors may only read).
    pub fn may(&self, permission: Permission) -> bool {
        self.0.as_ref().is_some_and(|a| a.role.allows(permission))
    }
}

/// `resource` once loaded, shown by `ready`; until then `loading`; on failure the error,
/// headed by what was loaded (`what`, e.g. "The card"), with `missing` said when it does
/// not exist.
#[component]
pub fn Loaded<T, F, V>(
    resource: Resource<Result<T, AppError>>,
    what: &'static str,
    #[prop(default = "Loading\u{2026}")] loading: &'static str,
    #[prop(optional)] missing: Option<&'static str>,
    ready: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T, Viewer) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let me = use_me();
    view! {
        <Transition fallback=move || view! { <p class="loading">{loading}</p> }>
            {move || {
                let ready = ready.clone();
                Suspend::new(async move {
                    let viewer = Viewer(me.await.ok().flatten());
                    match resource.await {
                        Ok(value) => ready(value, viewer).into_any(),
                        Err(err) => explained_load_error(what, &err, missing),
                    }
                })
            }}
        </Transition>
    }
}
