//! Send: recipient, amount in decimal units, asset (the native currency or a watched token) and
//! fee level; the engine checks everything and shows a review, then signs and broadcasts what
//! was reviewed. The popup parses nothing itself.

use formica_core::api::{FeeChoice, SendForm, SendReview, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::app::navigate;
use crate::components::busy::Busy;
use crate::i18n::t;
use crate::route::Route;
use crate::state::use_commands;

/// The send screen.
#[component]
pub fn Send() -> impl IntoView {
    let commands = use_commands();
    let to = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let asset = RwSignal::new(String::new());
    let level = RwSignal::new(FeeChoice::Market);
    let review = RwSignal::new(None::<(SendForm, SendReview)>);
    let error = RwSignal::new(None::<String>);
    let (busy, set_busy) = signal(false);
    // (address, symbol) of each asset; the native currency has an empty address.
    let assets = RwSignal::new(Vec::<(String, String)>::new());

    {
        let commands = commands.clone();
        leptos::task::spawn_local(async move {
            match commands.send(UiRequest::GetBalances).await {
                Ok(UiResponse::Balances { balances }) => {
                    let mut list = vec![(String::new(), balances.native.symbol.clone())];
                    list.extend(
                        balances
                            .tokens
                            .into_iter()
                            .filter_map(|t| t.address.map(|a| (a, t.symbol))),
                    );
                    assets.set(list);
                }
                Ok(_) => {}
                Err(message) => error.set(Some(message)),
            }
        });
    }

    let form = move || SendForm {
        to: to.get(),
        amount: amount.get(),
        asset: Some(asset.get()).filter(|a| !a.is_empty()),
        fee_level: level.get(),
    };

    let act = Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        async move {
            set_busy.set(true);
            error.set(None);
            let result = commands.send(request.clone()).await;
            set_busy.set(false);
            match (result, request) {
                (Ok(UiResponse::SendReview { review: r }), UiRequest::ReviewSend { form }) => {
                    error.set(None);
                    review.set(Some((form, r)));
                }
                (Ok(UiResponse::Sent { .. }), _) => navigate(&Route::Activity),
                (Ok(_), _) => {}
                (Err(message), _) => error.set(Some(message)),
            }
        }
    });

    // Any edit invalidates the review: what is confirmed is always what was reviewed.
    let edited = move || {
        review.set(None);
        error.set(None);
    };

    view! {
        <section class="send" data-testid="send-page">
            <a class="back" href="#/" data-testid="send-back">{t("back")}</a>
            <h1>{t("send")}</h1>
            <label class="field">
                <span>{t("sendTo")}</span>
                <input type="text" data-testid="send-to" spellcheck="false" autocomplete="off" placeholder="0x…"
                    prop:value=move || to.get() on:input=move |ev| { to.set(event_target_value(&ev)); edited(); }/>
            </label>
            <label class="field">
                <span>{t("sendAsset")}</span>
                <select data-testid="send-asset" on:change=move |ev| { asset.set(event_target_value(&ev)); edited(); }>
                    {move || assets.get().into_iter().map(|(address, symbol)| {
                        let is_selected = asset.get() == address;
                        view! { <option value=address selected=is_selected>{symbol}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t("sendAmount")}</span>
                <input type="text" inputmode="decimal" data-testid="send-amount" autocomplete="off" placeholder="0.0"
                    prop:value=move || amount.get() on:input=move |ev| { amount.set(event_target_value(&ev)); edited(); }/>
            </label>
            <label class="field">
                <span>{t("sendFeeLevel")}</span>
                <select data-testid="send-fee-level" on:change=move |ev| { level.set(FeeChoice::parse(&event_target_value(&ev)).unwrap_or(FeeChoice::Market)); edited(); }>
                    {[FeeChoice::Low, FeeChoice::Market, FeeChoice::Aggressive].map(|c| view! {
                        <option value=c.as_str() selected=c == FeeChoice::Market>{t(c.message_key())}</option>
                    })}
                </select>
            </label>
            <button type="button" class="button primary" data-testid="send-review" disabled=move || busy.get()
                on:click=move |_| { act.dispatch(UiRequest::ReviewSend { form: form() }); }>
                {t("sendReviewButton")}
            </button>
            {move || review.get().map(|(reviewed, r)| view! {
                <div class="review" data-testid="send-summary">
                    <h2>{t("sendReviewTitle")}</h2>
                    <dl class="tx">
                        <dt>{t("txNetwork")}</dt><dd>{r.network}</dd>
                        <dt>{t("txFrom")}</dt><dd><code>{r.from}</code></dd>
                        <dt>{t("txTo")}</dt><dd><code data-testid="send-summary-to">{r.to}</code></dd>
                        <dt>{t("txValue")}</dt><dd data-testid="send-summary-amount">{r.amount}</dd>
                        <dt>{t("txMaxFee")}</dt><dd data-testid="send-summary-fee">{r.max_fee}" ("{r.gas}" gas)"</dd>
                    </dl>
                    <button type="button" class="button primary" data-testid="send-confirm" disabled=move || busy.get()
                        on:click=move |_| { act.dispatch(UiRequest::ConfirmSend { form: reviewed.clone() }); }>
                        {t("sendConfirm")}
                    </button>
                </div>
            })}
            <Busy busy=busy/>
            <Show when=move || error.with(Option::is_some)>
                <p class="error" data-testid="send-error" role="alert">{move || error.get()}</p>
            </Show>
        </section>
    }
}
