//! The root component: asks the engine for its state and shows the screen it calls for.

use formica_core::api::UiRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use crate::engine::provide_engine_context;
use crate::i18n::t;
use crate::pages::activity::Activity;
use crate::pages::approval::Approval;
use crate::pages::create::Create;
use crate::pages::home::Home;
use crate::pages::import::Import;
use crate::pages::neo_multisig::NeoMultisig;
use crate::pages::networks::Networks;
use crate::pages::onboarding::Onboarding;
use crate::pages::send::Send;
use crate::pages::settings::Settings;
use crate::pages::unlock::Unlock;
use crate::route::Route;
use crate::state::{provide_state_context, use_commands, use_wallet_state};

fn current_route() -> Route {
    let hash = window().location().hash().unwrap_or_default();
    Route::from_hash(&hash)
}

/// Goes to `route` (through the hash, so the browser's back button works).
pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.hash());
}

/// Which screen the route and the wallet's state call for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Screen {
    Onboarding,
    Create,
    Import,
    Unlock,
    Home,
    Settings,
    Send,
    Activity,
    Networks,
    Multisig,
    Approval(String),
}

fn pick(route: &Route, initialized: bool, unlocked: bool) -> Screen {
    match (initialized, unlocked, route) {
        (false, _, Route::Create) => Screen::Create,
        (false, _, Route::Import) => Screen::Import,
        (false, _, _) => Screen::Onboarding,
        (true, false, _) => Screen::Unlock,
        (true, true, Route::Settings) => Screen::Settings,
        (true, true, Route::Send) => Screen::Send,
        (true, true, Route::Activity) => Screen::Activity,
        (true, true, Route::Networks) => Screen::Networks,
        (true, true, Route::Multisig) => Screen::Multisig,
        (true, true, Route::Import) => Screen::Import,
        (true, true, Route::Approval(id)) => Screen::Approval(id.clone()),
        (true, true, _) => Screen::Home,
    }
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    provide_engine_context();
    provide_state_context();
    let state = use_wallet_state();
    let commands = use_commands();

    let (route, set_route) = signal(current_route());
    let on_hash = Closure::<dyn FnMut()>::new(move || set_route.set(current_route()));
    let _ = window().add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_hash.forget();

    let (load_error, set_load_error) = signal(None::<String>);
    spawn_local(async move {
        if let Err(message) = commands.send(UiRequest::GetState).await {
            set_load_error.set(Some(message));
        }
    });

    // Rebuilt only when the screen changes, not on every state update, so forms keep their input.
    let screen =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| pick(&route.get(), s.initialized, s.unlocked))));

    view! {
        <main class="app">
            {move || match (screen.get(), load_error.get()) {
                (_, Some(message)) => view! {
                    <p class="error" data-testid="engine-error">{message}</p>
                }.into_any(),
                (None, None) => view! { <p class="loading">{t("loading")}</p> }.into_any(),
                (Some(screen), None) => match screen {
                    Screen::Onboarding => view! { <Onboarding/> }.into_any(),
                    Screen::Create => view! { <Create/> }.into_any(),
                    Screen::Import => view! { <Import/> }.into_any(),
                    Screen::Unlock => view! { <Unlock/> }.into_any(),
                    Screen::Home => view! { <Home/> }.into_any(),
                    Screen::Settings => view! { <Settings/> }.into_any(),
                    Screen::Send => view! { <Send/> }.into_any(),
                    Screen::Activity => view! { <Activity/> }.into_any(),
                    Screen::Networks => view! { <Networks/> }.into_any(),
                    Screen::Multisig => view! { <NeoMultisig/> }.into_any(),
                    Screen::Approval(id) => view! { <Approval id=id/> }.into_any(),
                },
            }}
        </main>
    }
}
