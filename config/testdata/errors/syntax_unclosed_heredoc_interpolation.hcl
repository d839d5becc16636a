# An interpolation or directive left open in a heredoc would read the
# line that ends the heredoc, and the blocks after it, as part of it: it
# is reported once, where it opens. (In a heredoc, # starts no comment:
# the markers of the lines that follow are part of the text.)
defaults {
  branch = <<EOT
# ERROR ON NEXT LINE: Unclosed template interpolation
${main
EOT
}

service "orders" {
  branch = <<EOT
# ERROR ON NEXT LINE: Unclosed template directive
abc %{if
EOT
  container_port = 80
}

service "payments" {
  branch = <<-EOT
    # ERROR ON NEXT LINE: Unclosed template interpolation
    ab ${c
    d
    EOT
}

# Closed before the marker, as HCL allows, they are no error here.
service "search" {
  branch = <<EOT
a${
"b"}
EOT
}
