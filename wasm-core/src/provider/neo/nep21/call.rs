//! `call(invocations)` — the node's `invokescript` for the calls in one script; nothing is
//! signed.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::calls;
use crate::provider::neo::{NeoError, NeoHost, tx};

pub(super) async fn handle(invocations: Option<&Value>, host: &impl NeoHost) -> Result<Value, NeoError> {
    let calls = calls(invocations)?;
    let script = tx::script_of(&calls)?;
    host.rpc("invokescript", json!([STANDARD.encode(script), []]))
        .await
}
