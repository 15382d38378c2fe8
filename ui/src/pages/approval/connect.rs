//! Connect approval: which accounts the site may see.

use formica_core::api::ApprovalView;
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::i18n::t;
use crate::state::use_wallet_state;

/// Asks whether `approval.origin` may see the chosen accounts (the selected one pre-chosen).
#[component]
pub fn ConnectApproval(approval: ApprovalView) -> impl IntoView {
    let state = use_wallet_state();
    let accounts = state.with_untracked(|s| s.as_ref().map(|s| s.accounts.clone()).unwrap_or_default());
    let selected = state.with_untracked(|s| s.as_ref().and_then(|s| s.selected_account.clone()));
    let chosen = RwSignal::new(selected.into_iter().collect::<Vec<String>>());
    view! {
        <h1>{t("connectTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        <p class="lead">{t("connectLead")}</p>
        <ul class="connect-accounts">
            {accounts.into_iter().filter(|a| !a.hidden).map(|a| {
                let id = a.id.clone();
                let checked_id = a.id.clone();
                view! {
                    <li>
                        <label class="check">
                            <input type="checkbox" data-testid="connect-account" data-account-id=a.id.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| x != &id);
                                        if on { c.push(id.clone()); }
                                    });
                                }/>
                            <span class="name">{a.name}</span>
                            <span class="short">{a.evm_address}</span>
                        </label>
                    </li>
                }
            }).collect_view()}
        </ul>
        <AnswerButtons id=approval.id.clone() approve_label=t("connect") accounts=Signal::from(chosen)/>
    }
}
