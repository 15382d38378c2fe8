//! Creating a wallet: set a password, write the new words down, pick them back in order.

use formica_core::api::{UiRequest, UiResponse};
use leptos::prelude::*;

use crate::app::navigate;
use crate::components::busy::Busy;
use crate::components::new_password::{NewPassword, NewPasswordValue};
use crate::components::secret_box::copy_then_clear;
use crate::i18n::t;
use crate::route::Route;
use crate::state::use_commands;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Password,
    Words(Vec<String>),
    Confirm(Vec<String>),
}

/// A random order for the confirmation buttons (not a secret: it only stops copying by rote).
fn shuffled(words: &[String]) -> Vec<(usize, String)> {
    let mut items: Vec<(usize, String)> = words.iter().cloned().enumerate().collect();
    for i in (1..items.len()).rev() {
        let r = js_sys::Math::random() * f64::from(u32::try_from(i + 1).unwrap_or(u32::MAX));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0 ≤ r < i + 1
        let j = r.floor() as usize;
        items.swap(i, j.min(i));
    }
    items
}

/// The create flow.
#[component]
pub fn Create() -> impl IntoView {
    let commands = use_commands();
    let step = RwSignal::new(Step::Password);
    let password = RwSignal::new(NewPasswordValue::default());
    let word_count = RwSignal::new(12_u8);
    let error = RwSignal::new(None::<String>);
    let (busy, set_busy) = signal(false);

    let generate = {
        let commands = commands.clone();
        Action::new_local(move |words: &u8| {
            let commands = commands.clone();
            let words = *words;
            async move {
                match commands.send(UiRequest::GenerateMnemonic { words }).await {
                    Ok(UiResponse::NewMnemonic { words }) => step.set(Step::Words(words)),
                    Ok(_) => error.set(Some(t("errorEngineUnavailable"))),
                    Err(message) => error.set(Some(message)),
                }
            }
        })
    };
    let create = Action::new_local(move |confirmation: &Vec<String>| {
        let commands = commands.clone();
        let request = UiRequest::CreateWallet {
            confirmation: confirmation.clone(),
            password: password.with_untracked(|p| p.password.clone()),
        };
        async move {
            set_busy.set(true);
            let result = commands.send(request).await;
            set_busy.set(false);
            match result {
                // The state now says initialized and unlocked: the app shows home.
                Ok(_) => navigate(&Route::Start),
                Err(message) => error.set(Some(message)),
            }
        }
    });

    let on_password = move |_| match password.with(NewPasswordValue::problem) {
        Some(problem) => error.set(Some(problem)),
        None => {
            error.set(None);
            generate.dispatch(word_count.get());
        }
    };

    view! {
        <section class="create">
            <a class="back" href="#/onboarding">{t("back")}</a>
            {move || match step.get() {
                Step::Password => view! {
                    <h1>{t("createTitle")}</h1>
                    <p class="lead">{t("createPasswordLead")}</p>
                    <NewPassword value=password/>
                    <label class="field">
                        <span>{t("wordCount")}</span>
                        <select data-testid="word-count"
                            on:change=move |ev| word_count.set(if event_target_value(&ev) == "24" { 24 } else { 12 })>
                            <option value="12" selected=true>{t("words12")}</option>
                            <option value="24">{t("words24")}</option>
                        </select>
                    </label>
                    <button type="button" class="button primary" data-testid="onboarding-submit"
                        on:click=on_password>{t("continue")}</button>
                }.into_any(),
                Step::Words(words) => {
                    let copy = words.join(" ");
                    let next = words.clone();
                    view! {
                        <h1>{t("createWordsTitle")}</h1>
                        <p class="warning">{t("createWordsWarning")}</p>
                        <ol class="words">
                            {words.into_iter().map(|w| view! {
                                <li><span data-testid="mnemonic-word">{w}</span></li>
                            }).collect_view()}
                        </ol>
                        <button type="button" class="button" data-testid="copy-mnemonic"
                            on:click=move |_| copy_then_clear(copy.clone())>{t("copyAutoClear")}</button>
                        <button type="button" class="button primary" data-testid="onboarding-submit"
                            on:click=move |_| { error.set(None); step.set(Step::Confirm(next.clone())) }>
                            {t("createWroteThemDown")}
                        </button>
                    }.into_any()
                }
                Step::Confirm(words) => view! { <Confirm words=words create=create/> }.into_any(),
            }}
            <Busy busy=busy/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="onboarding-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}

/// Pick the words back in order.
#[component]
fn Confirm(words: Vec<String>, create: Action<Vec<String>, ()>) -> impl IntoView {
    let total = words.len();
    let choices = shuffled(&words);
    let picked = RwSignal::new(Vec::<usize>::new());
    let choice_words: Vec<String> = choices.iter().map(|(_, w)| w.clone()).collect();
    let picked_words = move || {
        picked.with(|p| {
            p.iter()
                .filter_map(|&i| choice_words.get(i).cloned())
                .collect::<Vec<_>>()
        })
    };
    let picked_view = picked_words.clone();
    view! {
        <h1>{t("confirmTitle")}</h1>
        <p class="lead">{t("confirmLead")}</p>
        <ol class="words picked" data-testid="confirm-picked">
            {move || picked_view().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
        </ol>
        <div class="choices">
            {choices.into_iter().enumerate().map(|(i, (_, word))| view! {
                <button type="button" class="chip" data-testid="confirm-word"
                    disabled=move || picked.with(|p| p.contains(&i))
                    on:click=move |_| picked.update(|p| if !p.contains(&i) { p.push(i) })>
                    {word}
                </button>
            }).collect_view()}
        </div>
        <div class="row">
            <button type="button" class="button" data-testid="confirm-clear"
                on:click=move |_| picked.set(Vec::new())>{t("clear")}</button>
            <button type="button" class="button primary" data-testid="onboarding-submit"
                disabled=move || picked.with(Vec::len) != total || create.pending().get()
                on:click=move |_| { create.dispatch(picked_words()); }>
                {t("createWallet")}
            </button>
        </div>
    }
}
