//! Amazon EventBridge: `events:putEvents` (request-response,
//! `.waitForTaskToken`): `events:PutEvents` on each entry's event bus (the
//! `default` bus when an entry names none); `arn:P:events:*:*:event-bus/*`
//! when a bus is only known at run time, as the developer guide's dynamic
//! template.

use crate::grant::{Call, Out};
use crate::request::Field;

pub(crate) fn grant(call: &Call<'_>, out: &mut Out<'_>) -> bool {
    if call.action != "putEvents" {
        return false;
    }
    let any = out.anywhere("events", "event-bus/*");
    let mut buses = Vec::new();
    match call.params.objects("Entries") {
        Some(entries) => {
            for entry in entries {
                let bus = match entry.str("EventBusName") {
                    Field::Absent if !entry.is_opaque() => {
                        out.regional("events", "event-bus/default")
                    }
                    other => out.arn_or(
                        &other,
                        |b| out.regional("events", &format!("event-bus/{b}")),
                        any.clone(),
                    ),
                };
                if !buses.contains(&bus) {
                    buses.push(bus);
                }
            }
        }
        None => buses.push(any),
    }
    if buses.is_empty() {
        buses.push(out.regional("events", "event-bus/default"));
    }
    out.allow("PutEvents", &["events:PutEvents"], buses);
    true
}
