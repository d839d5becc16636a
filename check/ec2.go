package check

import (
	"fmt"
)

// checkSecurityGroups applies PL080 and PL081 to security groups and their
// stand-alone rules.
func checkSecurityGroups(t *template) {
	for id, r := range t.each() {
		p := r.props
		switch r.typ {
		case "AWS::EC2::SecurityGroup":
			for i, rule := range list(get(p, "SecurityGroupIngress")) {
				checkIngress(t, id, fmt.Sprintf("Properties.SecurityGroupIngress[%d]", i), rule)
			}
			egress := list(get(p, "SecurityGroupEgress"))
			for i, rule := range egress {
				checkEgress(t, id, fmt.Sprintf("Properties.SecurityGroupEgress[%d]", i), rule)
			}
			if len(egress) == 0 && get(p, "SecurityGroupEgress") == nil && !t.hasEgressResource(id) {
				t.report(id, "PL081", "The security group declares no egress rules, so AWS allows all outbound traffic; add SecurityGroupEgress rules for what the VPC endpoints need.")
			}
		case "AWS::EC2::SecurityGroupIngress":
			checkIngress(t, id, "Properties", p)
		case "AWS::EC2::SecurityGroupEgress":
			checkEgress(t, id, "Properties", p)
		}
	}
}

// hasEgressResource reports whether an AWS::EC2::SecurityGroupEgress adds
// a rule to the group.
func (t *template) hasEgressResource(group string) bool {
	return len(t.referrers("AWS::EC2::SecurityGroupEgress GroupId", "AWS::EC2::SecurityGroupEgress", func(p *object) []any {
		return []any{get(p, "GroupId")}
	})[group]) > 0
}

// openCIDR returns the rule's CIDR when it is the whole internet.
func openCIDR(rule any) string {
	for _, key := range []string{"CidrIp", "CidrIpv6"} {
		if v, ok := literal(get(rule, key)); ok && (v == "0.0.0.0/0" || v == "::/0") {
			return v
		}
	}
	return ""
}

func checkIngress(t *template, id, path string, rule any) {
	if cidr := openCIDR(rule); cidr != "" {
		t.reportf(id, "PL080", "%s allows ingress from %s; allow only the CIDR blocks, prefix lists or security groups that need access.", path, cidr)
	}
}

func checkEgress(t *template, id, path string, rule any) {
	if cidr := openCIDR(rule); cidr != "" {
		t.reportf(id, "PL081", "%s allows traffic to %s, the whole internet; builds and validation functions reach AWS only through the VPC endpoints, so allow only destinations in the VPC: its CIDR range, a prefix list (S3's, for the gateway endpoint) or a security group.", path, cidr)
	}
}

// literalText returns a literal scalar as text.
func literalText(v any) (string, bool) {
	if v == nil || isIntrinsic(v) {
		return "", false
	}
	return scalarText(v), true
}
