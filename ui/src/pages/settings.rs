//! Settings: auto-lock, accounts (rename, hide, export key), change password, reveal the
//! mnemonic, backup file.

use formica_core::api::{AccountKind, UiRequest, UiResponse};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::busy::Busy;
use crate::components::connected_sites::ConnectedSites;
use crate::components::new_password::{NewPassword, NewPasswordValue};
use crate::components::secret_box::SecretBox;
use crate::i18n::t;
use crate::state::{use_commands, use_wallet_state};

/// Offers `contents` as a file download.
fn download(file_name: &str, contents: &str) {
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The settings screen.
#[component]
pub fn Settings() -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<String>);
    let (busy, set_busy) = signal(false);

    let send = Action::new_local(move |request: &UiRequest| {
        let commands = commands.clone();
        let request = request.clone();
        async move {
            set_busy.set(true);
            let result = commands.send(request).await;
            set_busy.set(false);
            error.set(None);
            message.set(None);
            match result {
                Ok(UiResponse::Secret { secret: s }) => secret.set(Some(s)),
                Ok(UiResponse::Backup { file_name, contents }) => {
                    download(&file_name, &contents);
                    message.set(Some(t("backupSaved")));
                }
                Ok(_) => message.set(Some(t("saved"))),
                Err(e) => error.set(Some(e)),
            }
        }
    });

    let auto_lock = RwSignal::new(
        state
            .with_untracked(|s| s.as_ref().map_or(15, |s| s.auto_lock_minutes))
            .to_string(),
    );
    let reveal_password = RwSignal::new(String::new());
    let export_account = RwSignal::new(String::new());
    let export_password = RwSignal::new(String::new());
    let old_password = RwSignal::new(String::new());
    let new_password = RwSignal::new(NewPasswordValue::default());
    let backup_wallet_password = RwSignal::new(String::new());
    let backup_password = RwSignal::new(NewPasswordValue::default());
    let accounts =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.accounts.clone()).unwrap_or_default()));
    let has_mnemonic = move || accounts.with(|a| a.iter().any(|a| a.kind == AccountKind::Hd));

    view! {
        <section class="settings">
            <a class="back" href="#/" data-testid="settings-back">{t("back")}</a>
            <h1>{t("settings")}</h1>
            <a class="button" href="#/networks" data-testid="settings-networks">{t("networks")}</a>

            <h2>{t("autoLock")}</h2>
            <div class="row">
                <input type="number" min="1" max="1440" data-testid="auto-lock-minutes"
                    prop:value=move || auto_lock.get()
                    on:input=move |ev| auto_lock.set(event_target_value(&ev))/>
                <span>{t("minutes")}</span>
                <button type="button" class="button" data-testid="auto-lock-save" on:click=move |_| {
                    match auto_lock.get().trim().parse::<u32>() {
                        Ok(minutes) => { send.dispatch(UiRequest::SetAutoLock { minutes }); }
                        Err(_) => error.set(Some(t("errorInvalidSetting"))),
                    }
                }>{t("save")}</button>
            </div>

            <ConnectedSites/>

            <h2>{t("accounts")}</h2>
            <ul class="account-settings">
                {move || accounts.get().into_iter().map(|a| {
                    let name = RwSignal::new(a.name.clone());
                    let (id_rename, id_hide) = (a.id.clone(), a.id.clone());
                    let hidden = a.hidden;
                    view! {
                        <li>
                            <input type="text" maxlength="40" data-testid="account-name-input"
                                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                            <button type="button" class="button small" data-testid="account-rename"
                                on:click=move |_| { send.dispatch(UiRequest::RenameAccount { id: id_rename.clone(), name: name.get() }); }>
                                {t("rename")}
                            </button>
                            <label class="check">
                                <input type="checkbox" data-testid="account-hidden" prop:checked=hidden
                                    on:change=move |ev| { send.dispatch(UiRequest::SetAccountHidden { id: id_hide.clone(), hidden: event_target_checked(&ev) }); }/>
                                {t("hidden")}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>

            <h2>{t("exportPrivateKey")}</h2>
            <select data-testid="export-account" on:change=move |ev| export_account.set(event_target_value(&ev))>
                <option value="">{t("chooseAccount")}</option>
                {move || accounts.get().into_iter().map(|a| view! { <option value=a.id>{a.name}</option> }).collect_view()}
            </select>
            <input type="password" data-testid="export-password" placeholder=t("password")
                prop:value=move || export_password.get() on:input=move |ev| export_password.set(event_target_value(&ev))/>
            <button type="button" class="button" data-testid="export-key-submit" on:click=move |_| {
                send.dispatch(UiRequest::ExportPrivateKey { id: export_account.get(), password: export_password.get() });
                export_password.set(String::new());
            }>{t("reveal")}</button>

            <Show when=has_mnemonic>
                <h2>{t("revealMnemonic")}</h2>
                <input type="password" data-testid="reveal-password" placeholder=t("password")
                    prop:value=move || reveal_password.get() on:input=move |ev| reveal_password.set(event_target_value(&ev))/>
                <button type="button" class="button" data-testid="reveal-mnemonic-submit" on:click=move |_| {
                    send.dispatch(UiRequest::RevealMnemonic { password: reveal_password.get() });
                    reveal_password.set(String::new());
                }>{t("reveal")}</button>
            </Show>
            <SecretBox secret=secret/>

            <h2>{t("changePassword")}</h2>
            <label class="field">
                <span>{t("currentPassword")}</span>
                <input type="password" data-testid="old-password" autocomplete="current-password"
                    prop:value=move || old_password.get() on:input=move |ev| old_password.set(event_target_value(&ev))/>
            </label>
            <NewPassword value=new_password/>
            <button type="button" class="button" data-testid="change-password-submit" on:click=move |_| {
                match new_password.with(NewPasswordValue::problem) {
                    Some(p) => error.set(Some(p)),
                    None => { send.dispatch(UiRequest::ChangePassword {
                        old_password: old_password.get(),
                        new_password: new_password.with(|p| p.password.clone()),
                    }); }
                }
            }>{t("changePassword")}</button>

            <h2>{t("backupFile")}</h2>
            <p class="lead">{t("backupLead")}</p>
            <label class="field">
                <span>{t("password")}</span>
                <input type="password" data-testid="backup-wallet-password"
                    prop:value=move || backup_wallet_password.get() on:input=move |ev| backup_wallet_password.set(event_target_value(&ev))/>
            </label>
            <div class="backup-password"><NewPassword value=backup_password testid_prefix="backup-"/></div>
            <button type="button" class="button" data-testid="backup-export" on:click=move |_| {
                match backup_password.with(NewPasswordValue::problem) {
                    Some(p) => error.set(Some(p)),
                    None => { send.dispatch(UiRequest::ExportBackup {
                        password: backup_wallet_password.get(),
                        backup_password: backup_password.with(|p| p.password.clone()),
                    }); }
                }
            }>{t("exportBackup")}</button>

            <Busy busy=busy/>
            <Show when=move || message.with(Option::is_some)>
                <p class="notice" data-testid="settings-message" role="status">{move || message.get()}</p>
            </Show>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="settings-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
