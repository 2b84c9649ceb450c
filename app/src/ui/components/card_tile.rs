//! One card on the board: its title and badges for tags, solutions and adoptions.

use leptos::prelude::*;

use crate::domain::CardOverview;

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
pub fn CardTile(card: CardOverview) -> impl IntoView {
    let solutions = plural(card.solutions, "solution", "solutions");
    let companies = plural(card.companies, "company", "companies");
    let has_adoptions = card.companies > 0;
    view! {
        <li class="card" data-card-id=card.id.to_string()>
            <h3 class="card-title">{card.title}</h3>
            <ul class="badges" aria-label="Summary">
                <li class="badge badge-solutions">{solutions}</li>
                {has_adoptions
                    .then(|| {
                        view! {
                            <li class="badge badge-companies" title="Distinct adopting companies">
                                {companies}
                            </li>
                        }
                    })}
                {card
                    .tags
                    .into_iter()
                    .map(|tag| view! { <li class="badge badge-tag">"#" {tag}</li> })
                    .collect_view()}
            </ul>
        </li>
    }
}
