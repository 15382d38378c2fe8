//! The progress line shown while the engine runs the password KDF (a few hundred ms).

use leptos::prelude::*;

use crate::i18n::t;

/// Shows a spinner and `label_key`'s text while `busy` is true.
#[component]
pub fn Busy(
    busy: ReadSignal<bool>,
    #[prop(default = "kdfProgress")] label_key: &'static str,
) -> impl IntoView {
    view! {
        <Show when=move || busy.get()>
            <p class="busy" data-testid="kdf-progress" role="status">
                <span class="spinner" aria-hidden="true"></span>
                {t(label_key)}
            </p>
        </Show>
    }
}
