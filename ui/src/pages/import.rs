//! Importing: at set-up, a wallet from a mnemonic (with optional passphrase) or a Formica
//! backup file; into an unlocked wallet, an account from a private key or a keystore file.

use formica_core::api::UiRequest;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::navigate;
use crate::components::busy::Busy;
use crate::components::new_password::{NewPassword, NewPasswordValue};
use crate::i18n::t;
use crate::route::Route;
use crate::state::{use_commands, use_wallet_state};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Mnemonic,
    PrivateKey,
    Keystore,
    Backup,
    /// A NEO key as WIF.
    NeoWif,
    /// A NEO key as NEP-2 (`6P…` and its password).
    Nep2,
    /// A NEO NEP-6 wallet file.
    Nep6,
}

impl Kind {
    fn from_value(value: &str) -> Self {
        match value {
            "private-key" => Self::PrivateKey,
            "keystore" => Self::Keystore,
            "backup" => Self::Backup,
            "neo-wif" => Self::NeoWif,
            "nep2" => Self::Nep2,
            "nep6" => Self::Nep6,
            _ => Self::Mnemonic,
        }
    }
}

/// Reads the text of the file chosen in a file input into `into`.
fn read_file(ev: &leptos::ev::Event, into: RwSignal<String>) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    leptos::task::spawn_local(async move {
        if let Ok(text) = JsFuture::from(file.text()).await {
            into.set(text.as_string().unwrap_or_default());
        }
    });
}

