//! The forms that record and correct companies (admins only): the card page offers the
//! first, `/admin/companies` both. Both are plain forms, rendered on the server; what a
//! form made is said by the page it returns to (a flash, `api/flash.rs`).

use leptos::prelude::*;

use crate::api::cards::{AddCompany, EditCompany};
use crate::domain::Company;

/// Records a company: its name, whether it may be named in public and what it is called
/// otherwise.
#[component]
pub fn AddCompanyForm(action: ServerAction<AddCompany>) -> impl IntoView {
    view! {
        <ActionForm action attr:class="stacked-form add-company">
            <label>"Name" <input type="text" name="name" required maxlength="200" /></label>
            <label class="checkbox">
                <input type="checkbox" name="public" value="on" />
                " May be named publicly"
            </label>
            <label>
                "Shown instead of the name otherwise"
                <input type="text" name="descriptor" maxlength="200" placeholder="a large financial services company" />
            </label>
            <button type="submit">"Add company"</button>
            {crate::action_error!(action)}
        </ActionForm>
    }
}

/// Every company, each with a form to correct its name, public naming and descriptor.
#[component]
pub fn CompanyList(companies: Vec<Company>, action: ServerAction<EditCompany>) -> impl IntoView {
    if companies.is_empty() {
        return view! { <p class="muted">"No company is recorded yet."</p> }.into_any();
    }
    view! {
        {crate::action_error!(action)}
        <ul class="company-list">
            {companies
                .into_iter()
                .map(|c| {
                    let shown = if c.public {
                        "named publicly".to_owned()
                    } else {
                        format!("shown as \u{201c}{}\u{201d}", c.descriptor)
                    };
                    view! {
                        <li data-company-id=c.id.to_string()>
                            <details class="inline-edit">
                                <summary><strong>{c.name.clone()}</strong> " \u{00b7} " {shown}</summary>
                                <ActionForm action attr:class="stacked-form">
                                    <input type="hidden" name="company_id" value=c.id.to_string() />
                                    <input type="hidden" name="version" value=c.version.to_string() />
                                    <label>"Name" <input type="text" name="name" required maxlength="200" value=c.name.clone() /></label>
                                    <label class="checkbox">
                                        <input type="checkbox" name="public" value="on" checked=c.public />
                                        " May be named publicly"
                                    </label>
                                    <label>
                                        "Shown instead of the name otherwise"
                                        <input type="text" name="descriptor" maxlength="200" value=c.descriptor.clone() />
                                    </label>
                                    <button type="submit">"Save company"</button>
                                </ActionForm>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
