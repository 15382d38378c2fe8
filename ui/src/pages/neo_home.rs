//! Home for the NEO family: the selected NEO account's address, its NEO / GAS / NEP-17
//! balances, the NEO networks, the NEO accounts, and sending a NEP-17 token (reviewed first).

use std::time::Duration;

use formica_core::api::{NeoBalance, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::app::navigate;
use crate::components::family_select::FamilySelect;
use crate::components::icons::{LockIcon, SettingsIcon};
use crate::components::refresh;
use crate::components::secret_box::copy_then_clear;
use crate::format::shorten;
use crate::i18n::{t, t_args};
use crate::route::Route;
use crate::state::{use_commands, use_wallet_state};

/// How often home asks the NEO node for its block count (N3 makes a block every 15 s).
const BLOCK_POLL: Duration = Duration::from_secs(3);

/// The NEO home screen.
#[component]
pub fn NeoHome() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let error = RwSignal::new(None::<String>);
    let balances = RwSignal::new(None::<Vec<NeoBalance>>);
    // The node could not be asked: say so instead of "loading" forever.
    let balances_failed = RwSignal::new(false);

    let send = {
        let commands = commands.clone();
        Action::new_local(move |request: &UiRequest| {
            let (commands, request) = (commands.clone(), request.clone());
            async move {
                if let Err(message) = commands.send(request).await {
                    error.set(Some(message));
                }
            }
        })
    };
    let load_balances = {
        let commands = commands.clone();
        Action::new_local(move |(): &()| {
            let commands = commands.clone();
            async move {
                match commands.send(UiRequest::NeoBalances).await {
                    Ok(UiResponse::NeoBalances { balances: list }) => {
                        balances_failed.set(false);
                        balances.set(Some(list));
                    }
                    Ok(_) => {}
                    Err(message) => {
                        balances_failed.set(true);
                        error.set(Some(message));
                    }
                }
            }
        })
    };
    // While home is open the node's block count is asked now and then (one cheap call); the
    // balances are read again when it grows (a send mined, funds received), and when the popup
    // gets the focus back.
    let last_block = StoredValue::new(None::<u64>);
    let poll = {
        let commands = commands.clone();
        Action::new_local(move |(): &()| {
            let commands = commands.clone();
            async move {
                match commands.send(UiRequest::NeoBlockCount).await {
                    Ok(UiResponse::BlockNumber { number }) => {
                        let seen = last_block.get_value();
                        last_block.set_value(Some(number));
                        if seen.is_some_and(|seen| seen != number) {
                            load_balances.dispatch(());
                        }
                    }
                    Ok(_) => {}
                    // The balance line already says when the node cannot be asked.
                    Err(_) => last_block.set_value(None),
                }
            }
        })
    };
    refresh::every(
        BLOCK_POLL,
        move || poll.pending().get_untracked() || load_balances.pending().get_untracked(),
        move || {
            poll.dispatch(());
        },
    );
    refresh::on_focus(move || {
        load_balances.dispatch(());
    });

    // Reload the balances whenever the account or the network changes.
    let key = Memo::new(move |_| {
        state.with(|s| {
            s.as_ref()
                .map(|s| (s.neo.selected_account.clone(), s.neo.network.magic))
        })
    });
    Effect::new(move |_| {
        let _ = key.get();
        balances.set(None);
        balances_failed.set(false);
        error.set(None);
        last_block.set_value(None);
        load_balances.dispatch(());
    });

    let neo = Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.neo.clone()).unwrap_or_default()));
    let selected = Memo::new(move |_| {
        neo.with(|n| {
            let id = n.selected_account.as_ref()?;
            n.accounts.iter().find(|a| &a.id == id).cloned()
        })
    });
    let headline = move || {
        balances.get().map(|list| {
            let amount = |symbol: &str| {
                list.iter()
                    .find(|b| b.symbol == symbol)
                    .map_or_else(|| "0".to_owned(), |b| b.amount.clone())
            };
            format!("{} NEO · {} GAS", amount("NEO"), amount("GAS"))
        })
    };

    view! {
        <section class="home neo">
            <header class="bar">
                <FamilySelect/>
                <select data-testid="network-select" aria-label=t("network")
                    on:change=move |ev| {
                        if let Ok(magic) = event_target_value(&ev).parse::<u32>() {
                            send.dispatch(UiRequest::SelectNeoNetwork { magic });
                        }
                    }>
                    {move || {
                        let current = neo.with(|n| n.network.magic);
                        neo.get().networks.into_iter().map(|n| {
                            let selected = n.magic == current;
                            view! { <option value=n.magic.to_string() selected=selected>{n.name}</option> }
                        }).collect_view()
                    }}
                </select>
                <button type="button" class="icon-button" data-testid="settings" title=t("settings")
                    on:click=move |_| navigate(&Route::Settings)><SettingsIcon/></button>
                <button type="button" class="icon-button" data-testid="lock" title=t("lock")
                    on:click=move |_| { send.dispatch(UiRequest::Lock); }><LockIcon/></button>
            </header>
            {move || selected.get().map(|account| {
                let address = account.address.clone();
                view! {
                    <div class="account-card">
                        <p class="account-name" data-testid="account-name">{account.name.clone()}</p>
                        <p class="address" data-testid="account-address">{account.address.clone()}</p>
                        <p class="balance" data-testid="account-balance">{move || headline().unwrap_or_else(|| if balances_failed.get() { "—".to_owned() } else { t("loading") })}</p>
                        <button type="button" class="button small" data-testid="copy-address"
                            on:click=move |_| copy_then_clear(address.clone())>{t("copyAddress")}</button>
                    </div>
                }
            })}
            <ul class="tokens" data-testid="neo-balances">
                {move || match balances.get() {
                    Some(list) if list.is_empty() => view! { <li class="muted">{t("neoNoBalances")}</li> }.into_any(),
                    Some(list) => list.into_iter().map(|b| view! {
                        <li class="token-row" data-testid="neo-balance" data-contract=b.contract.clone()>
                            <span class="symbol">{b.symbol}</span>
                            <span class="amount">{b.amount}</span>
                        </li>
                    }).collect_view().into_any(),
                    None => ().into_any(),
                }}
            </ul>
            <NeoSend balances=balances/>
            <h2>{t("accounts")}</h2>
            <ul class="accounts" data-testid="account-list">
                {move || {
                    let current = selected.get().map(|a| a.id);
                    neo.get().accounts.into_iter().filter(|a| !a.hidden).map(|a| {
                        let id = a.id.clone();
                        let is_current = current.as_deref() == Some(a.id.as_str());
                        view! {
                            <li class:current=is_current>
                                <button type="button" class="account-row" data-testid="account-row" data-account-id=a.id.clone()
                                    on:click=move |_| { send.dispatch(UiRequest::SelectNeoAccount { id: id.clone() }); }>
                                    <span class="name">{a.name}</span>
                                    <span class="short">{shorten(&a.address)}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            <div class="row actions">
                <button type="button" class="button" data-testid="add-account"
                    on:click=move |_| { send.dispatch(UiRequest::AddAccount); }>{t("addAccount")}</button>
                <a class="button" href="#/import" data-testid="import-account">{t("importAccount")}</a>
                <a class="button" href="#/multisig" data-testid="neo-multisig">{t("neoMultisig")}</a>
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}

/// What the user filled in: what is reviewed is what is sent.
#[derive(Clone, PartialEq)]
struct Filled {
    asset: String,
    to: String,
    amount: String,
}

/// Send a NEP-17 token: fill in, review (the engine computes fees), confirm. Confirming sends
/// exactly the reviewed fields; an edit after the review takes the review away, and once sent
/// the form is emptied, so nothing is sent twice by accident.
#[component]
fn NeoSend(balances: RwSignal<Option<Vec<NeoBalance>>>) -> impl IntoView {
    let commands = use_commands();
    let asset = RwSignal::new("GAS".to_owned());
    let to = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let filled = move || Filled {
        asset: asset.get_untracked(),
        to: to.get_untracked(),
        amount: amount.get_untracked(),
    };
    let review = RwSignal::new(None::<(UiResponse, Filled)>);
    let message = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let run = Action::new_local(move |(form, confirm): &(Filled, bool)| {
        let (commands, form, confirm) = (commands.clone(), form.clone(), *confirm);
        let request = UiRequest::NeoSend {
            asset: form.asset.clone(),
            to: form.to.clone(),
            amount: form.amount.clone(),
            confirm,
        };
        async move {
            error.set(None);
            match commands.send(request).await {
                // A review of fields edited since it was asked for is stale: dropped.
                Ok(reply @ UiResponse::NeoSendReview { .. }) if filled() == form => {
                    review.set(Some((reply, form)))
                }
                Ok(UiResponse::NeoSent { txid }) => {
                    review.set(None);
                    to.set(String::new());
                    amount.set(String::new());
                    message.set(Some(t_args("neoSent", std::slice::from_ref(&txid))));
                    sent.set(Some(txid));
                }
                Ok(_) => {}
                Err(text) => error.set(Some(text)),
            }
        }
    });
    let edited = move || {
        review.set(None);
        message.set(None);
        sent.set(None);
    };
    view! {
        <details class="neo-send" data-testid="neo-send">
            <summary>{t("neoSendTitle")}</summary>
            <label>{t("neoSendAsset")}
                <select data-testid="neo-send-asset" on:change=move |ev| { asset.set(event_target_value(&ev)); edited(); }>
                    {move || {
                        let list = balances.get().unwrap_or_default();
                        let mut symbols: Vec<(String, String)> = list.into_iter().map(|b| (b.contract, b.symbol)).collect();
                        if symbols.is_empty() {
                            symbols.push(("GAS".into(), "GAS".into()));
                        }
                        symbols.into_iter().map(|(value, symbol)| {
                            let value = if symbol == "GAS" || symbol == "NEO" { symbol.clone() } else { value };
                            let selected = value == asset.get_untracked();
                            view! { <option value=value selected=selected>{symbol}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            <label>{t("neoSendTo")}
                <input type="text" data-testid="neo-send-to" prop:value=to on:input=move |ev| { to.set(event_target_value(&ev)); edited(); }/>
            </label>
            <label>{t("neoSendAmount")}
                <input type="text" inputmode="decimal" data-testid="neo-send-amount" prop:value=amount
                    on:input=move |ev| { amount.set(event_target_value(&ev)); edited(); }/>
            </label>
            <button type="button" class="button" data-testid="neo-send-review"
                on:click=move |_| { edited(); run.dispatch((filled(), false)); }>{t("neoSendReview")}</button>
            {move || match review.get() {
                Some((UiResponse::NeoSendReview { transfer, system_fee, network_fee }, form)) => view! {
                    <dl class="tx" data-testid="neo-send-summary">
                        <dt>{t("neoTransfer")}</dt><dd data-testid="neo-send-summary-amount">{transfer.amount}" "{transfer.symbol}</dd>
                        <dt>{t("txTo")}</dt><dd><code data-testid="neo-send-summary-to">{transfer.to}</code></dd>
                        <dt>{t("neoSystemFee")}</dt><dd>{system_fee}</dd>
                        <dt>{t("neoNetworkFee")}</dt><dd>{network_fee}</dd>
                    </dl>
                    <button type="button" class="button primary" data-testid="neo-send-confirm"
                        disabled=move || run.pending().get()
                        on:click=move |_| { run.dispatch((form.clone(), true)); }>{t("neoSendConfirm")}</button>
                }.into_any(),
                _ => ().into_any(),
            }}
            <Show when=move || message.with(Option::is_some)>
                <p class="message" data-testid="neo-send-result" data-txid=move || sent.get()>{move || message.get()}</p>
            </Show>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" role="alert" data-testid="neo-send-error">{move || error.get()}</p>
            </Show>
        </details>
    }
}
