//! Approval windows (`#/approval/<id>`): what a site asks, and the user's answer. The engine
//! closes the window once the approval is answered.

mod add_network;
mod connect;
mod neo;
mod send_calls;
mod sign;
mod transaction;
mod watch_asset;

use formica_core::api::{ApprovalKind, ApprovalView, UiRequest, UiResponse};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::t;
use crate::state::use_commands;

use add_network::AddNetworkApproval;
use connect::ConnectApproval;
use neo::NeoApproval;
use send_calls::SendCallsApproval;
use sign::SignApproval;
use transaction::TransactionApproval;
use watch_asset::WatchAssetApproval;

/// An action that answers an approval; a failure lands in `error`.
pub fn resolver(error: RwSignal<Option<String>>) -> Action<UiRequest, ()> {
    let commands = use_commands();
    Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        async move {
            if let Err(message) = commands.send(request).await {
                error.set(Some(message));
            }
        }
    })
}

/// Reject and approve (labelled `approve_label`) for approval `id`, with the error of a failed
/// answer below them: the answer row of every approval. A connect approval passes the
/// accounts the user chose (approve stays disabled while none is).
#[component]
pub fn AnswerButtons(
    id: String,
    approve_label: String,
    #[prop(optional, into)] accounts: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let answer = resolver(error);
    let resolve = move |approve: bool| {
        let chosen = match (approve, accounts) {
            (true, Some(accounts)) => accounts.get_untracked(),
            _ => Vec::new(),
        };
        answer.dispatch(UiRequest::ResolveApproval {
            id: id.clone(),
            approve,
            accounts: chosen,
        });
    };
    let reject = resolve.clone();
    let none_chosen = move || accounts.is_some_and(|a| a.with(Vec::is_empty));
    view! {
        <div class="row">
            <button type="button" class="button" data-testid="reject" on:click=move |_| reject(false)>{t("reject")}</button>
            <button type="button" class="button primary" data-testid="approve" disabled=none_chosen
                on:click=move |_| resolve(true)>{approve_label}</button>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
    }
}

/// The origin as the approval shows it: decoded IDN hosts are shown too, and flagged.
#[component]
pub fn OriginLine(approval: ApprovalView) -> impl IntoView {
    view! {
        <p class="origin" data-testid="approval-origin">{approval.origin.clone()}</p>
        {approval.origin_unicode.map(|unicode| view! {
            <p class="warning" data-testid="approval-idn">{unicode}" — "{t("idnWarning")}</p>
        })}
    }
}

/// The approval window.
#[component]
pub fn Approval(id: String) -> impl IntoView {
    let commands = use_commands();
    let approval = RwSignal::new(None::<Result<ApprovalView, String>>);
    {
        let commands = commands.clone();
        let id = id.clone();
        spawn_local(async move {
            let loaded = match commands.send(UiRequest::GetApproval { id }).await {
                Ok(UiResponse::Approval { approval }) => Ok(approval),
                Ok(_) => Err(t("errorEngineUnavailable")),
                Err(message) => Err(message),
            };
            // An unlock approval asks nothing more once this screen shows (it shows only while
            // unlocked): answer it, and the engine closes the window.
            if let Ok(view) = &loaded
                && view.kind == ApprovalKind::Unlock
            {
                let request = UiRequest::ResolveApproval {
                    id: view.id.clone(),
                    approve: true,
                    accounts: Vec::new(),
                };
                let _ = commands.send(request).await;
            }
            approval.set(Some(loaded));
        });
    }
    view! {
        <section class="approval">
            {move || match approval.get() {
                None => view! { <p class="loading">{t("loading")}</p> }.into_any(),
                Some(Err(message)) => view! {
                    <p class="error" data-testid="approval-error">{message}</p>
                }.into_any(),
                Some(Ok(view)) => match view.kind {
                    ApprovalKind::Connect => view! { <ConnectApproval approval=view.clone()/> }.into_any(),
                    ApprovalKind::Unlock => view! { <p class="loading">{t("loading")}</p> }.into_any(),
                    ApprovalKind::WatchAsset { .. } => {
                        view! { <WatchAssetApproval approval=view.clone()/> }.into_any()
                    }
                    ApprovalKind::SignMessage { .. } | ApprovalKind::SignTypedData { .. } => {
                        view! { <SignApproval approval=view.clone()/> }.into_any()
                    }
                    ApprovalKind::NeoConnect { .. }
                    | ApprovalKind::NeoSwitchNetwork { .. }
                    | ApprovalKind::NeoSignMessage { .. }
                    | ApprovalKind::NeoTransaction { .. } => {
                        view! { <NeoApproval approval=view.clone()/> }.into_any()
                    }
                    ApprovalKind::Transaction { .. } => {
                        view! { <TransactionApproval approval=view.clone()/> }.into_any()
                    }
                    ApprovalKind::SendCalls { .. } => {
                        view! { <SendCallsApproval approval=view.clone()/> }.into_any()
                    }
                    ApprovalKind::AddNetwork { .. } => {
                        view! { <AddNetworkApproval approval=view.clone()/> }.into_any()
                    }
                },
            }}
        </section>
    }
}
