//! Unlock: the wallet exists but is locked.

use formica_core::api::UiRequest;
use leptos::prelude::*;

use crate::components::busy::Busy;
use crate::i18n::t;
use crate::state::{use_commands, use_wallet_state};

/// The unlock screen. When the vault's current generation is damaged it says so and offers the
/// backup generation instead.
#[component]
pub fn Unlock() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let damaged = move || state.with(|s| s.as_ref().is_some_and(|s| s.vault_damaged));
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let (busy, set_busy) = signal(false);

    let unlock = Action::new_local(move |request: &UiRequest| {
        let commands = commands.clone();
        let request = request.clone();
        async move {
            set_busy.set(true);
            let result = commands.send(request).await;
            set_busy.set(false);
            if let Err(message) = result {
                error.set(Some(message));
            }
        }
    });
    let submit = move || {
        error.set(None);
        let password = password.get();
        unlock.dispatch(if damaged() {
            UiRequest::RestoreBackupGeneration { password }
        } else {
            UiRequest::Unlock { password }
        });
    };

    view! {
        <section class="unlock">
            <img class="logo" src="icons/icon-128.png" alt="" width="64" height="64"/>
            <h1>{t("unlockTitle")}</h1>
            <Show when=damaged>
                <p class="warning" data-testid="vault-damaged">{t("vaultDamaged")}</p>
            </Show>
            <form on:submit=move |ev| { ev.prevent_default(); submit(); }>
                <label class="field">
                    <span>{t("password")}</span>
                    <input type="password" autocomplete="current-password" data-testid="unlock-password"
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="button primary" data-testid="unlock-submit"
                    disabled=move || unlock.pending().get()>
                    {move || if damaged() { t("restoreBackup") } else { t("unlock") }}
                </button>
            </form>
            <Busy busy=busy label_key="unlocking"/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="unlock-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
