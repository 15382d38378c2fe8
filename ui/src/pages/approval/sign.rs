//! Signature approvals: a message (EIP-191) or typed data (EIP-712), shown in full.
//! Transactions have their own screen (`transaction.rs`).

use formica_core::api::{ApprovalKind, ApprovalView, UiRequest};
use leptos::prelude::*;

use super::{OriginLine, resolver};
use crate::i18n::t;

/// Asks whether to sign what `approval` shows.
#[component]
pub fn SignApproval(approval: ApprovalView) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let answer = resolver(error);
    let (approve_id, reject_id) = (approval.id.clone(), approval.id.clone());
    let body = match approval.kind.clone() {
        ApprovalKind::SignMessage { address, text, hex } => view! {
            <p class="lead">{t("signAccount")}" "<code>{address}</code></p>
            {match text {
                Some(text) => view! { <pre class="sign-body" data-testid="sign-text">{text}</pre> }.into_any(),
                None => view! {
                    <p class="warning">{t("signHexWarning")}</p>
                    <pre class="sign-body" data-testid="sign-hex">{hex}</pre>
                }.into_any(),
            }}
        }
        .into_any(),
        ApprovalKind::SignTypedData { address, version, primary_type, domain, message } => view! {
            <p class="lead">{t("signAccount")}" "<code>{address}</code></p>
            <p class="lead">{t("signTypedType")}" "<code data-testid="sign-primary-type">{primary_type}</code>" ("{version}")"</p>
            <h2>{t("signDomain")}</h2>
            <pre class="sign-body" data-testid="sign-domain">{domain}</pre>
            <h2>{t("signMessage")}</h2>
            <pre class="sign-body" data-testid="sign-message">{message}</pre>
        }
        .into_any(),
        _ => view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any(),
    };
    view! {
        <h1>{t("signTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        {body}
        <div class="row">
            <button type="button" class="button" data-testid="reject" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: reject_id.clone(), approve: false, accounts: Vec::new() });
            }>{t("reject")}</button>
            <button type="button" class="button primary" data-testid="approve" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: approve_id.clone(), approve: true, accounts: Vec::new() });
            }>{t("sign")}</button>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
    }
}
