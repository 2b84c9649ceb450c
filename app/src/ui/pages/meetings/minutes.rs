//! `/meetings/{id}/minutes`: the minutes as a document to read, print or share.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::meetings::{Minutes, get_minutes};
use crate::ui::components::loaded::Loaded;

#[component]
pub fn MinutesPage() -> impl IntoView {
    let params = use_params_map();
    let minutes = Resource::new(
        move || params.with(|p| p.get("id").unwrap_or_default()),
        get_minutes,
    );
    view! {
        <section class="minutes-page narrow">
            <Loaded
                resource=minutes
                what="The minutes"
                loading="Loading the minutes\u{2026}"
                ready=|m: Minutes, _| {
                    let date = m.held_on.format("%-d %B %Y").to_string();
                    let meeting = format!("/meetings/{}", m.meeting_id);
                    view! {
                        <Title text=format!("Minutes of {date}") />
                        <p class="breadcrumb"><a href=meeting.clone()>"\u{2190} Meeting"</a></p>
                        <article class="markdown minutes" inner_html=m.html></article>
                        <p><a href=format!("{meeting}/minutes.md") download="">"Download as Markdown"</a></p>
                    }
                }
            />
        </section>
    }
}
