package emit

import (
	"fmt"
	"slices"
	"strings"

	"pipelines/model"
)

// Paths of the shared files, relative to the output folder. The folder's
// name is reserved: no service may be called that.
const (
	SharedNotes     = model.ReservedName + "/NOTES.md"
	SharedEndpoints = model.ReservedName + "/vpc-endpoints.json"
)

// Logical IDs of the VPC endpoints template.
const (
	paramRouteTables       = "RouteTableIds"
	paramVpcCidr           = "VpcCidr"
	condInterface          = "WantsInterfaceEndpoints"
	idEndpointGroup        = "EndpointSecurityGroup"
	starportLayerBucketArn = "arn:aws:s3:::prod-" + model.Region + "-starport-layer-bucket/*"
)

// endpoint is a VPC endpoint the pipelines need.
type endpoint struct {
	service string // the part after com.amazonaws.<region>.
	id      string // logical ID in the endpoints template
	gateway bool
	// users names what in the VPC needs the endpoint, none when nothing
	// does, for an endpoint only some services need (nil: every build
	// needs it); the notes write them after usersAre.
	users    func(v *vpc) []string
	usersAre string
	usedBy   string // what it is used for, after the users in the notes
	// paramDescription describes the parameter of an endpoint only some
	// services need.
	paramDescription string
}

// endpoints are the endpoints a VPC may need. Builds call S3, ECR and
// CloudWatch Logs; test projects also call CodeBuild, to which the
// CodeBuild agent uploads test and coverage reports with the project's
// role from inside the build (the reason that role is allowed the report
// actions); validation functions call CodePipeline. Nothing calls KMS or
// STS directly: S3, SNS and CloudWatch Logs use the keys on the callers'
// behalf, and roles are assumed by AWS services outside the VPC.
var endpoints = []endpoint{
	{service: "s3", id: "S3GatewayEndpoint", gateway: true, usedBy: "builds: pipeline artifacts, and image layers from ECR"},
	{service: "ecr.api", id: "EcrApiEndpoint", usedBy: "builds: ECR login and image push"},
	{service: "ecr.dkr", id: "EcrDkrEndpoint", usedBy: "builds: Docker push and pull"},
	{service: "logs", id: "LogsEndpoint", usedBy: "builds: CloudWatch Logs"},
	{
		service: "codebuild", id: "CodeBuildEndpoint",
		users:            func(v *vpc) []string { return v.tested },
		usersAre:         "test projects of ",
		usedBy:           "test and coverage reports",
		paramDescription: "Whether to create the CodeBuild interface endpoint, to which test projects upload their test and coverage reports: true for a VPC where a service has a test project (shared/NOTES.md lists them), unless the VPC has one already.",
	},
	{
		service: "codepipeline", id: "CodePipelineEndpoint",
		users:            func(v *vpc) []string { return v.validated },
		usersAre:         "validation functions of ",
		usedBy:           "reporting their result",
		paramDescription: "Whether to create the CodePipeline interface endpoint, which validation functions need: true for a VPC where a service has a validation step (shared/NOTES.md lists them), unless the VPC has one already.",
	},
}

// vpc is one VPC of the project, with the services whose builds run in it.
type vpc struct {
	id         string
	cidr       string   // every service's: validation holds them to one
	subnets    []string // in first-seen order
	subnetUses map[string][]string
	services   []*model.Service
	accounts   []string // the account_id of the services that declare one, sorted
	tested     []string // services with a test project
	validated  []string // "service (stage)" of each validation step
}

