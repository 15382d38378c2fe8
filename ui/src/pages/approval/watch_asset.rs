//! Watch-asset approval (`wallet_watchAsset`, EIP-747): the token as its contract describes
//! it, beside what the site claimed, with any difference called out.

use formica_core::api::{ApprovalKind, ApprovalView, UiRequest};
use leptos::prelude::*;

use super::{OriginLine, resolver};
use crate::i18n::t;

/// Asks whether to watch the token `approval` describes.
#[component]
pub fn WatchAssetApproval(approval: ApprovalView) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let answer = resolver(error);
    let (approve_id, reject_id) = (approval.id.clone(), approval.id.clone());
    let ApprovalKind::WatchAsset {
        network,
        address,
        symbol,
        decimals,
        claimed_symbol,
        claimed_decimals,
        mismatch,
    } = approval.kind.clone()
    else {
        return view! { <p class="error">{t("errorScreenUnavailable")}</p> }.into_any();
    };
    let none = || "—".to_owned();
    view! {
        <h1>{t("watchAssetTitle")}</h1>
        <OriginLine approval=approval.clone()/>
        <p class="lead">{t("watchAssetLead")}</p>
        <dl class="tx">
            <dt>{t("txNetwork")}</dt><dd>{network}</dd>
            <dt>{t("tokenContract")}</dt><dd><code data-testid="watch-asset-address">{address}</code></dd>
            <dt>{t("tokenSymbol")}</dt><dd data-testid="watch-asset-symbol">{symbol}</dd>
            <dt>{t("tokenDecimals")}</dt><dd data-testid="watch-asset-decimals">{decimals}</dd>
        </dl>
        {mismatch.then(|| view! {
            <div class="warning" data-testid="watch-asset-mismatch" role="alert">
                <p>{t("watchAssetMismatch")}</p>
                <p>{t("watchAssetClaimed")}" "{claimed_symbol.unwrap_or_else(none)}" / "
                    {claimed_decimals.map_or_else(none, |d| d.to_string())}</p>
            </div>
        })}
        <div class="row">
            <button type="button" class="button" data-testid="reject" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: reject_id.clone(), approve: false, accounts: Vec::new() });
            }>{t("reject")}</button>
            <button type="button" class="button primary" data-testid="approve" on:click=move |_| {
                answer.dispatch(UiRequest::ResolveApproval { id: approve_id.clone(), approve: true, accounts: Vec::new() });
            }>{t("watchAssetApprove")}</button>
        </div>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
    }
    .into_any()
}
