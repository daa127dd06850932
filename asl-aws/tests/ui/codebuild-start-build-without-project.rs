// `ProjectName` is required: a CodeBuildStartBuild without it does not compile.
use asl_aws::CodeBuildStartBuild;

fn main() {
    let _task = CodeBuildStartBuild::builder()
        .source_version("main")
        .build();
}
