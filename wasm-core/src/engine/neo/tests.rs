//! NEO through the engine: accounts, networks, imports, and dApp requests answered in
//! simulated approval windows, against a fake NEO node.

use std::cell::RefCell;
use std::rc::Rc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures::executor::block_on;
use serde_json::{Value, json};

use super::super::{Effect, Engine, KdfPolicy, Outcome};
use crate::api::{ApprovalKind, Family, PageReply, UiError, UiRequest, UiResponse, WalletState};
use crate::chains::neo::message::{self, MessageFormat};
use crate::chains::neo::witness::verify_single_sig;
use crate::chains::neo::{
    ContractParametersContext, MultisigAccount, Nep2Key, NetworkMagic, ScryptParams, Signer, Transaction,
    WitnessScope,
};
use crate::net::{Http, HttpError};
use crate::storage::{MemoryStorage, Storage, StorageError};

const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const PASSWORD: &str = "correct horse battery staple";
const FAST: KdfPolicy = KdfPolicy::Fixed { m_kib: 19_456, t: 2 };
const DAPP: &str = "https://neo.dapp.example";
const MAGIC: u32 = 1_234_567_890;
const NODE: &str = "http://127.0.0.1:20332";
const KEYS: &str = include_str!("../../../../testdata/neo/keys.json");
const NEP6: &str = include_str!("../../../../testdata/neo/nep6_neon_testWallet.json");

#[derive(Clone, Default)]
struct Store(Rc<MemoryStorage>);

#[async_trait::async_trait(?Send)]
impl Storage for Store {
    async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get(key).await
    }
    async fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set(key, value).await
    }
    async fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove(key).await
    }
}

/// A NEO node: answers by method, records every call.
#[derive(Default)]
struct NeoNode {
    calls: RefCell<Vec<(String, String, Value)>>,
    magic: std::cell::Cell<u32>,
}

#[async_trait::async_trait(?Send)]
impl Http for NeoNode {
    async fn post_json(&self, url: &str, body: &str) -> Result<String, HttpError> {
        let request: Value = serde_json::from_str(body).unwrap();
        let method = request["method"].as_str().unwrap().to_owned();
        self.calls
            .borrow_mut()
            .push((url.to_owned(), method.clone(), request["params"].clone()));
        if url != NODE {
            return Err(HttpError::Unreachable {
                url: url.to_owned(),
                reason: "connection refused".into(),
            });
        }
        let result = match method.as_str() {
            "getversion" => json!({"protocol": {"network": self.magic.get()}}),
            "getblockcount" => json!(1000),
            "invokescript" => json!({"state": "HALT", "gasconsumed": "1000000", "stack": []}),
            "calculatenetworkfee" => json!({"networkfee": "123456"}),
            "sendrawtransaction" => json!({"hash": "0x01"}),
            "getnep17balances" => json!({"address": request["params"][0], "balance": [
                {"assethash": "0xd2a4cff31913016155e38e474a2c06d08be276cf", "amount": "2500000000", "lastupdatedblock": 1},
                {"assethash": "0xef4073a0f2b305a38ec4050e4d3d28bc40ea63f5", "amount": "42", "lastupdatedblock": 1},
            ]}),
            _ => {
                return Ok(json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}})
                    .to_string());
            }
        };
        Ok(json!({"jsonrpc": "2.0", "id": 1, "result": result}).to_string())
    }
}

impl NeoNode {
    fn last(&self, method: &str) -> Option<Value> {
        self.calls
            .borrow()
            .iter()
            .rev()
            .find(|(_, m, _)| m == method)
            .map(|(_, _, p)| p.clone())
    }
}

struct Harness {
    local: Store,
    session: Store,
    node: Rc<NeoNode>,
}

impl Harness {
    fn new() -> Self {
        let node = Rc::new(NeoNode::default());
        node.magic.set(MAGIC);
        Self {
            local: Store::default(),
            session: Store::default(),
            node,
        }
    }

    fn start(&self) -> Engine<Store> {
        block_on(Engine::load(
            self.local.clone(),
            self.session.clone(),
            self.node.clone(),
            FAST,
        ))
    }
}

fn ui(engine: &Engine<Store>, request: UiRequest) -> UiResponse {
    block_on(engine.handle_ui(request)).reply
}

fn ok(response: UiResponse) -> WalletState {
    match response {
        UiResponse::State { state } => state,
        other => panic!("expected a state, got {other:?}"),
    }
}

fn err(response: UiResponse) -> UiError {
    match response {
        UiResponse::Error { error, .. } => error,
        other => panic!("expected an error, got {other:?}"),
    }
}

fn wallet(h: &Harness) -> Engine<Store> {
    let engine = h.start();
    ok(ui(
        &engine,
        UiRequest::ImportMnemonic {
            phrase: ABANDON.into(),
            passphrase: String::new(),
            password: PASSWORD.into(),
        },
    ));
    engine
}

fn add_private_net(engine: &Engine<Store>) -> WalletState {
    ok(ui(
        engine,
        UiRequest::AddNeoNetwork {
            name: "NeoExpress".into(),
            rpc_url: NODE.into(),
            magic: MAGIC,
        },
    ))
}

fn neo(method: &str, params: Value) -> Value {
    json!({"family": "neo", "api": "neoline", "method": method, "params": params})
}

fn watch(engine: &Engine<Store>) -> Rc<RefCell<Vec<Effect>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    engine.set_effects(Box::new(move |e| sink.borrow_mut().push(e)));
    seen
}

