//! Helpers for the NEO dAPI tests: requests through [`dispatch`](super::dispatch) to a fake
//! host, and what they read back.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures::executor::block_on;
use serde_json::{Value, json};

use super::dispatch;
use super::fake::{ADDRESS_A, ADDRESS_B, FakeNeoHost};
use crate::chains::neo::Transaction;

/// The GAS token's script hash.
pub(crate) const GAS: &str = "0xd2a4cff31913016155e38e474a2c06d08be276cf";
/// The NEO token's script hash.
pub(crate) const NEO: &str = "0xef4073a0f2b305a38ec4050e4d3d28bc40ea63f5";

/// A `NEOLineN3.Init` request for `method` from the fake host's origin.
pub(crate) fn neoline(host: &FakeNeoHost, method: &str, params: Value) -> Result<Value, Value> {
    let request = json!({"family": "neo", "api": "neoline", "method": method, "params": params});
    block_on(dispatch(&request, &FakeNeoHost::origin(), host))
}

/// A NEP-21 request for `method` (params positional) from the fake host's origin.
pub(crate) fn nep21(host: &FakeNeoHost, method: &str, params: Value) -> Result<Value, Value> {
    let request = json!({"family": "neo", "api": "nep21", "method": method, "params": params});
    block_on(dispatch(&request, &FakeNeoHost::origin(), host))
}

/// The NeoLine error type of a reply that must be an error of NeoLine's shape.
pub(crate) fn error_type(reply: Result<Value, Value>) -> String {
    match reply {
        Err(e) => {
            assert!(e["description"].is_string(), "{e}");
            assert!(e.get("data").is_some(), "{e}");
            e["type"].as_str().unwrap().to_owned()
        }
        Ok(v) => panic!("expected an error, got {v}"),
    }
}

/// The transaction last given to `sendrawtransaction`.
pub(crate) fn sent_transaction(host: &FakeNeoHost) -> Transaction {
    let params = host.last_call("sendrawtransaction").expect("nothing was sent");
    let bytes = STANDARD.decode(params[0].as_str().unwrap()).unwrap();
    Transaction::decode(&bytes).unwrap()
}

/// NEP-17 `transfer` args from account A to B of `amount` (smallest unit).
pub(crate) fn transfer_args(amount: &str) -> Value {
    json!([
        {"type": "Hash160", "value": ADDRESS_A},
        {"type": "Hash160", "value": ADDRESS_B},
        {"type": "Integer", "value": amount},
        {"type": "Any", "value": null},
    ])
}
