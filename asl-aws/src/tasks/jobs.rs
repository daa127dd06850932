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
    EcsRunTask {
        api: "ecs:runTask",
        resources: ["ecs:runTask", "ecs:runTask.sync", "ecs:runTask.waitForTaskToken"],
        default_pattern: crate::Pattern::Sync,
        required {
            /// `TaskDefinition` (required).
            task_definition: String = "TaskDefinition" via put,
        }
        optional {
            /// `Cluster`.
            cluster: String = "Cluster" via put,
            /// `LaunchType`.
            launch_type: String = "LaunchType" via put,
            /// `NetworkConfiguration`.
            network_configuration: Value = "NetworkConfiguration" via template,
            /// `Overrides`.
            overrides: Value = "Overrides" via template,
        }
        allow [
            "CapacityProviderStrategy", "ClientToken", "Count", "EnableECSManagedTags",
            "EnableExecuteCommand", "Group", "PlacementConstraints", "PlacementStrategy",
            "PlatformVersion", "PropagateTags", "ReferenceId", "StartedBy", "Tags",
            "VolumeConfigurations",
        ]
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
    GlueStartJobRun {
        api: "glue:startJobRun",
        resources: ["glue:startJobRun", "glue:startJobRun.sync"],
        default_pattern: crate::Pattern::Sync,
        required {
            /// `JobName` (required).
            job_name: String = "JobName" via put,
        }
        optional {
            /// `Arguments`: the job's arguments.
            arguments: Value = "Arguments" via template,
            /// `Timeout` (minutes).
            timeout: u64 = "Timeout" via put,
            /// `WorkerType`.
            worker_type: String = "WorkerType" via put,
            /// `NumberOfWorkers`.
            number_of_workers: u64 = "NumberOfWorkers" via put,
        }
        allow [
            "AllocatedCapacity", "ExecutionClass", "ExecutionRoleSessionPolicy", "JobRunId",
            "JobRunQueuingEnabled", "MaxCapacity", "NotificationProperty", "SecurityConfiguration",
        ]
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
    BatchSubmitJob {
        api: "batch:submitJob",
        resources: ["batch:submitJob", "batch:submitJob.sync"],
        default_pattern: crate::Pattern::Sync,
        required {
            /// `JobName` (required).
            job_name: String = "JobName" via put,
            /// `JobDefinition` (required).
            job_definition: String = "JobDefinition" via put,
            /// `JobQueue` (required).
            job_queue: String = "JobQueue" via put,
        }
        optional {
            /// `Parameters`: the job definition's parameters.
            parameters: Value = "Parameters" via template,
            /// `ContainerOverrides`.
            container_overrides: Value = "ContainerOverrides" via template,
            /// `ArrayProperties`.
            array_properties: Value = "ArrayProperties" via template,
        }
        allow [
            "ConsumableResourcePropertiesOverride", "DependsOn", "EcsPropertiesOverride",
            "EksPropertiesOverride", "NodeOverrides", "PropagateTags", "RetryStrategy",
            "SchedulingPriorityOverride", "ShareIdentifier", "Tags", "Timeout",
        ]
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
    AthenaStartQueryExecution {
        api: "athena:startQueryExecution",
        resources: ["athena:startQueryExecution", "athena:startQueryExecution.sync"],
        default_pattern: crate::Pattern::Sync,
        required {
            /// `QueryString` (required).
            query_string: String = "QueryString" via put,
        }
        optional {
            /// `QueryExecutionContext` (`Database`, `Catalog`).
            query_execution_context: Value = "QueryExecutionContext" via template,
            /// `ResultConfiguration` (`OutputLocation`, …).
            result_configuration: Value = "ResultConfiguration" via template,
            /// `WorkGroup`.
            work_group: String = "WorkGroup" via put,
        }
        allow ["ClientRequestToken", "ExecutionParameters", "ResultReuseConfiguration"]
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
    CodeBuildStartBuild {
        api: "codebuild:startBuild",
        resources: ["codebuild:startBuild", "codebuild:startBuild.sync"],
        default_pattern: crate::Pattern::Sync,
        required {
            /// `ProjectName` (required).
            project_name: String = "ProjectName" via put,
        }
        optional {
            /// `SourceVersion`.
            source_version: String = "SourceVersion" via put,
            /// `EnvironmentVariablesOverride`.
            environment_variables_override: Value = "EnvironmentVariablesOverride" via template,
        }
        allow [
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
        ]
    }
}
