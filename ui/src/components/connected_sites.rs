//! Connected sites (settings): each origin with the accounts it may see, and a button that
//! disconnects it (its pages get `accountsChanged([])`, as with `wallet_revokePermissions`).

use formica_core::api::{ConnectedSite, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::i18n::t;
use crate::state::use_commands;

/// The connected-sites list.
#[component]
pub fn ConnectedSites() -> impl IntoView {
    let commands = use_commands();
    let sites = RwSignal::new(None::<Vec<ConnectedSite>>);
    let error = RwSignal::new(None::<String>);
    let act = Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        async move {
            match commands.send(request).await {
                Ok(UiResponse::ConnectedSites { sites: list }) => {
                    error.set(None);
                    sites.set(Some(list));
                }
                Ok(_) => {}
                Err(message) => error.set(Some(message)),
            }
        }
    });
    act.dispatch(UiRequest::GetConnectedSites);
    view! {
        <h2>{t("connectedSites")}</h2>
        <ul class="connected-sites" data-testid="connected-sites">
            {move || match sites.get() {
                None => view! { <li class="loading">{t("loading")}</li> }.into_any(),
                Some(list) if list.is_empty() => view! { <li class="empty">{t("connectedSitesEmpty")}</li> }.into_any(),
                Some(list) => list.into_iter().map(|site| {
                    let origin = site.origin.clone();
                    view! {
                        <li data-testid="connected-site" data-origin=site.origin.clone()>
                            <span class="origin">{site.origin.clone()}</span>
                            <ul class="small">
                                {site.accounts.into_iter().map(|a| view! { <li><code>{a}</code></li> }).collect_view()}
                            </ul>
                            <button type="button" class="button small" data-testid="connected-site-revoke"
                                on:click=move |_| { act.dispatch(UiRequest::RevokeSite { origin: origin.clone() }); }>
                                {t("revoke")}
                            </button>
                        </li>
                    }
                }).collect_view().into_any(),
            }}
        </ul>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" data-testid="connected-sites-error" role="alert">{move || error.get()}</p>
        </Show>
    }
}
