//! Settings → networks: every network the wallet knows, adding one (the engine checks it
//! like `wallet_addEthereumChain`, including its node's chain id), removing the added ones.

use formica_core::api::{ChainId, NetworkFamily, UiRequest};
use leptos::prelude::*;

use crate::components::busy::Busy;
use crate::i18n::t;
use crate::state::{use_commands, use_wallet_state};

/// The networks screen.
#[component]
pub fn Networks() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let error = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let adding = RwSignal::new(false);
    let (busy, set_busy) = signal(false);
    let family = RwSignal::new(NetworkFamily::Evm);
    let name = RwSignal::new(String::new());
    let rpc_url = RwSignal::new(String::new());
    let chain_id = RwSignal::new(String::new());
    let currency = RwSignal::new(String::new());

    let send = Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        let added = matches!(request, UiRequest::AddNetwork { .. });
        async move {
            set_busy.set(true);
            let result = commands.send(request).await;
            set_busy.set(false);
            match result {
                Ok(_) => {
                    error.set(None);
                    message.set(Some(t("saved")));
                    if added {
                        adding.set(false);
                        for field in [name, rpc_url, chain_id, currency] {
                            field.set(String::new());
                        }
                    }
                }
                Err(e) => {
                    message.set(None);
                    error.set(Some(e));
                }
            }
        }
    });
    let networks =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.networks.clone()).unwrap_or_default()));

    view! {
        <section class="settings networks">
            <a class="back" href="#/settings" data-testid="networks-back">{t("back")}</a>
            <h1>{t("networks")}</h1>
            <ul class="network-list" data-testid="network-list">
                {move || networks.get().into_iter().map(|n| {
                    let chain: ChainId = n.chain_id;
                    view! {
                        <li data-testid="network-row" data-chain-id=chain.to_string()>
                            <span class="name">{n.name.clone()}</span>
                            <span class="short">{chain.to_decimal()}" · "{n.currency_symbol.clone()}</span>
                            {n.rpc_url.clone().map(|u| view! { <span class="short">{u}</span> })}
                            {n.custom.then(|| view! {
                                <button type="button" class="button small" data-testid="network-remove"
                                    on:click=move |_| { send.dispatch(UiRequest::RemoveNetwork { chain_id: chain }); }>
                                    {t("remove")}
                                </button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="button" data-testid="network-add" on:click=move |_| adding.set(true)>
                {t("networkAdd")}
            </button>
            <Show when=move || adding.get()>
                <form class="network-form" on:submit=move |ev| {
                    ev.prevent_default();
                    send.dispatch(UiRequest::AddNetwork {
                        family: family.get(),
                        name: name.get(),
                        rpc_url: rpc_url.get(),
                        chain_id: chain_id.get(),
                        currency_symbol: currency.get(),
                    });
                }>
                    <label class="field">
                        <span>{t("networkFamily")}</span>
                        <select data-testid="network-family" on:change=move |ev| {
                            if let Some(f) = NetworkFamily::parse(&event_target_value(&ev)) { family.set(f); }
                        }>
                            <option value="evm" selected>"EVM"</option>
                            <option value="neo">"NEO"</option>
                            <option value="solana">"Solana"</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>{t("networkName")}</span>
                        <input type="text" maxlength="64" data-testid="network-name"
                            prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>{t("networkRpcUrl")}</span>
                        <input type="url" data-testid="network-rpc-url" placeholder="https://"
                            prop:value=move || rpc_url.get() on:input=move |ev| rpc_url.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>{move || if family.get() == NetworkFamily::Neo { t("networkMagic") } else { t("networkChainId") }}</span>
                        <input type="text" inputmode="numeric" data-testid="network-chain-id"
                            prop:value=move || chain_id.get() on:input=move |ev| chain_id.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>{t("networkCurrency")}</span>
                        <input type="text" maxlength="6" data-testid="network-currency" placeholder="ETH"
                            prop:value=move || currency.get() on:input=move |ev| currency.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit" class="button primary" data-testid="network-save" prop:disabled=move || busy.get()>
                        {t("save")}
                    </button>
                </form>
            </Show>
            <Busy busy=busy label_key="networkChecking"/>
            <Show when=move || message.with(Option::is_some)>
                <p class="notice" data-testid="network-message" role="status">{move || message.get()}</p>
            </Show>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="network-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
