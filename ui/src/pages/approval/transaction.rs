//! Transaction approval (`eth_sendTransaction`): recipient, value, the decoded token call,
//! the engine's warnings, and the fee level the transaction will be signed with.

use formica_core::api::{ApprovalKind, ApprovalView, UiRequest, UiResponse};
use leptos::prelude::*;

use super::OriginLine;
use crate::components::decoded_call::DecodedCallView;
use crate::components::fee_picker::{FeeEdit, FeePicker};
use crate::components::risk_warnings::RiskWarnings;
use crate::i18n::t;
use crate::state::use_commands;

/// The request for `edit`, with the next revision: the engine may get requests out of order
/// and keeps the newest.
fn fee_request(id: &str, edit: &FeeEdit, revisions: StoredValue<u32>) -> UiRequest {
    revisions.update_value(|r| *r = r.saturating_add(1));
    UiRequest::SetTransactionFee {
        id: id.to_owned(),
        level: edit.level,
        max_fee_per_gas: edit.max_fee_per_gas.clone(),
        max_priority_fee_per_gas: edit.max_priority_fee_per_gas.clone(),
        revision: revisions.get_value(),
    }
}

fn revision_of(approval: &ApprovalView) -> u32 {
    match &approval.kind {
        ApprovalKind::Transaction { fees: Some(f), .. } => f.revision,
        _ => 0,
    }
}

/// Asks whether to send the transaction `approval` shows, and at which fee.
#[component]
pub fn TransactionApproval(approval: ApprovalView) -> impl IntoView {
    let commands = use_commands();
    let error = RwSignal::new(None::<String>);
    // Set while the answer is being sent. Not while a fee edit is: a blur-triggered edit
    // would otherwise disable the button between mousedown and click, eating the click.
    let answering = RwSignal::new(false);
    let current = RwSignal::new(approval.clone());
    let fees = Signal::derive(move || {
        current.with(|a| match &a.kind {
            ApprovalKind::Transaction { fees, .. } => fees.clone(),
            _ => None,
        })
    });
    let edit = RwSignal::new(fees.get_untracked().as_ref().map(FeeEdit::from_fees));
    let revisions = StoredValue::new(revision_of(&approval));
    let id = approval.id.clone();

    // Sends a fee edit; the engine answers the approval as it now stands.
    let set_fee = {
        let (commands, id) = (commands.clone(), id.clone());
        Action::new_local(move |e: &FeeEdit| {
            let (commands, request) = (commands.clone(), fee_request(&id, e, revisions));
            async move {
                let result = commands.send(request).await;
                match result {
                    Ok(UiResponse::Approval { approval }) => {
                        error.set(None);
                        // An answer to an older edit can arrive after a newer one's.
                        if revision_of(&approval) >= current.with_untracked(revision_of) {
                            current.set(approval);
                        }
                    }
                    Ok(_) => error.set(Some(t("errorEngineUnavailable"))),
                    Err(message) => error.set(Some(message)),
                }
            }
        })
    };
    // Approving sends the last edit first, then the answer; a refused fee stops it.
    let answer = {
        let (commands, id) = (commands.clone(), id.clone());
        Action::new_local(move |approve: &bool| {
            let (commands, id, approve) = (commands.clone(), id.clone(), *approve);
            async move {
                answering.set(true);
                if approve
                    && let Some(e) = edit.get_untracked()
                    && let Err(message) = commands.send(fee_request(&id, &e, revisions)).await
                {
                    error.set(Some(message));
                    answering.set(false);
                    return;
                }
                let request = UiRequest::ResolveApproval {
                    id,
                    approve,
                    accounts: Vec::new(),
                };
                if let Err(message) = commands.send(request).await {
                    error.set(Some(message));
                }
                answering.set(false);
            }
        })
    };
    let on_change = Callback::new(move |e: FeeEdit| {
        set_fee.dispatch(e);
    });

    let ApprovalKind::Transaction {
        network,
        from,
        to,
        value,
        data,
        decoded,
        warnings,
        ..
    } = approval.kind.clone()
    else {
        return view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any();
    };
    let gas_and_fee = move || {
        current.with(|a| match &a.kind {
            ApprovalKind::Transaction { gas, max_fee, .. } => format!("{max_fee} ({gas} gas)"),
            _ => String::new(),
        })
    };
    view! {
        <h1>{t("txTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        <RiskWarnings warnings=warnings/>
        <dl class="tx">
            <dt>{t("txNetwork")}</dt><dd data-testid="tx-network">{network}</dd>
            <dt>{t("txFrom")}</dt><dd><code>{from}</code></dd>
            <dt>{t("txTo")}</dt><dd><code data-testid="tx-to">{to.unwrap_or_else(|| t("txContractCreation"))}</code></dd>
            <dt>{t("txValue")}</dt><dd data-testid="tx-value">{value}</dd>
            <dt>{t("txMaxFee")}</dt><dd data-testid="tx-fee">{gas_and_fee}</dd>
        </dl>
        {decoded.map(|call| view! { <DecodedCallView call=call/> })}
        // Built once (the fee part exists for the approval's whole life), so an answer from the
        // engine never replaces the inputs the user is typing in.
        {fees.with_untracked(Option::is_some).then(|| view! { <FeePicker fees=fees edit=edit on_change=on_change/> })}
        {(data != "0x").then(|| view! { <h2>{t("txData")}</h2><pre class="sign-body" data-testid="tx-data">{data.clone()}</pre> })}
        <div class="row">
            <button type="button" class="button" data-testid="reject" on:click=move |_| { answer.dispatch(false); }>
                {t("reject")}
            </button>
            <button type="button" class="button primary" data-testid="approve" prop:disabled=move || answering.get()
                on:click=move |_| { answer.dispatch(true); }>
                {t("sign")}
            </button>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert" data-testid="fee-error">{move || error.get()}</p>
        </Show>
    }
    .into_any()
}
