//! The contract calls of a NEO transaction: NEP-17 transfers as amount, symbol and recipient,
//! other calls as contract, method and arguments.

use formica_core::api::NeoCall;
use leptos::prelude::*;

use crate::i18n::t;

/// The calls, one `neo-call` each.
#[component]
pub fn NeoCallList(calls: Vec<NeoCall>) -> impl IntoView {
    view! {
        <ul class="neo-calls">
            {calls.into_iter().map(|call| view! {
                <li data-testid="neo-call">
                    {match call.transfer {
                        Some(transfer) => view! {
                            <p class="lead" data-testid="neo-transfer">
                                {t("neoTransfer")}" "
                                <strong data-testid="neo-transfer-amount">{transfer.amount}</strong>" "
                                <strong data-testid="neo-transfer-symbol">{transfer.symbol}</strong>" → "
                                <code data-testid="neo-transfer-to">{transfer.to}</code>
                            </p>
                        }.into_any(),
                        None => view! {
                            <p><code>{call.contract}</code>" · "<strong data-testid="neo-call-method">{call.method}</strong></p>
                            <pre class="sign-body">{call.args}</pre>
                        }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
    }
}
