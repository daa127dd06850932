//! Parsing, serializing and validating a ~1 MB definition, against the same bytes through
//! `serde_json::Value` as the baseline, measured in the same run.
//!
//! `cargo bench -p asl-core --bench parse`

use serde_json::Value;

fn main() {
    divan::main();
}

#[path = "definition.rs"]
mod definition;
use definition::big_definition;

#[divan::bench_group(sample_count = 30)]
mod parse {
    use super::*;

    #[divan::bench]
    fn asl_core_model(b: divan::Bencher) {
        let text = big_definition();
        b.counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| asl_core::from_str(divan::black_box(&text)).is_ok());
    }

    #[divan::bench]
    fn serde_json_value_baseline(b: divan::Bencher) {
        let text = big_definition();
        b.counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| serde_json::from_str::<Value>(divan::black_box(&text)).is_ok());
    }
}

#[divan::bench_group(sample_count = 30)]
mod serialize {
    use super::*;

    #[divan::bench]
    fn asl_core_model(b: divan::Bencher) {
        let machine = asl_core::from_str(&big_definition()).ok();
        b.bench(|| {
            divan::black_box(&machine)
                .as_ref()
                .map(|m| m.to_string_compact().len())
        });
    }

    #[divan::bench]
    fn serde_json_value_baseline(b: divan::Bencher) {
        let value: Value = serde_json::from_str(&big_definition()).unwrap_or_default();
        b.bench(|| serde_json::to_string(divan::black_box(&value)).map(|s| s.len()));
    }
}

/// The whole validator (parse, every rule, diagnostics in document order) on
/// the same definition, against parsing it to a `serde_json::Value`.
#[divan::bench_group(sample_count = 30)]
mod validate {
    use super::*;

    #[divan::bench]
    fn asl_core_validate_str(b: divan::Bencher) {
        let text = big_definition();
        let options = asl_core::Options::default();
        b.counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| asl_core::validate_str(divan::black_box(&text), &options).is_ok());
    }

    #[divan::bench]
    fn serde_json_value_baseline(b: divan::Bencher) {
        let text = big_definition();
        b.counter(divan::counter::BytesCount::new(text.len()))
            .bench(|| serde_json::from_str::<Value>(divan::black_box(&text)).is_ok());
    }
}