async fn next_approval(seen: &Rc<RefCell<Vec<Effect>>>) -> String {
    futures::future::poll_fn(|cx| {
        let found = seen
            .borrow_mut()
            .iter()
            .position(|e| matches!(e, Effect::OpenApproval { .. }));
        match found.map(|i| seen.borrow_mut().remove(i)) {
            Some(Effect::OpenApproval { id }) => std::task::Poll::Ready(id),
            _ => {
                cx.waker().wake_by_ref();
                std::task::Poll::Pending
            }
        }
    })
    .await
}

/// Sends a page request; the user answers the approval window with `approve`, after the
/// window's kind was checked by `check`.
fn with_window(
    engine: &Engine<Store>,
    request: Value,
    approve: bool,
    check: impl FnOnce(&ApprovalKind),
) -> Outcome<PageReply> {
    with_window_from(engine, DAPP, request, approve, Vec::new(), check)
}

/// [`with_window`] from `origin`, the window answering with `accounts` chosen.
fn with_window_from(
    engine: &Engine<Store>,
    origin: &str,
    request: Value,
    approve: bool,
    accounts: Vec<String>,
    check: impl FnOnce(&ApprovalKind),
) -> Outcome<PageReply> {
    let seen = watch(engine);
    block_on(async {
        let page = engine.handle_page(origin, &request);
        let user = async {
            let id = next_approval(&seen).await;
            let UiResponse::Approval { approval } = engine
                .handle_ui(UiRequest::GetApproval { id: id.clone() })
                .await
                .reply
            else {
                panic!("no approval")
            };
            check(&approval.kind);
            engine
                .handle_ui(UiRequest::ResolveApproval {
                    id,
                    approve,
                    accounts,
                })
                .await;
        };
        futures::future::join(page, user).await.0
    })
}

fn result(reply: PageReply) -> Value {
    match reply {
        PageReply::Result(v) => v,
        other => panic!("expected a result, got {other:?}"),
    }
}

fn neo_error(reply: PageReply) -> Value {
    match reply {
        PageReply::NeoError(e) => e,
        other => panic!("expected a NEO error, got {other:?}"),
    }
}

fn connect(engine: &Engine<Store>) -> Value {
    let out = with_window(engine, neo("getAccount", json!(null)), true, |kind| {
        assert!(matches!(kind, ApprovalKind::NeoConnect { .. }), "{kind:?}");
    });
    assert!(
        out.events
            .iter()
            .any(|b| b.origin.as_deref() == Some(DAPP) && b.event.name == "neo:CONNECTED")
    );
    result(out.reply)
}

#[test]
fn hd_accounts_have_their_neo_address_and_the_family_choice_persists() {
    let h = Harness::new();
    let engine = wallet(&h);
    let state = ok(ui(&engine, UiRequest::GetState));
    assert_eq!(state.family, Family::Evm);
    let account = &state.neo.accounts[0];
    assert_eq!(account.id, "hd:0");
    assert!(account.hd);
    assert_eq!(
        Some(&account.public_key),
        state.accounts[0].neo_public_key.as_ref()
    );
    let key: crate::chains::neo::PublicKey = account.public_key.parse().unwrap();
    assert_eq!(account.address, key.address().to_string());
    assert_eq!(state.neo.selected_account.as_deref(), Some("hd:0"));
    assert_eq!(state.neo.network.name, "MainNet");
    assert_eq!(state.neo.network.magic, 860_833_102);
    assert_eq!(state.neo.networks[1].magic, 894_710_606);
    ok(ui(&engine, UiRequest::SelectFamily { family: Family::Neo }));
    assert_eq!(ok(ui(&h.start(), UiRequest::GetState)).family, Family::Neo);
}

#[test]
fn a_custom_network_is_added_only_when_its_node_reports_the_magic() {
    let h = Harness::new();
    let engine = wallet(&h);
    let bad = |name: &str, url: &str, magic: u32| {
        err(ui(
            &engine,
            UiRequest::AddNeoNetwork {
                name: name.into(),
                rpc_url: url.into(),
                magic,
            },
        ))
    };
    assert_eq!(bad("X", "ftp://node", MAGIC), UiError::InvalidNetwork);
    assert_eq!(bad("", NODE, MAGIC), UiError::InvalidNetwork);
    assert_eq!(
        bad("X", "http://127.0.0.1:1", MAGIC),
        UiError::InvalidNetwork,
        "unreachable"
    );
    assert_eq!(
        bad("X", NODE, 7),
        UiError::InvalidNetwork,
        "the node is another network"
    );
    assert_eq!(bad("mainnet", NODE, MAGIC), UiError::InvalidNetwork, "name taken");
    h.node.magic.set(860_833_102);
    assert_eq!(
        bad("X", NODE, 860_833_102),
        UiError::InvalidNetwork,
        "magic taken"
    );
    h.node.magic.set(MAGIC);
    let before = ok(ui(&engine, UiRequest::GetState)).neo;
    assert_eq!(before.networks.len(), 2, "nothing was added by the failures");

    let out = block_on(engine.handle_ui(UiRequest::AddNeoNetwork {
        name: " NeoExpress ".into(),
        rpc_url: NODE.into(),
        magic: MAGIC,
    }));
    let state = ok(out.reply);
    assert_eq!(state.neo.network.name, "NeoExpress");
    assert_eq!(state.neo.network.magic, MAGIC);
    assert!(!state.neo.network.builtin);
    let changed = out
        .events
        .iter()
        .find(|b| b.event.name == "neo:NETWORK_CHANGED")
        .expect("NETWORK_CHANGED");
    assert_eq!(changed.event.data["defaultNetwork"], "NeoExpress");
    assert_eq!(changed.event.data["magic"], MAGIC);
    // Kept across a restart; selecting by magic works and unknown magics are refused.
    let again = h.start();
    assert_eq!(ok(ui(&again, UiRequest::GetState)).neo.network.magic, MAGIC);
    assert_eq!(
        ok(ui(&again, UiRequest::SelectNeoNetwork { magic: 894_710_606 }))
            .neo
            .network
            .name,
        "TestNet"
    );
    assert_eq!(
        err(ui(&again, UiRequest::SelectNeoNetwork { magic: 5 })),
        UiError::UnknownNetwork
    );
    // The dApp sees the network list.
    let networks = result(block_on(again.handle_page(DAPP, &neo("getNetworks", json!(null)))).reply);
    assert_eq!(
        networks,
        json!({"networks": ["MainNet", "TestNet", "NeoExpress"], "chainId": 6, "defaultNetwork": "TestNet"})
    );
}

