//! `asl run`: run a definition in the simulator (asl-sim), with mocked
//! Tasks, and print the execution (its status, output and history).

use crate::exit;
use asl_cli::Type;
use asl_sim::{Execution, Mocks, Simulator, Status, Unmocked};
use std::path::PathBuf;

/// Arguments of `asl run`.
#[derive(clap::Args)]
pub struct Args {
    /// The definition file (`.asl.json`, `.asl.yaml`) or template.
    file: PathBuf,
    /// The execution input, as JSON text (default `{}`).
    #[arg(long, conflicts_with = "input_file")]
    input: Option<String>,
    /// A file holding the execution input.
    #[arg(long, value_name = "FILE")]
    input_file: Option<PathBuf>,
    /// An AWS Step Functions Local mock-config file for the Tasks.
    #[arg(long, value_name = "FILE")]
    mock_config: Option<PathBuf>,
    /// The test case of the mock config (needed when it has several).
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    test_case: Option<String>,
    /// The state machine of the mock config (needed when it has several).
    #[arg(long, value_name = "NAME", requires = "mock_config")]
    state_machine: Option<String>,
    /// The state machine, by logical id, when the template has more than one.
    #[arg(long, value_name = "LOGICAL_ID")]
    resource: Option<String>,
    /// What a Task with no mock does: fail the run (default), return its
    /// input, or return `{}`.
    #[arg(long, value_enum, default_value = "fail")]
    unmocked: UnmockedArg,
    /// STANDARD (default) or EXPRESS.
    #[arg(long = "type", value_enum)]
    machine_type: Option<Type>,
    /// `text`: the visited states with their inputs and outputs. `json`:
    /// one object `{status, output, error, cause, events}`.
    #[arg(long, value_enum, default_value = "text")]
    format: asl_cli::Format,
}

/// `--unmocked`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum UnmockedArg {
    /// The execution fails (`States.Runtime`, naming the state).
    Fail,
    /// The Task returns its resolved input.
    Echo,
    /// The Task returns `{}`.
    Empty,
}

/// Runs the machine: exit 0 when the execution succeeded, 1 when it did
/// not (or the definition is invalid), 2 for usage and I/O errors.
pub fn run(args: &Args) -> u8 {
    let input = match (&args.input, &args.input_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => {
            let Some(bytes) = crate::read(path) else {
                return exit::USAGE;
            };
            match String::from_utf8(bytes) {
                Ok(s) => s,
                Err(_) => {
                    errln!("{}: the input is not UTF-8", path.display());
                    return exit::USAGE;
                }
            }
        }
        (None, None) => "{}".to_owned(),
    };
    let trimmed = input.trim();
    if let Err(e) = serde_json::from_str::<serde_json::Value>(trimmed) {
        errln!("asl run: the input is not JSON: {e}");
        return exit::USAGE;
    }
    let mut name = args.state_machine.clone();
    let unmocked = match args.unmocked {
        UnmockedArg::Fail => Unmocked::Fail,
        UnmockedArg::Echo => Unmocked::EchoInput,
        UnmockedArg::Empty => Unmocked::EmptyObject,
    };
    let mocks = match &args.mock_config {
        None => Mocks::new(),
        Some(path) => {
            let Some(bytes) = crate::read(path) else {
                return exit::USAGE;
            };
            let text = String::from_utf8_lossy(&bytes);
            if name.is_none() {
                name = single_machine(&text);
            }
            match Mocks::from_mock_config(
                &text,
                args.state_machine.as_deref(),
                args.test_case.as_deref(),
            ) {
                Ok(m) => m,
                Err(e) => {
                    errln!("{}: {e}", path.display());
                    return exit::USAGE;
                }
            }
        }
    };
    let Some(unit) = crate::select(&args.file, args.resource.as_deref()) else {
        return exit::USAGE;
    };
    let options = asl_cli::options(args.machine_type.map(Into::into), Default::default());
    let Some(machine) = crate::valid_machine(&unit, &options, "running") else {
        return exit::INVALID;
    };
    let start = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(0))
        .unwrap_or(0);
    let machine_name = name.unwrap_or_else(|| {
        let stem = args
            .file
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or("StateMachine");
        stem.split('.').next().unwrap_or("StateMachine").to_owned()
    });
    let sim = Simulator::new(&machine)
        .mocks(mocks.unmocked(unmocked))
        .execution_type(args.machine_type.unwrap_or(Type::Standard).into())
        .state_machine_name(machine_name)
        .start_time_millis(start);
    let execution = sim.run_text(trimmed);
    match args.format {
        asl_cli::Format::Json => outln!("{}", execution.to_json()),
        asl_cli::Format::Text => out!("{}", render_text(&execution)),
    }
    if execution.status == Status::Succeeded {
        exit::OK
    } else {
        exit::INVALID
    }
}

/// The name of the only state machine of a mock config.
fn single_machine(text: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let machines = v.get("StateMachines")?.as_object()?;
    (machines.len() == 1)
        .then(|| machines.keys().next().cloned())
        .flatten()
}

