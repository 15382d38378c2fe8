//! Watch-asset approval (`wallet_watchAsset`, EIP-747): the token as its contract describes
//! it, beside what the site claimed, with any difference called out.

use formica_core::api::{ApprovalKind, ApprovalView};
use leptos::prelude::*;

use super::{AnswerButtons, OriginLine};
use crate::i18n::t;

/// Asks whether to watch the token `approval` describes.
#[component]
pub fn WatchAssetApproval(approval: ApprovalView) -> impl IntoView {
    let answer_id = approval.id.clone();
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
        <AnswerButtons id=answer_id approve_label=t("watchAssetApprove")/>
    }
    .into_any()
}
