//! The popup's line to the engine: a `chrome.runtime` port named `formica-ui`.
//!
//! Each request carries an id; the reply with that id completes it. The worker can stop at any
//! time, which disconnects the port: pending calls then fail with [`EngineError::Disconnected`]
//! and the next call opens a new port (which wakes the worker).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use formica_core::api::{UiRequest, UiResponse};
use futures::channel::oneshot;
use leptos::prelude::{GetValue, LocalStorage, StoredValue, expect_context, provide_context};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[derive(Clone)]
    type Port;
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = connect)]
    fn connect(info: &JsValue) -> Port;
    #[wasm_bindgen(method, js_name = postMessage, catch)]
    fn post_message(this: &Port, message: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = onMessage)]
    fn on_message(this: &Port) -> PortEvent;
    #[wasm_bindgen(method, getter, js_name = onDisconnect)]
    fn on_disconnect(this: &Port) -> PortEvent;

    type PortEvent;
    #[wasm_bindgen(method, js_name = addListener)]
    fn add_listener(this: &PortEvent, listener: &js_sys::Function);
}

/// Why a call to the engine failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// The port closed before the reply came (the worker stopped); the call may be retried.
    Disconnected,
    /// The message could not be encoded or the reply decoded.
    Protocol,
}

#[derive(Serialize)]
struct Envelope<'a> {
    id: u32,
    request: &'a UiRequest,
}

#[derive(Deserialize)]
struct Reply {
    id: u32,
    response: UiResponse,
}

type Pending = Rc<RefCell<HashMap<u32, oneshot::Sender<UiResponse>>>>;

struct Connection {
    port: Port,
    // Kept alive as long as the port: the browser calls them.
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_disconnect: Closure<dyn FnMut()>,
}

/// A handle to the engine, cheap to clone.
#[derive(Clone, Default)]
pub struct Engine {
    connection: Rc<RefCell<Option<Rc<Connection>>>>,
    pending: Pending,
    next_id: Rc<RefCell<u32>>,
}

impl Engine {
    fn port(&self) -> Rc<Connection> {
        if let Some(c) = self.connection.borrow().as_ref() {
            return c.clone();
        }
        let info = js_sys::Object::new();
        // Reflect::set on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&info, &"name".into(), &"formica-ui".into());
        let port = connect(&info);
        let pending = self.pending.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |msg: JsValue| {
            if let Ok(reply) = serde_wasm_bindgen::from_value::<Reply>(msg)
                && let Some(tx) = pending.borrow_mut().remove(&reply.id)
            {
                // The caller may have gone away; then nobody waits for the answer.
                let _ = tx.send(reply.response);
            }
        });
        let slot = self.connection.clone();
        let pending = self.pending.clone();
        let on_disconnect = Closure::<dyn FnMut()>::new(move || {
            slot.borrow_mut().take();
            // Dropping the senders fails every pending call with Disconnected.
            pending.borrow_mut().clear();
        });
        port.on_message()
            .add_listener(on_message.as_ref().unchecked_ref());
        port.on_disconnect()
            .add_listener(on_disconnect.as_ref().unchecked_ref());
        let conn = Rc::new(Connection {
            port,
            _on_message: on_message,
            _on_disconnect: on_disconnect,
        });
        *self.connection.borrow_mut() = Some(conn.clone());
        conn
    }

    /// Sends `request` and waits for the engine's answer.
    pub async fn call(&self, request: UiRequest) -> Result<UiResponse, EngineError> {
        let id = {
            let mut next = self.next_id.borrow_mut();
            *next = next.wrapping_add(1);
            *next
        };
        let (tx, rx) = oneshot::channel();
        self.pending.borrow_mut().insert(id, tx);
        let message = serde_wasm_bindgen::to_value(&Envelope {
            id,
            request: &request,
        })
        .map_err(|_| EngineError::Protocol)?;
        if self.port().port.post_message(&message).is_err() {
            // The port died between connect and post: forget it and try a fresh one once.
            self.connection.borrow_mut().take();
            self.port()
                .port
                .post_message(&message)
                .map_err(|_| EngineError::Disconnected)?;
        }
        rx.await.map_err(|_| EngineError::Disconnected)
    }
}

/// The engine handle as shared state: a local (non-`Send`) value in Leptos' arena.
pub type EngineContext = StoredValue<Engine, LocalStorage>;

/// Makes the engine handle available to every component below the caller.
pub fn provide_engine_context() {
    provide_context::<EngineContext>(StoredValue::new_local(Engine::default()));
}

/// The engine handle provided by [`provide_engine_context`].
pub fn use_engine() -> Engine {
    expect_context::<EngineContext>().get_value()
}
