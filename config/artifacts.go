package config

import (
	"github.com/hashicorp/hcl/v2"

	"pipelines/model"
)

// artifactsBlock configures the artifact bucket.
type artifactsBlock struct {
	expireDays, noncurrentExpireDays attr[int]
	accessLogsBucket                 attr[string]
}

var artifactsBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "expire_days"},
		{Name: "noncurrent_expire_days"},
		{Name: "access_logs_bucket"},
	},
}

func decodeArtifactsBlock(block *hcl.Block, layer model.Layer) (artifactsBlock, hcl.Diagnostics) {
	var b artifactsBlock
	content, diags := bodyContent(block.Body, artifactsBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "expire_days", layer, &b.expireDays)...)
	diags = append(diags, decodeAttr(content.Attributes, "noncurrent_expire_days", layer, &b.noncurrentExpireDays)...)
	diags = append(diags, decodeAttr(content.Attributes, "access_logs_bucket", layer, &b.accessLogsBucket)...)
	return b, diags
}

func mergeArtifacts(base, over artifactsBlock) artifactsBlock {
	return artifactsBlock{
		expireDays:           over.expireDays.or(base.expireDays),
		noncurrentExpireDays: over.noncurrentExpireDays.or(base.noncurrentExpireDays),
		accessLogsBucket:     over.accessLogsBucket.or(base.accessLogsBucket),
	}
}

func (l *lowerer) artifacts(b artifactsBlock) model.Artifacts {
	l.required("artifacts.access_logs_bucket", b.accessLogsBucket.set())
	return model.Artifacts{
		ExpireDays:           l.int("artifacts.expire_days", b.expireDays),
		NoncurrentExpireDays: l.int("artifacts.noncurrent_expire_days", b.noncurrentExpireDays),
		AccessLogsBucket:     l.str("artifacts.access_logs_bucket", b.accessLogsBucket),
	}
}

// logsBlock configures the build log group.
type logsBlock struct {
	retentionDays attr[int]
}

var logsBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "retention_days"}},
}

func decodeLogsBlock(block *hcl.Block, layer model.Layer) (logsBlock, hcl.Diagnostics) {
	var b logsBlock
	content, diags := bodyContent(block.Body, logsBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "retention_days", layer, &b.retentionDays)...)
	return b, diags
}

func mergeLogs(base, over logsBlock) logsBlock {
	return logsBlock{retentionDays: over.retentionDays.or(base.retentionDays)}
}

func (l *lowerer) logs(b logsBlock) model.Logs {
	return model.Logs{RetentionDays: l.int("logs.retention_days", b.retentionDays)}
}

// notificationsBlock switches on the SNS topic for approvals and pipeline
// events.
type notificationsBlock struct {
	enabled attr[bool]
	emails  attr[[]string]
}

var notificationsBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "enabled"}, {Name: "emails"}},
}

func decodeNotificationsBlock(block *hcl.Block, layer model.Layer) (notificationsBlock, hcl.Diagnostics) {
	b := notificationsBlock{enabled: present(block, layer)}
	content, diags := bodyContent(block.Body, notificationsBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "enabled", layer, &b.enabled)...)
	diags = append(diags, decodeAttr(content.Attributes, "emails", layer, &b.emails)...)
	return b, diags
}

func mergeNotifications(base, over notificationsBlock) notificationsBlock {
	return notificationsBlock{
		enabled: over.enabled.or(base.enabled),
		emails:  over.emails.or(base.emails),
	}
}

// notifications lowers the notifications block: nil when it is off, and
// then, if it is declared, among the disabled blocks, where emails are
// not required.
func (l *lowerer) notifications(b notificationsBlock) *model.Notifications {
	on := l.bool("notifications.enabled", b.enabled)
	if !on && !declared(b.enabled) {
		return nil
	}
	if on {
		l.required("notifications.emails", b.emails.set())
	}
	l.off = !on
	n := &model.Notifications{Emails: l.list("notifications.emails", b.emails)}
	l.off = false
	if on {
		return n
	}
	l.offBlocks().blocks.Notifications = n
	return nil
}
