package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"pipelines/model"
)

// Events of the pipeline that the notification rule sends to the topic.
// Approvals are not among them: each approval action notifies the topic
// itself, with a message saying what is approved, and the rule would send
// every approval twice.
var notificationEvents = []string{
	"codepipeline-pipeline-pipeline-execution-canceled",
	"codepipeline-pipeline-pipeline-execution-failed",
	"codepipeline-pipeline-pipeline-execution-succeeded",
}

// subscriptionID names an email subscription after a hash of its address,
// so that reordering the list replaces no subscription (each replacement
// would ask its recipient to confirm again).
func subscriptionID(email string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email)))
	return "EmailSubscription" + strings.ToUpper(hex.EncodeToString(sum[:])[:10])
}

// notifications is the SNS topic of approvals and pipeline events, its
// email subscriptions, the policy saying who may publish to it, and the
// rule sending pipeline events to it. The topic is encrypted with the
// pipeline's key, whose policy lets the publishers use it through SNS.
func (p *pipelineBuilder) notifications() {
	s := p.s
	n := s.Notifications
	if n == nil {
		return
	}
	p.resource(idTopic, "AWS::SNS::Topic", TopicProperties{
		TopicName:      sub(s.Topic()),
		DisplayName:    "Pipeline of " + s.Name,
		KmsMasterKeyId: p.keyArn(),
		Tags:           p.tags,
	})
	for _, email := range n.Emails {
		p.resource(subscriptionID(email), "AWS::SNS::Subscription", SubscriptionProperties{
			TopicArn: Ref(idTopic),
			Protocol: "email",
			Endpoint: email,
		})
	}
	// The pipeline's role publishes approvals with its own IAM policy,
	// which is enough within its account: the topic's policy names no
	// role, so it does not depend on a role created moments before.
	p.resource(idTopicPolicy, "AWS::SNS::TopicPolicy", TopicPolicyProperties{
		Topics: []Value{Ref(idTopic)},
		PolicyDocument: policy(
			Statement{
				Sid:       "CodeStarNotificationsPublishPipelineEvents",
				Effect:    "Allow",
				Principal: servicePrincipal("codestar-notifications.amazonaws.com"),
				Action:    []string{"sns:Publish"},
				Resource:  Ref(idTopic),
				Condition: Conditions{{"StringEquals", "aws:SourceAccount", Ref("AWS::AccountId")}},
			},
			Statement{
				Sid:       "DenyInsecureTransport",
				Effect:    "Deny",
				Principal: "*",
				Action:    []string{"sns:Publish"},
				Resource:  Ref(idTopic),
				Condition: Conditions{{"Bool", "aws:SecureTransport", "false"}},
			},
		),
	})
	// CodeStar Notifications checks that it may publish to the topic
	// when the rule is created, so the rule waits for the topic's policy.
	p.resource(idNotifyRule, "AWS::CodeStarNotifications::NotificationRule", NotificationRuleProperties{
		Name:         sub(s.NotificationRule()),
		DetailType:   "FULL",
		EventTypeIds: notificationEvents,
		Resource:     p.pipelineArn(),
		Status:       "ENABLED",
		Targets:      []NotificationTarget{{TargetType: "SNS", TargetAddress: Ref(idTopic)}},
		Tags: map[string]Value{
			"EnvironmentSuffix": Ref(model.SuffixParameter),
			"ManagedBy":         Generator,
			"Service":           s.Name,
		},
	}, idTopicPolicy)
}
