//! The import tools on `/admin/companies`: the company alias table (each alias with a
//! button to remove it, and a form to add one) and what the last InnerSource Patterns
//! import left for review. Plain forms, rendered on the server.

use leptos::prelude::*;

use crate::api::imports::{AddAlias, RemoveAlias};
use crate::contract::imports::{AliasView, ReviewItem};

/// The alias table with its forms.
#[component]
pub fn AliasAdmin(aliases: Vec<AliasView>) -> impl IntoView {
    let add = ServerAction::<AddAlias>::new();
    let remove = ServerAction::<RemoveAlias>::new();
    view! {
        <h2>"Company aliases"</h2>
        <p>
            "Other spellings of a company\u{2019}s name. The InnerSource Patterns import reads "
            "each one as the company it names, so \u{201c}Robert Bosch\u{201d} and "
            "\u{201c}Robert Bosch GmbH\u{201d} are one company."
        </p>
        <ActionForm action=add attr:class="stacked-form add-alias">
            <label>"Alias" <input type="text" name="alias" required maxlength="200" placeholder="Paypal Inc." /></label>
            <label>"Company it names" <input type="text" name="name" required maxlength="200" placeholder="PayPal" /></label>
            <button type="submit">"Add alias"</button>
            {crate::action_error!(add)}
        </ActionForm>
        {crate::action_error!(remove)}
        {alias_list(aliases, remove)}
    }
}

fn alias_list(list: Vec<AliasView>, remove: ServerAction<RemoveAlias>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="muted">"No alias is recorded."</p> }.into_any();
    }
    view! {
        <ul class="alias-list">
            {list
                .into_iter()
                .map(|a| {
                    view! {
                        <li>
                            <span>{format!("\u{201c}{}\u{201d} \u{2192} {}", a.alias, a.name)}</span>
                            <ActionForm action=remove attr:class="inline-form">
                                <input type="hidden" name="alias" value=a.alias.clone() />
                                <button type="submit" class="small secondary" aria-label=format!("Remove the alias {}", a.alias)>
                                    "Remove"
                                </button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// What the last Patterns import left for review (rendered on the server).
pub fn review_list(list: Vec<ReviewItem>) -> AnyView {
    if list.is_empty() {
        return view! {
            <p class="muted">
                "Nothing: the last import (if any) read every known instance with confidence."
            </p>
        }
        .into_any();
    }
    view! {
        <p>
            "The last " <code>"ispo-board import-patterns"</code>
            " run could not tell which organisation these name, and left them out. Record "
            "an adoption by hand where one is meant, or add an alias and import again."
        </p>
        <ul class="review-list">
            {list
                .into_iter()
                .map(|item| view! { <li><code>{item.file}</code> ": " {item.what}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
