package check

import (
	"slices"
)

// checkDeploymentGroups applies PL070 and PL071 to every deployment group.
func checkDeploymentGroups(t *template) {
	for id, r := range t.each() {
		if r.typ != "AWS::CodeDeploy::DeploymentGroup" {
			continue
		}
		p := r.props
		if t.isECSGroup(p) {
			checkBlueGreen(t, id, p)
		}
		checkAutoRollback(t, id, p)
	}
}

// isECSGroup reports whether a deployment group deploys to ECS: it names ECS
// services, or its application's compute platform is ECS.
func (t *template) isECSGroup(p *object) bool {
	if get(p, "ECSServices") != nil {
		return true
	}
	for _, ref := range refsIn(get(p, "ApplicationName")) {
		if app := t.resources[ref]; app != nil && app.typ == "AWS::CodeDeploy::Application" {
			return get(app.props, "ComputePlatform") == "ECS"
		}
	}
	return false
}

func checkBlueGreen(t *template, id string, p *object) {
	want := map[string]string{"DeploymentType": "BLUE_GREEN", "DeploymentOption": "WITH_TRAFFIC_CONTROL"}
	for _, key := range []string{"DeploymentOption", "DeploymentType"} {
		v := get(p, "DeploymentStyle", key)
		if isIntrinsic(v) {
			continue
		}
		if s, _ := literal(v); s != want[key] {
			t.reportf(id, "PL070", "Properties.DeploymentStyle.%s is %s; ECS deployments use %q.", key, showOrUnset(v), want[key])
		}
	}
}

func checkAutoRollback(t *template, id string, p *object) {
	arc := get(p, "AutoRollbackConfiguration")
	if isIntrinsic(arc) {
		return
	}
	if !isTrue(get(arc, "Enabled")) {
		t.report(id, "PL071", "Properties.AutoRollbackConfiguration.Enabled is not true; enable it with DEPLOYMENT_FAILURE among its Events.")
		return
	}
	events, dynamic := literals(get(arc, "Events"))
	if !dynamic && !slices.Contains(events, "DEPLOYMENT_FAILURE") {
		t.report(id, "PL071", "Properties.AutoRollbackConfiguration.Events does not include DEPLOYMENT_FAILURE; add it so failed deployments roll back.")
	}
}

// showOrUnset renders a value for a message, or "not set".
func showOrUnset(v any) string {
	if v == nil {
		return "not set"
	}
	return show(v)
}
