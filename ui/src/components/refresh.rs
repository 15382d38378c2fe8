//! Keeping a screen fresh while it is open: a tick every so often, and a call when the popup
//! gets the focus back (from an approval window or another tab). Both stop with the component
//! that set them up.

use std::time::Duration;

use leptos::prelude::*;

/// Calls `tick` every `period` while the calling component lives, skipping a round while
/// `busy()` says the previous one is still out.
pub fn every(period: Duration, busy: impl Fn() -> bool + 'static, tick: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if !busy() {
                tick();
            }
        },
        period,
    ) {
        on_cleanup(move || handle.clear());
    }
}

/// Calls `then` each time the popup window gets the focus back, while the calling component
/// lives.
pub fn on_focus(then: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::focus, move |_| then());
    on_cleanup(move || handle.remove());
}
