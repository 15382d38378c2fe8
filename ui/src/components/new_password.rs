//! The new-password pair with its strength meter, used wherever a password is set.

use leptos::prelude::*;

use crate::i18n::t;
use crate::strength::estimate;

/// What the password pair currently says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewPasswordValue {
    /// The password.
    pub password: String,
    /// Its confirmation.
    pub confirmation: String,
}

impl NewPasswordValue {
    /// The localized problem with the pair, if any (the engine checks the minimum again).
    pub fn problem(&self) -> Option<String> {
        if self.password.chars().count() < 8 {
            Some(t("errorWeakPassword"))
        } else if self.password != self.confirmation {
            Some(t("errorPasswordMismatch"))
        } else {
            None
        }
    }
}

/// Two password inputs (`new-password`, `confirm-password`, each id after `testid_prefix`) and a
/// strength meter.
#[component]
pub fn NewPassword(
    value: RwSignal<NewPasswordValue>,
    #[prop(default = "")] testid_prefix: &'static str,
) -> impl IntoView {
    let strength = Memo::new(move |_| value.with(|v| estimate(&v.password).0));
    let labels = ["strength0", "strength1", "strength2", "strength3", "strength4"];
    view! {
        <label class="field">
            <span>{t("newPassword")}</span>
            <input type="password" autocomplete="new-password" data-testid=format!("{testid_prefix}new-password")
                prop:value=move || value.with(|v| v.password.clone())
                on:input=move |ev| value.update(|v| v.password = event_target_value(&ev))/>
        </label>
        <div class="strength" data-testid=format!("{testid_prefix}password-strength") data-score=move || strength.get().to_string()>
            <div class="bar"><div class=move || format!("fill s{}", strength.get())></div></div>
            <span>{move || t(labels[usize::from(strength.get().min(4))])}</span>
        </div>
        <label class="field">
            <span>{t("confirmPassword")}</span>
            <input type="password" autocomplete="new-password" data-testid=format!("{testid_prefix}confirm-password")
                prop:value=move || value.with(|v| v.confirmation.clone())
                on:input=move |ev| value.update(|v| v.confirmation = event_target_value(&ev))/>
        </label>
    }
}
