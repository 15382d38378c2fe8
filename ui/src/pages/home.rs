//! Home: the selected account, the account list, the network, lock and settings.

use formica_core::api::{AccountInfo, ChainId, Family, UiRequest};
use leptos::prelude::*;

use crate::app::navigate;
use crate::components::balances::Balances;
use crate::components::family_select::FamilySelect;
use crate::components::icons::{LockIcon, SettingsIcon};
use crate::components::secret_box::copy_then_clear;
use crate::format::shorten;
use crate::i18n::t;
use crate::pages::neo_home::NeoHome;
use crate::route::Route;
use crate::state::{use_commands, use_wallet_state};

/// The home screen.
#[component]
pub fn Home() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let error = RwSignal::new(None::<String>);
    let show_hidden = RwSignal::new(false);

    let send = Action::new_local(move |request: &UiRequest| {
        let commands = commands.clone();
        let request = request.clone();
        async move {
            if let Err(message) = commands.send(request).await {
                error.set(Some(message));
            }
        }
    });

    let selected = Memo::new(move |_| {
        state.with(|s| {
            s.as_ref().and_then(|s| {
                let id = s.selected_account.as_ref()?;
                s.accounts.iter().find(|a| &a.id == id).cloned()
            })
        })
    });
    let accounts =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.accounts.clone()).unwrap_or_default()));
    let networks =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.networks.clone()).unwrap_or_default()));
    let network = Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.network.chain_id)));
    let family = Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.family).unwrap_or_default()));

    let evm = move || {
        view! {
            <section class="home">
                <header class="bar">
                    <FamilySelect/>
                    <select data-testid="network-select" aria-label=t("network")
                        on:change=move |ev| {
                            if let Ok(chain_id) = event_target_value(&ev).parse::<ChainId>() {
                                send.dispatch(UiRequest::SelectNetwork { chain_id });
                            }
                        }>
                        {move || networks.get().into_iter().map(|n| {
                            let value = n.chain_id.to_string();
                            let is_selected = network.get() == Some(n.chain_id);
                            view! { <option value=value selected=is_selected>{n.name}</option> }
                        }).collect_view()}
                    </select>
                    <button type="button" class="icon-button" data-testid="settings" title=t("settings")
                        on:click=move |_| navigate(&Route::Settings)>
                        <SettingsIcon/>
                    </button>
                    <button type="button" class="icon-button" data-testid="lock" title=t("lock")
                        on:click=move |_| { send.dispatch(UiRequest::Lock); }>
                        <LockIcon/>
                    </button>
                </header>
                {move || selected.get().map(|account| {
                    let address = account.evm_address.clone();
                    view! {
                        <div class="account-card">
                            <p class="account-name" data-testid="account-name">{account.name.clone()}</p>
                            <p class="address" data-testid="account-address">{account.evm_address.clone()}</p>
                            <button type="button" class="button small" data-testid="copy-address"
                                on:click=move |_| copy_then_clear(address.clone())>{t("copyAddress")}</button>
                        </div>
                        <div class="row">
                            <a class="button primary" href="#/send" data-testid="send">{t("send")}</a>
                            <a class="button" href="#/activity" data-testid="activity-open">{t("activity")}</a>
                        </div>
                        <Balances/>
                    }
                })}
                <h2>{t("accounts")}</h2>
                <ul class="accounts" data-testid="account-list">
                    {move || {
                        let current = selected.get().map(|a| a.id);
                        accounts.get().into_iter()
                            .filter(|a| show_hidden.get() || !a.hidden)
                            .map(|a| account_row(a, current.clone(), send))
                            .collect_view()
                    }}
                </ul>
                <div class="row">
                    <button type="button" class="button" data-testid="add-account"
                        on:click=move |_| { send.dispatch(UiRequest::AddAccount); }>{t("addAccount")}</button>
                    <a class="button" href="#/import" data-testid="import-account">{t("importAccount")}</a>
                    <label class="check">
                        <input type="checkbox" data-testid="show-hidden"
                            on:change=move |ev| show_hidden.set(event_target_checked(&ev))/>
                        {t("showHidden")}
                    </label>
                </div>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
            </section>
        }
    };
    view! {
        {move || match family.get() {
            Family::Neo => view! { <NeoHome/> }.into_any(),
            _ => evm().into_any(),
        }}
    }
}

fn account_row(account: AccountInfo, current: Option<String>, send: Action<UiRequest, ()>) -> impl IntoView {
    let id = account.id.clone();
    let is_current = current.as_deref() == Some(account.id.as_str());
    let short = shorten(&account.evm_address);
    view! {
        <li class:current=is_current class:hidden=account.hidden>
            <button type="button" class="account-row" data-testid="account-row" data-account-id=account.id.clone()
                on:click=move |_| { send.dispatch(UiRequest::SelectAccount { id: id.clone() }); }>
                <span class="name">{account.name}</span>
                <span class="short">{short}</span>
            </button>
        </li>
    }
}
