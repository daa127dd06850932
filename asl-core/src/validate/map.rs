//! Map states (rules J1–J8): distributed-only fields, `ProcessorConfig`,
//! `Label`, tolerated failures, `ItemReader`, `ItemBatcher`, `ResultWriter`.

use super::schema;
use crate::StateRef;
use crate::{
    codes, Diagnostic, Dynamic, MachineType, Map, MaxInputBytesPerBatch, MaxItems,
    MaxItemsPerBatch, Resource, ResourceKind, State, ToleratedFailurePercentage,
};

/// The longest `Label`.
const MAX_LABEL: usize = 40;
/// The largest `MaxInputBytesPerBatch` (256 KiB).
const MAX_BATCH_BYTES: u64 = 262_144;

pub(super) fn check(
    states: &[StateRef<'_>],
    machine_type: Option<MachineType>,
    out: &mut Vec<Diagnostic>,
) {
    let mut labels: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for s in states {
        let State::Map(m) = s.state else {
            continue;
        };
        let p = s.pointer.as_str();
        map(out, p, m);
        if let Some(label) = m.label.as_deref() {
            let at = format!("{p}/Label");
            match labels.get(label) {
                Some(first) => out.push(Diagnostic::error(
                    codes::DUPLICATE_LABEL_NAME,
                    at,
                    format!(
                        "the Map label {label:?} is already used at {first}; labels must be unique"
                    ),
                )),
                None => {
                    labels.insert(label, at);
                }
            }
        }
        if machine_type == Some(MachineType::Express) && m.processor.processor().is_distributed() {
            // ⚠: the reference does not say; AWS documents distributed
            // Maps for Standard workflows.
            out.push(Diagnostic::warning(
                codes::EXPRESS_UNSUPPORTED,
                format!("{p}/{}/ProcessorConfig/Mode", m.processor.field_name()),
                "a distributed Map runs child workflows from a Standard state machine; an EXPRESS machine may not use one",
            ));
        }
    }
}

fn map(out: &mut Vec<Diagnostic>, p: &str, m: &Map) {
    let proc = m.processor.processor();
    let pp = format!("{p}/{}", m.processor.field_name());
    let distributed = proc.is_distributed();
    if distributed {
        if let Some(c) = &proc.processor_config {
            if c.execution_type.is_none() {
                out.push(schema(
                    format!("{pp}/ProcessorConfig"),
                    "the field 'ExecutionType' is required when 'Mode' is 'DISTRIBUTED'",
                ));
            }
        }
    } else {
        let only: [(&str, bool); 6] = [
            ("ItemReader", m.item_reader.is_some()),
            ("ItemBatcher", m.item_batcher.is_some()),
            ("ResultWriter", m.result_writer.is_some()),
            (
                "ToleratedFailurePercentage",
                m.tolerated_failure_percentage.is_some(),
            ),
            ("ToleratedFailureCount", m.tolerated_failure_count.is_some()),
            ("Label", m.label.is_some()),
        ];
        for (field, present) in only {
            if present {
                // ⚠ in the reference: a warning until AWS's verdict is known.
                out.push(Diagnostic::warning(
                    codes::SCHEMA_VALIDATION_FAILED,
                    format!("{p}/{field}"),
                    format!("'{field}' is only supported by a distributed Map: set 'ProcessorConfig.Mode' to 'DISTRIBUTED'"),
                ));
            }
        }
    }
    if let Some(label) = &m.label {
        label_rules(out, &format!("{p}/Label"), label);
    }
    if let Some(ToleratedFailurePercentage::ToleratedFailurePercentage(Dynamic::Value(n))) =
        &m.tolerated_failure_percentage
    {
        if n.as_f64().is_some_and(|f| !(0.0..=100.0).contains(&f)) {
            out.push(schema(
                format!("{p}/ToleratedFailurePercentage"),
                format!("'ToleratedFailurePercentage' must be from 0 to 100, found {n}"),
            ));
        }
    }
    if let Some(r) = &m.item_reader {
        let rp = format!("{p}/ItemReader");
        s3_resource(
            out,
            &format!("{rp}/Resource"),
            &r.resource,
            "ItemReader",
            &["getObject", "listObjectsV2"],
        );
        if let Some(c) = &r.reader_config {
            let cp = format!("{rp}/ReaderConfig");
            if let Some(t) = &c.input_type {
                const TYPES: &[&str] = &["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"];
                if !TYPES.contains(&t.as_str()) {
                    out.push(schema(
                        format!("{cp}/InputType"),
                        format!(
                            "'InputType' must be one of [{}], found {t:?}",
                            TYPES.join(", ")
                        ),
                    ));
                }
            }
            if matches!(c.csv_header_location, Some(crate::CsvHeaderLocation::Given))
                && c.csv_headers.is_none()
            {
                out.push(schema(
                    cp.as_str(),
                    "the field 'CSVHeaders' is required when 'CSVHeaderLocation' is 'GIVEN'",
                ));
            }
        }
    }
    if let Some(MaxItems::MaxItems(Dynamic::Value(0))) = m
        .item_reader
        .as_ref()
        .and_then(|r| r.reader_config.as_ref())
        .and_then(|c| c.max_items.as_ref())
    {
        out.push(schema(
            format!("{p}/ItemReader/ReaderConfig/MaxItems"),
            "'MaxItems' must be at least 1",
        ));
    }
    if let Some(b) = &m.item_batcher {
        if b.max_items_per_batch.is_none() && b.max_input_bytes_per_batch.is_none() {
            // The reference requires one; the CDK and every peer accept
            // neither: a warning.
            out.push(Diagnostic::warning(
                codes::SCHEMA_VALIDATION_FAILED,
                format!("{p}/ItemBatcher"),
                "'ItemBatcher' should set 'MaxItemsPerBatch' or 'MaxInputBytesPerBatch' (or their 'Path' forms); without either, only the 256 KiB payload limit bounds a batch",
            ));
        }
        if let Some(MaxItemsPerBatch::MaxItemsPerBatch(Dynamic::Value(0))) = &b.max_items_per_batch
        {
            out.push(schema(
                format!("{p}/ItemBatcher/MaxItemsPerBatch"),
                "'MaxItemsPerBatch' must be at least 1",
            ));
        }
        if let Some(MaxInputBytesPerBatch::MaxInputBytesPerBatch(Dynamic::Value(n))) =
            &b.max_input_bytes_per_batch
        {
            if *n > MAX_BATCH_BYTES {
                out.push(schema(
                    format!("{p}/ItemBatcher/MaxInputBytesPerBatch"),
                    format!("'MaxInputBytesPerBatch' must be at most {MAX_BATCH_BYTES}, found {n}"),
                ));
            }
        }
    }
    if let Some(w) = &m.result_writer {
        let wp = format!("{p}/ResultWriter");
        if let Some(r) = &w.resource {
            s3_resource(
                out,
                &format!("{wp}/Resource"),
                r,
                "ResultWriter",
                &["putObject"],
            );
        }
        if w.resource.is_none() && w.writer_config.is_none() {
            out.push(schema(
                wp.as_str(),
                "'ResultWriter' needs 'Resource' or 'WriterConfig'",
            ));
        }
        if let Some(c) = &w.writer_config {
            let cp = format!("{wp}/WriterConfig");
            match c.output_type.as_deref() {
                None => out.push(schema(
                    cp.as_str(),
                    "the field 'OutputType' is required but was missing",
                )),
                Some("JSON" | "JSONL") => {}
                Some(t) => out.push(schema(
                    format!("{cp}/OutputType"),
                    format!("'OutputType' must be one of [JSON, JSONL], found {t:?}"),
                )),
            }
            if let Some(t) = c.transformation.as_deref() {
                if !matches!(t, "NONE" | "FLATTEN" | "COMPACT") {
                    out.push(schema(
                        format!("{cp}/Transformation"),
                        format!(
                            "'Transformation' must be one of [NONE, FLATTEN, COMPACT], found {t:?}"
                        ),
                    ));
                }
            }
        }
    }
}

/// An `ItemReader` or `ResultWriter` resource: `arn:<partition>:states:::s3:<action>`
/// with one of `actions` (a `${Name}` substitution is accepted).
fn s3_resource(out: &mut Vec<Diagnostic>, loc: &str, r: &Resource, field: &str, actions: &[&str]) {
    let ok = match r.kind() {
        ResourceKind::Integration {
            service: "s3",
            action,
            pattern: "",
            ..
        } => actions.contains(&action),
        ResourceKind::Substitution | ResourceKind::CloudFormation => true,
        _ => false,
    };
    if ok {
        return;
    }
    let expected: Vec<String> = actions
        .iter()
        .map(|a| format!("arn:<partition>:states:::s3:{a}"))
        .collect();
    let message = format!(
        "the {field} resource {} is not recognized: expected {}",
        r.as_str(),
        expected.join(" or ")
    );
    // Some other ARN or URI: the peers accept any, so (as for a Task's
    // `Resource`) a warning; another Step Functions resource is an error.
    if matches!(r.kind(), ResourceKind::Other) {
        out.push(Diagnostic::warning(codes::INVALID_RESOURCE, loc, message));
    } else {
        out.push(Diagnostic::error(codes::INVALID_RESOURCE, loc, message));
    }
}

/// `Label`: AWS's resource-name rules with a 40-character limit.
fn label_rules(out: &mut Vec<Diagnostic>, loc: &str, label: &str) {
    if let Err(problem) = super::check_name(label, MAX_LABEL) {
        out.push(Diagnostic::error(
            codes::INVALID_LABEL_NAME,
            loc,
            format!("'Label' {problem}"),
        ));
    }
}
