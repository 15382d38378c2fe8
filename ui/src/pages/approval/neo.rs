//! NEO approvals: connect, sign a message, and transactions with their calls decoded (NEP-17
//! transfers as amount, symbol and recipient; a `Global` witness scope flagged as dangerous).

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::i18n::t;

/// A NEO approval.
#[component]
pub fn NeoApproval(approval: ApprovalView) -> impl IntoView {
    let id = approval.id.clone();
    match approval.kind.clone() {
        ApprovalKind::NeoConnect { address, label, network } => view! {
            <h1>{t("neoConnectTitle")}</h1>
            <OriginLine approval=approval.clone()/>
            <p class="lead">{t("neoConnectLead")}</p>
            <p><span class="name">{label}</span>" "<code data-testid="neo-connect-address">{address}</code></p>
            <p class="muted">{network}</p>
            <AnswerButtons id=id approve_label=t("connect")/>
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
