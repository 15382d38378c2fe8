//! NEO multisig (`#/multisig`): the multisig accounts the wallet keeps, a transfer proposed
//! from one, and any transaction context reviewed, signed with the wallet's member keys and
//! sent once complete. Contexts travel between co-signers as JSON (copy, paste).

use formica_core::api::{NeoContextView, NeoMultisigInfo, UiRequest, UiResponse};
use leptos::prelude::*;

use crate::components::neo_calls::NeoCallList;
use crate::i18n::{t, t_args};
use crate::state::{use_commands, use_wallet_state};

/// The multisig screen.
#[component]
pub fn NeoMultisig() -> impl IntoView {
    let state = use_wallet_state();
    let multisig =
        Memo::new(move |_| state.with(|s| s.as_ref().map(|s| s.neo.multisig.clone()).unwrap_or_default()));
    // The context being worked on: proposed here, or pasted from a co-signer.
    let context = RwSignal::new(String::new());
    view! {
        <section class="neo-multisig">
            <a class="back" href="#/" data-testid="multisig-back">{t("back")}</a>
            <h1>{t("neoMultisig")}</h1>
            <p class="muted">{t("neoMultisigLead")}</p>
            <MultisigAccounts multisig=multisig/>
            <ProposeTransfer multisig=multisig context=context/>
            <SignContext context=context/>
        </section>
    }
}

/// The kept accounts, and the form that adds one.
#[component]
fn MultisigAccounts(multisig: Memo<Vec<NeoMultisigInfo>>) -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let name = RwSignal::new(String::new());
    let threshold = RwSignal::new("2".to_owned());
    let keys = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let save = Action::new_local(move |request: &UiRequest| {
        let (commands, request) = (commands.clone(), request.clone());
        async move {
            error.set(None);
            match commands.send(request).await {
                Ok(_) => {
                    name.set(String::new());
                    keys.set(String::new());
                }
                Err(text) => error.set(Some(text)),
            }
        }
    });
    let add_mine = move |_| {
        let mine = state.with_untracked(|s| {
            s.as_ref().and_then(|s| {
                let id = s.neo.selected_account.clone()?;
                s.neo
                    .accounts
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| a.public_key.clone())
            })
        });
        if let Some(key) = mine {
            keys.update(|k| {
                if !k.contains(&key) {
                    if !k.trim().is_empty() && !k.ends_with('\n') {
                        k.push('\n');
                    }
                    k.push_str(&key);
                    k.push('\n');
                }
            });
        }
    };
    let submit = move |_| {
        let public_keys = keys
            .get_untracked()
            .split([',', '\n', ' '])
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        // A threshold that is not a number reaches the engine as 0, which it refuses in words.
        let threshold = threshold.get_untracked().trim().parse().unwrap_or(0);
        save.dispatch(UiRequest::NeoAddMultisig {
            name: name.get_untracked(),
            threshold,
            public_keys,
        });
    };
    view! {
        <h2>{t("neoMultisigAccounts")}</h2>
        <ul class="accounts" data-testid="neo-multisig-list">
            {move || {
                let list = multisig.get();
                if list.is_empty() {
                    return view! { <li class="muted">{t("neoMultisigNone")}</li> }.into_any();
                }
                list.into_iter().map(|m| {
                    let address = m.address.clone();
                    let shown = m.address.clone();
                    let summary = t_args("neoMultisigOf", &[m.threshold.to_string(), m.public_keys.len().to_string()]);
                    let member = if m.members.is_empty() { t("neoMultisigNotMember") } else { t("neoMultisigMember") };
                    view! {
                        <li class="multisig-row" data-testid="neo-multisig-row" data-address=m.address.clone()>
                            <span class="head"><span class="name">{m.name}</span>" "<span class="muted">{summary}" · "{member}</span></span>
                            <code class="address" data-testid="neo-multisig-address">{shown}</code>
                            <button type="button" class="button small" data-testid="neo-multisig-remove"
                                on:click=move |_| { save.dispatch(UiRequest::NeoRemoveMultisig { address: address.clone() }); }>
                                {t("neoMultisigRemove")}
                            </button>
                        </li>
                    }
                }).collect_view().into_any()
            }}
        </ul>
        <details class="neo-multisig-add" data-testid="neo-multisig-add">
            <summary>{t("neoMultisigAdd")}</summary>
            <label>{t("neoMultisigName")}
                <input type="text" data-testid="neo-multisig-name" prop:value=name
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <label>{t("neoMultisigThreshold")}
                <input type="number" min="1" max="1024" data-testid="neo-multisig-threshold" prop:value=threshold
                    on:input=move |ev| threshold.set(event_target_value(&ev))/>
            </label>
            <label>{t("neoMultisigKeys")}
                <textarea rows="4" data-testid="neo-multisig-keys" prop:value=keys
                    on:input=move |ev| keys.set(event_target_value(&ev))></textarea>
            </label>
            <div class="row">
                <button type="button" class="button" data-testid="neo-multisig-add-mine" on:click=add_mine>
                    {t("neoMultisigAddMine")}
                </button>
                <button type="button" class="button primary" data-testid="neo-multisig-save" on:click=submit>
                    {t("save")}
                </button>
            </div>
        </details>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert" data-testid="neo-multisig-error">{move || error.get()}</p>
        </Show>
    }
}

