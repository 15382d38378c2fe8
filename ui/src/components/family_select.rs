//! The chain-family switch of home (`chain-family-select`): EVM, NEO, and Solana (not yet
//! available, labelled so).

use formica_core::api::{Family, UiRequest};
use leptos::prelude::*;

use crate::i18n::t;
use crate::state::{use_commands, use_wallet_state};

/// A `<select>` of the chain families; choosing one asks the engine to show it.
#[component]
pub fn FamilySelect() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let family = Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.family).unwrap_or_default()));
    let choose = Action::new_local(move |family: &Family| {
        let (commands, family) = (commands.clone(), *family);
        async move {
            let _ = commands.send(UiRequest::SelectFamily { family }).await;
        }
    });
    view! {
        <select data-testid="chain-family-select" aria-label=t("chainFamily")
            on:change=move |ev| {
                let chosen = match event_target_value(&ev).as_str() {
                    "neo" => Family::Neo,
                    _ => Family::Evm,
                };
                choose.dispatch(chosen);
            }>
            <option value="evm" selected=move || family.get() == Family::Evm>{t("familyEvm")}</option>
            <option value="neo" selected=move || family.get() == Family::Neo>{t("familyNeo")}</option>
            <option value="solana" disabled=true>{t("familySolana")}</option>
        </select>
    }
}
