//! A service integration written outside asl-kit, as a third-party crate
//! would write one: `archive:putReport`, an imaginary optimized integration
//! that stores a report object in S3, optionally encrypted with a KMS key.
//!
//! One typed task ([`PutReport`]) and one line of integration ([`ARCHIVE`]);
//! `asl_core::integration::register(ARCHIVE)` makes every consumer see it.

use asl_core::arn;
use asl_core::iam::Statement;
use asl_core::integration::{
    query_language_of, AwsEnvironment, Problems, Request, RequestWriter, TaskContext,
    TypedIntegration, TypedTask,
};
use asl_core::{Diagnostic, Dynamic, QueryLanguage, Task};
use serde_json::{Map, Value};

/// The longest `RetentionDays`.
pub const MAX_RETENTION_DAYS: u64 = 3650;

/// `arn:aws:states:::archive:putReport`.
#[derive(Debug, Clone, PartialEq)]
pub struct PutReport {
    /// `Report`: the `s3://bucket/key` the report is written to (required).
    pub report: Dynamic<String>,
    /// `Body`: the report (required).
    pub body: Dynamic<Value>,
    /// `KmsKeyId`: encrypt with this key.
    pub kms_key_id: Option<Dynamic<String>>,
    /// `RetentionDays`: 1 to [`MAX_RETENTION_DAYS`].
    pub retention_days: Option<Dynamic<u64>>,
    /// Other parameters, as written.
    pub other: Map<String, Value>,
}

impl TypedTask for PutReport {
    const NAME: &'static str = "archive:putReport";
    const RESOURCES: &'static [&'static str] = &["archive:putReport"];

    fn read(r: &mut Request<'_>) -> Self {
        PutReport {
            report: r.required("Report"),
            body: r.required("Body"),
            kms_key_id: r.optional("KmsKeyId"),
            retention_days: r.optional("RetentionDays"),
            other: r.rest(),
        }
    }

    fn into_task(self, ql: QueryLanguage) -> Task {
        let mut w = RequestWriter::new(ql);
        w.put("Report", &self.report);
        w.template("Body", &self.body);
        w.put_opt("KmsKeyId", self.kms_key_id.as_ref());
        w.put_opt("RetentionDays", self.retention_days.as_ref());
        w.extend(&self.other);
        w.into_task("arn:aws:states:::archive:putReport")
    }

    fn validate(&self, cx: &TaskContext<'_>, out: &mut Vec<Diagnostic>) {
        let mut p = Problems::new(cx, out);
        let f = p.field();
        if let Some(uri) = self.report.static_str() {
            if arn::split_s3_uri(uri).is_none() {
                p.error(
                    "/Report",
                    format!("'{f}.Report' must be an s3://bucket/key URI, got '{uri}'"),
                );
            }
        }
        if let Some(days) = self.retention_days.as_ref().and_then(Dynamic::as_value) {
            if !(1..=MAX_RETENTION_DAYS).contains(days) {
                p.error(
                    "/RetentionDays",
                    format!("'{f}.RetentionDays' must be 1 to {MAX_RETENTION_DAYS}, got {days}"),
                );
            }
        }
    }

    fn statements(&self, _: &TaskContext<'_>, env: &AwsEnvironment) -> Vec<Statement> {
        let object = self
            .report
            .static_str()
            .and_then(|uri| arn::s3_object(env, uri))
            .unwrap_or_else(|| arn::any_s3(env));
        let mut out = vec![Statement::allow("PutReport", ["s3:PutObject"], [object])];
        if let Some(key) = &self.kms_key_id {
            let key = arn::kms_key(env, key.static_str().unwrap_or("*"));
            out.push(Statement::allow(
                "PutReport",
                ["kms:GenerateDataKey"],
                [key],
            ));
        }
        out
    }
}

impl TryFrom<&Task> for PutReport {
    type Error = Vec<Diagnostic>;
    fn try_from(task: &Task) -> Result<Self, Self::Error> {
        PutReport::try_from_task(task, query_language_of(task))
    }
}

/// The integration: register it once with
/// `asl_core::integration::register(ARCHIVE)`.
pub const ARCHIVE: TypedIntegration<(PutReport,)> =
    TypedIntegration::new("archive", "Archive").owns_service();