/// A NEP-17 transfer from a kept multisig account: the engine builds it (fees from the node)
/// and the unsigned context becomes the one being worked on.
#[component]
fn ProposeTransfer(multisig: Memo<Vec<NeoMultisigInfo>>, context: RwSignal<String>) -> impl IntoView {
    let commands = use_commands();
    let from = RwSignal::new(String::new());
    let asset = RwSignal::new("GAS".to_owned());
    let to = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let propose = Action::new_local(move |(): &()| {
        let commands = commands.clone();
        // Nothing chosen yet in the select: its first option is what the user sees.
        let from = Some(from.get_untracked())
            .filter(|f| !f.is_empty())
            .or_else(|| multisig.get_untracked().first().map(|m| m.address.clone()))
            .unwrap_or_default();
        let request = UiRequest::NeoMultisigSend {
            from,
            asset: asset.get_untracked(),
            to: to.get_untracked(),
            amount: amount.get_untracked(),
        };
        async move {
            error.set(None);
            match commands.send(request).await {
                Ok(UiResponse::NeoContext {
                    context: proposed, ..
                }) => context.set(proposed),
                Ok(_) => {}
                Err(text) => error.set(Some(text)),
            }
        }
    });
    view! {
        <Show when=move || multisig.with(|m| !m.is_empty())>
            <details class="neo-send" data-testid="neo-ms-send">
                <summary>{t("neoMultisigPropose")}</summary>
                <label>{t("txFrom")}
                    <select data-testid="neo-ms-from" on:change=move |ev| from.set(event_target_value(&ev))>
                        {move || multisig.get().into_iter().map(|m| {
                            let selected = m.address == from.get_untracked();
                            view! { <option value=m.address.clone() selected=selected>{m.name}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>{t("neoSendAsset")}
                    <select data-testid="neo-ms-asset" on:change=move |ev| asset.set(event_target_value(&ev))>
                        <option value="GAS" selected=true>"GAS"</option>
                        <option value="NEO">"NEO"</option>
                    </select>
                </label>
                <label>{t("neoSendTo")}
                    <input type="text" data-testid="neo-ms-to" prop:value=to on:input=move |ev| to.set(event_target_value(&ev))/>
                </label>
                <label>{t("neoSendAmount")}
                    <input type="text" inputmode="decimal" data-testid="neo-ms-amount" prop:value=amount
                        on:input=move |ev| amount.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="button" data-testid="neo-ms-propose"
                    on:click=move |_| { propose.dispatch(()); }>{t("neoMultisigProposeButton")}</button>
                <Show when=move || error.with(Option::is_some)>
                    <p class="error" role="alert" data-testid="neo-ms-error">{move || error.get()}</p>
                </Show>
            </details>
        </Show>
    }
}

/// The context being worked on: reviewed by the engine whenever it changes; signed with one
/// of the wallet's accounts that can; sent once complete.
#[component]
fn SignContext(context: RwSignal<String>) -> impl IntoView {
    let commands = use_commands();
    let state = use_wallet_state();
    let name_of = move |id: &str| {
        state.with_untracked(|s| {
            s.as_ref()
                .and_then(|s| {
                    s.neo
                        .accounts
                        .iter()
                        .find(|a| a.id == id)
                        .map(|a| format!("{} · {}", a.name, a.address))
                })
                .unwrap_or_else(|| id.to_owned())
        })
    };
    let review = RwSignal::new(None::<NeoContextView>);
    let account = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let run = {
        let commands = commands.clone();
        Action::new_local(move |request: &UiRequest| {
            let (commands, request) = (commands.clone(), request.clone());
            async move {
                error.set(None);
                match commands.send(request).await {
                    Ok(UiResponse::NeoContextReview { review: view }) => {
                        if !view.can_sign.contains(&account.get_untracked()) {
                            account.set(view.can_sign.first().cloned().unwrap_or_default());
                        }
                        review.set(Some(view));
                    }
                    Ok(UiResponse::NeoContext { context: signed, .. }) => {
                        context.set(signed.clone());
                        commands
                            .send(UiRequest::NeoReviewContext { context: signed })
                            .await
                            .map(|reply| {
                                if let UiResponse::NeoContextReview { review: view } = reply {
                                    account.set(view.can_sign.first().cloned().unwrap_or_default());
                                    review.set(Some(view));
                                }
                            })
                            .unwrap_or_else(|text| error.set(Some(text)));
                    }
                    Ok(UiResponse::NeoSent { txid }) => message.set(Some(t_args("neoSent", &[txid]))),
                    Ok(_) => {}
                    Err(text) => error.set(Some(text)),
                }
            }
        })
    };
    // What the user typed or pasted, reviewed when asked (not at every keystroke).
    let draft = RwSignal::new(String::new());
    // A new context (proposed, signed, or pasted and checked) is reviewed at once; an empty
    // one clears the review.
    Effect::new(move |_| {
        let text = context.get();
        draft.set(text.clone());
        review.set(None);
        message.set(None);
        error.set(None);
        if !text.trim().is_empty() {
            run.dispatch(UiRequest::NeoReviewContext { context: text });
        }
    });
    let copy = move |_| {
        let text = context.get_untracked();
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
        });
    };
    view! {
        <h2>{t("neoContextTitle")}</h2>
        <p class="muted">{t("neoContextLead")}</p>
        <textarea rows="6" class="context" data-testid="neo-context" prop:value=context
            on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
        <div class="row">
            <button type="button" class="button small" data-testid="neo-context-check"
                on:click=move |_| context.set(draft.get_untracked())>{t("neoContextCheck")}</button>
            <button type="button" class="button small" data-testid="neo-context-copy" on:click=copy>{t("neoContextCopy")}</button>
            <button type="button" class="button small" data-testid="neo-context-clear"
                on:click=move |_| { context.set(String::new()); draft.set(String::new()); }>{t("neoContextClear")}</button>
        </div>
        // Signing and sending act on the reviewed context; while the text is being edited the
        // review is hidden, so it never stands beside text it does not describe.
        {move || review.get().filter(|_| draft.with(|d| context.with(|c| d == c))).map(|r| {
            let status = if r.complete { t("neoContextComplete") } else { t("neoContextIncomplete") };
            let can_send = r.complete && r.on_network;
            let can_sign = r.can_sign.clone();
            view! {
                <div class="context-review" data-testid="neo-context-review">
                    {r.global_scope.then(|| view! {
                        <p class="warning" data-testid="risk-warning" data-warning="global_scope">{t("neoGlobalScopeWarning")}</p>
                    })}
                    {r.undecoded.clone().map(|why| view! {
                        <p class="warning" data-testid="risk-warning" data-warning="undecoded_script">
                            {t("neoUndecodedWarning")}" "<code class="muted">{why}</code>
                        </p>
                    })}
                    {(!r.on_network).then(|| view! {
                        <p class="warning" data-testid="neo-context-other-network">{t("neoContextOtherNetwork")}</p>
                    })}
                    <dl class="tx">
                        <dt>{t("txNetwork")}</dt><dd data-testid="neo-context-network">{r.network.clone()}</dd>
                        <dt>{t("neoSystemFee")}</dt><dd>{r.system_fee.clone()}</dd>
                        <dt>{t("neoNetworkFee")}</dt><dd>{r.network_fee.clone()}</dd>
                    </dl>
                    <NeoCallList calls=r.calls.clone()/>
                    <h3>{t("neoSigners")}</h3>
                    <ul>
                        {r.signers.iter().map(|s| {
                            let progress = if s.needed == 0 {
                                t_args("neoContextSignatures", &[s.signatures.to_string(), "?".into()])
                            } else {
                                t_args("neoContextSignatures", &[s.signatures.to_string(), s.needed.to_string()])
                            };
                            view! {
                                <li data-testid="neo-context-signer" data-complete=s.complete.to_string()>
                                    <code>{s.account.clone()}</code>" — "{s.scopes.clone()}" · "
                                    <span data-testid="neo-context-progress">{progress}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="lead" data-testid="neo-context-status" data-complete=r.complete.to_string()>{status}</p>
                    {(!can_sign.is_empty()).then(|| view! {
                        <label>{t("neoContextSignAs")}
                            <select data-testid="neo-context-account" on:change=move |ev| account.set(event_target_value(&ev))>
                                {can_sign.iter().map(|id| {
                                    let selected = *id == account.get_untracked();
                                    view! { <option value=id.clone() selected=selected>{name_of(id)}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="button" class="button primary" data-testid="neo-context-sign"
                            on:click=move |_| {
                                run.dispatch(UiRequest::NeoSignContext {
                                    id: account.get_untracked(),
                                    context: context.get_untracked(),
                                    verification_script: String::new(),
                                });
                            }>{t("sign")}</button>
                    })}
                    {can_send.then(|| view! {
                        <button type="button" class="button primary" data-testid="neo-context-relay"
                            on:click=move |_| { run.dispatch(UiRequest::NeoRelayContext { context: context.get_untracked() }); }>
                            {t("neoContextSend")}
                        </button>
                    })}
                </div>
            }
        })}
        <Show when=move || message.with(Option::is_some)>
            <p class="message" data-testid="neo-context-result">{move || message.get()}</p>
        </Show>
        <Show when=move || error.with(Option::is_some)>
            <p class="error" role="alert" data-testid="neo-context-error">{move || error.get()}</p>
        </Show>
    }
}
