//! Batch approval (`wallet_sendCalls`, EIP-5792): every call the site asks to send, each
//! decoded and flagged like a single transaction; they are sent one after the other.

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::components::decoded_call::DecodedCallView;
use crate::components::risk_warnings::RiskWarnings;
use crate::i18n::{t, t_args};

/// Asks whether to send every call of the batch `approval` shows.
#[component]
pub fn SendCallsApproval(approval: ApprovalView) -> impl IntoView {
    let answer_id = approval.id.clone();
    let ApprovalKind::SendCalls {
        network,
        from,
        calls,
        max_fee_per_gas,
    } = approval.kind.clone()
    else {
        return view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any();
    };
    let count = calls.len();
    view! {
        <h1>{t("batchTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        <p class="lead">{t_args("batchLead", &[count.to_string()])}</p>
        <dl class="tx">
            <dt>{t("txNetwork")}</dt><dd data-testid="tx-network">{network}</dd>
            <dt>{t("txFrom")}</dt><dd><code>{from}</code></dd>
            <dt>{t("feeMaxPerGas")}</dt><dd data-testid="batch-max-fee">{max_fee_per_gas}</dd>
        </dl>
        <ol class="batch-calls">
            {calls.into_iter().map(|call| view! {
                <li data-testid="batch-call">
                    <RiskWarnings warnings=call.warnings/>
                    <dl class="tx">
                        <dt>{t("txTo")}</dt><dd><code>{call.to.unwrap_or_else(|| t("txContractCreation"))}</code></dd>
                        <dt>{t("txValue")}</dt><dd data-testid="batch-call-value">{call.value}</dd>
                    </dl>
                    {call.decoded.map(|d| view! { <DecodedCallView call=d/> })}
                    {(call.data != "0x").then(|| view! { <pre class="sign-body">{call.data.clone()}</pre> })}
                </li>
            }).collect_view()}
        </ol>
        <AnswerButtons id=answer_id approve_label=t("batchApprove")/>
    }
    .into_any()
}
