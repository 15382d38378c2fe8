//! NEO approvals: connect, sign a message, and transactions with their calls decoded (NEP-17
//! transfers as amount, symbol and recipient; a `Global` witness scope flagged as dangerous).

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::components::neo_calls::NeoCallList;
use crate::i18n::t;
use crate::state::use_wallet_state;

/// A NEO approval.
#[component]
pub fn NeoApproval(approval: ApprovalView) -> impl IntoView {
    let id = approval.id.clone();
    match approval.kind.clone() {
        ApprovalKind::NeoConnect { network, account_id, switch, .. } => view! {
            <NeoConnectApproval approval=approval.clone() network=network account_id=account_id switch=switch/>
        }
        .into_any(),
        ApprovalKind::NeoSwitchNetwork { from, to, magic } => view! {
            <h1>{t("neoSwitchNetworkTitle")}</h1>
            <OriginLine approval=approval.clone()/>
            <p class="lead">{t("neoSwitchNetworkLead")}</p>
            <dl class="tx">
                <dt>{t("neoSwitchFrom")}</dt><dd data-testid="neo-switch-from">{from}</dd>
                <dt>{t("neoSwitchTo")}</dt><dd data-testid="neo-switch-to">{to}</dd>
                <dt>{t("neoNetworkMagic")}</dt><dd data-testid="neo-switch-magic">{magic}</dd>
            </dl>
            <AnswerButtons id=id approve_label=t("neoSwitchApprove")/>
        }
        .into_any(),
        ApprovalKind::NeoSignMessage { address, message, format } => view! {
            <h1>{t("signTitle")}</h1>
            <OriginLine approval=approval.clone()/>
            <p class="lead">{t("signAccount")}" "<code>{address}</code></p>
            <p class="muted" data-testid="neo-sign-format">{format}</p>
            <pre class="sign-body" data-testid="sign-text">{message}</pre>
            <AnswerButtons id=id approve_label=t("sign")/>
        }
        .into_any(),
        ApprovalKind::NeoTransaction {
            network,
            address,
            broadcast,
            calls,
            signers,
            global_scope,
            system_fee,
            network_fee,
            script,
            multisig,
            undecoded,
        } => {
            let show_script = calls.is_empty();
            view! {
                <h1>{if multisig { t("neoMultisigTitle") } else { t("neoTxTitle") }}</h1>
                <OriginLine approval=approval.clone()/>
                {global_scope.then(|| view! {
                    <p class="warning" data-testid="risk-warning" data-warning="global_scope">{t("neoGlobalScopeWarning")}</p>
                })}
                {undecoded.map(|why| view! {
                    <p class="warning" data-testid="risk-warning" data-warning="undecoded_script">
                        {t("neoUndecodedWarning")}" "<code class="muted">{why}</code>
                    </p>
                })}
                <dl class="tx">
                    <dt>{t("txNetwork")}</dt><dd data-testid="tx-network">{network}</dd>
                    <dt>{t("txFrom")}</dt><dd><code>{address}</code></dd>
                    <dt>{t("neoSystemFee")}</dt><dd data-testid="neo-system-fee">{system_fee}</dd>
                    <dt>{t("neoNetworkFee")}</dt><dd data-testid="neo-network-fee">{network_fee}</dd>
                </dl>
                {(!broadcast).then(|| view! { <p class="muted">{t("neoSignOnly")}</p> })}
                <NeoCallList calls=calls/>
                <h2>{t("neoSigners")}</h2>
                <ul>
                    {signers.into_iter().map(|s| view! {
                        <li><code>{s.account}</code>" — "<span data-testid="neo-signer-scopes">{s.scopes}</span></li>
                    }).collect_view()}
                </ul>
                {show_script.then(|| view! { <h2>{t("neoScript")}</h2><pre class="sign-body" data-testid="neo-script">{script}</pre> })}
                <AnswerButtons id=id approve_label=t("sign")/>
            }
            .into_any()
        }
        _ => view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any(),
    }
}

/// Which NEO account a site may see (`getAccount`, `getAccounts`) or switch to
/// (`switchWalletAccount`): the wallet's NEO accounts, the selected one pre-chosen.
#[component]
fn NeoConnectApproval(
    approval: ApprovalView,
    network: String,
    account_id: String,
    switch: bool,
) -> impl IntoView {
    let state = use_wallet_state();
    let accounts: Vec<_> = state.with_untracked(|s| {
        s.as_ref()
            .map(|s| s.neo.accounts.iter().filter(|a| !a.hidden).cloned().collect())
            .unwrap_or_default()
    });
    let chosen = RwSignal::new(account_id);
    let shown = accounts.clone();
    let address = move || {
        chosen.with(|id| {
            shown
                .iter()
                .find(|a| &a.id == id)
                .map(|a| a.address.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <h1>{if switch { t("neoSwitchAccountTitle") } else { t("neoConnectTitle") }}</h1>
        <OriginLine approval=approval.clone()/>
        <p class="lead">{if switch { t("neoSwitchAccountLead") } else { t("neoConnectLead") }}</p>
        <label class="field">
            <span>{t("neoAccount")}</span>
            <select data-testid="neo-connect-account"
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                {accounts.into_iter().map(|a| {
                    let selected = chosen.get_untracked() == a.id;
                    view! { <option value=a.id.clone() selected=selected>{a.name}</option> }
                }).collect_view()}
            </select>
        </label>
        <p><code data-testid="neo-connect-address">{address}</code></p>
        <p class="muted">{network}</p>
        <AnswerButtons id=approval.id.clone() approve_label=if switch { t("neoSwitchApprove") } else { t("connect") }
            accounts=Signal::derive(move || vec![chosen.get()])/>
    }
}
