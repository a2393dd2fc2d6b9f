"""The Terraform binary and its offline configuration: `tfenv.py` finds `terraform` (or
`tofu`) and a provider mirror and writes the CLI config that uses them; `offline.tfrc` is a
ready CLI config for a mirror, which a failed init's hint points users to."""
