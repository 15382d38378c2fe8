//! A token call the engine decoded: what it does, to whom, how much, in the token's units.

use formica_core::api::{DecodedCall, TokenView};
use leptos::prelude::*;

use crate::i18n::t;

fn token_line(token: &TokenView) -> String {
    match &token.symbol {
        Some(symbol) => format!("{symbol} ({})", token.address),
        None => token.address.clone(),
    }
}

fn amount_line(token: &TokenView, amount: String, unlimited: bool) -> String {
    if unlimited {
        t("txUnlimited")
    } else if token.decimals.is_none() {
        format!("{amount} {}", t("txRawUnits"))
    } else {
        amount
    }
}

/// Shows `call`.
#[component]
pub fn DecodedCallView(call: DecodedCall) -> impl IntoView {
    let (title, token, rows) = match call {
        DecodedCall::Transfer { token, to, amount } => {
            let amount = amount_line(&token, amount, false);
            (
                "decodedTransfer",
                token,
                vec![("txRecipient", to), ("txAmount", amount)],
            )
        }
        DecodedCall::Approve {
            token,
            spender,
            amount,
            unlimited,
        } => {
            let amount = amount_line(&token, amount, unlimited);
            (
                "decodedApprove",
                token,
                vec![("txSpender", spender), ("txAmount", amount)],
            )
        }
        DecodedCall::IncreaseAllowance {
            token,
            spender,
            amount,
            unlimited,
        } => {
            let amount = amount_line(&token, amount, unlimited);
            (
                "decodedIncreaseAllowance",
                token,
                vec![("txSpender", spender), ("txAmount", amount)],
            )
        }
        DecodedCall::SetApprovalForAll {
            token,
            operator,
            approved,
        } => (
            if approved {
                "decodedApprovalForAll"
            } else {
                "decodedRevokeForAll"
            },
            token,
            vec![("txOperator", operator)],
        ),
    };
    view! {
        <div class="decoded" data-testid="decoded-call">
            <h2>{t(title)}</h2>
            <dl class="tx">
                <dt>{t("txToken")}</dt><dd data-testid="decoded-token">{token_line(&token)}</dd>
                {rows.into_iter().map(|(key, value)| view! {
                    <dt>{t(key)}</dt><dd data-testid=format!("decoded-{}", key.trim_start_matches("tx").to_lowercase())>{value}</dd>
                }).collect_view()}
            </dl>
        </div>
    }
}
