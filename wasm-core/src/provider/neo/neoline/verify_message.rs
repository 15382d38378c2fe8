//! `verifyMessage` and `verifyMessageV2` — `{message, data, publicKey}` (message = salt +
//! text), checked with the bytes of `chains::neo::message` (V1 or V2); answer `{result}`.

use serde_json::{Value, json};

use crate::chains::neo::message::{self, MessageFormat};
use crate::provider::neo::NeoError;

pub(super) fn handle(params: &Value, format: MessageFormat) -> Result<Value, NeoError> {
    let field = |name: &str| {
        params
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| NeoError::malformed(format!("{name} must be a string")))
    };
    let (text, data, key) = (field("message")?, field("data")?, field("publicKey")?);
    let result =
        message::verify_message(format, text, data, key).map_err(|e| NeoError::malformed(e.to_string()))?;
    Ok(json!({"result": result}))
}
