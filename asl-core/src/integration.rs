//! The registry of service integrations, and the seam they implement
//! (re-exported from asl-model, where integration crates find it: the
//! [`Integration`] trait, [`TypedTask`] for one typed request per API, the
//! shared [`Request`] reader and [`RequestWriter`], and
//! [`TypedIntegration`], which turns typed tasks into an `Integration`; the
//! module documentation of [`asl_model::integration`] walks through a
//! complete one).
//!
//! Every consumer reads the same registry: builders' `build()`,
//! [`validate`](crate::validate()) and [`validate_str`](crate::validate_str)
//! with default [`Options`](crate::Options), [`policy_for`](crate::iam::policy_for)
//! and [`generate`](crate::iam::generate),
//! `build_support`, the `asl` command, asl-deploy and the macros. The
//! built-in integrations are listed once, in [`Registry::builtin`]; add your
//! own to the process-wide registry with [`register`], or pass a registry of
//! your choice in [`Options::registry`](crate::Options::registry).
//!
//! ```
//! use asl_core::iam::Statement;
//! use asl_core::integration::{
//!     register, AwsEnvironment, Registry, Request, RequestWriter, TaskContext, TypedIntegration,
//!     TypedTask,
//! };
//! use asl_core::{Dynamic, QueryLanguage, Task};
//!
//! /// `arn:aws:states:::example:call` with a required `Name`.
//! #[derive(Clone)]
//! struct Call {
//!     name: Dynamic<String>,
//! }
//!
//! impl TypedTask for Call {
//!     const NAME: &'static str = "example:call";
//!     const RESOURCES: &'static [&'static str] = &["example:call"];
//!     fn read(r: &mut Request<'_>) -> Self {
//!         let name = r.required("Name");
//!         r.rest();
//!         Call { name }
//!     }
//!     fn into_task(self, ql: QueryLanguage) -> Task {
//!         let mut w = RequestWriter::new(ql);
//!         w.put("Name", &self.name);
//!         w.into_task("arn:aws:states:::example:call")
//!     }
//!     fn statements(&self, _: &TaskContext<'_>, _: &AwsEnvironment) -> Vec<Statement> {
//!         vec![Statement::allow("Example", ["example:Call"], ["*"])]
//!     }
//! }
//!
//! register(TypedIntegration::<(Call,)>::new("example", "Example"));
//! assert!(Registry::global().iter().any(|i| i.name() == "example"));
//! assert!(Registry::global().iter().any(|i| i.name() == "bedrock"));
//! let report = asl_core::validate_str(
//!     r#"{"StartAt": "C", "States": {"C": {"Type": "Task", "Resource": "arn:aws:states:::example:call", "Parameters": {}, "End": true}}}"#,
//!     &asl_core::Options::default(),
//! );
//! assert_eq!(report.diagnostics[0].message, "example:call requires 'Parameters.Name'");
//! ```

pub use asl_model::integration::*;

use crate::iam::Statement;
use crate::{Diagnostic, Task};
use std::sync::{Arc, OnceLock, RwLock};

/// A list of service integrations. Validation and IAM generation ask every
/// integration that [`handles`](Integration::handles) a Task, in order.
/// Cloning is cheap (the integrations are shared).
#[derive(Clone, Default)]
pub struct Registry {
    integrations: Vec<Arc<dyn Integration>>,
}

impl Registry {
    /// No integration at all: only asl-core's own rules apply.
    pub fn empty() -> Self {
        Registry::default()
    }

    /// The integrations that ship with asl-kit: Bedrock (validation and
    /// IAM), and asl-aws's IAM statements for every other optimized
    /// integration and `aws-sdk:*` (it validates nothing: asl-core's
    /// catalogue does). A new built-in integration
    /// is one crate or module of [`TypedTask`]s with its
    /// [`TypedIntegration`] (or any [`Integration`]), plus one line here.
    pub fn builtin() -> Self {
        Registry::empty()
            .with(asl_bedrock::Bedrock::default())
            .with(asl_aws::Aws)
            .with(asl_aws::AwsTasks)
    }

    /// The process-wide registry: [`Registry::builtin`] plus everything added
    /// with [`register`]. A snapshot: later registrations do not change it.
    pub fn global() -> Self {
        match global().read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// This registry with one more integration (after the others).
    #[must_use]
    pub fn with(mut self, integration: impl Integration + 'static) -> Self {
        self.push(integration);
        self
    }

    /// Adds an integration (after the others).
    pub fn push(&mut self, integration: impl Integration + 'static) {
        self.integrations.push(Arc::new(integration));
    }

    /// Every integration, in order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Integration> {
        self.integrations.iter().map(|i| i.as_ref())
    }

    /// The integrations that handle `task`, in order.
    pub fn handling<'a>(&'a self, task: &'a Task) -> impl Iterator<Item = &'a dyn Integration> {
        self.iter().filter(move |i| i.handles(task))
    }

    /// Whether some integration handles `task`.
    pub fn handles(&self, task: &Task) -> bool {
        self.handling(task).next().is_some()
    }

    /// What every integration that handles `task` finds wrong with it.
    pub fn validate(&self, task: &Task, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        for integration in self.handling(task) {
            integration.validate(task, cx, out);
        }
    }

    /// The IAM statements of every integration that
    /// [`grants`](Integration::grants) `task` (without their warnings: see
    /// [`Registry::permissions`]).
    pub fn statements(
        &self,
        task: &Task,
        cx: &TaskContext<'_>,
        env: &AwsEnvironment,
    ) -> Vec<Statement> {
        self.permissions(task, cx, env)
            .map(|p| p.statements)
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|i| i.name()))
            .finish()
    }
}

fn global() -> &'static RwLock<Registry> {
    static GLOBAL: OnceLock<RwLock<Registry>> = OnceLock::new();
    GLOBAL.get_or_init(|| RwLock::new(Registry::builtin()))
}

/// Adds an integration to the process-wide registry, once: from then on
/// builders' `build()`, validation with default options, IAM generation,
/// `build_support` and the `asl` command's library functions consult it.
pub fn register(integration: impl Integration + 'static) {
    match global().write() {
        Ok(mut r) => r.push(integration),
        Err(poisoned) => poisoned.into_inner().push(integration),
    }
}
