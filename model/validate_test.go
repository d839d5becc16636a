package model

import (
	"net/netip"
	"testing"
)

// TestNumericHost: a host made only of numbers is read by resolvers as an
// IPv4 address, whatever form the numbers take.
func TestNumericHost(t *testing.T) {
	tests := []struct {
		host    string
		numeric bool
		read    string // "" when the numbers make no address
	}{
		{"orders.internal.example.com", false, ""},
		{"api-2.example.com", false, ""},
		{"10.20.0.5.example.com", false, ""},
		{"0xfeed.example", false, ""},
		{"1e5", false, ""},
		{"1..2", false, ""},
		{"0xg", false, ""},

		{"010.020.0.5", true, "8.16.0.5"},
		{"134744072", true, "8.8.8.8"},
		{"0x08080808", true, "8.8.8.8"},
		{"0X8.0x8.0x8.0x8", true, "8.8.8.8"},
		{"10.1310725", true, "10.20.0.5"},
		{"10.20.5", true, "10.20.0.5"},
		{"10.20.0.5.", true, "10.20.0.5"},
		{"0x", true, "0.0.0.0"},
		{"00", true, "0.0.0.0"},
		{"4294967295", true, "255.255.255.255"},

		{"08.8.8.8", true, ""},                // 8 is no octal digit
		{"4294967296", true, ""},              // over 32 bits
		{"256.1.1.1", true, ""},               // a byte over 255
		{"1.2.65536", true, ""},               // over the two bytes left
		{"1.2.3.4.5", true, ""},               // five numbers
		{"0x100000000", true, ""},             // over 32 bits
		{"99999999999999999999999", true, ""}, // over 64 bits
		{"1.2.3.256", true, ""},               // the last byte over 255
		{"0x1.0x2.0x3.0x4.", true, "1.2.3.4"}, // absolute
		{"0377.0377.0377.0377", true, "255.255.255.255"},
	}
	for _, tt := range tests {
		read, numeric := numericHost(tt.host)
		want := netip.Addr{}
		if tt.read != "" {
			want = netip.MustParseAddr(tt.read)
		}
		if numeric != tt.numeric || read != want {
			t.Errorf("numericHost(%q) = %v, %v; want %v, %v", tt.host, read, numeric, want, tt.numeric)
		}
	}
}

// TestLastAddr: the broadcast address of a VPC's range.
func TestLastAddr(t *testing.T) {
	tests := []struct{ prefix, want string }{
		{"10.20.0.0/16", "10.20.255.255"},
		{"10.0.0.0/8", "10.255.255.255"},
		{"192.168.4.16/28", "192.168.4.31"},
		{"172.16.1.0/24", "172.16.1.255"},
		{"10.20.1.0/16", "10.20.255.255"}, // host bits set
		{"0.0.0.0/0", "255.255.255.255"},
		{"10.20.0.5/32", "10.20.0.5"},
	}
	for _, tt := range tests {
		if got := lastAddr(netip.MustParsePrefix(tt.prefix)); got != netip.MustParseAddr(tt.want) {
			t.Errorf("lastAddr(%s) = %v, want %s", tt.prefix, got, tt.want)
		}
	}
	if got := lastAddr(netip.MustParsePrefix("fd00::/64")); got.IsValid() {
		t.Errorf("lastAddr(fd00::/64) = %v, want the invalid address", got)
	}
}