// vpcs groups the project's services by VPC, in order of VPC id.
func vpcs(p *model.Project) []*vpc {
	byID := map[string]*vpc{}
	for _, s := range p.Services {
		n := s.Network
		v := byID[n.VPCID]
		if v == nil {
			v = &vpc{id: n.VPCID, subnetUses: map[string][]string{}}
			byID[n.VPCID] = v
		}
		v.services = append(v.services, s)
		// A service without account_id runs where it is deployed: in
		// the account of the VPC's other services, for all one knows.
		if s.AccountID != "" && !slices.Contains(v.accounts, s.AccountID) {
			v.accounts = append(v.accounts, s.AccountID)
			slices.Sort(v.accounts)
		}
		v.cidr = n.CIDRBlock
		for _, sn := range n.SubnetIDs {
			if _, ok := v.subnetUses[sn]; !ok {
				v.subnets = append(v.subnets, sn)
			}
			v.subnetUses[sn] = append(v.subnetUses[sn], s.Name)
		}
		if s.Test != nil {
			v.tested = append(v.tested, s.Name)
		}
		for _, st := range s.Stages {
			if st.Validation != nil {
				v.validated = append(v.validated, fmt.Sprintf("%s (%s)", s.Name, st.Name))
			}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]*vpc, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out
}

// maxEndpointSubnets is the most subnets an interface endpoint takes in
// us-east-1: one per Availability Zone, of which the region has six.
const maxEndpointSubnets = 6

// subnetsFitEndpoints reports whether the interface endpoints may take
// every subnet the VPC's services use. With more than there are
// Availability Zones, two are in one zone, and creating an endpoint on
// both fails: the endpoints' subnets are then for the platform team to
// choose, and the template gives them no default.
func (v *vpc) subnetsFitEndpoints() bool { return len(v.subnets) <= maxEndpointSubnets }

// suffix is the EnvironmentSuffix of the VPC's endpoints stack, which only
// its security group's Name tag shows: that of the VPC's first service.
// The notes' command gives it, since the template has none by default
// when the project's services differ in it.
func (v *vpc) suffix() string { return v.services[0].EnvironmentSuffix }

// needs reports whether the VPC needs an endpoint.
func (v *vpc) needs(e endpoint) bool { return e.users == nil || len(e.users(v)) > 0 }

// anyNeeds reports whether one of vs needs an endpoint: the endpoints
// template then has it.
func anyNeeds(vs []*vpc, e endpoint) bool {
	return slices.ContainsFunc(vs, func(v *vpc) bool { return v.needs(e) })
}

// param is the parameter that says whether to create the endpoint, and
// cond the condition that reads it.
func (e endpoint) param() string { return e.id + "Needed" }
func (e endpoint) cond() string  { return "Wants" + e.id }

// RenderShared returns the files the platform team needs once for the
// whole project: shared/NOTES.md, which says what the pipelines need
// outside their own templates (VPC endpoints, key users, cross-account
// roles and the order to deploy in), and shared/vpc-endpoints.json, a
// template creating the VPC endpoints. A project without services has
// none.
func RenderShared(p *model.Project) ([]File, error) {
	if len(p.Services) == 0 {
		return nil, nil
	}
	vs := vpcs(p)
	t, err := endpointsTemplate(p, vs)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", SharedEndpoints, err)
	}
	data, err := Encode(t)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", SharedEndpoints, err)
	}
	return []File{
		{Path: SharedNotes, Data: notes(p, vs)},
		{Path: SharedEndpoints, Data: data},
	}, nil
}

// commonSuffix is the EnvironmentSuffix every service defaults to, or ""
// when they differ.
func commonSuffix(p *model.Project) string {
	suffix := p.Services[0].EnvironmentSuffix
	for _, s := range p.Services {
		if s.EnvironmentSuffix != suffix {
			return ""
		}
	}
	return suffix
}

