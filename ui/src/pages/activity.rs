//! Activity: every transaction the wallet broadcast on any network, newest first, with its
//! status. While the screen is open the engine is asked again every few seconds, and each ask
//! checks the pending transactions' receipts.

use std::time::Duration;

use formica_core::api::{ActivityItem, TxStatus, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::components::refresh;
use crate::format::shorten;
use crate::i18n::t;
use crate::state::use_commands;

const REFRESH: Duration = Duration::from_secs(2);

fn status_key(status: TxStatus) -> (&'static str, &'static str) {
    match status {
        TxStatus::Pending => ("pending", "statusPending"),
        TxStatus::Confirmed => ("confirmed", "statusConfirmed"),
        TxStatus::Failed => ("failed", "statusFailed"),
        TxStatus::Dropped => ("dropped", "statusDropped"),
    }
}

fn item_view(item: ActivityItem) -> impl IntoView {
    let (status, label) = status_key(item.status);
    let time = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        // Milliseconds since 1970 fit a double exactly until the year 285,000.
        #[allow(clippy::cast_precision_loss)]
        {
            item.time_ms as f64
        },
    ))
    .to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)
    .as_string()
    .unwrap_or_default();
    view! {
        <li class="activity-item" data-testid="activity-item" data-status=status data-hash=item.hash.clone()>
            <div class="row">
                <span class="amount" data-testid="activity-amount">{item.amount.clone()}</span>
                <span class=format!("status {status}") data-testid="activity-status">{t(label)}</span>
            </div>
            <div class="row small">
                <span>{t("txTo")}" "<code>{item.to.as_deref().map(shorten).unwrap_or_else(|| t("txContractCreation"))}</code></span>
                <span>{time}</span>
            </div>
            <div class="row small"><code title=item.hash.clone()>{shorten(&item.hash)}</code></div>
            {item.origin.clone().map(|o| view! { <p class="small">{t("activityFromSite")}" "{o}</p> })}
            {item.reason.clone().map(|r| view! { <p class="small error" data-testid="activity-reason">{r}</p> })}
        </li>
    }
}

/// The activity screen.
#[component]
pub fn Activity() -> impl IntoView {
    let commands = use_commands();
    let items = RwSignal::new(None::<Vec<ActivityItem>>);
    let error = RwSignal::new(None::<String>);
    let load = Action::new_local(move |_: &()| {
        let commands = commands.clone();
        async move {
            match commands.send(UiRequest::GetActivity).await {
                Ok(UiResponse::Activity { items: list }) => {
                    error.set(None);
                    items.set(Some(list));
                }
                Ok(_) => {}
                Err(message) => error.set(Some(message)),
            }
        }
    });
    load.dispatch(());
    refresh::every(
        REFRESH,
        move || load.pending().get_untracked(),
        move || {
            load.dispatch(());
        },
    );
    view! {
        <section class="activity-page">
            <a class="back" href="#/" data-testid="activity-back">{t("back")}</a>
            <h1>{t("activity")}</h1>
            <ul class="activity" data-testid="activity">
                {move || match items.get() {
                    None => view! { <li class="loading">{t("loading")}</li> }.into_any(),
                    Some(list) if list.is_empty() => view! { <li class="empty">{t("activityEmpty")}</li> }.into_any(),
                    Some(list) => list.into_iter().map(item_view).collect_view().into_any(),
                }}
            </ul>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="activity-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