/// The import flow.
#[component]
pub fn Import() -> impl IntoView {
    let commands = use_commands();
    // Set-up imports a whole wallet; an unlocked wallet imports accounts into itself.
    let adding = use_wallet_state().with_untracked(|s| s.as_ref().is_some_and(|s| s.initialized));
    let kind = RwSignal::new(if adding { Kind::PrivateKey } else { Kind::Mnemonic });
    let current_password = RwSignal::new(String::new());
    let phrase = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let file_text = RwSignal::new(String::new());
    let file_password = RwSignal::new(String::new());
    let password = RwSignal::new(NewPasswordValue::default());
    let error = RwSignal::new(None::<String>);
    let (busy, set_busy) = signal(false);

    let submit = Action::new_local(move |request: &UiRequest| {
        let commands = commands.clone();
        let request = request.clone();
        async move {
            set_busy.set(true);
            let result = commands.send(request).await;
            set_busy.set(false);
            match result {
                Ok(_) => navigate(&Route::Start),
                Err(message) => error.set(Some(message)),
            }
        }
    });

    let on_submit = move |_| {
        let password = if adding {
            current_password.get()
        } else if let Some(problem) = password.with(NewPasswordValue::problem) {
            error.set(Some(problem));
            return;
        } else {
            password.with(|p| p.password.clone())
        };
        error.set(None);
        let request = match kind.get() {
            Kind::Mnemonic => UiRequest::ImportMnemonic {
                phrase: phrase.get(),
                passphrase: passphrase.get(),
                password,
            },
            Kind::PrivateKey => UiRequest::ImportPrivateKey {
                key: key.get(),
                password,
            },
            Kind::Keystore => UiRequest::ImportKeystore {
                json: file_text.get(),
                keystore_password: file_password.get(),
                password,
            },
            Kind::Backup => UiRequest::ImportBackup {
                file: file_text.get(),
                backup_password: file_password.get(),
                password,
            },
            Kind::NeoWif => UiRequest::ImportNeoKey {
                wif: key.get(),
                password,
            },
            Kind::Nep2 => UiRequest::ImportNep2 {
                nep2: key.get(),
                nep2_password: file_password.get(),
                password,
            },
            Kind::Nep6 => UiRequest::ImportNep6 {
                json: file_text.get(),
                file_password: file_password.get(),
                password,
            },
        };
        submit.dispatch(request);
    };

    view! {
        <section class="import">
            <a class="back" href=if adding { "#/" } else { "#/onboarding" }>{t("back")}</a>
            <h1>{if adding { t("importAccountTitle") } else { t("importTitle") }}</h1>
            <label class="field">
                <span>{t("importKind")}</span>
                <select data-testid="import-kind" on:change=move |ev| {
                    kind.set(Kind::from_value(&event_target_value(&ev)));
                    file_text.set(String::new());
                    error.set(None);
                }>
                    {if adding {
                        view! {
                            <option value="private-key" selected=true>{t("importKindPrivateKey")}</option>
                            <option value="keystore">{t("importKindKeystore")}</option>
                            <option value="neo-wif">{t("importKindNeoWif")}</option>
                            <option value="nep2">{t("importKindNep2")}</option>
                            <option value="nep6">{t("importKindNep6")}</option>
                        }.into_any()
                    } else {
                        view! {
                            <option value="mnemonic" selected=true>{t("importKindMnemonic")}</option>
                            <option value="backup">{t("importKindBackup")}</option>
                        }.into_any()
                    }}
                </select>
            </label>
            {move || match kind.get() {
                Kind::Mnemonic => view! {
                    <label class="field">
                        <span>{t("importMnemonic")}</span>
                        <textarea data-testid="import-mnemonic" rows="4" autocomplete="off" spellcheck="false"
                            prop:value=move || phrase.get()
                            on:input=move |ev| phrase.set(event_target_value(&ev))></textarea>
                    </label>
                    <label class="field">
                        <span>{t("importPassphrase")}</span>
                        <input type="password" data-testid="import-passphrase" autocomplete="off"
                            prop:value=move || passphrase.get()
                            on:input=move |ev| passphrase.set(event_target_value(&ev))/>
                    </label>
                }.into_any(),
                Kind::NeoWif | Kind::Nep2 => view! {
                    <label class="field">
                        <span>{if kind.get_untracked() == Kind::Nep2 { t("importNep2") } else { t("importNeoWif") }}</span>
                        <input type="password" data-testid="import-private-key" autocomplete="off"
                            prop:value=move || key.get()
                            on:input=move |ev| key.set(event_target_value(&ev))/>
                    </label>
                    <Show when=move || kind.get() == Kind::Nep2>
                        <label class="field">
                            <span>{t("importFilePassword")}</span>
                            <input type="password" data-testid="import-file-password" autocomplete="off"
                                prop:value=move || file_password.get()
                                on:input=move |ev| file_password.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                }.into_any(),
                Kind::PrivateKey => view! {
                    <label class="field">
                        <span>{t("importPrivateKey")}</span>
                        <input type="password" data-testid="import-private-key" autocomplete="off"
                            prop:value=move || key.get()
                            on:input=move |ev| key.set(event_target_value(&ev))/>
                    </label>
                }.into_any(),
                Kind::Keystore | Kind::Backup | Kind::Nep6 => view! {
                    <label class="field">
                        <span>{t("importFile")}</span>
                        <input type="file" data-testid="import-file" accept=".json,application/json"
                            on:change=move |ev| read_file(&ev, file_text)/>
                    </label>
                    <label class="field">
                        <span>{t("importFileText")}</span>
                        <textarea data-testid="import-file-text" rows="3" spellcheck="false"
                            prop:value=move || file_text.get()
                            on:input=move |ev| file_text.set(event_target_value(&ev))></textarea>
                    </label>
                    <label class="field">
                        <span>{t("importFilePassword")}</span>
                        <input type="password" data-testid="import-file-password" autocomplete="off"
                            prop:value=move || file_password.get()
                            on:input=move |ev| file_password.set(event_target_value(&ev))/>
                    </label>
                }.into_any(),
            }}
            {if adding {
                view! {
                    <label class="field">
                        <span>{t("password")}</span>
                        <input type="password" autocomplete="current-password" data-testid="import-password"
                            prop:value=move || current_password.get()
                            on:input=move |ev| current_password.set(event_target_value(&ev))/>
                    </label>
                }.into_any()
            } else {
                view! { <NewPassword value=password/> }.into_any()
            }}
            <button type="button" class="button primary" data-testid="onboarding-submit"
                disabled=move || submit.pending().get() on:click=on_submit>{t("importSubmit")}</button>
            <Busy busy=busy/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="onboarding-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