// endpointsTemplate creates the endpoints for one VPC. Its defaults are the
// VPC's when the project has one VPC.
func endpointsTemplate(p *model.Project, vs []*vpc) (*Template, error) {
	b := newBuilder("VPC endpoints the pipelines' builds and validation functions need in a VPC without internet access: S3 (gateway), ECR, CloudWatch Logs and, where test projects and validation steps run, CodeBuild and CodePipeline (interface, private DNS).",
		TemplateInfo{Kind: "vpc-endpoints"})
	var one *vpc
	if len(vs) == 1 {
		one = vs[0]
	}
	b.suffixParam(commonSuffix(p), "Suffix of the endpoint security group's name: the EnvironmentSuffix of the pipeline stacks.")
	vpcParam := Parameter{Type: "AWS::EC2::VPC::Id", Description: "VPC the builds run in."}
	subnetsParam := Parameter{Type: "List<AWS::EC2::Subnet::Id>", Description: "Private subnets for the interface endpoints, at most one per Availability Zone."}
	cidrParam := Parameter{
		Type:                  "String",
		Description:           "IPv4 range of the VPC: the interface endpoints accept HTTPS from it.",
		AllowedPattern:        `^(?:[0-9]{1,3}\.){3}[0-9]{1,3}/(?:1[6-9]|2[0-8])$`,
		MinLength:             9,
		MaxLength:             18,
		ConstraintDescription: "an IPv4 CIDR block from /16 to /28, such as 10.20.0.0/16.",
	}
	if one != nil {
		vpcParam.Default = defaultOf(one.id)
		if one.subnetsFitEndpoints() {
			subnetsParam.Default = defaultOf(strings.Join(one.subnets, ","))
		}
		cidrParam.Default = defaultOf(one.cidr)
	}
	b.param(paramVpc, vpcParam)
	b.param(paramSubnets, subnetsParam)
	b.param(paramVpcCidr, cidrParam)
	// Required only for the S3 gateway: a rule, not the parameter,
	// refuses it empty then.
	b.param(paramRouteTables, Parameter{
		Type:        "CommaDelimitedList",
		Description: "Route tables of the private subnets, for the S3 gateway endpoint: rtb- ids separated by commas. Needed when S3GatewayEndpointNeeded is true.",
		Default:     emptyDefault(),
	})

	// Each endpoint can be left out, for a VPC that has it already: a
	// second interface endpoint of a service with private DNS, or a second
	// S3 gateway on the same route tables, fails to create.
	included := func(e endpoint) bool { return anyNeeds(vs, e) }
	var interfaces []string
	for _, e := range endpoints {
		if !included(e) {
			continue
		}
		description := fmt.Sprintf("Whether to create the %s endpoint: false where the VPC has one already, whose private DNS it would conflict with.", e.service)
		switch {
		case e.gateway:
			description = "Whether to create the S3 gateway endpoint: false where the subnets' route tables have one already, whose policy must then allow the buckets shared/NOTES.md lists."
		case e.users != nil:
			description = e.paramDescription
		}
		if !e.gateway {
			interfaces = append(interfaces, e.cond())
		}
		b.param(e.param(), Parameter{
			Type:          "String",
			Description:   description,
			Default:       defaultOf("true"),
			AllowedValues: []string{"true", "false"},
		})
		b.condition(e.cond(), Equals(Ref(e.param()), "true"))
		if e.gateway {
			b.rule("RouteTablesForS3Gateway", Rule{
				RuleCondition: Equals(Ref(e.param()), "true"),
				Assertions: []Assertion{{
					// An empty list, or an empty member: CloudFormation
					// reads "" as [""], and "rtb-1," as ["rtb-1", ""].
					Assert:            Not(Contains(Ref(paramRouteTables), "")),
					AssertDescription: "RouteTableIds must name the route tables of the private subnets, with no empty entry, when S3GatewayEndpointNeeded is true.",
				}},
			})
		}
	}
	b.condition(condInterface, Or(interfaces...))

	sharedTags := []Tag{
		{Key: "EnvironmentSuffix", Value: Ref(model.SuffixParameter)},
		{Key: "ManagedBy", Value: Generator},
	}
	b.conditional(idEndpointGroup, condInterface, "AWS::EC2::SecurityGroup", SecurityGroupProperties{
		GroupDescription: "Interface VPC endpoints of the pipelines: HTTPS from the VPC only",
		VpcId:            Ref(paramVpc),
		SecurityGroupIngress: []IngressRule{
			{Description: "HTTPS from the VPC: builds and validation functions", IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: Ref(paramVpcCidr)},
		},
		SecurityGroupEgress: []EgressRule{
			// Without a rule, a security group allows all egress.
			{Description: "Within the VPC only: endpoints answer and start no connection", IpProtocol: "tcp", FromPort: 443, ToPort: 443, CidrIp: Ref(paramVpcCidr)},
		},
		Tags: named(sharedTags, model.EndpointSecurityGroup()),
	})

	for _, e := range endpoints {
		props := VPCEndpointProperties{
			VpcId:       Ref(paramVpc),
			ServiceName: Sub("com.amazonaws.${AWS::Region}." + e.service),
			Tags:        sharedTags,
		}
		if e.gateway {
			props.VpcEndpointType = "Gateway"
			props.RouteTableIds = Ref(paramRouteTables)
			doc := s3EndpointPolicy()
			props.PolicyDocument = &doc
		} else {
			props.VpcEndpointType = "Interface"
			props.PrivateDnsEnabled = true
			props.SubnetIds = Ref(paramSubnets)
			props.SecurityGroupIds = []Value{GetAtt(idEndpointGroup, "GroupId")}
		}
		if included(e) {
			b.conditional(e.id, e.cond(), "AWS::EC2::VPCEndpoint", props)
		}
	}
	b.conditionalOutput("EndpointSecurityGroupId", condInterface, "Security group of the interface endpoints.", GetAtt(idEndpointGroup, "GroupId"))
	s3 := endpoints[slices.IndexFunc(endpoints, func(e endpoint) bool { return e.gateway })]
	b.conditionalOutput("S3GatewayEndpointId", s3.cond(), "The S3 gateway endpoint.", Ref(s3.id))
	return b.done()
}

// s3EndpointPolicy lets the VPC reach the pipelines' artifact buckets and
// the bucket ECR serves image layers from, and no other bucket. Image
// layers are fetched with URLs that ECR signs, so that statement names no
// account. Bucket names are global: anyone may create a bucket named like
// an artifact bucket of this account, so the bucket must also belong to
// it.
func s3EndpointPolicy() PolicyDocument {
	buckets := Arn("s3", "-", "-", model.ArtifactBuckets())
	objects := Arn("s3", "-", "-", model.ArtifactBuckets()+"/*")
	own := Conditions{
		{"StringEquals", "aws:PrincipalAccount", Ref("AWS::AccountId")},
		{"StringEquals", "aws:ResourceAccount", Ref("AWS::AccountId")},
	}
	return policy(
		Statement{Sid: "ReadImageLayersFromECR", Effect: "Allow", Principal: "*", Action: []string{"s3:GetObject"},
			Resource: Arn("s3", "-", "-", "prod-${AWS::Region}-starport-layer-bucket/*")},
		Statement{Sid: "ReadWriteArtifacts", Effect: "Allow", Principal: "*", Action: []string{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"}, Resource: objects, Condition: own},
		Statement{Sid: "ReadArtifactBuckets", Effect: "Allow", Principal: "*", Action: []string{"s3:GetBucketAcl", "s3:GetBucketLocation", "s3:GetBucketVersioning"}, Resource: buckets, Condition: own},
	)
}
