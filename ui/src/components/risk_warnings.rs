//! The warnings the engine flagged about a transaction or a call, one line each.

use formica_core::api::TxWarning;
use leptos::prelude::*;

use crate::i18n::t;

/// One `risk-warning` line per flag; nothing when nothing is flagged. Informative flags (a
/// revoke) are styled as notes but carry the same id, as DESIGN.md §5 asks.
#[component]
pub fn RiskWarnings(warnings: Vec<TxWarning>) -> impl IntoView {
    warnings
        .into_iter()
        .map(|w| {
            let name = serde_json::to_value(w)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            view! {
                <p class=if w.is_info() { "note" } else { "warning" } role="alert"
                    data-testid="risk-warning" data-warning=name data-severity=if w.is_info() { "info" } else { "warning" }>
                    {t(w.message_key())}
                </p>
            }
        })
        .collect_view()
}
