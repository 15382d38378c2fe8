//! Native benchmarks of the engine's costly steps (criterion), run by `scripts/bench`, which
//! copies their medians into `BENCHMARKS.md`:
//!
//! - `vault/argon2id_default`: [`vault::derive`] at the product default (m = 64 MiB, t = 3, p = 1);
//! - `vault/argon2id_floor`: the same at the floor the vault accepts (m = 19 MiB, t = 2, p = 1);
//! - `keyring/bip39_seed`: the BIP-39 seed of a 12-word mnemonic (PBKDF2-HMAC-SHA512, 2048 rounds);
//! - `keyring/hd_accounts_100`: [`Keyring::from_mnemonic`] and 99 more `add_account` calls,
//!   i.e. 100 HD accounts on all three curves (secp256k1, P-256, ed25519).
//! - `vault/calibrate_300ms`: [`vault::calibrate`] aiming at 300 ms (what creating a wallet spends
//!   choosing the pass count);
//! - `keyring/keyring_load_100`: [`Keyring::from_bytes`] of a keyring with 100 accounts (the
//!   decrypted vault read back at unlock).
//!
//! Sample counts are small on purpose (the whole of `scripts/bench` must stay within
//! minutes on a 2-core machine); criterion still reports a median and its spread.
//! Native figures are a floor for the wasm ones: the browser numbers are in the same file.

// The inputs are constants that cannot fail to parse or derive; a bench that cannot set up
// has nothing to measure, so stopping loudly is the right outcome.
#![allow(clippy::expect_used)]

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::{BatchSize, Criterion, SamplingMode, criterion_group};
    use formica_core::keyring::{Keyring, Mnemonic};
    use formica_core::vault::{self, KdfParams};

    const PHRASE: &str =
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    const PASSWORD: &[u8] = b"correct horse battery staple";

    fn kdf(c: &mut Criterion) {
        let mut group = c.benchmark_group("vault");
        // One derivation takes 50–300 ms: flat sampling runs the same few iterations per sample
        // instead of criterion's linear ramp (which would need 55 iterations for 10 samples).
        group.sampling_mode(SamplingMode::Flat);
        let cases = [
            ("argon2id_default", KdfParams::DEFAULT_M_KIB, KdfParams::DEFAULT_T),
            ("argon2id_floor", KdfParams::MIN_M_KIB, KdfParams::MIN_T),
        ];
        for (name, m_kib, t) in cases {
            let params = KdfParams::new(
                m_kib,
                t,
                KdfParams::DEFAULT_P,
                vec![0x5a; KdfParams::DEFAULT_SALT_LEN],
            )
            .expect("valid argon2id parameters");
            group.bench_function(name, |b| {
                b.iter(|| vault::derive(black_box(PASSWORD), black_box(&params)).expect("derive"));
            });
        }
        // What creating a wallet or changing the password spends on choosing t (a warm-up, then
        // t = 1 and t = 3 at 64 MiB).
        group.bench_function("calibrate_300ms", |b| {
            b.iter(|| {
                vault::calibrate(Duration::from_millis(300), &vault::SystemClock::new()).expect("calibrate")
            });
        });
        group.finish();
    }

    fn keyring(c: &mut Criterion) {
        let mut group = c.benchmark_group("keyring");
        let mnemonic = Mnemonic::parse(PHRASE).expect("a valid mnemonic");
        group.bench_function("bip39_seed", |b| {
            b.iter(|| black_box(&mnemonic).to_seed(black_box("")))
        });
        group.sampling_mode(SamplingMode::Flat);
        group.bench_function("hd_accounts_100", |b| {
            b.iter_batched(
                || Mnemonic::parse(PHRASE).expect("a valid mnemonic"),
                |mnemonic| {
                    let mut keyring = Keyring::from_mnemonic(mnemonic, "").expect("keyring");
                    for _ in 1..100 {
                        keyring.add_account().expect("add_account");
                    }
                    keyring
                },
                BatchSize::SmallInput,
            );
        });
        // Opening the vault's plaintext: the keyring of 100 accounts read back from its bytes.
        let mut keyring =
            Keyring::from_mnemonic(Mnemonic::parse(PHRASE).expect("a valid mnemonic"), "").expect("keyring");
        for _ in 1..100 {
            keyring.add_account().expect("add_account");
        }
        let bytes = keyring.to_bytes();
        group.bench_function("keyring_load_100", |b| {
            b.iter(|| Keyring::from_bytes(black_box(&bytes)).expect("from_bytes"));
        });
        group.finish();
    }

    fn config() -> Criterion {
        Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2))
    }

    criterion_group! {
        name = benches;
        config = config();
        targets = kdf, keyring
    }

    /// Runs the benchmarks and criterion's summary (what `criterion_main!` would generate).
    pub fn main() {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}
