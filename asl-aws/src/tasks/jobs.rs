//! The job services, run and awaited with `.sync`: ECS `runTask`, Glue
//! `startJobRun`, Batch `submitJob`, Athena `startQueryExecution`,
//! CodeBuild `startBuild`. Their builders default to `.sync`.

use super::typed_task;
use serde_json::Value;

typed_task! {
    /// A typed `ecs:runTask` request (default `.sync`); `task_definition`
    /// is required (leaving it out does not compile).
    ///
    /// ```
    /// use asl_aws::EcsRunTask;
    /// use asl_core::Task;
    /// let task: Task = EcsRunTask::builder().task_definition("work:3").cluster("main").build().into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::ecs:runTask.sync");
    /// ```
    EcsRunTask: "ecs:runTask" + [".sync", ".waitForTaskToken"], default Sync {
        required { task_definition: String = "TaskDefinition" }
        optional {
            cluster: String = "Cluster",
            launch_type: String = "LaunchType",
            network_configuration: Value = "NetworkConfiguration",
            overrides: Value = "Overrides",
        }
        allow &[
            "CapacityProviderStrategy", "ClientToken", "Count", "EnableECSManagedTags",
            "EnableExecuteCommand", "Group", "PlacementConstraints", "PlacementStrategy",
            "PlatformVersion", "PropagateTags", "ReferenceId", "StartedBy", "Tags",
            "VolumeConfigurations",
        ];
    }
}

typed_task! {
    /// A typed `glue:startJobRun` request (default `.sync`); `job_name` is
    /// required (leaving it out does not compile).
    ///
    /// ```
    /// use asl_aws::GlueStartJobRun;
    /// use asl_core::Task;
    /// let task: Task = GlueStartJobRun::builder().job_name("etl").build().into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::glue:startJobRun.sync");
    /// ```
    GlueStartJobRun: "glue:startJobRun" + [".sync"], default Sync {
        required { job_name: String = "JobName" }
        optional {
            arguments: Value = "Arguments": "the job's arguments",
            timeout: u64 = "Timeout": "minutes",
            worker_type: String = "WorkerType",
            number_of_workers: u64 = "NumberOfWorkers",
        }
        allow &[
            "AllocatedCapacity", "ExecutionClass", "ExecutionRoleSessionPolicy", "JobRunId",
            "JobRunQueuingEnabled", "MaxCapacity", "NotificationProperty", "SecurityConfiguration",
        ];
    }
}

typed_task! {
    /// A typed `batch:submitJob` request (default `.sync`); `job_name`,
    /// `job_definition` and `job_queue` are required (leaving one out does
    /// not compile).
    ///
    /// ```
    /// use asl_aws::BatchSubmitJob;
    /// use asl_core::Task;
    /// let task: Task = BatchSubmitJob::builder()
    ///     .job_name("nightly")
    ///     .job_definition("arn:aws:batch:us-east-1:123456789012:job-definition/def:1")
    ///     .job_queue("arn:aws:batch:us-east-1:123456789012:job-queue/q")
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::batch:submitJob.sync");
    /// ```
    BatchSubmitJob: "batch:submitJob" + [".sync"], default Sync {
        required {
            job_name: String = "JobName",
            job_definition: String = "JobDefinition",
            job_queue: String = "JobQueue",
        }
        optional {
            parameters: Value = "Parameters": "the job definition's parameters",
            container_overrides: Value = "ContainerOverrides",
            array_properties: Value = "ArrayProperties",
        }
        allow &[
            "ConsumableResourcePropertiesOverride", "DependsOn", "EcsPropertiesOverride",
            "EksPropertiesOverride", "NodeOverrides", "PropagateTags", "RetryStrategy",
            "SchedulingPriorityOverride", "ShareIdentifier", "Tags", "Timeout",
        ];
    }
}

typed_task! {
    /// A typed `athena:startQueryExecution` request (default `.sync`);
    /// `query_string` is required (leaving it out does not compile).
    ///
    /// ```
    /// use asl_aws::AthenaStartQueryExecution;
    /// use asl_core::Task;
    /// let task: Task = AthenaStartQueryExecution::builder()
    ///     .query_string("SELECT 1")
    ///     .work_group("primary")
    ///     .build()
    ///     .into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::athena:startQueryExecution.sync");
    /// ```
    AthenaStartQueryExecution: "athena:startQueryExecution" + [".sync"], default Sync {
        required { query_string: String = "QueryString" }
        optional {
            query_execution_context: Value = "QueryExecutionContext": "`Database`, `Catalog`",
            result_configuration: Value = "ResultConfiguration": "`OutputLocation`, …",
            work_group: String = "WorkGroup",
        }
        allow &["ClientRequestToken", "ExecutionParameters", "ResultReuseConfiguration"];
    }
}

typed_task! {
    /// A typed `codebuild:startBuild` request (default `.sync`);
    /// `project_name` is required (leaving it out does not compile). The
    /// many `…Override` parameters are kept in `other`.
    ///
    /// ```
    /// use asl_aws::CodeBuildStartBuild;
    /// use asl_core::Task;
    /// let task: Task = CodeBuildStartBuild::builder().project_name("site").build().into();
    /// assert_eq!(task.resource.to_string(), "arn:aws:states:::codebuild:startBuild.sync");
    /// ```
    CodeBuildStartBuild: "codebuild:startBuild" + [".sync"], default Sync {
        required { project_name: String = "ProjectName" }
        optional {
            source_version: String = "SourceVersion",
            environment_variables_override: Value = "EnvironmentVariablesOverride",
        }
        allow &[
            "ArtifactsOverride", "AutoRetryLimitOverride", "BuildStatusConfigOverride",
            "BuildspecOverride", "CacheOverride", "CertificateOverride", "ComputeTypeOverride",
            "DebugSessionEnabled", "EncryptionKeyOverride", "EnvironmentTypeOverride",
            "FleetOverride", "GitCloneDepthOverride", "GitSubmodulesConfigOverride",
            "IdempotencyToken", "ImageOverride", "ImagePullCredentialsTypeOverride",
            "InsecureSslOverride", "LogsConfigOverride", "PrivilegedModeOverride",
            "QueuedTimeoutInMinutesOverride", "RegistryCredentialOverride",
            "ReportBuildStatusOverride", "SecondaryArtifactsOverride",
            "SecondarySourcesOverride", "SecondarySourcesVersionOverride",
            "ServiceRoleOverride", "SourceAuthOverride", "SourceLocationOverride",
            "SourceTypeOverride", "TimeoutInMinutesOverride",
        ];
    }
}
