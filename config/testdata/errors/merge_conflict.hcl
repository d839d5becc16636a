# A merge conflict left in the file: each marker line is reported, and
# nothing else is parsed until it is resolved.
defaults {
  account_id = "111111111111"
<<<<<<< HEAD # ERROR: Merge conflict marker
  branch = "main"
======= # ERROR: Merge conflict marker
  branch = "trunk"
>>>>>>> feature # ERROR: Merge conflict marker
}