#[test]
fn neo_keys_import_from_wif_nep2_and_nep6_and_export_as_nep2() {
    let h = Harness::new();
    let engine = wallet(&h);
    let keys: Value = serde_json::from_str(KEYS).unwrap();
    let a = &keys["valid"][0];
    let b = &keys["valid"][1];
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::ImportNeoKey {
                wif: a["wif"].as_str().unwrap().into(),
                password: "wrong password".into(),
            }
        )),
        UiError::WrongPassword
    );
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::ImportNeoKey {
                wif: "KyKvWLZsNwBJx5j9nurHYRwhYfdQUu9tTEDsLCUHDbYBL8cHxMiS".into(),
                password: PASSWORD.into(),
            }
        )),
        UiError::InvalidPrivateKey
    );
    let state = ok(ui(
        &engine,
        UiRequest::ImportNeoKey {
            wif: a["wif"].as_str().unwrap().into(),
            password: PASSWORD.into(),
        },
    ));
    let id = format!("neo:{}", a["address"].as_str().unwrap());
    assert_eq!(state.neo.selected_account.as_deref(), Some(id.as_str()));
    assert_eq!(state.accounts.len(), 1, "a NEO key adds no EVM account");
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::ImportNeoKey {
                wif: a["wif"].as_str().unwrap().into(),
                password: PASSWORD.into(),
            }
        )),
        UiError::DuplicateAccount
    );

    // NEP-2 with a Chinese passphrase.
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::ImportNep2 {
                nep2: b["nep2"].as_str().unwrap().into(),
                nep2_password: "wrong".into(),
                password: PASSWORD.into(),
            }
        )),
        UiError::WrongKeystorePassword
    );
    let state = ok(ui(
        &engine,
        UiRequest::ImportNep2 {
            nep2: b["nep2"].as_str().unwrap().into(),
            nep2_password: b["passphrase"].as_str().unwrap().into(),
            password: PASSWORD.into(),
        },
    ));
    assert!(state.neo.accounts.iter().any(|x| x.address == b["address"]));

    // NEP-6: the rest of the file comes in (A and B are already there).
    let state = ok(ui(
        &engine,
        UiRequest::ImportNep6 {
            json: NEP6.into(),
            file_password: "wallet".into(),
            password: PASSWORD.into(),
        },
    ));
    let addresses: Vec<&str> = state.neo.accounts.iter().map(|x| x.address.as_str()).collect();
    assert!(
        addresses.contains(&"NfVdwyaJbijrWkRagrvs4eSRQUpP7WpukT"),
        "{addresses:?}"
    );
    let unique: std::collections::BTreeSet<&&str> = addresses.iter().collect();
    assert_eq!(unique.len(), addresses.len(), "no address appears twice");
    assert!(addresses.len() >= 4, "{addresses:?}");

    // Export as NEP-2 and read it back.
    let UiResponse::Secret { secret } = ui(
        &engine,
        UiRequest::ExportNep2 {
            id: id.clone(),
            password: PASSWORD.into(),
            nep2_password: "export password".into(),
        },
    ) else {
        panic!()
    };
    let key = secret
        .parse::<Nep2Key>()
        .unwrap()
        .decrypt("export password", ScryptParams::default())
        .unwrap();
    assert_eq!(hex::encode(*key.to_bytes()), a["privateKey"].as_str().unwrap());

    // No imported key reaches storage in clear, in any encoding.
    let stored = format!("{:?}{:?}", h.local.0.snapshot(), h.session.0.snapshot());
    for v in keys["valid"].as_array().unwrap() {
        assert!(!stored.contains(v["privateKey"].as_str().unwrap()));
        assert!(!stored.contains(v["wif"].as_str().unwrap()));
    }
    // And the imports survive a restart.
    let again = ok(ui(&h.start(), UiRequest::GetState));
    assert_eq!(again.neo.accounts.len(), state.neo.accounts.len());
}

