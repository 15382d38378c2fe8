//! Shows a secret the user asked to see, with a warning, a copy button that clears the
//! clipboard again after a minute, and a button that drops it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::t;

/// How long a copied secret stays on the clipboard.
const CLIPBOARD_CLEAR_MS: i32 = 60_000;

/// Copies `text`, then overwrites the clipboard after a minute (if the page is still open).
pub fn copy_then_clear(text: String) {
    let clipboard = window().navigator().clipboard();
    spawn_local(async move {
        let _ = JsFuture::from(clipboard.write_text(&text)).await;
    });
    let clear = Closure::once_into_js(move || {
        let _ = window().navigator().clipboard().write_text("");
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(clear.unchecked_ref(), CLIPBOARD_CLEAR_MS);
}

/// The revealed secret; `secret` is cleared by the Hide button.
#[component]
pub fn SecretBox(secret: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || secret.with(Option::is_some)>
            <div class="secret">
                <p class="warning">{t("secretWarning")}</p>
                <code data-testid="revealed-secret">{move || secret.get().unwrap_or_default()}</code>
                <div class="row">
                    <button type="button" class="button" data-testid="copy-secret"
                        on:click=move |_| copy_then_clear(secret.get().unwrap_or_default())>
                        {t("copyAutoClear")}
                    </button>
                    <button type="button" class="button" data-testid="hide-secret"
                        on:click=move |_| secret.set(None)>{t("hide")}</button>
                </div>
            </div>
        </Show>
    }
}
