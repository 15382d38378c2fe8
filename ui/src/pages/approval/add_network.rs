//! Add-network approval (`wallet_addEthereumChain`): what the site asks to add, already
//! checked by the engine (its node serves the chain id); approving also switches the site.

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::i18n::t;

/// Asks whether to add the network `approval` shows and switch the site to it.
#[component]
pub fn AddNetworkApproval(approval: ApprovalView) -> impl IntoView {
    let answer_id = approval.id.clone();
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
        <AnswerButtons id=answer_id approve_label=t("addNetworkApprove")/>
    }
    .into_any()
}