#[test]
fn a_site_connects_to_neo_apart_from_evm_and_signs_messages() {
    let h = Harness::new();
    let engine = wallet(&h);
    let address = ok(ui(&engine, UiRequest::GetState)).neo.accounts[0]
        .address
        .clone();

    // Before connecting: denied, and no window opens.
    let seen = watch(&engine);
    let denied =
        neo_error(block_on(engine.handle_page(DAPP, &neo("signMessage", json!({"message": "hi"})))).reply);
    assert_eq!(denied["type"], "CONNECTION_DENIED");
    assert!(seen.borrow().is_empty());

    // Refused connect → CONNECTION_DENIED.
    let refused = with_window(&engine, neo("getAccount", json!(null)), false, |_| {});
    assert_eq!(neo_error(refused.reply)["type"], "CONNECTION_DENIED");

    let account = connect(&engine);
    assert_eq!(account["address"], address);
    // Apart from EVM: the site sees no EVM account.
    let evm = block_on(engine.handle_page(DAPP, &json!({"method": "eth_accounts"}))).reply;
    assert_eq!(evm, PageReply::Result(json!([])));

    for (method, format) in [
        ("signMessage", MessageFormat::V1),
        ("signMessageV2", MessageFormat::V2),
        ("signMessageWithoutSalt", MessageFormat::V1),
        ("signMessageWithoutSaltV2", MessageFormat::V2),
    ] {
        let out = with_window(
            &engine,
            neo(method, json!({"message": "gm 小蚁"})),
            true,
            |kind| {
                assert!(matches!(kind, ApprovalKind::NeoSignMessage { message, .. } if message == "gm 小蚁"));
            },
        );
        let answer = result(out.reply);
        let signed = format!(
            "{}gm 小蚁",
            answer.get("salt").and_then(Value::as_str).unwrap_or("")
        );
        assert!(
            message::verify_message(
                format,
                &signed,
                answer["data"].as_str().unwrap(),
                answer["publicKey"].as_str().unwrap()
            )
            .unwrap(),
            "{method}"
        );
    }
    let rejected = with_window(
        &engine,
        neo("signMessage", json!({"message": "no"})),
        false,
        |_| {},
    );
    assert_eq!(neo_error(rejected.reply)["type"], "CANCELED");

    // A new (EVM-selected) account leaves the NEO account as it was: no site sees a change.
    let out = block_on(engine.handle_ui(UiRequest::AddAccount));
    assert_eq!(ok(out.reply).neo.selected_account.as_deref(), Some("hd:0"));
    assert!(!out.events.iter().any(|b| b.event.name.starts_with("neo:")));
    // Another account selected: the site follows it and hears ACCOUNT_CHANGED.
    let out = block_on(engine.handle_ui(UiRequest::SelectNeoAccount { id: "hd:1".into() }));
    let second = ok(out.reply).neo.accounts[1].address.clone();
    let changed = out
        .events
        .iter()
        .find(|b| b.event.name == "neo:ACCOUNT_CHANGED" && b.origin.as_deref() == Some(DAPP))
        .expect("ACCOUNT_CHANGED");
    assert_eq!(changed.event.data["address"], second);
    let now = result(block_on(engine.handle_page(DAPP, &neo("getAccount", json!(null)))).reply);
    assert_eq!(now["address"], second);
    assert_eq!(
        err(ui(&engine, UiRequest::SelectNeoAccount { id: "hd:9".into() })),
        UiError::UnknownAccount
    );
    ok(ui(&engine, UiRequest::SelectNeoAccount { id: "hd:0".into() }));

    // Locked: the site hears DISCONNECTED, and its next call waits for the unlock approval.
    let out = block_on(engine.handle_ui(UiRequest::Lock));
    assert!(
        out.events
            .iter()
            .any(|b| b.event.name == "neo:DISCONNECTED" && b.origin.as_deref() == Some(DAPP))
    );
    let seen = watch(&engine);
    let request = neo("getAccount", json!(null));
    let pending = block_on(async {
        let page = engine.handle_page(DAPP, &request);
        let user = async {
            let id = next_approval(&seen).await;
            ok(engine
                .handle_ui(UiRequest::Unlock {
                    password: PASSWORD.into(),
                })
                .await
                .reply);
            let _ = id;
        };
        futures::future::join(page, user).await.0
    });
    assert_eq!(result(pending.reply)["address"], address);
}

