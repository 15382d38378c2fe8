//! The root component: asks the engine for its state and shows the screen it calls for.

use formica_core::api::{UiRequest, UiResponse, WalletState};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::engine::{Engine, provide_engine_context, use_engine};
use crate::i18n::t;
use crate::pages::onboarding::Onboarding;
use crate::route::Route;

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::from_hash(&hash)
}

/// Loads the wallet state, retrying once if the worker was restarting.
async fn load_state(engine: Engine) -> Result<WalletState, String> {
    let mut reply = engine.call(UiRequest::GetState).await;
    if reply.is_err() {
        reply = engine.call(UiRequest::GetState).await;
    }
    match reply {
        Ok(UiResponse::State { state }) => Ok(state),
        Ok(UiResponse::Error { message }) => Err(message),
        Err(_) => Err(t("errorEngineUnavailable")),
    }
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    provide_engine_context();
    let engine = use_engine();

    let (route, set_route) = signal(current_route());
    let on_hash = Closure::<dyn FnMut()>::new(move || set_route.set(current_route()));
    let _ = window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_hash.forget();

    let state = LocalResource::new(move || load_state(engine.clone()));

    view! {
        <main class="app">
            <Transition fallback=move || view! { <p class="loading">{t("loading")}</p> }>
                {move || {
                    state.get().map(|result| match result {
                        Ok(state) => screen(route.get(), &state).into_any(),
                        Err(message) => view! {
                            <p class="error" data-testid="engine-error">{message}</p>
                        }.into_any(),
                    })
                }}
            </Transition>
        </main>
    }
}

fn screen(route: Route, state: &WalletState) -> AnyView {
    match route {
        Route::Onboarding | Route::Start if !state.initialized => view! { <Onboarding/> }.into_any(),
        Route::Onboarding | Route::Start | Route::Approval(_) => view! {
            <p class="error">{t("errorScreenUnavailable")}</p>
        }
        .into_any(),
    }
}
