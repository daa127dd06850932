// Validator warnings are compiler warnings; this file denies them, so that
// the snapshot shows what rustc prints. `#![allow(CODE)]` in the input, or
// `#[allow(deprecated)]`, silences them.
#![deny(deprecated)]

fn main() {
    // A path-like value under a key without `.$` is a literal (NO_DOLLAR).
    let _ = asl_kit::state_machine! {
        StartAt: A,
        States: {
            A: Pass { Parameters: { "x": "$.a" }, End: true },
        }
    };

    // A variable no Assign defines.
    let _ = asl_kit::state_machine! {
        QueryLanguage: "JSONata",
        StartAt: B,
        States: {
            B: Pass { Output: "{% $nope %}", End: true },
        }
    };

    // A raw Claude body without anthropic_version and max_tokens.
    let _ = asl_kit::state_machine! {
        StartAt: Ask,
        States: {
            Ask: bedrock::InvokeModel {
                ModelId: "anthropic.claude-3-haiku-20240307-v1:0",
                Body: { "messages": [{ "role": "user", "content": "Hi" }] },
                End: true,
            },
        }
    };

    // include_asl! warns the same way, at the path.
    let _ = asl_kit::include_asl!("tests/fixtures/literal-path.asl.json");

    // Silenced by code: no warning here.
    let _ = asl_kit::state_machine! {
        #![allow(NO_DOLLAR)]
        StartAt: C,
        States: {
            C: Pass { Parameters: { "x": "$.c" }, End: true },
        }
    };

    // Silenced like any deprecation.
    #[allow(deprecated)]
    let _ = asl_kit::state_machine! {
        StartAt: D,
        States: {
            D: Pass { Parameters: { "x": "$.d" }, End: true },
        }
    };
}