#[test]
fn invoke_and_send_are_signed_for_the_selected_networks_magic_and_broadcast() {
    let h = Harness::new();
    let engine = wallet(&h);
    add_private_net(&engine);
    connect(&engine);
    let state = ok(ui(&engine, UiRequest::GetState));
    let me = state.neo.accounts[0].address.clone();
    let out = with_window(
        &engine,
        neo(
            "send",
            json!({"fromAddress": me, "toAddress": "NMBfzaEq2c5zodiNbLPoohVENARMbJim1r", "asset": "GAS", "amount": "1.25"}),
        ),
        true,
        |kind| {
            let ApprovalKind::NeoTransaction {
                calls,
                network,
                global_scope,
                ..
            } = kind
            else {
                panic!("{kind:?}")
            };
            let transfer = calls[0].transfer.as_ref().unwrap();
            assert_eq!(
                (
                    transfer.amount.as_str(),
                    transfer.symbol.as_str(),
                    transfer.to.as_str()
                ),
                ("1.25", "GAS", "NMBfzaEq2c5zodiNbLPoohVENARMbJim1r")
            );
            assert_eq!(network, &format!("NeoExpress ({MAGIC})"));
            assert!(!global_scope);
        },
    );
    let answer = result(out.reply);
    assert_eq!(answer["nodeURL"], NODE);
    let raw = h.node.last("sendrawtransaction").unwrap();
    let tx = Transaction::decode(&STANDARD.decode(raw[0].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(answer["txid"], tx.hash().to_string());
    assert_eq!(tx.system_fee, 1_000_000);
    assert_eq!(tx.network_fee, 123_456);
    assert_eq!(tx.valid_until_block, 2000);
    assert!(verify_single_sig(&tx, NetworkMagic::new(MAGIC), &tx.witnesses[0]));
    assert!(!verify_single_sig(&tx, NetworkMagic::MAINNET, &tx.witnesses[0]));

    // A Global scope is flagged; rejecting sends nothing.
    let sent_before = h
        .node
        .calls
        .borrow()
        .iter()
        .filter(|(_, m, _)| m == "sendrawtransaction")
        .count();
    let out = with_window(
        &engine,
        neo(
            "invoke",
            json!({"scriptHash": "0xd2a4cff31913016155e38e474a2c06d08be276cf", "operation": "symbol", "args": [],
                   "signers": [{"account": me, "scopes": 128}]}),
        ),
        false,
        |kind| {
            assert!(matches!(
                kind,
                ApprovalKind::NeoTransaction {
                    global_scope: true,
                    ..
                }
            ))
        },
    );
    assert_eq!(neo_error(out.reply)["type"], "CANCELED");
    let sent_after = h
        .node
        .calls
        .borrow()
        .iter()
        .filter(|(_, m, _)| m == "sendrawtransaction")
        .count();
    assert_eq!(sent_before, sent_after);

    // Balances for the popup.
    let UiResponse::NeoBalances { balances } = ui(&engine, UiRequest::NeoBalances) else {
        panic!()
    };
    assert_eq!(balances[0].symbol, "GAS");
    assert_eq!(balances[0].amount, "25");
    assert_eq!(balances[1].symbol, "NEO");
    assert_eq!(balances[1].amount, "42");
}

#[test]
fn multisig_accounts_are_made_from_public_keys_and_contexts_signed_per_key() {
    let h = Harness::new();
    let engine = wallet(&h);
    ui(&engine, UiRequest::AddAccount);
    let state = ok(ui(&engine, UiRequest::GetState));
    let keys: Vec<String> = state.neo.accounts.iter().map(|a| a.public_key.clone()).collect();
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::NeoCreateMultisig {
                threshold: 3,
                public_keys: keys.clone()
            }
        )),
        UiError::InvalidMultisig
    );
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::NeoCreateMultisig {
                threshold: 1,
                public_keys: vec!["02zz".into()]
            }
        )),
        UiError::InvalidMultisig
    );
    let UiResponse::NeoMultisig {
        address,
        verification_script,
        ..
    } = ui(
        &engine,
        UiRequest::NeoCreateMultisig {
            threshold: 2,
            public_keys: keys.clone(),
        },
    )
    else {
        panic!()
    };
    let parsed: Vec<crate::chains::neo::PublicKey> = keys.iter().map(|k| k.parse().unwrap()).collect();
    let account = MultisigAccount::new(2, &parsed).unwrap();
    assert_eq!(address, account.address().to_string());
    let tx = Transaction {
        version: 0,
        nonce: 1,
        system_fee: 0,
        network_fee: 0,
        valid_until_block: 10,
        signers: vec![Signer::new(account.script_hash(), WitnessScope::CALLED_BY_ENTRY)],
        attributes: Vec::new(),
        script: vec![0x40],
        witnesses: Vec::new(),
    };
    let context = ContractParametersContext::new(tx, NetworkMagic::TESTNET)
        .to_json()
        .to_string();
    let sign = |id: &str, context: String| {
        ui(
            &engine,
            UiRequest::NeoSignContext {
                id: id.into(),
                context,
                verification_script: verification_script.clone(),
            },
        )
    };
    let UiResponse::NeoContext { context, complete } = sign("hd:0", context) else {
        panic!()
    };
    assert!(!complete);
    assert_eq!(
        err(sign("hd:0", context.clone())),
        UiError::ContextAlreadySigned,
        "signed twice"
    );
    let UiResponse::NeoContext { context, complete } = sign("hd:1", context) else {
        panic!()
    };
    assert!(complete);
    let context = ContractParametersContext::from_json(&serde_json::from_str(&context).unwrap()).unwrap();
    let signed = context.signed_transaction().unwrap();
    assert_eq!(signed.witnesses[0].verification, account.verification_script());
}

