//! Add-network approval (`wallet_addEthereumChain`): what the site asks to add, already
//! checked by the engine (its node serves the chain id); approving also switches the site.

use formica_core::api::{ApprovalKind, ApprovalView, UiRequest};
use leptos::prelude::*;

use super::{OriginLine, resolver};
use crate::i18n::t;

/// Asks whether to add the network `approval` shows and switch the site to it.
#[component]
pub fn AddNetworkApproval(approval: ApprovalView) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let answer = resolver(error);
    let (approve_id, reject_id) = (approval.id.clone(), approval.id.clone());
    let ApprovalKind::AddNetwork {
        chain_id,
        name,
        rpc_url,
        currency_name,
        currency_symbol,
        explorer,
    } = approval.kind.clone()
    else {
        return view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any();
    };
    view! {
        <h1>{t("addNetworkTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        <p class="lead">{t("addNetworkLead")}</p>
        <dl class="tx">
            <dt>{t("networkName")}</dt><dd data-testid="add-network-name">{name}</dd>
            <dt>{t("networkChainId")}</dt><dd data-testid="add-network-chain-id">{chain_id}</dd>
            <dt>{t("networkRpcUrl")}</dt><dd data-testid="add-network-rpc-url"><code>{rpc_url}</code></dd>
            <dt>{t("networkCurrency")}</dt><dd data-testid="add-network-currency">{currency_symbol}" ("{currency_name}")"</dd>
            {explorer.map(|e| view! { <dt>{t("networkExplorer")}</dt><dd><code>{e}</code></dd> })}
        </dl>
        <div class="row">
            <button type="button" class="button" data-testid="reject" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: reject_id.clone(), approve: false, accounts: Vec::new() });
            }>{t("reject")}</button>
            <button type="button" class="button primary" data-testid="approve" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: approve_id.clone(), approve: true, accounts: Vec::new() });
            }>{t("addNetworkApprove")}</button>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
    }
    .into_any()
}
