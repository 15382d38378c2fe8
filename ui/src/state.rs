//! The wallet state the engine last reported, shared by every screen, and the one way screens
//! send commands (which keeps that state fresh).

use formica_core::api::{UiError, UiRequest, UiResponse, WalletState};
use leptos::prelude::*;

use crate::engine::{Engine, use_engine};
use crate::i18n::{t, t_args};

/// The last [`WalletState`] the engine sent (`None` until the first answer).
pub type StateContext = RwSignal<Option<WalletState>>;

/// Makes the shared wallet state available below the caller.
pub fn provide_state_context() {
    provide_context::<StateContext>(RwSignal::new(None));
}

/// The shared wallet state.
pub fn use_wallet_state() -> StateContext {
    expect_context::<StateContext>()
}

/// The localized sentence for an engine error.
pub fn error_text(error: UiError, args: &[String]) -> String {
    t_args(error.message_key(), args)
}

/// The one way screens talk to the engine. Take it with [`use_commands`] while the component
/// is built (contexts are not reachable from inside a running future).
#[derive(Clone)]
pub struct Commands {
    engine: Engine,
    state: StateContext,
}

/// The command sender of the current app.
pub fn use_commands() -> Commands {
    Commands {
        engine: use_engine(),
        state: use_wallet_state(),
    }
}

impl Commands {
    /// Sends `request`; a `State` answer refreshes the shared state. An error answer or a lost
    /// engine becomes the localized sentence to show.
    pub async fn send(&self, request: UiRequest) -> Result<UiResponse, String> {
        let mut reply = self.engine.call(request.clone()).await;
        if reply.is_err() && request == UiRequest::GetState {
            // The worker was restarting: the port is fresh now, so ask once more. Only reads
            // are retried; a command may have taken effect before its answer was lost.
            reply = self.engine.call(request).await;
        }
        match reply {
            Ok(UiResponse::State { state }) => {
                self.state.set(Some(state.clone()));
                Ok(UiResponse::State { state })
            }
            Ok(UiResponse::Error { error, args, .. }) => Err(error_text(error, &args)),
            Ok(other) => Ok(other),
            Err(_) => Err(t("errorEngineUnavailable")),
        }
    }
}