/// The visited states with their inputs and outputs, then how it ended.
fn render_text(e: &Execution) -> String {
    use std::fmt::Write;
    /// One state's visit: its header and what happened in it.
    struct Visit {
        name: String,
        depth: usize,
        /// A Map or Parallel: what follows its input is printed after the
        /// states inside it.
        container: bool,
        closed: bool,
        lines: Vec<String>,
    }
    let mut visits: Vec<Visit> = Vec::new();
    // For each event (by index): the visit it belongs to, and the depth of
    // the branch it is on (concurrent branches interleave their events, so
    // each is followed along its `previousEventId` chain).
    let mut visit_of: Vec<Option<usize>> = Vec::with_capacity(e.events.len());
    let mut depth_of: Vec<usize> = Vec::with_capacity(e.events.len());
    let mut map_depth: Vec<(String, usize)> = Vec::new();
    let index_of = |id: u64| usize::try_from(id).ok().and_then(|i| i.checked_sub(1));
    for ev in &e.events {
        let t = ev.event_type();
        let prev = index_of(ev.previous_event_id());
        let prev_type = prev.and_then(|i| e.events.get(i)).map(|p| p.event_type());
        let inherited = prev.and_then(|i| depth_of.get(i)).copied().unwrap_or(0);
        let depth = match (t, prev_type) {
            ("MapIterationStarted", _) => {
                let map = ev.detail_str("name").unwrap_or_default();
                map_depth
                    .iter()
                    .rev()
                    .find(|(n, _)| n == map)
                    .map_or(inherited, |(_, d)| d + 1)
            }
            (_, Some("ParallelStateStarted")) => inherited + 1,
            _ => inherited,
        };
        let mut visit = prev.and_then(|i| visit_of.get(i)).copied().flatten();
        let mut depth = depth;
        if t.ends_with("StateExited") {
            // After a Map or Parallel, its chain comes from inside it: the
            // state is found by name.
            let name = ev.detail_str("name").unwrap_or_default();
            if let Some(i) = visits.iter().rposition(|v| !v.closed && v.name == name) {
                visit = Some(i);
                if let Some(v) = visits.get_mut(i) {
                    v.closed = true;
                    depth = v.depth;
                }
            }
        }
        depth_of.push(depth);
        if t.ends_with("StateEntered") {
            let name = ev.detail_str("name").unwrap_or_default();
            if t == "MapStateEntered" {
                map_depth.push((name.to_owned(), depth));
            }
            visits.push(Visit {
                name: name.to_owned(),
                depth,
                container: matches!(t, "MapStateEntered" | "ParallelStateEntered"),
                closed: false,
                lines: vec![
                    format!("{name} ({})", t.trim_end_matches("StateEntered")),
                    format!("  input:  {}", ev.detail_str("input").unwrap_or_default()),
                ],
            });
            visit = Some(visits.len() - 1);
        }
        let line = if t.ends_with("StateExited") {
            let mut l = format!("  output: {}", ev.detail_str("output").unwrap_or_default());
            if let Some(vars) = ev
                .details()
                .and_then(|d| d.get("assignedVariables").cloned())
            {
                l.push_str(&format!("\n  assigned: {vars}"));
            }
            Some(l)
        } else if t == "TaskScheduled" {
            Some(format!(
                "  call:   {}:{} {}",
                ev.detail_str("resourceType").unwrap_or_default(),
                ev.detail_str("resource").unwrap_or_default(),
                ev.detail_str("parameters").unwrap_or_default()
            ))
        } else if t == "LambdaFunctionScheduled" || t == "ActivityScheduled" {
            Some(format!(
                "  call:   {} {}",
                ev.detail_str("resource").unwrap_or_default(),
                ev.detail_str("input").unwrap_or_default()
            ))
        } else if t.ends_with("Succeeded")
            && ev.detail_str("output").is_some()
            && !t.starts_with("Execution")
        {
            Some(format!(
                "  result: {}",
                ev.detail_str("output").unwrap_or_default()
            ))
        } else if (t.ends_with("Failed") || t.ends_with("TimedOut")) && !t.starts_with("Execution")
        {
            ev.detail_str("error").map(|err| {
                let cause = ev.detail_str("cause");
                format!(
                    "  {t}: {err}{}",
                    cause.map(|c| format!(": {c}")).unwrap_or_default()
                )
            })
        } else {
            None
        };
        // Aborted events follow the failure that aborted them, elsewhere.
        let own = !t.ends_with("Aborted") && !t.starts_with("MapIteration");
        if let (Some(line), Some(v), true) = (line, visit, own) {
            if let Some(v) = visits.get_mut(v) {
                v.lines.push(line);
            }
        }
        visit_of.push(if own { visit } else { None });
    }
    let mut s = String::new();
    let print = |s: &mut String, depth: usize, lines: &[String]| {
        let pad = "  ".repeat(depth);
        for part in lines.iter().flat_map(|l| l.split('\n')) {
            let _ = writeln!(s, "{pad}{part}");
        }
    };
    // The containers whose closing lines wait for the states inside them.
    let mut open: Vec<&Visit> = Vec::new();
    for v in &visits {
        while let Some(c) = open.pop_if(|c| c.depth >= v.depth) {
            print(&mut s, c.depth, c.lines.get(2..).unwrap_or_default());
        }
        if v.container {
            print(&mut s, v.depth, v.lines.get(..2).unwrap_or_default());
            open.push(v);
        } else {
            print(&mut s, v.depth, &v.lines);
        }
    }
    while let Some(c) = open.pop() {
        print(&mut s, c.depth, c.lines.get(2..).unwrap_or_default());
    }
    let _ = write!(s, "{}", e.status.as_str());
    match (&e.output, &e.error, &e.cause) {
        (Some(out), _, _) => {
            let _ = writeln!(s, ": {out}");
        }
        (None, err, cause) => {
            let _ = writeln!(
                s,
                "{}{}",
                err.as_ref().map(|e| format!(": {e}")).unwrap_or_default(),
                cause.as_ref().map(|c| format!(": {c}")).unwrap_or_default()
            );
        }
    }
    s
}
