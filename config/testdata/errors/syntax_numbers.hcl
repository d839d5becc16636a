# Numbers in another base than ten, which HCL does not have: each is
# reported as such, where it starts.
service "orders" {
  container_port = 0x1F90 # ERROR: Invalid number
}

service "payments" {
  container_port = 0o17 # ERROR: Invalid number
}

service "search" {
  task_roles = ["a", 0b101] # ERROR: Invalid number
}
