package config

import (
	"github.com/hashicorp/hcl/v2"

	"pipelines/model"
)

// networkBlock is the VPC CodeBuild runs in.
type networkBlock struct {
	vpcID, cidrBlock, s3PrefixListID attr[string]
	subnetIDs                        attr[[]string]
}

var networkBlockSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "vpc_id"},
		{Name: "subnet_ids"},
		{Name: "cidr_block"},
		{Name: "s3_prefix_list_id"},
	},
}

func decodeNetworkBlock(block *hcl.Block, layer model.Layer) (networkBlock, hcl.Diagnostics) {
	var b networkBlock
	content, diags := bodyContent(block.Body, networkBlockSchema)
	diags = append(diags, decodeAttr(content.Attributes, "vpc_id", layer, &b.vpcID)...)
	diags = append(diags, decodeAttr(content.Attributes, "subnet_ids", layer, &b.subnetIDs)...)
	diags = append(diags, decodeAttr(content.Attributes, "cidr_block", layer, &b.cidrBlock)...)
	diags = append(diags, decodeAttr(content.Attributes, "s3_prefix_list_id", layer, &b.s3PrefixListID)...)
	return b, diags
}

func mergeNetwork(base, over networkBlock) networkBlock {
	return networkBlock{
		vpcID:          over.vpcID.or(base.vpcID),
		subnetIDs:      over.subnetIDs.or(base.subnetIDs),
		cidrBlock:      over.cidrBlock.or(base.cidrBlock),
		s3PrefixListID: over.s3PrefixListID.or(base.s3PrefixListID),
	}
}

func (l *lowerer) network(b networkBlock) model.Network {
	l.required("network.vpc_id", b.vpcID.set())
	l.required("network.subnet_ids", b.subnetIDs.set())
	l.required("network.cidr_block", b.cidrBlock.set())
	return model.Network{
		VPCID:          l.str("network.vpc_id", b.vpcID),
		SubnetIDs:      l.list("network.subnet_ids", b.subnetIDs),
		CIDRBlock:      l.str("network.cidr_block", b.cidrBlock),
		S3PrefixListID: l.str("network.s3_prefix_list_id", b.s3PrefixListID),
	}
}