#[test]
fn the_popup_reviews_then_sends_a_nep17_transfer() {
    let h = Harness::new();
    let engine = wallet(&h);
    add_private_net(&engine);
    let send = |amount: &str, to: &str, confirm: bool| {
        ui(
            &engine,
            UiRequest::NeoSend {
                asset: "GAS".into(),
                to: to.into(),
                amount: amount.into(),
                confirm,
            },
        )
    };
    let to = "NMBfzaEq2c5zodiNbLPoohVENARMbJim1r";
    assert_eq!(err(send("1", "nope", false)), UiError::InvalidTransfer);
    assert_eq!(err(send("0.000000001", to, false)), UiError::InvalidTransfer);
    let UiResponse::NeoSendReview {
        transfer,
        system_fee,
        network_fee,
    } = send("2.5", to, false)
    else {
        panic!()
    };
    assert_eq!(
        (
            transfer.amount.as_str(),
            transfer.symbol.as_str(),
            transfer.to.as_str()
        ),
        ("2.5", "GAS", to)
    );
    assert_eq!(
        (system_fee.as_str(), network_fee.as_str()),
        ("0.01 GAS", "0.00123456 GAS")
    );
    assert!(
        h.node.last("sendrawtransaction").is_none(),
        "the review sends nothing"
    );
    let UiResponse::NeoSent { txid } = send("2.5", to, true) else {
        panic!()
    };
    let raw = h.node.last("sendrawtransaction").unwrap();
    let tx = Transaction::decode(&STANDARD.decode(raw[0].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(txid, tx.hash().to_string());
    assert!(verify_single_sig(&tx, NetworkMagic::new(MAGIC), &tx.witnesses[0]));
}

#[test]
fn a_site_switches_network_and_account_only_as_the_user_approves() {
    let h = Harness::new();
    let engine = wallet(&h);
    add_private_net(&engine);
    ui(&engine, UiRequest::AddAccount);
    ok(ui(&engine, UiRequest::SelectNeoAccount { id: "hd:0".into() }));
    connect(&engine);
    let magic = |e: &Engine<Store>| ok(ui(e, UiRequest::GetState)).neo.network.magic;

    // Already on the private net (chainId 0): null, nothing asked. Unknown and NEO Legacy
    // chain ids are refused without a window.
    let seen = watch(&engine);
    let switch = |chain: Value| neo("switchWalletNetwork", json!({"chainId": chain}));
    assert_eq!(
        result(block_on(engine.handle_page(DAPP, &switch(json!(0)))).reply),
        Value::Null
    );
    for (chain, kind) in [
        (json!(42), "MALFORMED_INPUT"),
        (json!("6"), "MALFORMED_INPUT"),
        (json!(1), "UNSUPPORTED"),
    ] {
        let e = neo_error(block_on(engine.handle_page(DAPP, &switch(chain.clone()))).reply);
        assert_eq!(e["type"], kind, "{chain}");
    }
    // A site that is not connected may not switch.
    let e = neo_error(block_on(engine.handle_page("https://other.example", &switch(json!(6)))).reply);
    assert_eq!(e["type"], "CONNECTION_DENIED");
    assert!(seen.borrow().is_empty(), "no window opened");

    // Refused: CANCELED, the network stays.
    let refused = with_window(&engine, switch(json!(6)), false, |kind| {
        assert_eq!(
            kind,
            &ApprovalKind::NeoSwitchNetwork {
                from: "NeoExpress".into(),
                to: "TestNet".into(),
                magic: NetworkMagic::TESTNET.get()
            }
        );
    });
    assert_eq!(neo_error(refused.reply)["type"], "CANCELED");
    assert_eq!(magic(&engine), MAGIC);
    // Approved: true, the wallet is on TestNet and every page hears NETWORK_CHANGED.
    let out = with_window(&engine, switch(json!(6)), true, |_| {});
    assert_eq!(result(out.reply), json!(true));
    assert_eq!(magic(&engine), NetworkMagic::TESTNET.get());
    let changed = out
        .events
        .iter()
        .find(|b| b.event.name == "neo:NETWORK_CHANGED")
        .expect("NETWORK_CHANGED");
    assert_eq!(changed.origin, None);
    assert_eq!(changed.event.data["magic"], NetworkMagic::TESTNET.get());
    assert_eq!(changed.event.data["chainId"], 6);
    // chainId 0 from a built-in network offers the private net the user added.
    let out = with_window(&engine, switch(json!(0)), true, |kind| {
        assert!(
            matches!(kind, ApprovalKind::NeoSwitchNetwork { to, magic: MAGIC, .. } if to == "NeoExpress")
        );
    });
    assert_eq!(result(out.reply), json!(true));
    assert_eq!(magic(&engine), MAGIC);

    // switchWalletAccount: the window offers the accounts; the same one → null, another →
    // that account (selected in the wallet: the site hears ACCOUNT_CHANGED), refused → CANCELED.
    let accounts = ok(ui(&engine, UiRequest::GetState)).neo.accounts;
    let account = neo("switchWalletAccount", json!(null));
    let same = with_window_from(
        &engine,
        DAPP,
        account.clone(),
        true,
        vec!["hd:0".into()],
        |kind| {
            assert!(
                matches!(kind, ApprovalKind::NeoConnect { switch: true, account_id, .. } if account_id == "hd:0"),
                "{kind:?}"
            );
        },
    );
    assert_eq!(result(same.reply), Value::Null);
    let refused = with_window(&engine, account.clone(), false, |_| {});
    assert_eq!(neo_error(refused.reply)["type"], "CANCELED");
    let other = with_window_from(&engine, DAPP, account.clone(), true, vec!["hd:1".into()], |_| {});
    assert_eq!(result(other.reply)["address"], accounts[1].address);
    assert!(
        other
            .events
            .iter()
            .any(|b| b.event.name == "neo:ACCOUNT_CHANGED" && b.origin.as_deref() == Some(DAPP))
    );
    assert!(!other.events.iter().any(|b| b.event.name == "neo:CONNECTED"));
    assert_eq!(
        ok(ui(&engine, UiRequest::GetState))
            .neo
            .selected_account
            .as_deref(),
        Some("hd:1")
    );
    let now = result(block_on(engine.handle_page(DAPP, &neo("getAccount", json!(null)))).reply);
    assert_eq!(now["address"], accounts[1].address);

    // A second site connecting with account 1 picked back: the wallet follows, and the
    // first site hears ACCOUNT_CHANGED; an unknown pick changes nothing.
    let second = "https://second.example";
    let seen = watch(&engine);
    let request = neo("getAccount", json!(null));
    let bad = block_on(async {
        let page = engine.handle_page(second, &request);
        let user = async {
            let id = next_approval(&seen).await;
            let pick = |accounts: Vec<String>, approve| UiRequest::ResolveApproval {
                id: id.clone(),
                approve,
                accounts,
            };
            assert_eq!(
                err(engine.handle_ui(pick(vec!["hd:7".into()], true)).await.reply),
                UiError::UnknownAccount
            );
            assert_eq!(
                err(engine.handle_ui(pick(vec!["nope".into()], true)).await.reply),
                UiError::UnknownAccount
            );
            engine.handle_ui(pick(Vec::new(), false)).await;
        };
        futures::future::join(page, user).await.0
    });
    assert_eq!(neo_error(bad.reply)["type"], "CONNECTION_DENIED");
    assert_eq!(
        ok(ui(&engine, UiRequest::GetState))
            .neo
            .selected_account
            .as_deref(),
        Some("hd:1")
    );
    let out = with_window_from(
        &engine,
        second,
        neo("getAccount", json!(null)),
        true,
        vec!["hd:0".into()],
        |_| {},
    );
    assert_eq!(result(out.reply)["address"], accounts[0].address);
    assert!(
        out.events
            .iter()
            .any(|b| b.event.name == "neo:ACCOUNT_CHANGED" && b.origin.as_deref() == Some(DAPP))
    );
    assert_eq!(
        ok(ui(&engine, UiRequest::GetState))
            .neo
            .selected_account
            .as_deref(),
        Some("hd:0")
    );
}

#[test]
fn pages_find_the_neo_network_in_one_published_key() {
    let h = Harness::new();
    let engine = h.start();
    let published = |h: &Harness| -> Value {
        serde_json::from_str(&block_on(h.local.get(super::NEO_DAPI_KEY)).unwrap().unwrap()).unwrap()
    };
    // A fresh engine writes nothing (pages default to MainNet); the first NEO setting publishes.
    assert!(block_on(h.local.get(super::NEO_DAPI_KEY)).unwrap().is_none());
    ok(ui(&engine, UiRequest::SelectFamily { family: Family::Neo }));
    assert_eq!(
        published(&h),
        json!({"network": 860833102, "supportedNetworks": [860833102, 894710606]})
    );
    drop(engine);
    let engine = wallet(&h);
    add_private_net(&engine);
    assert_eq!(
        published(&h),
        json!({"network": MAGIC, "supportedNetworks": [860833102, 894710606, MAGIC]})
    );
    ok(ui(&engine, UiRequest::SelectNeoNetwork { magic: 894710606 }));
    assert_eq!(published(&h)["network"], 894710606);
    // A key gone stale (or missing, as in wallets made before it) is rewritten at load.
    block_on(h.local.remove(super::NEO_DAPI_KEY)).unwrap();
    drop(engine);
    let _engine = h.start();
    assert_eq!(published(&h)["network"], 894710606);
}

fn review_error(engine: &Engine<Store>, context: &str) -> UiResponse {
    ui(
        engine,
        UiRequest::NeoReviewContext {
            context: context.into(),
        },
    )
}

#[test]
fn a_kept_multisig_account_proposes_collects_and_sends_a_transfer_from_the_popup() {
    let h = Harness::new();
    let engine = wallet(&h);
    add_private_net(&engine);
    ui(&engine, UiRequest::AddAccount);
    let state = ok(ui(&engine, UiRequest::GetState));
    let mine: Vec<String> = state.neo.accounts.iter().map(|a| a.public_key.clone()).collect();
    let outsider = crate::chains::neo::PrivateKey::from_hex(
        "9ab7e154840daca3a2efadaf0df93cd3a5b51768c632f5433f86909d9b994a69",
    )
    .unwrap();
    let keys = vec![
        mine[0].clone(),
        mine[1].clone(),
        outsider.public_key().to_string(),
    ];
    let add = |name: &str, threshold: usize, keys: Vec<String>| {
        ui(
            &engine,
            UiRequest::NeoAddMultisig {
                name: name.into(),
                threshold,
                public_keys: keys,
            },
        )
    };
    let state = ok(add("Team", 2, keys.clone()));
    let team = state.neo.multisig[0].clone();
    assert_eq!((team.name.as_str(), team.threshold), ("Team", 2));
    assert_eq!(team.members, vec!["hd:0".to_owned(), "hd:1".to_owned()]);
    let parsed: Vec<crate::chains::neo::PublicKey> = keys.iter().map(|k| k.parse().unwrap()).collect();
    let account = MultisigAccount::new(2, &parsed).unwrap();
    assert_eq!(team.address, account.address().to_string());
    // The same account again, a taken name, bad keys or threshold: refused, nothing kept.
    assert_eq!(err(add("Again", 2, keys.clone())), UiError::MultisigExists);
    assert_eq!(err(add("team", 1, keys[..2].to_vec())), UiError::MultisigExists);
    assert_eq!(err(add("Bad", 1, vec!["02zz".into()])), UiError::InvalidMultisig);
    assert_eq!(err(add("Big", 4, keys.clone())), UiError::InvalidMultisig);
    assert_eq!(err(add("", 1, keys.clone())), UiError::InvalidMultisig);
    assert_eq!(ok(ui(&engine, UiRequest::GetState)).neo.multisig.len(), 1);

    // Propose 1.5 GAS to the outsider: the network fee was asked for the multisig witness.
    let propose = |from: &str, amount: &str| {
        ui(
            &engine,
            UiRequest::NeoMultisigSend {
                from: from.into(),
                asset: "GAS".into(),
                to: outsider.public_key().address().to_string(),
                amount: amount.into(),
            },
        )
    };
    assert_eq!(
        err(propose(&mine[0], "1")),
        UiError::InvalidMultisig,
        "not a kept multisig"
    );
    assert_eq!(err(propose(&team.address, "lots")), UiError::InvalidTransfer);
    let UiResponse::NeoContext {
        context,
        complete: false,
    } = propose(&team.address, "1.5")
    else {
        panic!()
    };
    let fee = h.node.last("calculatenetworkfee").unwrap();
    let fee = Transaction::decode(&STANDARD.decode(fee[0].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(fee.witnesses[0].verification, account.verification_script());

    let review = |context: &str| match ui(
        &engine,
        UiRequest::NeoReviewContext {
            context: context.into(),
        },
    ) {
        UiResponse::NeoContextReview { review } => review,
        other => panic!("{other:?}"),
    };
    let r = review(&context);
    assert!(r.on_network && !r.complete);
    assert_eq!(r.network, format!("NeoExpress ({MAGIC})"));
    assert_eq!(r.calls[0].transfer.as_ref().unwrap().amount, "1.5");
    assert_eq!(r.calls[0].transfer.as_ref().unwrap().from, team.address);
    assert_eq!(
        (
            r.signers[0].signatures,
            r.signers[0].needed,
            r.signers[0].complete
        ),
        (0, 2, false)
    );
    assert_eq!(r.can_sign, vec!["hd:0".to_owned(), "hd:1".to_owned()]);
    assert_eq!(r.network_fee, "0.00123456 GAS");

    let sign = |id: &str, context: &str| {
        ui(
            &engine,
            UiRequest::NeoSignContext {
                id: id.into(),
                context: context.into(),
                verification_script: String::new(),
            },
        )
    };
    let UiResponse::NeoContext {
        context,
        complete: false,
    } = sign("hd:0", &context)
    else {
        panic!()
    };
    let r = review(&context);
    assert_eq!((r.signers[0].signatures, r.signers[0].needed), (1, 2));
    assert_eq!(r.can_sign, vec!["hd:1".to_owned()]);
    assert_eq!(
        err(sign("hd:0", &context)),
        UiError::ContextAlreadySigned,
        "signed twice"
    );
    // Not complete: not sent.
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::NeoRelayContext {
                context: context.clone()
            }
        )),
        UiError::ContextIncomplete
    );
    assert!(h.node.last("sendrawtransaction").is_none());
    // A signature tampered with, the context moved to another network, an account that is not
    // a member: each says why, and nothing is signed or sent.
    let mut tampered: Value = serde_json::from_str(&context).unwrap();
    let item = tampered["items"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap();
    let (_, sig) = item["signatures"]
        .as_object_mut()
        .unwrap()
        .iter_mut()
        .next()
        .unwrap();
    let mut bytes = STANDARD.decode(sig.as_str().unwrap()).unwrap();
    bytes[5] ^= 1;
    *sig = json!(STANDARD.encode(bytes));
    let tampered = tampered.to_string();
    assert_eq!(
        err(review_error(&engine, &tampered)),
        UiError::ContextBadSignature
    );
    assert_eq!(err(sign("hd:1", &tampered)), UiError::ContextBadSignature);
    let mut elsewhere: Value = serde_json::from_str(&context).unwrap();
    elsewhere["network"] = json!(860833102);
    elsewhere["items"] = json!({});
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::NeoRelayContext {
                context: elsewhere.to_string()
            }
        )),
        UiError::ContextOtherNetwork
    );
    ui(&engine, UiRequest::AddAccount);
    assert_eq!(err(sign("hd:2", &context)), UiError::ContextNothingToSign);
    assert!(h.node.last("sendrawtransaction").is_none());
    let UiResponse::NeoContext {
        context,
        complete: true,
    } = sign("hd:1", &context)
    else {
        panic!()
    };
    assert!(review(&context).complete);
    let UiResponse::NeoSent { txid } = ui(
        &engine,
        UiRequest::NeoRelayContext {
            context: context.clone(),
        },
    ) else {
        panic!()
    };
    let sent = h.node.last("sendrawtransaction").unwrap();
    let sent = Transaction::decode(&STANDARD.decode(sent[0].as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(txid, sent.hash().to_string());
    assert_eq!(sent.witnesses[0].verification, account.verification_script());
    let hash = sent.signing_hash(NetworkMagic::new(MAGIC));
    let signatures = sent.witnesses[0].signatures().unwrap();
    assert_eq!(signatures.len(), 2);
    assert!(
        signatures
            .iter()
            .all(|s| parsed.iter().any(|k| k.verify_prehash(&hash, s)))
    );

    // Kept across restarts; forgotten on request.
    drop(engine);
    let engine = h.start();
    assert_eq!(
        ok(ui(&engine, UiRequest::GetState)).neo.multisig[0].address,
        team.address
    );
    assert_eq!(
        err(ui(
            &engine,
            UiRequest::NeoRemoveMultisig {
                address: mine[0].clone()
            }
        )),
        UiError::InvalidMultisig
    );
    let state = ok(ui(
        &engine,
        UiRequest::NeoRemoveMultisig {
            address: team.address.clone(),
        },
    ));
    assert!(state.neo.multisig.is_empty());
    // Garbage is refused.
    assert_eq!(
        err(ui(&engine, UiRequest::NeoReviewContext { context: "{".into() })),
        UiError::ContextUnreadable
    );

    // A damaged multisig entry in storage is skipped; the other NEO settings survive it.
    ok(ui(
        &engine,
        UiRequest::NeoAddMultisig {
            name: "Team".into(),
            threshold: 2,
            public_keys: keys.clone(),
        },
    ));
    let stored = block_on(h.local.get(super::NEO_KEY)).unwrap().unwrap();
    let mut prefs: Value = serde_json::from_str(&stored).unwrap();
    prefs["multisig"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Broken", "account": "zz"}));
    block_on(h.local.set(super::NEO_KEY, &prefs.to_string())).unwrap();
    drop(engine);
    let engine = h.start();
    let state = ok(ui(&engine, UiRequest::GetState));
    assert_eq!(state.neo.multisig.len(), 1);
    assert_eq!(
        state.neo.network.magic, MAGIC,
        "the custom network is still selected"
    );
}

#[test]
fn the_block_count_comes_from_the_selected_network_and_a_silent_node_is_a_node_error() {
    let h = Harness::new();
    let engine = wallet(&h);
    add_private_net(&engine);
    assert!(matches!(
        ui(&engine, UiRequest::NeoBlockCount),
        UiResponse::BlockNumber { number: 1000 }
    ));
    // TestNet's node is not reachable from the tests.
    ok(ui(&engine, UiRequest::SelectNeoNetwork { magic: 894_710_606 }));
    let UiResponse::Error { error, args, .. } = ui(&engine, UiRequest::NeoBlockCount) else {
        panic!("expected an error")
    };
    assert_eq!(error, UiError::NodeError);
    assert!(args[0].contains("connection refused"), "{args:?}");
}
