//! The simulator against the local Step Functions server, on the same
//! execution: a Map over 1,000 items (each a Pass), run in one process.
//!
//! ```sh
//! bash scripts/localstack/start.sh            # the local server (127.0.0.1:4566)
//! cargo bench -p asl-deploy --bench sim_vs_local
//! bash scripts/localstack/stop.sh
//! ```
//!
//! The ratio to report is `local_server` / `simulator` (medians). Without a
//! server on `ASL_ENDPOINT` (default `http://127.0.0.1:4566`) only the
//! simulator is measured, and the bench says so.

use asl_deploy::{DeploySpec, Deployer};
use serde_json::{json, Value};
use std::sync::OnceLock;
use std::time::Duration;

const ITEMS: usize = 1_000;

fn definition() -> String {
    json!({
        "StartAt": "Each",
        "States": {"Each": {
            "Type": "Map",
            "ItemsPath": "$.items",
            "ItemProcessor": {"StartAt": "Double", "States": {"Double": {
                "Type": "Pass", "Parameters": {"n.$": "$", "twice.$": "States.MathAdd($, $)"}, "End": true}}},
            "End": true}}
    })
    .to_string()
}

fn input() -> Value {
    json!({"items": (0..ITEMS).collect::<Vec<_>>()})
}

/// The deployed machine on the local server, or `None` when none answers.
struct Local {
    runtime: tokio::runtime::Runtime,
    deployer: Deployer,
    arn: String,
}

fn local() -> Option<&'static Local> {
    static LOCAL: OnceLock<Option<Local>> = OnceLock::new();
    LOCAL
        .get_or_init(|| {
            let endpoint = std::env::var("ASL_ENDPOINT")
                .unwrap_or_else(|_| "http://127.0.0.1:4566".to_owned());
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            let deployer = Deployer::local(&endpoint);
            let machine = asl_core::from_str(&definition()).ok()?;
            let spec = DeploySpec::new(
                "AslSimBench",
                &machine,
                "arn:aws:iam::000000000000:role/AslBench",
            );
            match runtime.block_on(deployer.deploy(&spec)) {
                Ok(outcome) => Some(Local {
                    arn: outcome.arn,
                    runtime,
                    deployer,
                }),
                Err(e) => {
                    eprintln!(
                        "note: no local Step Functions server at {endpoint} ({e}); \
                         measuring the simulator only (start scripts/localstack/start.sh)"
                    );
                    None
                }
            }
        })
        .as_ref()
}

fn main() {
    divan::main();
}

/// The simulator: parse once, run the 1,000-iteration Map.
#[divan::bench(sample_count = 20)]
fn simulator(bencher: divan::Bencher) {
    let machine = asl_core::from_str(&definition()).ok();
    let sim = machine.as_ref().map(asl_sim::Simulator::new);
    let input = input();
    bencher.bench(|| {
        let run = sim.as_ref().map(|s| s.run(input.clone()));
        assert_eq!(
            run.map(|r| r.status),
            Some(asl_sim::Status::Succeeded),
            "the simulator runs the machine"
        );
    });
}

/// The local server: the same machine, deployed once, one execution per
/// sample (StartExecution, then DescribeExecution until it ends).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn local_server(bencher: divan::Bencher) {
    let Some(local) = local() else {
        return;
    };
    let input = input();
    bencher.bench(|| {
        let result = local.runtime.block_on(local.deployer.run_execution(
            &local.arn,
            &input,
            None,
            Duration::from_secs(300),
        ));
        assert!(
            matches!(&result, Ok(r) if r.status.as_str() == "SUCCEEDED"),
            "the local server runs the machine"
        );
    });
}
