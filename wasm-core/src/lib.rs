#![doc = include_str!("../README.md")]

pub mod api;

#[cfg(feature = "engine")]
pub mod chains;
#[cfg(feature = "engine")]
pub mod engine;
#[cfg(feature = "engine")]
pub mod keyring;
#[cfg(feature = "engine")]
pub mod net;
#[cfg(feature = "engine")]
pub mod provider;
#[cfg(feature = "engine")]
pub mod storage;
#[cfg(feature = "engine")]
pub mod vault;

#[cfg(all(feature = "bench-exports", target_arch = "wasm32"))]
pub mod bench_exports;
#[cfg(all(feature = "engine", target_arch = "wasm32"))]
pub mod bindings;
