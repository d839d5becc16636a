package config

import "pipelines/model"

// builtinLayer holds the values every service gets unless defaults or the
// service set them. Attributes without an entry here or in builtinStage
// are either required (vpc_id, subnet_ids, cidr_block, access_logs_bucket,
// a stage's cluster and listener_arn, and the emails of notifications and
// the url of a validation block when they are on) or derived from the
// service's name.
func builtinLayer() layerBlock {
	return layerBlock{
		layer:             model.LayerBuiltin,
		environmentSuffix: builtin("dev"),
		region:            builtin(model.Region),
		accountID:         builtin(""), // the pipeline's account; needed only for cross-account stages
		branch:            builtin("main"),
		containerPort:     builtin(80),
		// Any role of the account may be passed to ECS tasks.
		taskRoles: builtin([]string{}),
		network: networkBlock{
			// The AWS-managed prefix list of S3 in us-east-1
			// (com.amazonaws.us-east-1.s3): build egress to the S3
			// gateway endpoint.
			s3PrefixListID: builtin("pl-63a5400a"),
		},
		build: buildBlock{
			computeType:    builtin(model.ComputeType),
			image:          builtin("aws/codebuild/amazonlinux2-x86_64-standard:5.0"),
			buildspec:      builtin("buildspec.yml"),
			timeoutMinutes: builtin(30),
			// ECR repositories of the pipeline's account that Dockerfiles
			// build FROM; the service's own repository is always readable.
			baseImageRepositories: builtin([]string{}),
		},
		test: testBlock{
			enabled:        builtin(false),
			buildspec:      builtin("buildspec-test.yml"),
			timeoutMinutes: builtin(30),
		},
		artifacts: artifactsBlock{
			expireDays:           builtin(90),
			noncurrentExpireDays: builtin(30),
		},
		logs:          logsBlock{retentionDays: builtin(model.LogRetentionDays)},
		notifications: notificationsBlock{enabled: builtin(false)},
	}
}

// builtinStage holds the values every stage gets unless defaults or the
// service set them. Values derived from the stage's name alone are made
// once per stage (see stagePaths).
func builtinStage(service string, stage *stagePaths) stageBlock {
	return stageBlock{
		accountID:          builtin(""), // the pipeline's own account
		ecsService:         derived(service),
		testListenerARN:    builtin(""),
		targetGroups:       derived(model.DefaultTargetGroups(service, stage.name)),
		rollbackAlarms:     builtin([]string{}),
		requireApproval:    builtin(false),
		taskDefinitionPath: derived(stage.defaultTaskDefinitionPath), // model.DefaultTaskDefinitionPath
		appSpecPath:        derived(stage.defaultAppSpecPath),        // model.DefaultAppSpecPath
		validation: validationBlock{
			enabled:        builtin(false),
			expectedStatus: builtin(200),
			timeoutSeconds: builtin(10),
		},
	}
}
