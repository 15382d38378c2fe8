//! Signature approvals: a message (EIP-191) or typed data (EIP-712), shown in full.
//! Transactions have their own screen (`transaction.rs`).

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::i18n::t;

/// Asks whether to sign what `approval` shows.
#[component]
pub fn SignApproval(approval: ApprovalView) -> impl IntoView {
    let answer_id = approval.id.clone();
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
        <AnswerButtons id=answer_id approve_label=t("sign")/>
    }
}
