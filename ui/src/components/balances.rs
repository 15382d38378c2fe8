//! The selected account's balances on home: the native currency (`account-balance`) and the
//! watched tokens, refetched when the account or network changes and on every new block while
//! the popup is open, and when it gets the focus back. Tokens are added by address (symbol and decimals come from the chain) and
//! removed here.

use std::time::Duration;

use formica_core::api::{Balances as BalancesView, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::components::refresh;
use crate::i18n::t;
use crate::state::{use_commands, use_wallet_state};

/// How often the popup asks for the latest block number (one cheap call); balances are
/// refetched only when it changes.
const BLOCK_POLL: Duration = Duration::from_secs(2);

/// Balances and tokens of the selected account.
#[component]
pub fn Balances() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let balances = RwSignal::new(None::<BalancesView>);
    let error = RwSignal::new(None::<String>);
    let token_error = RwSignal::new(None::<String>);
    let new_token = RwSignal::new(String::new());
    let last_block = StoredValue::new(None::<u64>);

    let load = {
        let commands = commands.clone();
        Action::new_local(move |_: &()| {
            let commands = commands.clone();
            async move {
                match commands.send(UiRequest::GetBalances).await {
                    Ok(UiResponse::Balances { balances: b }) => {
                        last_block.set_value(Some(b.block));
                        balances.set(Some(b));
                        error.set(None);
                    }
                    Ok(_) => {}
                    Err(message) => {
                        // Try again on the next poll.
                        last_block.set_value(None);
                        error.set(Some(message));
                    }
                }
            }
        })
    };

    let poll = {
        let commands = commands.clone();
        Action::new_local(move |_: &()| {
            let commands = commands.clone();
            async move {
                match commands.send(UiRequest::GetBlockNumber).await {
                    Ok(UiResponse::BlockNumber { number }) if Some(number) != last_block.get_value() => {
                        load.dispatch(());
                    }
                    Ok(_) => {}
                    Err(message) => {
                        last_block.set_value(None);
                        error.set(Some(message));
                    }
                }
            }
        })
    };
    refresh::every(
        BLOCK_POLL,
        move || poll.pending().get_untracked() || load.pending().get_untracked(),
        move || {
            poll.dispatch(());
        },
    );

    // Back from an approval window (a token may have been added there): read again.
    refresh::on_focus(move || {
        load.dispatch(());
    });

    // A new account or network: the shown balances are stale at once.
    let key = Memo::new(move |_| {
        state.with(|s| {
            s.as_ref()
                .map(|s| (s.network.chain_id, s.selected_account.clone()))
        })
    });
    Effect::new(move |_| {
        key.track();
        balances.set(None);
        load.dispatch(());
    });

    let tokens = Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        async move {
            match commands.send(request).await {
                Ok(_) => {
                    token_error.set(None);
                    new_token.set(String::new());
                    load.dispatch(());
                }
                Err(message) => token_error.set(Some(message)),
            }
        }
    });

    view! {
        <div class="balances">
            <p class="balance" data-testid="account-balance">
                {move || balances.with(|b| match b {
                    Some(b) => format!("{} {}", b.native.amount.clone().unwrap_or_default(), b.native.symbol),
                    None => "…".to_owned(),
                })}
            </p>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="balance-error" role="alert">{move || error.get()}</p>
            </Show>
            <h2>{t("tokens")}</h2>
            <ul class="tokens" data-testid="token-list">
                {move || {
                    let list = balances.with(|b| b.as_ref().map(|b| b.tokens.clone()).unwrap_or_default());
                    if list.is_empty() {
                        return view! { <li class="empty">{t("tokensEmpty")}</li> }.into_any();
                    }
                    list.into_iter().map(|token| {
                        let address = token.address.clone().unwrap_or_default();
                        let remove = address.clone();
                        view! {
                            <li class="token-row" data-testid="token-row" data-address=address.clone()
                                data-symbol=token.symbol.clone()>
                                <span class="symbol" data-testid="token-symbol">{token.symbol.clone()}</span>
                                <span class="amount" data-testid="token-balance" title=token.error.clone()>
                                    {token.amount.clone().unwrap_or_else(|| t("balanceUnavailable"))}
                                </span>
                                <button type="button" class="button small" data-testid="token-remove"
                                    on:click=move |_| { tokens.dispatch(UiRequest::RemoveToken { address: remove.clone() }); }>
                                    {t("tokenRemove")}
                                </button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <div class="row">
                <input type="text" data-testid="token-add-address" placeholder=t("tokenAddPlaceholder")
                    spellcheck="false" autocomplete="off"
                    prop:value=move || new_token.get() on:input=move |ev| new_token.set(event_target_value(&ev))/>
                <button type="button" class="button small" data-testid="token-add"
                    on:click=move |_| { tokens.dispatch(UiRequest::AddToken { address: new_token.get() }); }>
                    {t("tokenAdd")}
                </button>
            </div>
            <Show when=move || token_error.with(Option::is_some)>
                <p class="error" data-testid="token-error" role="alert">{move || token_error.get()}</p>
            </Show>
        </div>
    }
}
