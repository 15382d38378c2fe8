//! The first screen of a new wallet: create one, or import an existing one.

use leptos::prelude::*;

use crate::i18n::t;

/// Create or import.
#[component]
pub fn Onboarding() -> impl IntoView {
    view! {
        <section class="onboarding" data-testid="onboarding">
            <img class="logo" src="icons/icon-128.png" alt="" width="72" height="72"/>
            <h1>{t("onboardingTitle")}</h1>
            <p class="lead">{t("onboardingLead")}</p>
            <a class="button primary" href="#/create" data-testid="create-wallet">{t("onboardingCreate")}</a>
            <a class="button" href="#/import" data-testid="import-wallet">{t("onboardingImport")}</a>
        </section>
    }
}
